// Words for a matter's route, rung and timeline events, in the reader's language. The
// translator (namespace "coordination") is passed in so server pages can use these.
import type { Translator } from "@/components/ui/describe";
import { COORDINATION_STATES } from "@/lib/domain/coordination/lifecycle";
import { RUNGS } from "@/lib/domain/coordination/ladder";

type T = Translator;

export type EventContext = {
  userName: (id: unknown) => string;
  departmentName: (id: unknown) => string;
};

export function rungText(t: T, rung: unknown): string {
  return typeof rung === "string" && (RUNGS as readonly string[]).includes(rung) ? t(`rungs.${rung}`) : String(rung ?? "");
}

export function stateText(t: T, state: unknown): string {
  return typeof state === "string" && (COORDINATION_STATES as readonly string[]).includes(state) ? t(`states.${state}`) : String(state ?? "");
}

/** Why the matter went to its leader. */
export function routeText(t: T, reason: string | null, leaderName: string | null): string | null {
  if (!reason) return null;
  if (reason === "deputy_portfolio") return t("routes.deputy_portfolio", { name: leaderName ?? t("events.unknownLeader") });
  return t.has(`routes.${reason}`) ? t(`routes.${reason}`) : reason;
}

const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);

/** One sentence for a timeline event; an action this renderer does not know shows its raw name. */
export function eventSentence(t: T, action: string, data: Record<string, unknown>, c: EventContext): string {
  switch (action) {
    case "raise":
      return t("events.raise", { number: String(data.number ?? ""), department: c.departmentName(data.raisingDepartmentId) });
    case "state_position":
      return t("events.state_position", { department: c.departmentName(data.departmentId) });
    case "record_agreement":
      return t("events.record_agreement", { count: count(data.points) });
    case "escalate":
      return t("events.escalate", { leader: c.userName(data.leaderId) });
    case "decide":
      return count(data.points) ? t("events.decide_points", { count: count(data.points) }) : t("events.decide");
    case "climb": {
      const values = { days: Number(data.workingDays ?? 0), from: rungText(t, data.from), to: rungText(t, data.to) };
      return data.to === "deputy" || data.to === "principal" ? t("events.climbLeader", { ...values, leader: c.userName(data.leaderId) }) : t("events.climb", values);
    }
    default:
      return t.has(`events.${action}`) ? t(`events.${action}`) : action;
  }
}

/** The free text an event carries (a position, a note, a reason, a summary and proposal, a decision). */
export function eventTexts(t: T, action: string, data: Record<string, unknown>): { label: string | null; text: string }[] {
  const out: { label: string | null; text: string }[] = [];
  const add = (key: string, label: string | null) => {
    const v = data[key];
    if (typeof v === "string" && v.trim()) out.push({ label, text: v });
  };
  if (action === "escalate") {
    add("summary", t("fields.summary"));
    add("proposal", t("fields.proposal"));
  } else {
    for (const k of ["position", "note", "reason", "decision"]) add(k, null);
  }
  return out;
}
