// One postgres.js pool per process, created on first use so that `next build` never needs
// a database. DATABASE_URL is always set by the time a request arrives (the launcher sets it).
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the pool or a transaction: for reads that may run inside a change or on their own. */
export type Reader = Db | Tx;

type Holder = { sql: postgres.Sql; db: Db; url: string };
const globalForDb = globalThis as unknown as { __zhongshuDb?: Holder };

export function connect(url: string, max = Number(process.env.DATABASE_POOL_MAX ?? 10)): Holder {
  const sql = postgres(url, {
    max,
    onnotice: () => {},
    // Connections dropped by a restarted server are replaced on the next query.
    idle_timeout: 30,
    connect_timeout: 10,
  });
  return { sql, db: drizzle(sql, { schema }), url };
}

function holder(): Holder {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the portal with `npm start`, which provides it.");
  const existing = globalForDb.__zhongshuDb;
  if (existing && existing.url === url) return existing;
  const h = connect(url);
  globalForDb.__zhongshuDb = h;
  return h;
}

export function getDb(): Db {
  return holder().db;
}

export function getSql(): postgres.Sql {
  return holder().sql;
}

export async function closeDb(): Promise<void> {
  const h = globalForDb.__zhongshuDb;
  globalForDb.__zhongshuDb = undefined;
  await h?.sql.end({ timeout: 5 });
}
