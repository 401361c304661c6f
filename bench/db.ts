// The bench's throw-away database: a new database on DATABASE_URL's server, or an embedded
// PostgreSQL in a temporary folder. Either is removed at the end.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { freePort, startEmbedded } from "../db/embedded";

export type BenchDb = { url: string; embedded: boolean; dispose: () => Promise<void> };

export async function throwAwayDatabase(label: string): Promise<BenchDb> {
  if (process.env.DATABASE_URL) {
    const name = `zs_bench_${label}_${process.pid}_${Date.now()}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      embedded: false,
      dispose: async () => {
        const a = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
        await a.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "zs-bench-"));
  const pg = await startEmbedded({ dataDir: dir, port: await freePort(), password: randomBytes(12).toString("hex"), quiet: true });
  return {
    url: pg.url,
    embedded: true,
    dispose: async () => {
      await pg.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
