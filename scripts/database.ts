// The database an operator's script works on, found as `npm start` finds it: DATABASE_URL, or
// the embedded PostgreSQL in ZHONGSHU_DATA_DIR — reached where it already runs (the portal is
// up), else started for the script and stopped after it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "../lib/config";
import { loadOrCreateSecrets } from "../lib/secrets";
import { startEmbedded } from "../db/embedded";

export type OpenDatabase = { url: string; close: () => Promise<void>; where: string };

/** The port of the embedded server running on this data folder, from its postmaster.pid; null when none runs. */
function runningPort(pgData: string): number | null {
  const pidFile = path.join(pgData, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  // postmaster.pid: pid, data folder, start time, port, …
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(pid), 0);
  } catch {
    return null;
  }
  return Number(port) || null;
}

/**
 * `mustExist`: refuse rather than create a new embedded database (a check of an empty one
 * would prove nothing).
 */
export async function openDatabase(opts: { mustExist: boolean }): Promise<OpenDatabase> {
  const env = parseEnv();
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, close: async () => {}, where: "the server in DATABASE_URL" };
  const dataDir = path.resolve(env.ZHONGSHU_DATA_DIR);
  const pgData = path.join(dataDir, "pg");
  if (opts.mustExist && !existsSync(path.join(pgData, "PG_VERSION"))) {
    throw new Error(`No embedded database in ${dataDir}: start the portal once (npm start), or set DATABASE_URL.`);
  }
  const password = loadOrCreateSecrets(dataDir).pgPassword;
  const port = runningPort(pgData);
  if (port) {
    return { url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, close: async () => {}, where: `the running embedded PostgreSQL (${dataDir})` };
  }
  const pg = await startEmbedded({ dataDir, port: env.ZHONGSHU_PG_PORT, password, quiet: true });
  return { url: pg.url, close: pg.stop, where: `the embedded PostgreSQL (${dataDir})` };
}
