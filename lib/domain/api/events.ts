// The webhook events an endpoint may subscribe to, and which URLs may be registered (safe in
// client components: no Node modules here).

export const WEBHOOK_EVENTS = ["item.created", "item.decided", "item.overdue", "item.closed", "notice.published"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** Sent by the "send a test event" button, to one endpoint, whatever it subscribes to. */
export const PING_EVENT = "ping";

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** Only http(s) URLs with a host and no credentials; any host is allowed (intranet targets are normal). */
export function isWebhookUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === "http:" || url.protocol === "https:") && !!url.hostname && !url.username && !url.password;
}
