// `npm start` / `npm run dev`: validate the configuration, start the embedded PostgreSQL when
// DATABASE_URL is unset, migrate, seed an empty database, build when the build is missing or
// stale, then run Next with DATABASE_URL and the secrets in its environment. The app itself
// has one code path: it always receives a DATABASE_URL.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ConfigError, parseEnv } from "../lib/config";
import { loadOrCreateSecrets } from "../lib/secrets";
import { EmbeddedPgError, startEmbedded } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { connect } from "../db/client";
import { seedDemo } from "../db/seed";
import { buildIsCurrent, stampBuild } from "./build-stamp";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

function say(message: string) {
  process.stdout.write(`[zhongshu] ${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`\n[zhongshu] ${message}\n\n`);
  process.exit(1);
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
  if (mode === "start" && !buildIsCurrent(actionsKey)) {
    say("building the portal (first start, or the sources changed)");
    const code = await run(["build"], { ...baseEnv, DATABASE_URL: "" });
    if (code !== 0) return shutdown(code);
    stampBuild(actionsKey);
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
