// Words for a request's route and each timeline event, in the reader's language; the translator
// (namespace "requests") is passed in so that server components can use these.
import { sharedRouteText, type Translator } from "@/components/ui/describe";
import { REQUEST_STATES } from "@/lib/domain/requests/lifecycle";
import type { RequestState } from "@/lib/domain/requests/lifecycle";

type T = Translator;

export const STATE_TONE: Record<RequestState, "slate" | "brand" | "amber" | "green" | "seal"> = {
  draft: "slate",
  submitted: "brand",
  returned: "amber",
  awaiting_decision: "amber",
  approved: "green",
  rejected: "seal",
  instructed: "green",
  withdrawn: "slate",
};

/** Why the request went to its leader. */
export function routeText(t: T, reason: string | null, leaderName: string | null, note: string | null): string | null {
  if (reason === "referred") return note ? t("routes.referredNote", { note }) : t("routes.referred");
  return sharedRouteText(t, reason, leaderName, note);
}

export function stateText(t: T, state: unknown): string {
  return typeof state === "string" && (REQUEST_STATES as readonly string[]).includes(state) ? t(`states.${state}`) : String(state ?? "");
}

export type EventContext = { userName: (id: unknown) => string };

/** One sentence for a timeline event; an unknown action shows its raw name. */
export function eventSentence(t: T, action: string, data: Record<string, unknown>, c: EventContext): string {
  switch (action) {
    case "create":
      return t("events.create", { number: String(data.number ?? "") });
    case "submit":
      return t(data.resubmitted ? "events.resubmit" : "events.submit");
    case "propose": {
      const leader = c.userName(data.leaderId);
      return t("events.propose", { leader, reason: routeText(t, typeof data.reason === "string" ? data.reason : null, leader, null) ?? "" });
    }
    case "reroute":
      return t("events.reroute", { leader: c.userName(data.leaderId), from: c.userName(data.fromLeaderId) });
    case "refer_to_principal":
      return t("events.refer_to_principal", { leader: c.userName(data.leaderId) });
    case "request_countersign":
      return t("events.request_countersign", { leaders: (Array.isArray(data.leaderIds) ? data.leaderIds : []).map(c.userName).join("、") });
    case "countersign":
      return t("events.countersign", { leader: c.userName(data.leaderId) });
    case "convert_to_assignment":
      return t("events.convert_to_assignment", { number: String(data.number ?? "") });
    case "attach":
      return t("events.attach", { name: String(data.name ?? "") });
    default:
      return t.has(`events.${action}`) ? t(`events.${action}`) : action;
  }
}

/** The free text an event carries (a comment, a proposal, an opinion, a decision, a note), if any. */
export function eventText(data: Record<string, unknown>): string | null {
  for (const k of ["text", "comment", "proposal", "opinion", "reason", "note"]) {
    const v = data[k];
    if (typeof v === "string" && v.trim()) return v;
  }
  return null;
}

/** Every user id an event names (for looking their names up once). */
export function userIdsOf(events: { data: Record<string, unknown> }[]): number[] {
  return events.flatMap((e) => [e.data.leaderId, e.data.fromLeaderId, ...(Array.isArray(e.data.leaderIds) ? e.data.leaderIds : [])]).filter((v): v is number => typeof v === "number");
}
