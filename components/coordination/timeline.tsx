import { getFormatter, getTranslations } from "next-intl/server";
import type { MatterEventDto } from "@/lib/dal/coordination/queries";
import { eventSentence, eventTexts, stateText, type EventContext } from "./describe";

/** The matter's timeline, oldest first: who, when, on whose behalf, what was said or changed. */
export async function MatterTimeline({ events, context }: { events: MatterEventDto[]; context: EventContext }) {
  const [t, format] = await Promise.all([getTranslations("coordination"), getFormatter()]);
  return (
    <ol className="relative space-y-4 border-s border-slate-200 ps-5" data-testid="matter-timeline">
      {events.map((e) => {
        const from = e.action === "climb" ? e.data.stateFrom : e.data.from;
        const to = e.action === "climb" ? e.data.stateTo : e.data.to;
        const changed = typeof from === "string" && typeof to === "string" && from !== to;
        return (
          <li key={e.id} className="relative" data-event={e.action}>
            <span
              aria-hidden="true"
              className={`absolute -start-[1.6rem] top-1.5 size-2.5 rounded-full border-2 border-white ${e.action === "climb" ? "bg-seal-600" : "bg-brand-600"}`}
            />
            <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-500">
              <time dateTime={e.at.toISOString()}>{format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" })}</time>
              <span className="font-medium text-slate-700">{e.actorName ?? t("detail.system")}</span>
              {e.onBehalfOfName && (
                <span className="rounded bg-amber-50 px-1 text-amber-800" data-testid="on-behalf">
                  {t("detail.onBehalf", { name: e.onBehalfOfName })}
                </span>
              )}
            </p>
            <p className="text-sm text-slate-900">{eventSentence(t, e.action, e.data, context)}</p>
            {changed && <p className="text-xs text-slate-500">{t("detail.stateChange", { from: stateText(t, from), to: stateText(t, to) })}</p>}
            {eventTexts(t, e.action, e.data).map((x, i) => (
              <div key={i} className="mt-1 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800">
                {x.label && <p className="text-xs font-medium text-slate-500">{x.label}</p>}
                <p className="whitespace-pre-wrap break-words">{x.text}</p>
              </div>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
