// The receipt deadline: entered as a wall-clock time in the organisation's zone, stored as an
// instant; and what the scheduled sweep owes a notice at a given moment.
import { addDays, isIsoDate, isWorkingDay, type CalendarExceptions } from "../calendar";

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/** "YYYY-MM-DDTHH:mm" (what a datetime-local field sends), checked for a real date and time. */
export function isLocalDateTime(value: string): boolean {
  const m = LOCAL.exec(value);
  return !!m && isIsoDate(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock time in `timeZone` denotes ("2026-11-20T17:00" in Asia/Shanghai). */
export function zonedInstant(local: string, timeZone: string): Date {
  const m = LOCAL.exec(local);
  if (!m || !isLocalDateTime(local)) throw new RangeError(`not a local date-time: ${local}`);
  const [y, mo, d] = m[1].split("-").map(Number);
  const wall = Date.UTC(y, mo - 1, d, Number(m[2]), Number(m[3]));
  // Two passes settle the offset across a daylight-saving change.
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant);
}

/** The wall-clock "YYYY-MM-DDTHH:mm" of an instant in `timeZone` (to fill the form again). */
export function localDateTime(at: Date, timeZone: string): string {
  const shifted = new Date(at.getTime() + offsetAt(at.getTime(), timeZone));
  return shifted.toISOString().slice(0, 16);
}

/** The calendar day of an instant in `timeZone`. */
export function dayIn(at: Date, timeZone: string): string {
  return localDateTime(at, timeZone).slice(0, 10);
}

/** The last working day strictly before `day`. */
export function workingDayBefore(day: string, exceptions: CalendarExceptions): string {
  let d = addDays(day, -1);
  while (!isWorkingDay(d, exceptions)) d = addDays(d, -1);
  return d;
}

/**
 * What the sweep owes a notice whose receipt is due at `dueAt`, at the moment `at`:
 *  - "reminder" from the working day before the deadline's day until the deadline;
 *  - "overdue" once the deadline has passed;
 *  - null before that.
 * Each is sent once per person and revision (the data layer's once-only keys).
 */
export function sweepStep(dueAt: Date, at: Date, timeZone: string, exceptions: CalendarExceptions): "reminder" | "overdue" | null {
  if (at.getTime() >= dueAt.getTime()) return "overdue";
  const remindFrom = workingDayBefore(dayIn(dueAt, timeZone), exceptions);
  return dayIn(at, timeZone) >= remindFrom ? "reminder" : null;
}
