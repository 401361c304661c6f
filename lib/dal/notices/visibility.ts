import "server-only";
import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { departments, noticeRecipients, notices } from "@/db/schema";
import { isOfficeRole } from "@/lib/domain/notices/receipts";
import type { Actor } from "../actor";
import { delegatorsOf } from "../items/context";

export type NoticeRow = typeof notices.$inferSelect;

/** The office sent it: its sending department is the office. */
export const officeSent = sql<boolean>`exists (select 1 from ${departments} where ${departments.id} = ${notices.senderDepartmentId} and ${departments.kind} = 'office')`;

/**
 * The one visibility rule for notices, used by every list, count, detail, board, export and
 * command: a notice is seen by its audience (a recipient row), its sender, the office when the
 * office sent it, and a leader's delegate for the notices of the leaders who delegated to them
 * today (so that they can confirm for them). Announcements (信息发布) are seen by everyone.
 */
export async function visibleNotices(db: Db | Tx, actor: Actor, on: string): Promise<SQL> {
  const recipientIds = [actor.id, ...(await delegatorsOf(db, actor.id, on)).map((d) => d.leaderId)];
  const conditions: SQL[] = [
    eq(notices.kind, "announcement"),
    eq(notices.senderId, actor.id),
    sql`exists (select 1 from ${noticeRecipients} where ${noticeRecipients.noticeId} = ${notices.id} and ${inArray(noticeRecipients.userId, recipientIds)})`,
  ];
  if (isOfficeRole(actor.roles)) conditions.push(officeSent);
  return or(...conditions)!;
}

/** Whether the notice is managed by this person: its sender, or the office for an office notice. */
export function manages(actor: Actor, notice: Pick<NoticeRow, "senderId">, sentByOffice: boolean): boolean {
  return notice.senderId === actor.id || (sentByOffice && isOfficeRole(actor.roles));
}

/**
 * Loads a notice the person may see (optionally locking it), or null: missing and invisible
 * look the same. Also tells whether the office sent it.
 */
export async function loadVisibleNotice(
  tx: Db | Tx,
  actor: Actor,
  id: number,
  on: string,
  lock?: "update" | "share",
): Promise<{ notice: NoticeRow; sentByOffice: boolean } | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const base = tx.select().from(notices).where(eq(notices.id, id));
  const [notice] = lock ? await base.for(lock) : await base;
  if (!notice) return null;
  const [row] = await tx
    .select({ sentByOffice: officeSent })
    .from(notices)
    .where(and(eq(notices.id, id), await visibleNotices(tx, actor, on)));
  if (!row) return null;
  return { notice, sentByOffice: row.sentByOffice };
}
