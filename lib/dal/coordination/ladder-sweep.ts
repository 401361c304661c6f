import "server-only";
import { and, asc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { coordinationMatters, coordinationParties } from "@/db/schema";
import { addDays, workingDaysBetween, type CalendarExceptions } from "@/lib/domain/calendar";
import { ladderStep } from "@/lib/domain/coordination/ladder";
import type { CoordinationState } from "@/lib/domain/coordination/lifecycle";
import { formatItemNumber } from "@/lib/domain/items/numbering";
import { today } from "@/lib/clock";
import { appConfig } from "@/lib/config";
import { exceptionsBetween } from "../calendar";
import { departmentPeople, officeMembers } from "../items/context";
import { writeTimelineEvent } from "../timeline";
import { notifyMatter, routeMatter } from "./commands";

/** The states in which a stalled matter climbs by itself. */
export const CLIMBING_STATES: readonly CoordinationState[] = ["raised", "accepted", "in_consultation", "escalated"];

/** coordinationErrors: matters skipped after an error (their climb undone; tried again on the next run). */
export type CoordinationSweepStats = { coordinationMatters: number; coordinationClimbed: number; coordinationErrors: number };

/**
 * The escalation ladder (DESIGN.md §3): every open matter without progress for N working days
 * (ZHONGSHU_LADDER_DAYS) climbs one rung — office → meeting → deputy → principal — and the
 * climb restarts its clock. Each matter climbs in its own transaction under its row lock, and
 * the step is recomputed there, so two instances sweeping the same day climb it once; the
 * notifications carry once-only keys as well.
 */
export async function sweepCoordination(on: string = today()): Promise<CoordinationSweepStats> {
  const n = appConfig.ladderDays;
  const db = getDb();
  const candidates = await db
    .select({ id: coordinationMatters.id, rung: coordinationMatters.rung, lastProgressOn: coordinationMatters.lastProgressOn })
    .from(coordinationMatters)
    .where(and(inArray(coordinationMatters.state, [...CLIMBING_STATES]), ne(coordinationMatters.rung, "principal"), lt(coordinationMatters.lastProgressOn, on)))
    .orderBy(asc(coordinationMatters.id));
  const stats: CoordinationSweepStats = { coordinationMatters: candidates.length, coordinationClimbed: 0, coordinationErrors: 0 };
  if (!candidates.length) return stats;
  const from = candidates.reduce((min, c) => (c.lastProgressOn < min ? c.lastProgressOn : min), on);
  const exceptions = await exceptionsBetween(db, addDays(from, -1), on);
  for (const c of candidates) {
    if (!ladderStep(c.lastProgressOn, on, c.rung, exceptions, n)) continue;
    // Each climb is its own transaction: a failure undoes that climb only, and the others go on.
    try {
      if (await climb(c.id, on, exceptions, n)) stats.coordinationClimbed++;
    } catch (e) {
      stats.coordinationErrors++;
      console.error(`[zhongshu] sweep: coordination matter ${c.id} skipped after an error; it is tried again on the next run`, e);
    }
  }
  return stats;
}

/** One rung up for one matter, if it is still due under the row lock. */
async function climb(id: number, on: string, exceptions: CalendarExceptions, n: number): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const [m] = await tx.select().from(coordinationMatters).where(eq(coordinationMatters.id, id)).for("update");
    if (!m || !CLIMBING_STATES.includes(m.state)) return false;
    const to = ladderStep(m.lastProgressOn, on, m.rung, exceptions, n);
    if (!to) return false;
    const workingDays = workingDaysBetween(m.lastProgressOn, on, exceptions);
    const parties = await tx.select().from(coordinationParties).where(eq(coordinationParties.matterId, id));
    let leaderId = m.routedLeaderId;
    let reason = m.routeReason;
    let state = m.state;
    let concerned: number[] = [];
    if (to === "deputy" || to === "principal") {
      const route = await routeMatter(tx, m, parties, on);
      if (to === "principal") {
        if (leaderId !== route.principal) reason = "referred";
        leaderId = route.principal;
      } else if (!(m.state === "escalated" && leaderId !== null)) {
        // The routed deputy; when the parties fall under several deputies or none, the routed
        // leader is the principal and the deputies concerned are told.
        leaderId = route.leaderId;
        reason = route.reason;
        if (route.reason !== "deputy_portfolio") concerned = route.deputyIds;
      }
      state = "escalated";
    }
    const [updated] = await tx
      .update(coordinationMatters)
      .set({
        rung: to,
        state,
        routedLeaderId: leaderId,
        routeReason: reason,
        // Reaching a (new) leader restarts the queue's age; a meeting rung reaches nobody.
        ...(leaderId !== m.routedLeaderId ? { routedAt: new Date() } : {}),
        lastProgressOn: on,
        version: sql`${coordinationMatters.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(coordinationMatters.id, id), eq(coordinationMatters.version, m.version)))
      .returning({ id: coordinationMatters.id });
    if (!updated) return false;
    await writeTimelineEvent(tx, "coordination", id, null, "climb", {
      from: m.rung,
      to,
      workingDays,
      stateFrom: m.state,
      stateTo: state,
      leaderId,
      fromLeaderId: m.routedLeaderId,
      reason,
      deputyIds: concerned,
    });
    const data = { title: m.title, number: formatItemNumber("coordination", m.year, m.seq), from: m.rung, to, workingDays };
    const climbed = [...(await officeMembers(tx)), ...(await departmentPeople(tx, parties.map((p) => p.departmentId), ["dept_head"])), ...concerned, ...(leaderId && to !== "meeting" ? [leaderId] : [])];
    await notifyMatter(tx, climbed, id, "coordination_climbed", data, { dedupe: (u) => `climb:${id}:${to}:${u}` });
    if (leaderId && leaderId !== m.routedLeaderId) {
      await notifyMatter(tx, [leaderId], id, "coordination_escalated", data, { dedupe: (u) => `climb-escalated:${id}:${to}:${u}` });
    }
    return true;
  });
}
