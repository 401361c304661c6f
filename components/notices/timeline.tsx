import { getTranslations } from "next-intl/server";
import type { NoticeEventDto } from "@/lib/dal/notices/queries";
import { Timeline } from "@/components/ui/timeline";

/** The notice's timeline, oldest first: who, when, on whose behalf, what. */
export async function NoticeTimeline({ events, names, departmentNames }: { events: NoticeEventDto[]; names: Record<number, string>; departmentNames: Map<number, string> }) {
  const [t, tr] = await Promise.all([getTranslations("notices.events"), getTranslations("notices.replies")]);
  const name = (id: unknown) => (typeof id === "number" && names[id]) || t("someone");
  const num = (v: unknown) => (typeof v === "number" ? v : 0);
  const sentence = (e: NoticeEventDto): string => {
    const d = e.data;
    switch (e.action) {
      case "publish":
        return t("publish", { count: num(d.recipients) });
      case "revise": {
        const changed = Array.isArray(d.changed) ? d.changed.filter((c): c is string => typeof c === "string" && t.has(`changed.${c}`)).map((c) => t(`changed.${c}`)) : [];
        return t("revise", { revision: num(d.revision), changed: changed.join("、") });
      }
      case "withdraw":
        return t("withdraw");
      // Reading, and confirming or replying in person, are the actor's own acts: the actor's name
      // heads the entry already.
      case "read":
        return t("read");
      case "confirm":
        return d.proxy ? t("confirmProxy", { name: name(d.userId), revision: num(d.revision) }) : t("confirm", { revision: num(d.revision) });
      case "reply": {
        const reply = typeof d.reply === "string" && tr.has(d.reply) ? tr(d.reply) : String(d.reply ?? "");
        const sub = d.reply === "substitute" ? t("substitute", { name: name(d.substituteId) }) : "";
        return (d.proxy ? t("replyProxy", { name: name(d.userId), reply }) : t("reply", { reply })) + sub;
      }
      case "department_sign":
        return t("department_sign", { department: (typeof d.departmentId === "number" && departmentNames.get(d.departmentId)) || t("someone") });
      case "urge":
        return t("urge", { count: num(d.count) });
      case "auto_reminder":
      case "auto_overdue":
        return t(e.action, { count: num(d.count) });
      default:
        return e.action;
    }
  };
  const text = (e: NoticeEventDto) => (typeof e.data.reason === "string" && e.data.reason ? e.data.reason : null);
  // A proxy confirmation or reply already names the recipient in its sentence, so the timeline adds no
  // separate "on behalf of" mark.
  return (
    <Timeline
      events={events}
      testId="notice-timeline"
      systemName={t("system")}
      sentence={sentence}
      extra={(e) => text(e) && <p className="mt-1 whitespace-pre-wrap rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800">{text(e)}</p>}
    />
  );
}
