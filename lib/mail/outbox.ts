// The e-mail outbox: notifyAbout queues a row per e-mail in the notifying transaction; every
// app instance runs this worker, which claims due rows with SKIP LOCKED (so no two instances
// send the same message), sends them with nodemailer and records the outcome. A failed send
// is retried with back-off (1 min, 2, 4 … at most 1 h) and given up after 8 attempts. No
// action ever waits for the mail server.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { getSql } from "@/db/client";
import { appConfig, type SmtpConfig } from "@/lib/config";
import { afterFailure } from "@/lib/domain/notifications/email";

const BATCH = 20;
const POLL_MS = 15_000;
/** A claimed row is not due again for this long, so that no other drain takes it while this one sends. */
const LEASE_MS = 15 * 60_000;

/** An SMTP transport with short timeouts: a hung mail server must not hold the worker. */
export function createMailTransport(smtp: SmtpConfig): Transporter {
  return nodemailer.createTransport({
    url: smtp.url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    tls: { rejectUnauthorized: smtp.rejectUnauthorized },
  });
}

export type DrainOptions = {
  /** Where to send; by default a transport for the configured SMTP server. */
  transport?: Pick<Transporter, "sendMail">;
  /** The sender address; by default ZHONGSHU_SMTP_FROM. */
  from?: string;
  /** The time that decides which rows are due and when a failed one is tried again. */
  now?: Date;
  limit?: number;
};

export type DrainResult = { claimed: number; sent: number; retried: number; failed: number };

type Claimed = { id: number; toAddress: string; subject: string; body: string; attempts: number };

let cached: { key: string; transport: Transporter } | null = null;
function configuredTransport(smtp: SmtpConfig): Transporter {
  const key = `${smtp.url}|${smtp.rejectUnauthorized}`;
  if (cached?.key !== key) cached = { key, transport: createMailTransport(smtp) };
  return cached.transport;
}

/**
 * Sends one batch of due e-mails and records each outcome. Safe to run in several processes
 * at once: each row is claimed by exactly one of them. Does nothing when SMTP is not
 * configured and no transport is given.
 */
export async function drainOutbox(options: DrainOptions = {}): Promise<DrainResult> {
  const result: DrainResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  const smtp = appConfig.smtp;
  const transport = options.transport ?? (smtp ? configuredTransport(smtp) : null);
  if (!transport) return result;
  const from = options.from ?? smtp?.from ?? "zhongshu@localhost";
  const now = options.now ?? new Date();
  const limit = Math.max(1, Math.min(options.limit ?? BATCH, 500));
  // postgres.js as drizzle set it up: timestamps travel as ISO strings.
  const sql = getSql();

  const claimed = await sql<Claimed[]>`
    update email_outbox
       set attempts = attempts + 1, next_attempt_at = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
     where id in (
       select id from email_outbox
        where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
        order by id
        limit ${limit}
        for update skip locked)
    returning id::int as id, to_address as "toAddress", subject, body, attempts`;
  result.claimed = claimed.length;

  for (const row of claimed.sort((a, b) => a.id - b.id)) {
    let error: string | null = null;
    try {
      await transport.sendMail({ from, to: row.toAddress, subject: row.subject, text: row.body });
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
    }
    // Recording the outcome may fail on its own (a database blip): that row then waits out its
    // lease and is tried again, and the rest of the batch still goes out.
    try {
      if (error === null) {
        await sql`update email_outbox set status = 'sent', sent_at = now(), last_error = null where id = ${row.id}`;
        result.sent++;
        continue;
      }
      const next = afterFailure(row.attempts, now);
      if (next.status === "failed") {
        await sql`update email_outbox set status = 'failed', last_error = ${error} where id = ${row.id}`;
        result.failed++;
      } else {
        await sql`update email_outbox set next_attempt_at = ${next.nextAttemptAt.toISOString()}::timestamptz, last_error = ${error} where id = ${row.id}`;
        result.retried++;
      }
    } catch (e) {
      console.error(`e-mail outbox: could not record the outcome of row ${row.id}`, e);
    }
  }
  return result;
}

/** Starts this instance's outbox worker (once), when SMTP is configured. */
export function startOutboxWorker(): void {
  const g = globalThis as { __zhongshuOutbox?: NodeJS.Timeout };
  if (g.__zhongshuOutbox || !appConfig.smtp) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      // A full batch means more may be waiting: keep going, a bounded number of rounds.
      for (let round = 0; round < 10; round++) {
        const r = await drainOutbox();
        if (r.failed) console.error(`[zhongshu] e-mail: ${r.failed} message(s) given up after repeated failures`);
        if (r.claimed < BATCH) break;
      }
    } catch (e) {
      console.error("[zhongshu] e-mail outbox failed; it will retry", e);
    } finally {
      running = false;
    }
  };
  setTimeout(() => void tick(), 5_000).unref();
  g.__zhongshuOutbox = setInterval(() => void tick(), POLL_MS);
  g.__zhongshuOutbox.unref();
}
