import { getTranslations } from "next-intl/server";
import type { ItemEventDto } from "@/lib/dal/items/queries";
import { Timeline as EventTimeline } from "@/components/ui/timeline";
import { eventSentence, eventText, stateText, type EventContext } from "./describe";

/** The item's timeline, oldest first: who, when (org time zone), on whose behalf, what changed. */
export async function Timeline({ events, context }: { events: ItemEventDto[]; context: EventContext }) {
  const t = await getTranslations("items");
  return (
    <EventTimeline
      events={events}
      testId="item-timeline"
      systemName={t("system")}
      onBehalf={(name) => t("detail.onBehalf", { name })}
      sentence={(e) => eventSentence(t, e.action, e.data, context)}
      extra={(e) => {
        const text = eventText(e.data);
        const changed = typeof e.data.from === "string" && typeof e.data.to === "string" && e.data.from !== e.data.to;
        return (
          <>
            {changed && <p className="text-xs text-slate-500">{t("detail.stateChange", { from: stateText(t, e.data.from), to: stateText(t, e.data.to) })}</p>}
            {text && <p className="mt-1 whitespace-pre-wrap rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800">{text}</p>}
          </>
        );
      }}
    />
  );
}
