import { describe, expect, it } from "vitest";
import { allFlagCombinations, exhaustiveLifeCycleTests } from "../../support/life-cycle";
import {
  availableActions,
  COORDINATION_ACTIONS,
  COORDINATION_STATES,
  decide,
  INITIAL_COORDINATION_STATE,
  isOpen,
  mayAct,
  transition,
  type CoordinationAction,
  type CoordinationActorContext,
  type CoordinationState,
} from "@/lib/domain/coordination/lifecycle";
import type { Role } from "@/lib/domain/roles";

// ---------------------------------------------------------------------------------------------
// The expectation, written out by hand from the brief and NOT derived from the module: for each
// action, the states it is possible in, the state it leads to, and per role what relation to
// the matter that role needs there. A role missing from a row may never do it.
// ---------------------------------------------------------------------------------------------

type Need = "always" | "raiser" | "party" | "routed";
type Row = { next: CoordinationState; who: Partial<Record<Role, Need>> };

const OFFICE: Partial<Record<Role, Need>> = { office_director: "always", office_staff: "always" };
const PARTY: Partial<Record<Role, Need>> = { dept_head: "party", dept_liaison: "party" };

const EXPECTED: Record<Exclude<CoordinationAction, "raise">, Partial<Record<CoordinationState, Row>>> = {
  accept: { raised: { next: "accepted", who: OFFICE } },
  decline: { raised: { next: "declined", who: OFFICE } },
  state_position: {
    raised: { next: "raised", who: PARTY },
    accepted: { next: "accepted", who: PARTY },
    in_consultation: { next: "in_consultation", who: PARTY },
  },
  log_consultation: {
    accepted: { next: "in_consultation", who: OFFICE },
    in_consultation: { next: "in_consultation", who: OFFICE },
  },
  propose_meeting: {
    accepted: { next: "in_consultation", who: OFFICE },
    in_consultation: { next: "in_consultation", who: OFFICE },
  },
  record_agreement: { in_consultation: { next: "agreed", who: OFFICE } },
  escalate: {
    accepted: { next: "escalated", who: OFFICE },
    in_consultation: { next: "escalated", who: OFFICE },
  },
  decide: { escalated: { next: "decided", who: { principal: "routed", deputy: "routed" } } },
  close: { agreed: { next: "closed", who: OFFICE } },
};

/** Raise makes a matter: no from-state; only the head of the raising department. */
const MAY_RAISE: Partial<Record<Role, Need>> = { dept_head: "raiser" };

type Flags = Omit<CoordinationActorContext, "roles">;

const FLAG_NAMES = ["inRaisingDepartment", "isNamedParty", "isRoutedLeader"] as const;

/** All 8 combinations of the relation flags. */
const ALL_FLAGS: Flags[] = allFlagCombinations(FLAG_NAMES);

function meets(need: Need | undefined, f: Flags): boolean {
  switch (need) {
    case undefined:
      return false;
    case "always":
      return true;
    case "raiser":
      return f.inRaisingDepartment;
    case "party":
      return f.isNamedParty;
    case "routed":
      return f.isRoutedLeader;
  }
}

function expectedWho(action: CoordinationAction, state: CoordinationState, roles: readonly Role[], f: Flags): boolean {
  if (action === "raise") return roles.some((r) => meets(MAY_RAISE[r], f));
  const row = EXPECTED[action][state];
  return !!row && roles.some((r) => meets(row.who[r], f));
}

function expectedMayAct(action: CoordinationAction, roles: readonly Role[], f: Flags): boolean {
  return COORDINATION_STATES.some((s) => expectedWho(action, s, roles, f));
}

function expectedDecide(state: CoordinationState, action: CoordinationAction, roles: readonly Role[], f: Flags) {
  if (!expectedMayAct(action, roles, f)) return { ok: false, reason: "not_allowed" };
  const row = action === "raise" ? undefined : EXPECTED[action][state];
  if (!row) return { ok: false, reason: "wrong_state" };
  if (!expectedWho(action, state, roles, f)) return { ok: false, reason: "not_allowed" };
  return { ok: true, next: row.next };
}

const ctx = (roles: readonly Role[], f: Flags): CoordinationActorContext => ({ roles, ...f });
const NO_FLAGS: Flags = ALL_FLAGS[0];

describe("the state and action lists", () => {
  it("are the agreed names", () => {
    expect(COORDINATION_STATES).toEqual([
      "raised",
      "accepted",
      "declined",
      "in_consultation",
      "agreed",
      "escalated",
      "decided",
      "closed",
    ]);
    expect(INITIAL_COORDINATION_STATE).toBe("raised");
    expect([...COORDINATION_ACTIONS].sort()).toEqual([...Object.keys(EXPECTED), "raise"].sort());
    expect(new Set(COORDINATION_ACTIONS).size).toBe(COORDINATION_ACTIONS.length);
  });
});

exhaustiveLifeCycleTests({
  states: COORDINATION_STATES,
  actions: COORDINATION_ACTIONS,
  machine: { transition, mayAct, decide, availableActions },
  flagNames: FLAG_NAMES,
  allFlags: ALL_FLAGS,
  ctx,
  expectedNext: (action, state) => (action === "raise" ? null : (EXPECTED[action][state]?.next ?? null)),
  expectedMayAct,
  expectedDecide,
});

describe("availableActions", () => {
  it("shows the expected buttons in a few familiar situations", () => {
    const office = ctx(["office_director"], NO_FLAGS);
    expect(availableActions("raised", office)).toEqual(["accept", "decline"]);
    expect(availableActions("accepted", office)).toEqual(["log_consultation", "propose_meeting", "escalate"]);
    expect(availableActions("in_consultation", office)).toEqual(["log_consultation", "propose_meeting", "record_agreement", "escalate"]);
    expect(availableActions("agreed", office)).toEqual(["close"]);
    expect(availableActions("escalated", office)).toEqual([]);
    const liaison = ctx(["dept_liaison"], { ...NO_FLAGS, isNamedParty: true });
    expect(availableActions("raised", liaison)).toEqual(["state_position"]);
    expect(availableActions("in_consultation", liaison)).toEqual(["state_position"]);
    const principal = ctx(["principal"], { ...NO_FLAGS, isRoutedLeader: true });
    expect(availableActions("escalated", principal)).toEqual(["decide"]);
    expect(availableActions("in_consultation", principal)).toEqual([]);
  });
});

describe("specific rules, spelled out", () => {
  const f = (over: Partial<Flags>): Flags => ({ ...NO_FLAGS, ...over });

  it("lets only the raising department's head raise a matter", () => {
    expect(mayAct("raise", ctx(["dept_head"], f({ inRaisingDepartment: true })))).toBe(true);
    expect(mayAct("raise", ctx(["dept_liaison"], f({ inRaisingDepartment: true })))).toBe(false);
    expect(mayAct("raise", ctx(["dept_head"], f({ isNamedParty: true })))).toBe(false);
    expect(mayAct("raise", ctx(["office_director"], f({ inRaisingDepartment: true })))).toBe(false);
  });

  it("takes positions from named parties' heads and liaisons only, during consultation", () => {
    expect(decide("accepted", "state_position", ctx(["dept_head"], f({ isNamedParty: true })))).toEqual({ ok: true, next: "accepted" });
    expect(decide("raised", "state_position", ctx(["dept_head"], f({ isNamedParty: true })))).toEqual({ ok: true, next: "raised" });
    expect(decide("escalated", "state_position", ctx(["dept_head"], f({ isNamedParty: true })))).toEqual({ ok: false, reason: "wrong_state" });
    expect(decide("accepted", "state_position", ctx(["dept_staff"], f({ isNamedParty: true })))).toEqual({ ok: false, reason: "not_allowed" });
    expect(decide("accepted", "state_position", ctx(["dept_head"], f({ inRaisingDepartment: true })))).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("records an agreement only after a consultation is on record", () => {
    const office = ctx(["office_staff"], NO_FLAGS);
    expect(decide("accepted", "record_agreement", office)).toEqual({ ok: false, reason: "wrong_state" });
    expect(decide("accepted", "log_consultation", office)).toEqual({ ok: true, next: "in_consultation" });
    expect(decide("in_consultation", "record_agreement", office)).toEqual({ ok: true, next: "agreed" });
  });

  it("lets only the routed leader decide an escalated matter", () => {
    expect(decide("escalated", "decide", ctx(["deputy"], f({ isRoutedLeader: true })))).toEqual({ ok: true, next: "decided" });
    expect(decide("escalated", "decide", ctx(["deputy"], NO_FLAGS))).toEqual({ ok: false, reason: "not_allowed" });
    expect(decide("escalated", "decide", ctx(["office_director"], NO_FLAGS))).toEqual({ ok: false, reason: "not_allowed" });
    expect(decide("escalated", "decide", ctx(["dept_head"], f({ isRoutedLeader: true })))).toEqual({ ok: false, reason: "not_allowed" });
    expect(decide("in_consultation", "decide", ctx(["principal"], f({ isRoutedLeader: true })))).toEqual({ ok: false, reason: "wrong_state" });
  });

  it("refuses a second decision or escalation after a concurrent one (the loser reloads)", () => {
    expect(decide("decided", "decide", ctx(["principal"], f({ isRoutedLeader: true })))).toEqual({ ok: false, reason: "wrong_state" });
    expect(decide("escalated", "escalate", ctx(["office_staff"], NO_FLAGS))).toEqual({ ok: false, reason: "wrong_state" });
    expect(decide("declined", "accept", ctx(["office_staff"], NO_FLAGS))).toEqual({ ok: false, reason: "wrong_state" });
  });
});

describe("reachability", () => {
  const successors = (s: CoordinationState) =>
    COORDINATION_ACTIONS.map((a) => transition(s, a)).filter((n): n is CoordinationState => n !== null && n !== s);

  function reachableFrom(start: CoordinationState): Set<CoordinationState> {
    const seen = new Set<CoordinationState>([start]);
    const queue = [start];
    while (queue.length)
      for (const n of successors(queue.shift()!))
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
    return seen;
  }

  const ENDED: CoordinationState[] = ["declined", "decided", "closed"];

  it("reaches every state from raised", () => {
    expect(reachableFrom(INITIAL_COORDINATION_STATE)).toEqual(new Set(COORDINATION_STATES));
  });

  it("makes declined, decided and closed terminal, with no action at all", () => {
    for (const s of ENDED) {
      expect(COORDINATION_ACTIONS.filter((a) => transition(s, a) !== null), s).toEqual([]);
      expect(isOpen(s), s).toBe(false);
    }
  });

  it("lets every open state still end", () => {
    for (const s of COORDINATION_STATES.filter(isOpen))
      expect(ENDED.some((e) => reachableFrom(s).has(e)), s).toBe(true);
  });

  it("calls every other state open", () => {
    expect(COORDINATION_STATES.filter(isOpen)).toEqual(["raised", "accepted", "in_consultation", "agreed", "escalated"]);
  });

  it("walks both endings and the refusal", () => {
    const walk = (actions: CoordinationAction[]) =>
      actions.reduce<CoordinationState | null>((s, a) => (s ? transition(s, a) : null), "raised");
    expect(walk(["accept", "state_position", "log_consultation", "state_position", "propose_meeting", "record_agreement", "close"])).toBe("closed");
    expect(walk(["accept", "log_consultation", "escalate", "decide"])).toBe("decided");
    expect(walk(["accept", "escalate", "decide"])).toBe("decided"); // the ladder may escalate before any consultation
    expect(walk(["decline"])).toBe("declined");
    expect(walk(["accept", "escalate", "record_agreement"])).toBeNull();
    expect(walk(["log_consultation"])).toBeNull(); // not before the office accepts
  });
});
