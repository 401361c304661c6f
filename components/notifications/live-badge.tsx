"use client";
// The header's link to the notifications with the unread count, kept current without a reload:
// an EventSource on /api/notifications/stream receives the new count whenever it changes in
// any app instance. Only the badge changes; the page is left alone.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

const STREAM = "/api/notifications/stream";
const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 5 * 60_000;

export function LiveBadge({ initialCount }: { initialCount: number }) {
  const t = useTranslations("notifications");
  const [count, setCount] = useState(initialCount);
  // A new server render (after an action, a navigation) brings a fresh count too.
  const [rendered, setRendered] = useState(initialCount);
  if (initialCount !== rendered) {
    setRendered(initialCount);
    setCount(initialCount);
  }

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_RETRY_MS;
    let stopped = false;

    const open = () => {
      if (stopped) return;
      source = new EventSource(STREAM);
      source.addEventListener("unread", (e) => {
        delay = FIRST_RETRY_MS;
        const n = Number((e as MessageEvent<string>).data);
        if (Number.isInteger(n) && n >= 0) setCount(n);
      });
      source.onerror = () => {
        // While CONNECTING the browser retries by itself (a dropped connection, a restart).
        // CLOSED means it gave up on an answer that was not a stream: find out whether we
        // are signed out (401: stop for good) or the server is unwell (retry, backing off).
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        source = null;
        void probe();
      };
    };

    const probe = async () => {
      try {
        const res = await fetch(STREAM, { method: "HEAD", cache: "no-store", credentials: "same-origin" });
        if (res.status === 401) return;
      } catch {
        // offline or unreachable: retry below
      }
      if (stopped) return;
      timer = setTimeout(open, delay);
      delay = Math.min(delay * 2, LONGEST_RETRY_MS);
    };

    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, []);

  return (
    <Link href="/notifications" className="rounded px-2 py-1 hover:bg-white/10" data-testid="notifications-link">
      {t("header")}
      <span aria-live="polite" aria-atomic="true" data-testid="unread-live">
        {count > 0 && (
          <span className="ms-1 rounded-full bg-seal-600 px-1.5 py-0.5 text-xs font-semibold" data-testid="unread-count" aria-hidden="true">
            {count}
          </span>
        )}
        <span className="sr-only">{t("live.count", { count })}</span>
      </span>
    </Link>
  );
}
