// `npm start` / `npm run dev`: validate the configuration, start the embedded PostgreSQL when
// DATABASE_URL is unset, migrate, seed an empty database, build when the build is missing or
// stale, then run Next with DATABASE_URL and the secrets in its environment. The app itself
// has one code path: it always receives a DATABASE_URL.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, parseEnv } from "../lib/config";
import { loadOrCreateSecrets } from "../lib/secrets";
import { EmbeddedPgError, startEmbedded } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { connect } from "../db/client";
import { seedDemo } from "../db/seed";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

function say(message: string) {
  process.stdout.write(`[zhongshu] ${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`\n[zhongshu] ${message}\n\n`);
  process.exit(1);
}

function newestSourceMtime(): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== "node_modules" && !e.startsWith(".")) walk(path.join(p, e));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ["app", "components", "lib", "db", "messages", "proxy.ts", "auth.ts", "auth.config.ts", "next.config.ts", "package-lock.json", "app.css"])
    walk(path.join(process.cwd(), p));
  return newest;
}

function buildIsCurrent(keyFingerprint: string): boolean {
  const stamp = path.join(process.cwd(), ".next", "zhongshu-build.json");
  if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID")) || !existsSync(stamp)) return false;
  const info = JSON.parse(readFileSync(stamp, "utf8")) as { key: string; at: number };
  return info.key === keyFingerprint && info.at >= newestSourceMtime();
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nextBin, ...args], { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function main() {
  let env;
  try {
    env = parseEnv();
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  const dataDir = path.resolve(env.ZHONGSHU_DATA_DIR);
  const secrets = loadOrCreateSecrets(dataDir);
  const actionsKey = env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? secrets.actionsKey;
  const started = Date.now();

  let stopDb: (() => Promise<void>) | undefined;
  let url = env.DATABASE_URL;
  if (!url) {
    say(`starting the embedded PostgreSQL (data in ${dataDir}, port ${env.ZHONGSHU_PG_PORT})`);
    try {
      const pg = await startEmbedded({ dataDir, port: env.ZHONGSHU_PG_PORT, password: secrets.pgPassword });
      url = pg.url;
      stopDb = pg.stop;
    } catch (e) {
      if (e instanceof EmbeddedPgError) fail(e.message);
      throw e;
    }
  } else {
    say("using the PostgreSQL server in DATABASE_URL");
  }

  const running: { child?: ChildProcess } = {};
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const child = running.child;
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    if (stopDb) {
      say("stopping the embedded PostgreSQL");
      await stopDb().catch(() => {});
    }
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(130));
  process.on("SIGTERM", () => void shutdown(143));

  try {
    await runMigrations(url);
    if (env.ZHONGSHU_SEED_DEMO) {
      const { db, sql } = connect(url, 1);
      if (await seedDemo(db)) say("seeded the demo organisation (see README for the accounts)");
      await sql.end();
    }
  } catch (e) {
    process.stderr.write(`[zhongshu] could not prepare the database: ${(e as Error).message}\n`);
    await shutdown(1);
  }
  say(`database ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: actionsKey,
  };
  const fingerprint = createHash("sha256").update(actionsKey).digest("hex").slice(0, 16);
  if (mode === "start" && !buildIsCurrent(fingerprint)) {
    say("building the portal (first start, or the sources changed)");
    const code = await run(["build"], { ...baseEnv, DATABASE_URL: "" });
    if (code !== 0) return shutdown(code);
    writeFileSync(path.join(process.cwd(), ".next", "zhongshu-build.json"), JSON.stringify({ key: fingerprint, at: Date.now() }));
  }

  const runEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    DATABASE_URL: url,
    AUTH_SECRET: env.AUTH_SECRET ?? secrets.authSecret,
    AUTH_TRUST_HOST: "true",
    ZHONGSHU_DATA_DIR: dataDir,
    ZHONGSHU_TIMEZONE: env.ZHONGSHU_TIMEZONE,
    ZHONGSHU_ORG_NAME: env.ZHONGSHU_ORG_NAME,
  };
  const child = spawn(process.execPath, [nextBin, mode, "-p", String(env.PORT), "-H", env.HOSTNAME], { stdio: "inherit", env: runEnv });
  running.child = child;
  say(`serving on http://localhost:${env.PORT} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  child.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch((e) => fail(e instanceof Error ? (e.stack ?? e.message) : String(e)));
