// Working days on the organisation's calendar. Dates are ISO strings "YYYY-MM-DD" (calendar
// dates, no time zone), so the arithmetic is exact and independent of the server's zone.

export const CALENDAR_DAY_KINDS = ["holiday", "workday"] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** Exceptions to the Monday–Friday week: holidays on weekdays, make-up workdays (调休) on weekends. */
export type CalendarExceptions = ReadonlyMap<string, CalendarDayKind>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function toUtc(iso: string): Date {
  if (!isIsoDate(iso)) throw new RangeError(`not a date: ${iso}`);
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = toUtc(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

export function isWeekend(iso: string): boolean {
  const day = toUtc(iso).getUTCDay();
  return day === 0 || day === 6;
}

export function isWorkingDay(iso: string, exceptions: CalendarExceptions): boolean {
  const kind = exceptions.get(iso);
  if (kind === "holiday") return false;
  if (kind === "workday") return true;
  return !isWeekend(iso);
}

/**
 * The date `n` working days after `from` (n ≥ 0). `from` itself is not counted, so
 * "3 working days from Friday" is the following Wednesday; n = 0 gives `from` when it is a
 * working day, else the next working day.
 */
export function addWorkingDays(from: string, n: number, exceptions: CalendarExceptions): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("n must be a whole number ≥ 0");
  let day = from;
  if (n === 0) {
    while (!isWorkingDay(day, exceptions)) day = addDays(day, 1);
    return day;
  }
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, exceptions)) left--;
  }
  return day;
}

/** Working days in (from, to]: how many working days pass going from `from` to `to`. */
export function workingDaysBetween(from: string, to: string, exceptions: CalendarExceptions): number {
  if (to <= from) return to === from ? 0 : 0 - workingDaysBetween(to, from, exceptions) || 0;
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isWorkingDay(day, exceptions)) count++;
  }
  return count;
}

export type CalendarLine = { day: string; kind: CalendarDayKind; name: string };
export type CalendarParseError = { line: number; reason: "format" | "date" | "kind" | "duplicate" };

/**
 * Parses the simple import file: one day per line, `YYYY-MM-DD,holiday|workday[,name]`
 * (Chinese 休/班 accepted for the kind); blank lines and lines starting with # are skipped.
 */
export function parseCalendarFile(text: string): { lines: CalendarLine[]; errors: CalendarParseError[] } {
  const lines: CalendarLine[] = [];
  const errors: CalendarParseError[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const parts = line.split(/[,\t，]/).map((p) => p.trim());
    if (parts.length < 2) return errors.push({ line: i + 1, reason: "format" });
    const [day, kindRaw, ...rest] = parts;
    if (!isIsoDate(day)) return errors.push({ line: i + 1, reason: "date" });
    const kind = normaliseKind(kindRaw);
    if (!kind) return errors.push({ line: i + 1, reason: "kind" });
    if (seen.has(day)) return errors.push({ line: i + 1, reason: "duplicate" });
    seen.add(day);
    lines.push({ day, kind, name: rest.join(",").slice(0, 100) });
  });
  return { lines, errors };
}

function normaliseKind(raw: string): CalendarDayKind | null {
  const k = raw.toLowerCase();
  if (k === "holiday" || k === "休" || k === "假") return "holiday";
  if (k === "workday" || k === "班") return "workday";
  return null;
}
