// Sends webhook deliveries in the background. Every app instance runs this worker; due rows are
// claimed with SKIP LOCKED (and leased by pushing their next attempt out), so no two instances
// send the same delivery. Each is POSTed as JSON, signed with the webhook's secret; a 2xx answer
// within 10 s delivers it, anything else is retried with back-off (1 min, 2, 4 … at most 1 h)
// and given up after 8 attempts. The changes that caused the events only inserted rows: no
// action ever waits for an endpoint.
import "server-only";
import { getSql } from "@/db/client";
import { afterWebhookFailure, signPayload } from "@/lib/domain/api/webhooks";
import { pruneRateLimits } from "@/lib/dal/rate-limit";

const BATCH = 20;
const POLL_MS = 10_000;
export const DELIVERY_TIMEOUT_MS = 10_000;
/** A claimed row is not due again for this long, so that no other instance takes it while this one sends. */
const LEASE_MS = 5 * 60_000;

export type DispatchOptions = {
  /** The HTTP client (tests pass their own); by default the global fetch. */
  fetch?: typeof fetch;
  /** The time that decides which rows are due and when a failed one is tried again. */
  now?: Date;
  limit?: number;
  timeoutMs?: number;
};

export type DispatchResult = { claimed: number; delivered: number; retried: number; failed: number };

type Claimed = { id: number; webhookId: number; event: string; payload: Record<string, unknown>; attempts: number; createdAt: string; url: string; secret: string };

/** The body a receiver gets. */
export function deliveryBody(d: Pick<Claimed, "id" | "event" | "payload" | "createdAt">): string {
  return JSON.stringify({ id: d.id, event: d.event, createdAt: new Date(d.createdAt).toISOString(), data: d.payload });
}

async function send(d: Claimed, fetchFn: typeof fetch, timeoutMs: number, now: Date): Promise<{ ok: true; status: number } | { ok: false; status: number | null; error: string }> {
  const body = deliveryBody(d);
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const res = await fetchFn(d.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Zhongshu-Webhooks/1",
        "X-Zhongshu-Event": d.event,
        "X-Zhongshu-Delivery": String(d.id),
        "X-Zhongshu-Timestamp": String(timestamp),
        "X-Zhongshu-Signature": signPayload(d.secret, timestamp, body),
      },
      body,
      // A redirect is not a delivery: the endpoint must answer itself.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const reason = err.name === "TimeoutError" || err.name === "AbortError" ? `timeout after ${timeoutMs} ms` : (err.cause?.code ?? err.cause?.message ?? err.message);
    return { ok: false, status: null, error: String(reason).slice(0, 1000) };
  }
}

/**
 * Sends one batch of due deliveries of active webhooks and records each outcome. Safe to run
 * in several processes at once: each row is claimed by exactly one of them.
 */
export async function dispatchDue(options: DispatchOptions = {}): Promise<DispatchResult> {
  const result: DispatchResult = { claimed: 0, delivered: 0, retried: 0, failed: 0 };
  const fetchFn = options.fetch ?? fetch;
  const now = options.now ?? new Date();
  const limit = Math.max(1, Math.min(options.limit ?? BATCH, 500));
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const sql = getSql();

  const claimed = await sql<Claimed[]>`
    update webhook_deliveries d
       set attempts = d.attempts + 1, next_attempt_at = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
      from webhooks w
     where w.id = d.webhook_id
       and d.id in (
         select x.id from webhook_deliveries x join webhooks y on y.id = x.webhook_id
          where x.status = 'pending' and y.active and x.next_attempt_at <= ${now.toISOString()}::timestamptz
          order by x.id
          limit ${limit}
          for update of x skip locked)
    returning d.id::int as id, d.webhook_id as "webhookId", d.event, d.payload, d.attempts, d.created_at as "createdAt", w.url, w.secret`;
  result.claimed = claimed.length;

  // In parallel: one slow endpoint does not hold up the others' deliveries.
  await Promise.all(
    claimed.map(async (d) => {
      const outcome = await send(d, fetchFn, timeoutMs, now);
      if (outcome.ok) {
        await sql`update webhook_deliveries set status = 'delivered', delivered_at = now(), last_status_code = ${outcome.status}, last_error = null where id = ${d.id}`;
        result.delivered++;
        return;
      }
      const next = afterWebhookFailure(d.attempts, now);
      if (next.status === "failed") {
        await sql`update webhook_deliveries set status = 'failed', last_status_code = ${outcome.status}, last_error = ${outcome.error} where id = ${d.id}`;
        result.failed++;
      } else {
        await sql`update webhook_deliveries set next_attempt_at = ${next.nextAttemptAt.toISOString()}::timestamptz, last_status_code = ${outcome.status}, last_error = ${outcome.error} where id = ${d.id}`;
        result.retried++;
      }
    }),
  );
  return result;
}

type WorkerState = { timer?: NodeJS.Timeout; running: boolean; lastPrune: number };
const state = (): WorkerState => {
  const g = globalThis as { __zhongshuWebhooks?: WorkerState };
  return (g.__zhongshuWebhooks ??= { running: false, lastPrune: 0 });
};

async function tick(): Promise<void> {
  const s = state();
  if (s.running) return;
  s.running = true;
  try {
    // A full batch means more may be waiting: keep going, a bounded number of rounds.
    for (let round = 0; round < 10; round++) {
      const r = await dispatchDue();
      if (r.failed) console.error(`[zhongshu] webhooks: ${r.failed} delivery(ies) given up after repeated failures`);
      if (r.claimed < BATCH) break;
    }
    // Old rate-limit counters are pruned here too, every ten minutes or so.
    if (Date.now() - s.lastPrune > 10 * 60_000) {
      s.lastPrune = Date.now();
      await pruneRateLimits();
    }
  } catch (e) {
    console.error("[zhongshu] webhook dispatcher failed; it will retry", e);
  } finally {
    s.running = false;
  }
}

/** Starts this instance's webhook worker (once). */
export function startWebhookDispatcher(): void {
  const s = state();
  if (s.timer) return;
  setTimeout(() => void tick(), 5_000).unref();
  s.timer = setInterval(() => void tick(), POLL_MS);
  s.timer.unref();
}

/** Runs a round now (e.g. after "send a test event"), without waiting for it. */
export function nudgeWebhookDispatcher(): void {
  setTimeout(() => void tick(), 0);
}
