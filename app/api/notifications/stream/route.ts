// The signed-in person's unread count as server-sent events: `event: unread` with the count at
// once and whenever it changes (in any app instance; see lib/live.ts), a comment every 25 s to
// keep proxies from closing an idle connection. Anonymous, disabled or revoked → 401, which
// makes an EventSource stop. A stream ends after 10 minutes and the browser reconnects, so a
// session revoked meanwhile is noticed then at the latest.
import { DomainError } from "@/lib/dal/errors";
import { watchUnreadCount } from "@/lib/dal/notifications";
import { currentActor } from "@/lib/dal/session";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 25_000;
const MAX_LIFETIME_MS = 10 * 60_000;
const RETRY_MS = 5_000;

const unauthorized = () =>
  new Response("signedOut\n", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** Whether the stream would be served (for a client deciding whether to reconnect). */
export async function HEAD() {
  const actor = await currentActor();
  return new Response(null, { status: actor ? 204 : 401, headers: { "Cache-Control": "no-store" } });
}

export async function GET(req: Request) {
  const actor = await currentActor();
  if (!actor) return unauthorized();

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let stopWatching: (() => void) | null = null;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      const heartbeat = setInterval(() => send(`: keep-alive\n\n`), HEARTBEAT_MS);
      const lifetime = setTimeout(() => finish(), MAX_LIFETIME_MS + Math.floor(Math.random() * 60_000));
      function finish() {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        stopWatching?.();
        req.signal.removeEventListener("abort", finish);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
      cleanup = finish;
      req.signal.addEventListener("abort", finish);
      if (req.signal.aborted) return finish();
      send(`retry: ${RETRY_MS}\n\n`);
      try {
        const stop = await watchUnreadCount(actor, (count) => send(`event: unread\ndata: ${count}\n\n`));
        if (closed) stop();
        else stopWatching = stop;
      } catch (e) {
        // The database cannot be listened to now: end the stream, the browser retries later.
        if (!(e instanceof DomainError)) console.error("[zhongshu] notification stream failed", e);
        finish();
      }
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
