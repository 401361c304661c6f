// Whether .next holds a build of the current sources made with this server-action key (the key
// is part of the build). `npm start` and `npm run bench` both build only when it does not.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "db", "messages", "proxy.ts", "auth.ts", "auth.config.ts", "next.config.ts", "package-lock.json", "app.css"];

function stampFile(root: string): string {
  return path.join(root, ".next", "zhongshu-build.json");
}

function fingerprint(actionsKey: string): string {
  return createHash("sha256").update(actionsKey).digest("hex").slice(0, 16);
}

function newestSourceMtime(root: string): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== "node_modules" && !e.startsWith(".")) walk(path.join(p, e));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of SOURCES) walk(path.join(root, p));
  return newest;
}

export function buildIsCurrent(actionsKey: string, root = process.cwd()): boolean {
  if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(stampFile(root))) return false;
  const info = JSON.parse(readFileSync(stampFile(root), "utf8")) as { key: string; at: number };
  return info.key === fingerprint(actionsKey) && info.at >= newestSourceMtime(root);
}

/** After a successful `next build` with this key. */
export function stampBuild(actionsKey: string, root = process.cwd()): void {
  writeFileSync(stampFile(root), JSON.stringify({ key: fingerprint(actionsKey), at: Date.now() }));
}
