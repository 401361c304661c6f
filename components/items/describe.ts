// Words for an item's route and for each timeline event, in the reader's language. The
// translator is passed in so that server pages (getTranslations) can use these.
import { sharedRouteText, type Translator } from "@/components/ui/describe";
import { ITEM_STATES } from "@/lib/domain/items/lifecycle";
import { EXTENSION_REASONS } from "@/lib/domain/items/deadlines";

type T = Translator;

/** Why the item went to its leader: "重大事项 → 主要领导", "主办部门由 X 分管" … */
export function routeText(t: T, reason: string | null, leaderName: string | null, note: string | null): string | null {
  if (reason === "direct") return leaderName ? t("routes.direct_leader", { name: leaderName }) : t("routes.direct_office");
  return sharedRouteText(t, reason, leaderName, note);
}

export function stateText(t: T, state: unknown): string {
  return typeof state === "string" && (ITEM_STATES as readonly string[]).includes(state) ? t(`states.${state}`) : String(state);
}

export function extensionReasonText(t: T, reason: unknown): string {
  return typeof reason === "string" && (EXTENSION_REASONS as readonly string[]).includes(reason) ? t(`extensionReasons.${reason}`) : String(reason ?? "");
}

export type EventContext = {
  userName: (id: unknown) => string;
  departmentName: (id: unknown) => string;
  day: (iso: unknown) => string;
};

/** One sentence for a timeline event; an action this renderer does not know shows its raw name. */
export function eventSentence(t: T, action: string, data: Record<string, unknown>, c: EventContext): string {
  switch (action) {
    case "register":
      return t("events.register", { number: String(data.number ?? ""), lead: c.departmentName(data.leadDepartmentId), due: c.day(data.dueOn) });
    case "propose": {
      const leader = c.userName(data.leaderId);
      return t("events.propose", { leader, reason: routeText(t, typeof data.reason === "string" ? data.reason : null, leader, null) ?? "" });
    }
    case "reroute":
      return t("events.reroute", { leader: c.userName(data.leaderId), from: c.userName(data.fromLeaderId) });
    case "refer_to_principal":
      return t("events.refer_to_principal", { leader: c.userName(data.leaderId) });
    case "sign_for":
    case "support_sign_for":
    case "report_progress":
      return t(data.partDone ? "events.report_progress_done" : `events.${action}`, { department: c.departmentName(data.departmentId) });
    case "request_extension":
      return t("events.request_extension", { date: c.day(data.requestedDueOn), reason: extensionReasonText(t, data.reason) });
    case "decide_extension":
      return data.approve
        ? t("events.decide_extension_approved", { from: c.day(data.fromDueOn), to: c.day(data.toDueOn) })
        : t("events.decide_extension_rejected", { from: c.day(data.fromDueOn) });
    case "attach":
      return t("events.attach", { name: String(data.name ?? "") });
    case "escalate":
      return t("events.escalate", { days: Number(data.lateWorkingDays ?? 0), leader: c.userName(data.leaderId) });
    default:
      return t.has(`events.${action}`) ? t(`events.${action}`) : action;
  }
}

/** The free text an event carries (a note, an instruction, a proposal), if any. */
export function eventText(data: Record<string, unknown>): string | null {
  for (const k of ["instruction", "proposal", "note"]) {
    const v = data[k];
    if (typeof v === "string" && v.trim()) return v;
  }
  return null;
}
