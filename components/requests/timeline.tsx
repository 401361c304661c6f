import { getFormatter, getTranslations } from "next-intl/server";
import type { RequestEventDto } from "@/lib/dal/requests/queries";
import { eventSentence, eventText, stateText, type EventContext } from "./describe";

/** The request's timeline, oldest first: who, when, on whose behalf (代签), what changed. */
export async function RequestTimeline({ events, context }: { events: RequestEventDto[]; context: EventContext }) {
  const [t, format] = await Promise.all([getTranslations("requests"), getFormatter()]);
  return (
    <ol className="relative space-y-4 border-s border-slate-200 ps-5" data-testid="request-timeline">
      {events.map((e) => {
        const text = eventText(e.data);
        const changed = typeof e.data.from === "string" && typeof e.data.to === "string" && e.data.from !== e.data.to;
        return (
          <li key={e.id} className="relative" data-event={e.action}>
            <span aria-hidden="true" className="absolute -start-[1.6rem] top-1.5 size-2.5 rounded-full border-2 border-white bg-brand-600" />
            <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-500">
              <time dateTime={e.at.toISOString()}>{format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" })}</time>
              <span className="font-medium text-slate-700">{e.actorName ?? t("events.system")}</span>
              {e.onBehalfOfName && (
                <span className="rounded bg-amber-50 px-1 text-amber-800" data-testid="on-behalf">
                  {t("events.onBehalf", { name: e.onBehalfOfName })}
                </span>
              )}
            </p>
            <p className="text-sm text-slate-900">{eventSentence(t, e.action, e.data, context)}</p>
            {changed && <p className="text-xs text-slate-500">{t("events.stateChange", { from: stateText(t, e.data.from), to: stateText(t, e.data.to) })}</p>}
            {text && <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800">{text}</p>}
          </li>
        );
      })}
    </ol>
  );
}
