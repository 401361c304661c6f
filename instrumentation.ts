// Starts the background work of each server instance: the sweep (automatic urges and
// escalations; the sweep itself makes sure only one instance works a given hour) and, when
// SMTP is configured, the e-mail outbox worker (rows are claimed with SKIP LOCKED, so every
// instance may run it), and the webhook dispatcher (likewise).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  if (process.env.ZHONGSHU_SWEEP !== "off") {
    const { startSweepScheduler } = await import("./lib/scheduler");
    startSweepScheduler();
  }
  if (process.env.ZHONGSHU_SMTP_URL) {
    const { startOutboxWorker } = await import("./lib/mail/outbox");
    startOutboxWorker();
  }
  // Outgoing webhooks: deliveries are claimed with SKIP LOCKED, so every instance may run it.
  const { startWebhookDispatcher } = await import("./lib/webhooks/dispatcher");
  startWebhookDispatcher();
}
