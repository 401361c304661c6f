// Outgoing webhooks: the events an endpoint may subscribe to, the signature every delivery
// carries and the retry schedule of a failing endpoint.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export { isWebhookEvent, isWebhookUrl, PING_EVENT, WEBHOOK_EVENTS, type WebhookEvent } from "./events";

/** A new signing secret (shown to the admin once). */
export function generateWebhookSecret(): string {
  return "whsec_" + randomBytes(32).toString("base64url");
}

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the webhook's secret. The timestamp
 * (Unix seconds, also sent as X-Zhongshu-Timestamp) lets a receiver refuse old replays.
 */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return "sha256=" + createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** How a receiver checks a delivery (also used by the tests): constant-time comparison. */
export function verifySignature(secret: string, timestamp: number, body: string, signature: string): boolean {
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** After this many failed attempts a delivery is given up (status "failed"). */
export const MAX_WEBHOOK_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** The wait after the `attempts`-th failed try: 1 min, 2, 4 … at most 1 h. */
export function webhookRetryDelayMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(n - 1, 30));
}

export function afterWebhookFailure(attempts: number, now: Date): { status: "failed" } | { status: "pending"; nextAttemptAt: Date } {
  if (attempts >= MAX_WEBHOOK_ATTEMPTS) return { status: "failed" };
  return { status: "pending", nextAttemptAt: new Date(now.getTime() + webhookRetryDelayMs(attempts)) };
}
