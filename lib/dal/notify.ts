import "server-only";
import { and, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { coordinationMatters, emailOutbox, items, notices, notifications, requests, users } from "@/db/schema";
import { appConfig } from "@/lib/config";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { formatItemNumber } from "@/lib/domain/items/numbering";
import { renderNotificationEmail } from "@/lib/domain/notifications/email";
import { NOTIFY_CHANNEL, unreadPayloads } from "@/lib/domain/notifications/live";

/** What a notification links to: exactly one item, request, coordination matter or notice. */
export type NotificationRef = { itemId: number } | { requestId: number } | { coordinationId: number } | { noticeId: number };

/**
 * In-app notifications, written in the caller's transaction so they exist exactly when the
 * change does. A dedupe key makes a repeated send (the scheduled sweep) a no-op. Returns how
 * many were new.
 *
 * In the same transaction it tells every app instance whose unread count changed (NOTIFY,
 * delivered only at commit) and, when SMTP is configured, queues an e-mail copy for each new
 * notification whose addressee has an address; the outbox worker sends it later, so the
 * causing action never waits for, or fails with, the mail server.
 */
export async function notifyAbout(
  tx: Tx,
  userIds: number[],
  ref: NotificationRef,
  kind: string,
  data: Record<string, unknown> = {},
  dedupe?: (userId: number) => string,
): Promise<number> {
  const unique = [...new Set(userIds)];
  if (!unique.length) return 0;
  const inserted = await tx
    .insert(notifications)
    .values(unique.map((userId) => ({ userId, ...ref, kind, data, dedupeKey: dedupe ? dedupe(userId) : null })))
    .onConflictDoNothing()
    .returning({ id: notifications.id, userId: notifications.userId });
  if (!inserted.length) return 0;
  await signalUnreadChanged(tx, inserted.map((r) => r.userId));
  if (appConfig.smtp) await queueEmails(tx, inserted, ref, kind);
  return inserted.length;
}

/**
 * Tells every app instance (LISTEN in lib/live.ts) that these people's unread counts changed.
 * PostgreSQL delivers it when the transaction commits, and never if it rolls back.
 */
export async function signalUnreadChanged(tx: Pick<Tx, "execute">, userIds: number[]): Promise<void> {
  for (const payload of unreadPayloads(userIds)) {
    await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${payload})`);
  }
}

async function queueEmails(tx: Tx, created: { id: number; userId: number }[], ref: NotificationRef, kind: string): Promise<void> {
  const recipients = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        inArray(
          users.id,
          created.map((c) => c.userId),
        ),
        eq(users.active, true),
        isNotNull(users.email),
        ne(users.email, ""),
      ),
    );
  if (!recipients.length) return;
  const record = await recordSummary(tx, ref);
  const byUser = new Map(recipients.map((r) => [r.id, r]));
  const publicUrl = appConfig.publicUrl;
  const rows = created.flatMap((n) => {
    const to = byUser.get(n.userId);
    if (!to?.email) return [];
    const { subject, body } = renderNotificationEmail({
      locale: DEFAULT_LOCALE,
      kind,
      recipientName: to.name,
      orgName: appConfig.orgName,
      number: record.number,
      title: record.title,
      link: publicUrl ? `${publicUrl}/notifications/${n.id}` : null,
    });
    return [{ notificationId: n.id, toAddress: to.email.trim(), subject, body }];
  });
  if (rows.length) await tx.insert(emailOutbox).values(rows);
}

/** The number and title of what a notification is about, for the e-mail's text. */
async function recordSummary(tx: Tx, ref: NotificationRef): Promise<{ number: string | null; title: string | null }> {
  if ("itemId" in ref) {
    const [r] = await tx.select({ kind: items.kind, year: items.year, seq: items.seq, title: items.title }).from(items).where(eq(items.id, ref.itemId));
    return r ? { number: formatItemNumber(r.kind, r.year, r.seq, DEFAULT_LOCALE), title: r.title } : { number: null, title: null };
  }
  if ("requestId" in ref) {
    const [r] = await tx.select({ year: requests.year, seq: requests.seq, title: requests.title }).from(requests).where(eq(requests.id, ref.requestId));
    return r ? { number: formatItemNumber("request", r.year, r.seq, DEFAULT_LOCALE), title: r.title } : { number: null, title: null };
  }
  if ("coordinationId" in ref) {
    const [r] = await tx
      .select({ year: coordinationMatters.year, seq: coordinationMatters.seq, title: coordinationMatters.title })
      .from(coordinationMatters)
      .where(eq(coordinationMatters.id, ref.coordinationId));
    return r ? { number: formatItemNumber("coordination", r.year, r.seq, DEFAULT_LOCALE), title: r.title } : { number: null, title: null };
  }
  const [r] = await tx.select({ title: notices.title }).from(notices).where(eq(notices.id, ref.noticeId));
  return { number: null, title: r?.title ?? null };
}
