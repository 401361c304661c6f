import type { ReactNode } from "react";
import { getFormatter } from "next-intl/server";

/** What every record kind's `*_events` DTO has in common. */
export type TimelineEvent = { id: number; at: Date; action: string; actorName: string | null; onBehalfOfName: string | null };

/**
 * A record's timeline, oldest first: when (org time zone), who, on whose behalf, then what the record kind
 * says about the event. The frame is shared so that every kind's history reads the same; the words stay
 * with each kind, which passes them in already translated.
 */
export async function Timeline<E extends TimelineEvent>({
  events,
  testId,
  systemName,
  onBehalf,
  sentence,
  extra,
  markerClass,
}: {
  events: E[];
  /** The list's test id (`item-timeline`, `request-timeline`, …). */
  testId: string;
  /** Who an event without an actor (sweeps, reminders) is shown as. */
  systemName: string;
  /** "on behalf of <name>"; without it delegated acts are not marked (notices record no delegation). */
  onBehalf?: (name: string) => string;
  sentence: (e: E) => ReactNode;
  /** Whatever follows the sentence: state change, reasons, statements. */
  extra?: (e: E) => ReactNode;
  /** The dot's colour; brand unless the kind marks some events out. */
  markerClass?: (e: E) => string;
}) {
  const format = await getFormatter();
  return (
    <ol className="relative space-y-4 border-s border-slate-200 ps-5" data-testid={testId}>
      {events.map((e) => (
        <li key={e.id} className="relative" data-event={e.action}>
          <span
            aria-hidden="true"
            className={`absolute -start-[1.6rem] top-1.5 size-2.5 rounded-full border-2 border-white ${markerClass?.(e) ?? "bg-brand-600"}`}
          />
          <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-500">
            <time dateTime={e.at.toISOString()}>{format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" })}</time>
            <span className="font-medium text-slate-700">{e.actorName ?? systemName}</span>
            {onBehalf && e.onBehalfOfName && (
              <span className="rounded bg-amber-50 px-1 text-amber-800" data-testid="on-behalf">
                {onBehalf(e.onBehalfOfName)}
              </span>
            )}
          </p>
          <p className="text-sm text-slate-900">{sentence(e)}</p>
          {extra?.(e)}
        </li>
      ))}
    </ol>
  );
}
