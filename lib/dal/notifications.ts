import "server-only";
import { and, count, desc, eq, isNull, lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { coordinationMatters, items, notices, notifications, requests } from "@/db/schema";
import { formatItemNumber } from "@/lib/domain/items/numbering";
import type { Actor } from "./actor";
import { DomainError } from "./errors";

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
    href: r.itemId ? `/items/${r.itemId}` : r.requestId ? `/requests/${r.requestId}` : r.coordinationId ? `/coordination/${r.coordinationId}` : r.noticeId ? `/notices/${r.noticeId}` : null,
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

export async function unreadCount(actor: Actor | null): Promise<number> {
  if (!actor) return 0;
  const [row] = await getDb().select({ n: count() }).from(notifications).where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)));
  return row.n;
}

/** Marks one's own notifications read (reading is not audited: it changes nothing of the organisation's). */
export async function markAllRead(actor: Actor | null): Promise<number> {
  if (!actor) throw new DomainError("signedOut");
  const updated = await getDb()
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}
