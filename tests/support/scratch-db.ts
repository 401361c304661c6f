// A database of a test's own on the run's server, for tests that must break or replace what
// the shared test database holds (the files share it, in shuffled order). Dropped by dispose().
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { runMigrations } from "@/db/migrate";

export type ScratchDb = { name: string; url: string; sql: postgres.Sql; dispose: () => Promise<void> };

/** The URL of another database on the server of the run's database. */
export function urlOf(name: string): string {
  const url = new URL(inject("databaseUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, empty database (`migrate`: with the committed migrations applied). */
export async function scratchDb(opts: { migrate: boolean }): Promise<ScratchDb> {
  const name = `zs_scratch_${randomBytes(6).toString("hex")}`;
  const admin = postgres(inject("databaseUrl"), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = urlOf(name);
  if (opts.migrate) await runMigrations(url);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  return {
    name,
    url,
    sql,
    dispose: async () => {
      await sql.end({ timeout: 5 });
      const admin = postgres(inject("databaseUrl"), { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}
