// The production build and server the bench measures: `next build` when the build is missing
// or stale (scripts/build-stamp.ts, the rule `npm start` uses), then `next start` on a free port with the bench
// database and its own secrets, pinned to core 0 when the machine has two or more.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../db/embedded";
import { buildIsCurrent, stampBuild } from "../scripts/build-stamp";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
// The end-to-end tests' fixed key (tests/e2e/support/server.ts): the key is part of the build,
// so with the same one the bench and the e2e tests share a build in the same tree.
export const BENCH_ACTIONS_KEY = "dGVzdC1vbmx5LWtleS1mb3ItemhvbmdzaHUtZTJlLSE=";

/** Builds unless the build is current; returns what it did. */
export async function ensureBuild(say: (m: string) => void): Promise<"reused" | "built"> {
  if (buildIsCurrent(BENCH_ACTIONS_KEY, root)) return "reused";
  say("building the portal (next build): the build is missing or older than the sources");
  const started = Date.now();
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [nextBin, "build"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: BENCH_ACTIONS_KEY, DATABASE_URL: "" },
    });
    child.on("exit", (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  stampBuild(BENCH_ACTIONS_KEY, root);
  say(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return "built";
}

/** Where the server and the load generator run: core 0 and core 1, when there are two. */
export type Pinning = { server: string | null; load: string | null; note: string };

export function planPinning(): Pinning {
  const cores = os.availableParallelism();
  const taskset = spawnSync("taskset", ["--version"]).status === 0;
  if (cores < 2 || !taskset) return { server: null, load: null, note: `not pinned (${cores} core(s), taskset ${taskset ? "present" : "missing"})` };
  // The load generator is this process: pin all its threads now.
  const r = spawnSync("taskset", ["-a", "-p", "-c", "1", String(process.pid)]);
  const load = r.status === 0 ? "1" : null;
  return {
    server: "0",
    load,
    note: `server on core 0 (taskset), load generator on core ${load ?? "any (taskset -p failed)"}; PostgreSQL unpinned; ${cores} cores`,
  };
}

export type Server = {
  baseUrl: string;
  port: number;
  /** The Node process that serves (next start's own child, when it forks one). */
  pid: () => number;
  logFile: string;
  errorLines: () => number;
  stop: () => Promise<void>;
  authSecret: string;
};

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(e));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The deepest node process under `pid` with the largest resident set: the one serving. */
function servingPid(pid: number): number {
  const all: number[] = [];
  const walk = (p: number) => {
    all.push(p);
    for (const c of childrenOf(p)) walk(c);
  };
  walk(pid);
  let best = pid;
  let bestRss = -1;
  for (const p of all) {
    const rss = rssKb(p);
    if (rss > bestRss) [best, bestRss] = [p, rss];
  }
  return best;
}

/** VmRSS of a process in kB (0 if it is gone). */
export function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export async function startServer(opts: { databaseUrl: string; fixtureFile: string; pinning: Pinning; logDir: string }): Promise<Server> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "zs-bench-app-"));
  const authSecret = randomBytes(32).toString("base64url");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: BENCH_ACTIONS_KEY,
    DATABASE_URL: opts.databaseUrl,
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: "true",
    ZHONGSHU_DATA_DIR: dataDir,
    // The hourly sweep would write reminders for thousands of late generated items mid-run.
    ZHONGSHU_SWEEP: "off",
    // Bench-only routes and hooks (app/(bench), db/client.ts); off in every normal start.
    ZHONGSHU_BENCH_FLOOR: "1",
    ZHONGSHU_BENCH_FIXTURE: opts.fixtureFile,
    ZHONGSHU_BENCH_COUNT_QUERIES: "1",
  };
  delete env.ZHONGSHU_SMTP_URL;
  const args = [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"];
  const child: ChildProcess = opts.pinning.server
    ? spawn("taskset", ["-c", opts.pinning.server, process.execPath, ...args], { env, stdio: ["ignore", "pipe", "pipe"] })
    : spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const logFile = path.join(opts.logDir, `server-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  let errors = 0;
  const count = (chunk: Buffer) => {
    log.write(chunk);
    errors += chunk.toString().split("\n").filter((l) => /error|unhandled|exception/i.test(l)).length;
  };
  child.stdout!.on("data", count);
  child.stderr!.on("data", count);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}); see ${logFile}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  let serving = servingPid(child.pid!);
  return {
    baseUrl,
    port,
    pid: () => (rssKb(serving) ? serving : (serving = servingPid(child.pid!))),
    logFile,
    errorLines: () => errors,
    authSecret,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
