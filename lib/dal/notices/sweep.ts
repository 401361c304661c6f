import "server-only";
import { and, eq, gt, isNotNull, lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { noticeRecipients, notices } from "@/db/schema";
import { addDays } from "@/lib/domain/calendar";
import { dayIn, sweepStep } from "@/lib/domain/notices/deadline";
import { needsOwnConfirmation } from "@/lib/domain/notices/receipts";
import { now } from "@/lib/clock";
import { appConfig } from "@/lib/config";
import { exceptionsBetween } from "../calendar";
import { isolated } from "../sweep-isolation";
import { writeTimelineEvent } from "../timeline";
import { notifyNotice } from "./commands";

/** noticeErrors: notices skipped after an error (their reminders undone; tried again on the next run). */
export type NoticeSweepStats = { noticesDue: number; noticeReminders: number; noticeOverdue: number; noticeErrors: number };

const DAY = 86_400_000;
/** How far ahead a deadline can be for its reminder to be due (a long holiday before it). */
const AHEAD_DAYS = 15;
/** How long after its deadline a notice still gets its one overdue message (late sweeps). */
const BEHIND_DAYS = 7;

/**
 * The automatic receipt reminders. For every published notice that asks for a receipt by a
 * deadline, those who have not confirmed the current revision themselves (a confirmation on
 * their behalf does not excuse them) are told:
 *  - notice_reminder from the working day before the deadline, until it passes;
 *  - notice_overdue once it has passed (up to a week late, for a sweep after downtime).
 * The once-only keys carry the notice, its revision, the kind and the person, so each is sent
 * once per person and revision however often the sweep runs; a revision starts afresh. Each
 * sending run is recorded on the notice's timeline.
 */
export async function sweepNotices(at: Date = now()): Promise<NoticeSweepStats> {
  const tz = appConfig.timeZone;
  return getDb().transaction(async (tx) => {
    const due = await tx
      .select({ id: notices.id, title: notices.title, revision: notices.revision, receiptDueAt: notices.receiptDueAt })
      .from(notices)
      .where(
        and(
          eq(notices.state, "published"),
          eq(notices.receiptRequired, true),
          isNotNull(notices.receiptDueAt),
          lt(notices.receiptDueAt, new Date(at.getTime() + AHEAD_DAYS * DAY)),
          gt(notices.receiptDueAt, new Date(at.getTime() - BEHIND_DAYS * DAY)),
        ),
      )
      .orderBy(notices.id);
    const stats: NoticeSweepStats = { noticesDue: due.length, noticeReminders: 0, noticeOverdue: 0, noticeErrors: 0 };
    if (!due.length) return stats;
    const on = dayIn(at, tz);
    const exceptions = await exceptionsBetween(tx, addDays(on, -AHEAD_DAYS - 30), addDays(on, AHEAD_DAYS + 30));
    for (const n of due) {
      const step = sweepStep(n.receiptDueAt!, at, tz, exceptions);
      if (!step) continue;
      // Each notice in its own savepoint: a failure undoes that notice's reminders only.
      const sent = await isolated(tx, "notice", n.id, async (sp) => {
        const rows = await sp
          .select({ userId: noticeRecipients.userId, confirmedAt: noticeRecipients.confirmedAt, confirmedRevision: noticeRecipients.confirmedRevision })
          .from(noticeRecipients)
          .where(eq(noticeRecipients.noticeId, n.id));
        const missing = rows.filter((r) => needsOwnConfirmation(r, n.revision)).map((r) => r.userId);
        const kind = step === "reminder" ? "notice_reminder" : "notice_overdue";
        const count = await notifyNotice(sp, missing, n.id, kind, { title: n.title, receiptDueAt: n.receiptDueAt!.toISOString() }, (u) => `${kind}:${n.id}:${n.revision}:${u}`);
        if (count) await writeTimelineEvent(sp, "notice", n.id, null, step === "reminder" ? "auto_reminder" : "auto_overdue", { revision: n.revision, count });
        return count;
      });
      if (sent === null) stats.noticeErrors++;
      else if (step === "reminder") stats.noticeReminders += sent;
      else stats.noticeOverdue += sent;
    }
    return stats;
  });
}
