// The escalation ladder for coordination matters (DESIGN.md §3): a matter with no progress for
// N working days climbs one rung by itself, office → coordination meeting → routed deputy →
// principal. Time is counted on the organisation's working-day calendar.

import { addWorkingDays, workingDaysBetween, type CalendarExceptions } from "@/lib/domain/calendar";

export const RUNGS = ["office", "meeting", "deputy", "principal"] as const;
export type Rung = (typeof RUNGS)[number];

/** Working days without progress before a matter climbs (configurable per organisation). */
export const DEFAULT_LADDER_DAYS = 3;

/** The rung above, or null at the top (the principal). */
export function nextRung(current: Rung): Rung | null {
  return RUNGS[RUNGS.indexOf(current) + 1] ?? null;
}

function checkDays(n: number) {
  if (!Number.isInteger(n) || n < 1) throw new RangeError("n must be a whole number ≥ 1");
}

/**
 * The rung to climb to today, or null when the matter stays. `lastProgressOn` is the later of
 * the last progress and the last climb (a climb restarts the clock); the matter climbs once
 * at least `n` working days have passed since then. The principal is the top.
 */
export function ladderStep(
  lastProgressOn: string,
  today: string,
  rung: Rung,
  exceptions: CalendarExceptions,
  n: number = DEFAULT_LADDER_DAYS,
): Rung | null {
  checkDays(n);
  const next = nextRung(rung);
  if (!next) return null;
  return workingDaysBetween(lastProgressOn, today, exceptions) >= n ? next : null;
}

/** The day a matter stalled since `lastProgressOn` will climb (shown to the office beside its age). */
export function climbDueOn(lastProgressOn: string, exceptions: CalendarExceptions, n: number = DEFAULT_LADDER_DAYS): string {
  checkDays(n);
  return addWorkingDays(lastProgressOn, n, exceptions);
}
