import { getTranslations } from "next-intl/server";
import type { RequestEventDto } from "@/lib/dal/requests/queries";
import { Timeline } from "@/components/ui/timeline";
import { eventSentence, eventText, stateText, type EventContext } from "./describe";

/** The request's timeline, oldest first: who, when, on whose behalf (代签), what changed. */
export async function RequestTimeline({ events, context }: { events: RequestEventDto[]; context: EventContext }) {
  const t = await getTranslations("requests");
  return (
    <Timeline
      events={events}
      testId="request-timeline"
      systemName={t("events.system")}
      onBehalf={(name) => t("events.onBehalf", { name })}
      sentence={(e) => eventSentence(t, e.action, e.data, context)}
      extra={(e) => {
        const text = eventText(e.data);
        const changed = typeof e.data.from === "string" && typeof e.data.to === "string" && e.data.from !== e.data.to;
        return (
          <>
            {changed && <p className="text-xs text-slate-500">{t("events.stateChange", { from: stateText(t, e.data.from), to: stateText(t, e.data.to) })}</p>}
            {text && <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800">{text}</p>}
          </>
        );
      }}
    />
  );
}
