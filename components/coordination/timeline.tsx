import { getTranslations } from "next-intl/server";
import type { MatterEventDto } from "@/lib/dal/coordination/queries";
import { Timeline } from "@/components/ui/timeline";
import { eventSentence, eventTexts, stateText, type EventContext } from "./describe";

/** The matter's timeline, oldest first: who, when, on whose behalf, what was said or changed. */
export async function MatterTimeline({ events, context }: { events: MatterEventDto[]; context: EventContext }) {
  const t = await getTranslations("coordination");
  return (
    <Timeline
      events={events}
      testId="matter-timeline"
      systemName={t("detail.system")}
      onBehalf={(name) => t("detail.onBehalf", { name })}
      // A climb up the ladder is marked in seal red so it stands out in a long history.
      markerClass={(e) => (e.action === "climb" ? "bg-seal-600" : "bg-brand-600")}
      sentence={(e) => eventSentence(t, e.action, e.data, context)}
      extra={(e) => {
        const from = e.action === "climb" ? e.data.stateFrom : e.data.from;
        const to = e.action === "climb" ? e.data.stateTo : e.data.to;
        const changed = typeof from === "string" && typeof to === "string" && from !== to;
        return (
          <>
            {changed && <p className="text-xs text-slate-500">{t("detail.stateChange", { from: stateText(t, from), to: stateText(t, to) })}</p>}
            {eventTexts(t, e.action, e.data).map((x, i) => (
              <div key={i} className="mt-1 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800">
                {x.label && <p className="text-xs font-medium text-slate-500">{x.label}</p>}
                <p className="whitespace-pre-wrap break-words">{x.text}</p>
              </div>
            ))}
          </>
        );
      }}
    />
  );
}
