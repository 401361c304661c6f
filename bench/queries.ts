// In-process timings of the data layer: the inbox query against the same SQL sent straight
// through postgres.js, the leader's queue and portfolio overview, ledger search. The data
// layer's pool (db/client.ts) has the bench hook on (ZHONGSHU_BENCH_COUNT_QUERIES), which is
// how the SQL drizzle generates is captured for the raw comparison.
import postgres from "postgres";
import type { Actor } from "../lib/dal/actor";
import { benchQueryLog } from "../db/client";
import { percentile } from "./http";
import type { Cursor } from "./fixture";

export type Timing = { runs: number; p50: number; p95: number; p99: number };

/** Milliseconds per call: a few warm-up calls, then `runs` timed one after another. */
export async function time(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < Math.min(10, runs); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { runs, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), p99: percentile(samples, 0.99) };
}

/** The statements `fn` sends through the data layer's pool, with their parameters. */
export async function captured(fn: () => Promise<unknown>): Promise<{ query: string; params: unknown[] }[]> {
  const log = benchQueryLog();
  if (!log) throw new Error("bench: ZHONGSHU_BENCH_COUNT_QUERIES must be set before the data layer connects");
  log.entries = [];
  log.armed = true;
  try {
    await fn();
  } finally {
    log.armed = false;
  }
  const out = log.entries.filter((e) => !/pg_catalog\.pg_type/.test(e.query));
  log.entries = [];
  return out;
}

export type InboxQueryResult = { page: number; dal: Timing; raw: Timing; sql: string };

/**
 * The department inbox's query as the home page sends it (PAGE + 1 rows after a cursor),
 * through the data layer and as the same SQL and parameters through postgres.js with the same
 * protocol options drizzle uses (unnamed statements), so the ratio is the data layer's own cost.
 */
export async function inboxQuery(url: string, actor: Actor, page: number, after: Cursor | undefined, runs: number): Promise<InboxQueryResult> {
  const { departmentInbox } = await import("../lib/dal/items/queries");
  const call = () => departmentInbox(actor, { after, limit: 51 });
  await call(); // a new connection's first statement is postgres.js's own type lookup
  const statements = await captured(call);
  if (statements.length !== 1) throw new Error(`bench: the inbox sent ${statements.length} statements, expected 1`);
  const [{ query, params }] = statements;
  const raw = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rawCall = () => raw.unsafe(query, params as postgres.ParameterOrJSON<never>[], { prepare: false }).values();
    // Interleaved in blocks, so that a noisy neighbour slows both alike.
    const dalTimes: Timing[] = [];
    const rawTimes: Timing[] = [];
    const blocks = 3;
    for (let b = 0; b < blocks; b++) {
      dalTimes.push(await time(Math.ceil(runs / blocks), call));
      rawTimes.push(await time(Math.ceil(runs / blocks), rawCall));
    }
    return { page, dal: medianTiming(dalTimes), raw: medianTiming(rawTimes), sql: query };
  } finally {
    await raw.end();
  }
}

function medianTiming(ts: Timing[]): Timing {
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { runs: ts.reduce((n, t) => n + t.runs, 0), p50: med(ts.map((t) => t.p50)), p95: med(ts.map((t) => t.p95)), p99: med(ts.map((t) => t.p99)) };
}

export async function queueAndPortfolio(leader: Actor, runs: number): Promise<{ queue: Timing; portfolio: Timing }> {
  const { decisionQueue } = await import("../lib/dal/queue");
  const { portfolioState } = await import("../lib/dal/items/queries");
  return { queue: await time(runs, () => decisionQueue(leader)), portfolio: await time(runs, () => portfolioState(leader)) };
}

export async function search(office: Actor, q: string, runs: number): Promise<Timing> {
  const { ledger } = await import("../lib/dal/items/queries");
  return time(runs, () => ledger(office, { q }, { limit: 50 }));
}

export async function inboxFirstPage(actor: Actor, runs: number): Promise<Timing> {
  const { departmentInbox } = await import("../lib/dal/items/queries");
  return time(runs, () => departmentInbox(actor, { limit: 51 }));
}
