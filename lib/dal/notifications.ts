import "server-only";
import { and, count, desc, eq, isNull, lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { coordinationMatters, items, notices, notifications, requests } from "@/db/schema";
import { formatItemNumber } from "@/lib/domain/items/numbering";
import type { Actor } from "./actor";
import { liveHub, type LiveHub } from "@/lib/live";
import { DomainError, notFound } from "./errors";
import { signalUnreadChanged } from "./notify";

export type NotificationDto = {
  id: number;
  kind: string;
  itemId: number | null;
  /** Where the notification leads (an item, a request or a coordination matter), or null. */
  href: string | null;
  itemNumber: string | null;
  title: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  read: boolean;
};

/** One's own notifications only, newest first, keyset-paged by id. */
export async function myNotifications(actor: Actor | null, opts: { before?: number; limit?: number } = {}): Promise<NotificationDto[]> {
  if (!actor) throw new DomainError("signedOut");
  const rows = await getDb()
    .select({
      id: notifications.id,
      kind: notifications.kind,
      itemId: notifications.itemId,
      data: notifications.data,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      kindOfItem: items.kind,
      year: items.year,
      seq: items.seq,
      title: items.title,
      requestId: notifications.requestId,
      requestYear: requests.year,
      requestSeq: requests.seq,
      requestTitle: requests.title,
      coordinationId: notifications.coordinationId,
      matterYear: coordinationMatters.year,
      matterSeq: coordinationMatters.seq,
      matterTitle: coordinationMatters.title,
      noticeId: notifications.noticeId,
      noticeTitle: notices.title,
    })
    .from(notifications)
    .leftJoin(items, eq(items.id, notifications.itemId))
    .leftJoin(requests, eq(requests.id, notifications.requestId))
    .leftJoin(coordinationMatters, eq(coordinationMatters.id, notifications.coordinationId))
    .leftJoin(notices, eq(notices.id, notifications.noticeId))
    .where(and(eq(notifications.userId, actor.id), opts.before ? lt(notifications.id, opts.before) : undefined))
    .orderBy(desc(notifications.id))
    .limit(Math.min(opts.limit ?? 50, 200));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    itemId: r.itemId,
    href: hrefOf(r),
    itemNumber:
      r.kindOfItem && r.year && r.seq
        ? formatItemNumber(r.kindOfItem, r.year, r.seq)
        : r.requestYear && r.requestSeq
          ? formatItemNumber("request", r.requestYear, r.requestSeq)
          : r.matterYear && r.matterSeq
            ? formatItemNumber("coordination", r.matterYear, r.matterSeq)
            : null,
    title: r.title ?? r.requestTitle ?? r.matterTitle ?? r.noticeTitle,
    data: r.data,
    createdAt: r.createdAt,
    read: r.readAt !== null,
  }));
}

/** Where a notification leads: its item, request, coordination matter or notice. */
function hrefOf(r: { itemId: number | null; requestId: number | null; coordinationId: number | null; noticeId: number | null }): string | null {
  return r.itemId ? `/items/${r.itemId}` : r.requestId ? `/requests/${r.requestId}` : r.coordinationId ? `/coordination/${r.coordinationId}` : r.noticeId ? `/notices/${r.noticeId}` : null;
}

export async function unreadCount(actor: Actor | null): Promise<number> {
  if (!actor) return 0;
  const [row] = await getDb().select({ n: count() }).from(notifications).where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)));
  return row.n;
}

/** Marks one's own notifications read (reading is not audited: it changes nothing of the organisation's). */
export async function markAllRead(actor: Actor | null): Promise<number> {
  if (!actor) throw new DomainError("signedOut");
  return getDb().transaction(async (tx) => {
    const updated = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (updated.length) await signalUnreadChanged(tx, [actor.id]);
    return updated.length;
  });
}

/**
 * Marks one of one's own notifications read and returns where it leads (null when nowhere).
 * Someone else's notification, or none, is `notFound`. Reading twice is harmless.
 */
export async function markRead(actor: Actor | null, id: number): Promise<{ href: string | null }> {
  if (!actor) throw new DomainError("signedOut");
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({
        readAt: notifications.readAt,
        itemId: notifications.itemId,
        requestId: notifications.requestId,
        coordinationId: notifications.coordinationId,
        noticeId: notifications.noticeId,
      })
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, actor.id)))
      .for("update");
    if (!row) throw notFound();
    if (!row.readAt) {
      await tx.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, id));
      await signalUnreadChanged(tx, [actor.id]);
    }
    return { href: hrefOf(row) };
  });
}

/**
 * Follows one's own unread count live: calls `onCount` with the current count at once and
 * again whenever it changes, in whichever app instance the change was made (PostgreSQL
 * NOTIFY, see lib/live.ts). Returns the function that stops following.
 */
export async function watchUnreadCount(actor: Actor | null, onCount: (count: number) => void, hub: LiveHub = liveHub()): Promise<() => void> {
  if (!actor) throw new DomainError("signedOut");
  await hub.start();
  let stopped = false;
  let last: number | null = null;
  let running = false;
  let again = false;
  // Several NOTIFYs in a row cost one count query at a time: a change during a query
  // triggers exactly one more.
  const refresh = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const n = await unreadCount(actor);
        if (!stopped && n !== last) {
          last = n;
          onCount(n);
        }
      } while (again && !stopped);
    } catch (e) {
      console.error("[zhongshu] unread count failed", e);
    } finally {
      running = false;
    }
  };
  const unsubscribe = hub.subscribe(actor.id, () => void refresh());
  await refresh();
  return () => {
    stopped = true;
    unsubscribe();
  };
}
