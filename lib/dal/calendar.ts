import "server-only";
import { and, asc, gte, lte, eq } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { calendarDays } from "@/db/schema";
import type { CalendarLine, CalendarExceptions, CalendarDayKind } from "@/lib/domain/calendar";
import type { CalendarDayInput } from "@/lib/domain/schemas";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { authorize } from "./authz";

export type CalendarDayDto = { day: string; kind: CalendarDayKind; name: string };

export async function listCalendarYear(actor: Actor | null, year: number): Promise<CalendarDayDto[]> {
  authorize(actor, "read", "calendar");
  return getDb()
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)))
    .orderBy(asc(calendarDays.day));
}

/** The exceptions to the Monday–Friday week between two dates, for working-day arithmetic. */
export async function calendarExceptions(actor: Actor | null, from: string, to: string): Promise<CalendarExceptions> {
  authorize(actor, "read", "calendar");
  return exceptionsBetween(getDb(), from, to);
}

/**
 * The same read for the data layer's own use inside a transaction (deadlines, the sweep), where
 * the caller has already authorized the action that needs it.
 */
export async function exceptionsBetween(db: Db | Tx, from: string, to: string): Promise<CalendarExceptions> {
  const rows = await db
    .select({ day: calendarDays.day, kind: calendarDays.kind })
    .from(calendarDays)
    .where(and(gte(calendarDays.day, from), lte(calendarDays.day, to)));
  return new Map(rows.map((r) => [r.day, r.kind]));
}

/** Sets one day's kind; "normal" removes the exception. */
export async function setCalendarDay(actor: Actor | null, input: CalendarDayInput): Promise<void> {
  authorize(actor, "update", "calendar");
  await getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.day, input.day));
    if (input.kind === "normal") {
      await tx.delete(calendarDays).where(eq(calendarDays.day, input.day));
    } else {
      const row = { day: input.day, kind: input.kind, name: input.name ?? "" };
      await tx.insert(calendarDays).values(row).onConflictDoUpdate({ target: calendarDays.day, set: { kind: row.kind, name: row.name } });
    }
    await audit(tx, actor, { action: "calendar.set_day", entity: "calendar", entityId: input.day, data: { before: before ?? null, after: input } });
  });
}

/** Imports parsed lines in one transaction: all of them or none. */
export async function importCalendar(actor: Actor | null, lines: CalendarLine[]): Promise<number> {
  authorize(actor, "import", "calendar");
  return getDb().transaction(async (tx) => {
    for (const line of lines) {
      await tx
        .insert(calendarDays)
        .values(line)
        .onConflictDoUpdate({ target: calendarDays.day, set: { kind: line.kind, name: line.name } });
    }
    await audit(tx, actor, { action: "calendar.import", entity: "calendar", data: { days: lines.length, first: lines[0]?.day, last: lines.at(-1)?.day } });
    return lines.length;
  });
}
