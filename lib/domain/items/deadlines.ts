// Due dates, lateness and reminders on the organisation's working-day calendar. An item due on
// a day is on time for the whole of that day: it is overdue from the next day on.

import {
  addDays,
  addWorkingDays,
  isIsoDate,
  isWorkingDay,
  workingDaysBetween,
  type CalendarExceptions,
} from "@/lib/domain/calendar";
import { isOpen, type ItemState } from "@/lib/domain/items/lifecycle";

function check(...dates: string[]) {
  for (const d of dates) if (!isIsoDate(d)) throw new RangeError(`not a date: ${d}`);
}

/** The due date n working days after today (today not counted), n ≥ 1. */
export function dueFromWorkingDays(today: string, n: number, exceptions: CalendarExceptions): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError("n must be a whole number ≥ 1");
  return addWorkingDays(today, n, exceptions);
}

export function isOverdue(dueOn: string, today: string, state: ItemState): boolean {
  check(dueOn, today);
  return dueOn < today && isOpen(state);
}

/** Working days in (dueOn, today]: 1 on the first working day after the due date; 0 if not late. */
export function overdueWorkingDays(dueOn: string, today: string, exceptions: CalendarExceptions): number {
  check(dueOn, today);
  return today > dueOn ? workingDaysBetween(dueOn, today, exceptions) : 0;
}

/** Due today or within the next n calendar days (the ledger filter); overdue items are not "due within". */
export function dueWithin(dueOn: string, today: string, n: number): boolean {
  check(dueOn, today);
  if (!Number.isInteger(n) || n < 0) throw new RangeError("n must be a whole number ≥ 0");
  return today <= dueOn && dueOn <= addDays(today, n);
}

export type ReminderKind = "before_due" | "due_passed" | "escalate";

/**
 * The automatic reminder due for an open item today, if any:
 * - "before_due" on the last working day before the due date (so a Monday due date is
 *   announced on Friday, and one falling on a day off on the working day before it);
 * - "due_passed" on the first working day of lateness;
 * - "escalate" once the item is late by escalateAfter working days or more. It stays true on
 *   later days (so a sweep catching up after downtime still escalates; sending it once is the
 *   sweep's job) and wins over "due_passed" when escalateAfter is 1.
 * The caller only asks for open items.
 */
export function reminderKind(
  dueOn: string,
  today: string,
  exceptions: CalendarExceptions,
  escalateAfter: number,
): ReminderKind | null {
  check(dueOn, today);
  if (!Number.isInteger(escalateAfter) || escalateAfter < 1) throw new RangeError("escalateAfter must be a whole number ≥ 1");
  const late = overdueWorkingDays(dueOn, today, exceptions);
  if (late >= escalateAfter) return "escalate";
  if (!isWorkingDay(today, exceptions)) return null;
  if (late === 1) return "due_passed";
  if (today < dueOn && addWorkingDays(today, 1, exceptions) >= dueOn) return "before_due";
  return null;
}

export { EXTENSION_REASONS, type ExtensionReason } from "./vocabulary";

export type ExtensionProblem = "not_later" | "past" | "too_far";

/** The same day a year on; 29 February becomes 28 February. */
function oneYearAfter(day: string): string {
  const next = `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`;
  return isIsoDate(next) ? next : `${next.slice(0, 8)}28`;
}

/** Why a requested new due date is refused, or null when it is acceptable. One year on is still allowed. */
export function validateExtension(currentDue: string, requestedDue: string, today: string): ExtensionProblem | null {
  check(currentDue, requestedDue, today);
  if (requestedDue <= currentDue) return "not_later";
  if (requestedDue < today) return "past";
  if (requestedDue > oneYearAfter(today)) return "too_far";
  return null;
}
