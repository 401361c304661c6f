import "server-only";
import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items, sweepRuns } from "@/db/schema";
import { addDays, addWorkingDays } from "@/lib/domain/calendar";
import { overdueWorkingDays } from "@/lib/domain/items/deadlines";
import { now, today } from "@/lib/clock";
import type { Actor } from "../actor";
import { exceptionsBetween } from "../calendar";
import { sweepCoordination, type CoordinationSweepStats } from "../coordination/ladder-sweep";
import { sweepNotices, type NoticeSweepStats } from "../notices/sweep";
import { DomainError } from "../errors";
import { writeTimelineEvent } from "../timeline";
import { enqueueWebhookEvent, itemPayload } from "../webhooks";
import { notify } from "./commands";
import { officeMembers, signersByDepartment } from "./context";

export const ESCALATE_AFTER_DEFAULT = 3;

export type ItemSweepStats = { items: number; beforeDue: number; duePassed: number; escalated: number };
/** What one run did: the items' reminders and the coordination ladder's climbs. */
export type SweepStats = ItemSweepStats & CoordinationSweepStats & NoticeSweepStats;

function escalateAfter(): number {
  const n = Number(process.env.ZHONGSHU_ESCALATE_AFTER_DAYS ?? ESCALATE_AFTER_DEFAULT);
  return Number.isInteger(n) && n >= 1 ? n : ESCALATE_AFTER_DEFAULT;
}

/**
 * The automatic urges and escalations for open items. Every notification carries a key made of
 * the item, its current due date, the kind and the person, so the sweep can run as often as it
 * likes, on several instances, or late after downtime: each reminder is sent once per due date
 * (an approved extension sets a new due date, and reminders start afresh).
 *  - before_due: from the working day before the due date until the due date;
 *  - due_passed: once the item is late;
 *  - escalate: once it is late by N working days (ZHONGSHU_ESCALATE_AFTER_DAYS, default 3),
 *    to the routed leader and the office, with a timeline event.
 */
export async function sweepItems(on: string = today()): Promise<ItemSweepStats> {
  const n = escalateAfter();
  return getDb().transaction(async (tx) => {
    const exceptions = await exceptionsBetween(tx, addDays(on, -400), addDays(on, 60));
    const horizon = addWorkingDays(on, 1, exceptions);
    const open = await tx
      .select({ id: items.id, kind: items.kind, year: items.year, seq: items.seq, state: items.state, urgency: items.urgency, major: items.major, title: items.title, dueOn: items.dueOn, routedLeaderId: items.routedLeaderId, assignerId: items.assignerId, leadDepartmentId: items.leadDepartmentId })
      .from(items)
      .where(and(inArray(items.state, ["sent", "in_progress"]), lte(items.dueOn, horizon)))
      .orderBy(items.id);
    const stats: ItemSweepStats = { items: open.length, beforeDue: 0, duePassed: 0, escalated: 0 };
    // Recipients looked up once for the whole sweep, not once per item.
    const signersOf = await signersByDepartment(tx, open.map((i) => i.leadDepartmentId));
    const office = open.length ? await officeMembers(tx) : [];
    for (const item of open) {
      const signers = signersOf.get(item.leadDepartmentId) ?? [];
      const data = { title: item.title, dueOn: item.dueOn };
      if (item.dueOn >= on) {
        stats.beforeDue += await notify(tx, signers, item.id, "due_soon", data, (u) => `due_soon:${item.id}:${item.dueOn}:${u}`);
        continue;
      }
      stats.duePassed += await notify(tx, signers, item.id, "overdue", data, (u) => `overdue:${item.id}:${item.dueOn}:${u}`);
      // Once per item per due date, like the notification above.
      await enqueueWebhookEvent(tx, "item.overdue", itemPayload(item), { once: { itemId: item.id, dueOn: item.dueOn } });
      const late = overdueWorkingDays(item.dueOn, on, exceptions);
      if (late >= n) {
        const leader = item.routedLeaderId ?? item.assignerId;
        const targets = [...(leader ? [leader] : []), ...office];
        const sent = await notify(tx, targets, item.id, "escalated", { ...data, lateWorkingDays: late }, (u) => `escalated:${item.id}:${item.dueOn}:${u}`);
        if (sent > 0) {
          stats.escalated++;
          await writeTimelineEvent(tx, "item", item.id, null, "escalate", { lateWorkingDays: late, leaderId: leader, dueOn: item.dueOn });
        }
      }
    }
    return stats;
  });
}

/**
 * Everything the sweep does for one day: the items' reminders and escalations, then the
 * coordination ladder (each matter climbs at most once a day, under its row lock).
 */
export async function sweepAll(on: string = today()): Promise<SweepStats> {
  const items = await sweepItems(on);
  const coordination = await sweepCoordination(on);
  // Notice deadlines are instants, not days: their reminders are judged at this moment.
  const noticeStats = await sweepNotices(now());
  return { ...items, ...coordination, ...noticeStats };
}

/** Runs the sweep for this hour unless another instance has (or is doing it). */
export async function runScheduledSweep(on: string = today()): Promise<SweepStats | null> {
  const period = new Date(now()).toISOString().slice(0, 13);
  const db = getDb();
  const claimed = await db.transaction(async (tx) => {
    const [lock] = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(727003) as ok`);
    if (!lock?.ok) return false;
    const rows = await tx.insert(sweepRuns).values({ period }).onConflictDoNothing().returning({ period: sweepRuns.period });
    return rows.length > 0;
  });
  if (!claimed) return null;
  const stats = await sweepAll(on);
  await db.update(sweepRuns).set({ finishedAt: new Date(), stats }).where(and(eq(sweepRuns.period, period), isNull(sweepRuns.finishedAt)));
  return stats;
}


/** The office runs the reminders now instead of waiting for the hour (same once-only keys). */
export async function sweepNow(actor: Actor | null): Promise<SweepStats> {
  if (!actor) throw new DomainError("signedOut");
  if (!actor.roles.includes("office_director") && !actor.roles.includes("office_staff")) throw new DomainError("forbidden");
  return sweepAll();
}
