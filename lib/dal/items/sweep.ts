import "server-only";
import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { itemEvents, items, sweepRuns } from "@/db/schema";
import { addDays, addWorkingDays } from "@/lib/domain/calendar";
import { overdueWorkingDays } from "@/lib/domain/items/deadlines";
import { now, today } from "@/lib/clock";
import type { Actor } from "../actor";
import { exceptionsBetween } from "../calendar";
import { isolated } from "../sweep-isolation";
import { sweepCoordination, type CoordinationSweepStats } from "../coordination/ladder-sweep";
import { sweepNotices, type NoticeSweepStats } from "../notices/sweep";
import { DomainError } from "../errors";
import { writeTimelineEvent } from "../timeline";
import { enqueueWebhookEvent, itemPayload } from "../webhooks";
import { notify } from "./commands";
import { officeMembers, signersByDepartment } from "./context";

export const ESCALATE_AFTER_DEFAULT = 3;

/** itemErrors: items skipped after an error (their writes undone; tried again on the next run). */
export type ItemSweepStats = { items: number; beforeDue: number; duePassed: number; escalated: number; itemErrors: number };
/** What one run did: the items' reminders and the coordination ladder's climbs. */
export type SweepStats = ItemSweepStats & CoordinationSweepStats & NoticeSweepStats;

function escalateAfter(): number {
  const n = Number(process.env.ZHONGSHU_ESCALATE_AFTER_DAYS ?? ESCALATE_AFTER_DEFAULT);
  return Number.isInteger(n) && n >= 1 ? n : ESCALATE_AFTER_DEFAULT;
}

/** Whether the item's timeline already has its escalation for this due date. */
async function escalatedBefore(tx: Tx, itemId: number, dueOn: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: itemEvents.id })
    .from(itemEvents)
    .where(and(eq(itemEvents.itemId, itemId), eq(itemEvents.action, "escalate"), sql`${itemEvents.data}->>'dueOn' = ${dueOn}`))
    .limit(1);
  return !!row;
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
    const stats: ItemSweepStats = { items: open.length, beforeDue: 0, duePassed: 0, escalated: 0, itemErrors: 0 };
    // Recipients looked up once for the whole sweep, not once per item.
    const signersOf = await signersByDepartment(tx, open.map((i) => i.leadDepartmentId));
    const office = open.length ? await officeMembers(tx) : [];
    for (const item of open) {
      // Each item in its own savepoint: a failure undoes that item's writes only, and the
      // counts are added once its writes stand.
      const done = await isolated(tx, "item", item.id, async (sp) => {
        const r = { beforeDue: 0, duePassed: 0, escalated: 0 };
        const signers = signersOf.get(item.leadDepartmentId) ?? [];
        const data = { title: item.title, dueOn: item.dueOn };
        if (item.dueOn >= on) {
          r.beforeDue = await notify(sp, signers, item.id, "due_soon", data, (u) => `due_soon:${item.id}:${item.dueOn}:${u}`);
          return r;
        }
        r.duePassed = await notify(sp, signers, item.id, "overdue", data, (u) => `overdue:${item.id}:${item.dueOn}:${u}`);
        // Once per item per due date, like the notification above.
        await enqueueWebhookEvent(sp, "item.overdue", itemPayload(item), { once: { itemId: item.id, dueOn: item.dueOn } });
        const late = overdueWorkingDays(item.dueOn, on, exceptions);
        if (late >= n) {
          const leader = item.routedLeaderId ?? item.assignerId;
          const targets = [...(leader ? [leader] : []), ...office];
          const sent = await notify(sp, targets, item.id, "escalated", { ...data, lateWorkingDays: late }, (u) => `escalated:${item.id}:${item.dueOn}:${u}`);
          // Someone new to the office is told too, but the item escalates once per due date.
          if (sent > 0 && !(await escalatedBefore(sp, item.id, item.dueOn))) {
            r.escalated = 1;
            await writeTimelineEvent(sp, "item", item.id, null, "escalate", { lateWorkingDays: late, leaderId: leader, dueOn: item.dueOn });
          }
        }
        return r;
      });
      if (!done) {
        stats.itemErrors++;
        continue;
      }
      stats.beforeDue += done.beforeDue;
      stats.duePassed += done.duePassed;
      stats.escalated += done.escalated;
    }
    return stats;
  });
}

/**
 * Everything the sweep does for one day: the items' reminders and escalations, then the
 * coordination ladder (each matter climbs at most once a day, under its row lock).
 */
export async function sweepAll(on: string = today()): Promise<SweepStats> {
  // Each part runs even when an earlier one failed as a whole (a bad record only skips that
  // record, see isolated); the first failure is reported once all have run.
  const failures: unknown[] = [];
  const run = <T>(part: () => Promise<T>, none: T): Promise<T> =>
    part().catch((e: unknown) => {
      failures.push(e);
      return none;
    });
  const items = await run(() => sweepItems(on), { items: 0, beforeDue: 0, duePassed: 0, escalated: 0, itemErrors: 0 });
  const coordination = await run(() => sweepCoordination(on), { coordinationMatters: 0, coordinationClimbed: 0, coordinationErrors: 0 });
  // Notice deadlines are instants, not days: their reminders are judged at this moment.
  const noticeStats = await run(() => sweepNotices(now()), { noticesDue: 0, noticeReminders: 0, noticeOverdue: 0, noticeErrors: 0 });
  if (failures.length) throw failures[0];
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
