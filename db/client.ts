// One postgres.js pool per process, created on first use so that `next build` never needs
// a database. DATABASE_URL is always set by the time a request arrives (the launcher sets it).
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { guardConnections } from "./connection-loss";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the pool or a transaction: for reads that may run inside a change or on their own. */
export type Reader = Db | Tx;

type Holder = { sql: postgres.Sql; db: Db; url: string };
const globalForDb = globalThis as unknown as { __zhongshuDb?: Holder };

// BENCH ONLY (ZHONGSHU_BENCH_COUNT_QUERIES=1, set by `npm run bench`): while the benchmark has
// armed it (app/(bench)/bench-floor/queries), every query sent is recorded with its parameters,
// so that the bench can count what one page sends and EXPLAIN it. Unset, nothing is hooked.
export type BenchQueryLog = { armed: boolean; entries: { query: string; params: unknown[] }[] };
const globalForBench = globalThis as unknown as { __zhongshuBenchQueries?: BenchQueryLog };
export function benchQueryLog(): BenchQueryLog | undefined {
  if (process.env.ZHONGSHU_BENCH_COUNT_QUERIES !== "1") return undefined;
  return (globalForBench.__zhongshuBenchQueries ??= { armed: false, entries: [] });
}
function benchDebug(): Pick<postgres.Options<Record<string, postgres.PostgresType>>, "debug"> {
  const log = benchQueryLog();
  if (!log) return {};
  return {
    debug: (_connection, query, params) => {
      if (log.armed && log.entries.length < 10_000) log.entries.push({ query, params });
    },
  };
}

export function connect(url: string, max = Number(process.env.DATABASE_POOL_MAX ?? 10)): Holder {
  const sql = guardConnections(postgres(url, {
    ...benchDebug(),
    max,
    onnotice: () => {},
    // Connections dropped by a restarted server are replaced on the next query.
    idle_timeout: 30,
    // A refused connection fails at once; this bounds only a silent network (and leaves room for
    // the password exchange on a busy server).
    connect_timeout: 10,
    // Wait before reconnecting after a failed attempt: 0.1 s, doubling, at most 1 s. The driver's
    // default grows to 20 s, so queries during and just after a restart waited that long.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    // Short OLTP queries: JIT compiling a plan whose estimated cost crosses jit_above_cost took
    // 345 ms of a 404 ms portfolio count (PostgreSQL with LLVM, 100,000 items).
    connection: { jit: "off" },
  }));
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
