// Small pure helpers shared by the item lists (pages and the ledger export).
import type { ItemState, Urgency } from "@/lib/domain/items/lifecycle";

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function isoDayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** Whole days from one ISO day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const utc = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** Cuts text to `max` characters (whole code points) with an ellipsis, on one line. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : flat;
}

export const URGENCY_TONE: Record<Urgency, "seal" | "amber" | "slate"> = { extra_urgent: "seal", urgent: "amber", normal: "slate" };

export const STATE_TONE: Record<ItemState, "slate" | "brand" | "amber" | "green"> = {
  draft: "slate",
  awaiting_decision: "amber",
  sent: "brand",
  in_progress: "brand",
  completion_reported: "green",
  closed: "slate",
  cancelled: "slate",
};

/**
 * An ISO day for display (2026/11/22, 11/22/2026). Formatted in UTC on purpose: a day is not an
 * instant, and shifting it into the organisation's zone could move it by one.
 */
export function formatDay(format: { dateTime: (d: Date, o: { timeZone: string; year: "numeric"; month: "2-digit"; day: "2-digit" }) => string }, iso: string): string {
  return format.dateTime(new Date(`${iso}T00:00:00Z`), { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" });
}
