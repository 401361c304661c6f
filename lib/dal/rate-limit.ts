import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";

// Fixed-window request counters in PostgreSQL (rate_limit_buckets), so every app instance
// counts against the same limit. This is infrastructure, not people's data: it takes no actor.

export type RateLimitResult = { allowed: boolean; limit: number; remaining: number; retryAfterSeconds: number; resetAt: Date };

/**
 * Counts one request under `key` in the current window of `windowSeconds` and says whether it
 * is within `limit`. One statement: the row is created, moved to a new window, or incremented
 * under its row lock, so concurrent requests on any instance each get a distinct count.
 * `now` is for tests; by default the database's clock decides the window (the same for all
 * instances, whatever their own clocks say).
 */
export async function hitRateLimit(key: string, limit: number, windowSeconds = 60, opts: { now?: Date; db?: Db } = {}): Promise<RateLimitResult> {
  const at = opts.now ? sql`${opts.now.toISOString()}::timestamptz` : sql`now()`;
  const windowStart = sql`to_timestamp(floor(extract(epoch from ${at}) / ${windowSeconds}) * ${windowSeconds})`;
  const [row] = await (opts.db ?? getDb()).execute<{ count: number; window_started_at: string; now: string }>(sql`
    insert into rate_limit_buckets as b (key, window_started_at, count)
    values (${key}, ${windowStart}, 1)
    on conflict (key) do update set
      count = case when b.window_started_at = excluded.window_started_at then b.count + 1 else 1 end,
      window_started_at = excluded.window_started_at
    returning b.count, b.window_started_at, ${at} as now`);
  const count = Number(row.count);
  const resetAt = new Date(new Date(row.window_started_at).getTime() + windowSeconds * 1000);
  const retryAfterSeconds = Math.max(1, Math.ceil((resetAt.getTime() - new Date(row.now).getTime()) / 1000));
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), retryAfterSeconds, resetAt };
}

/** Drops counters of windows long past (called now and then by the background worker). */
export async function pruneRateLimits(olderThanSeconds = 3600): Promise<number> {
  const rows = await getDb().execute(sql`delete from rate_limit_buckets where window_started_at < now() - make_interval(secs => ${olderThanSeconds}) returning key`);
  return rows.length;
}
