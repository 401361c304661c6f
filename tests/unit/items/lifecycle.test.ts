import { describe, expect, it } from "vitest";
import { allFlagCombinations, exhaustiveLifeCycleTests } from "../../support/life-cycle";
import {
  availableActions,
  decide,
  INITIAL_STATE,
  isOpen,
  ITEM_ACTIONS,
  ITEM_SOURCES,
  ITEM_STATES,
  mayAct,
  transition,
  URGENCIES,
  type ItemAction,
  type ItemActorContext,
  type ItemState,
} from "@/lib/domain/items/lifecycle";
import type { Role } from "@/lib/domain/roles";

// ---------------------------------------------------------------------------------------------
// The expectation, written out by hand from the brief and NOT derived from the module: for each
// action, the states it is possible in, the state it leads to, and per role what relation to
// the item that role needs there. A role missing from a row may never do it.
// ---------------------------------------------------------------------------------------------

type Need = "always" | "lead" | "support" | "lead_or_support" | "routed" | "creator" | "assigner";
type Row = { next: ItemState; who: Partial<Record<Role, Need>> };

const OFFICE: Partial<Record<Role, Need>> = { office_director: "always", office_staff: "always" };

const EXPECTED: Record<Exclude<ItemAction, "register">, Partial<Record<ItemState, Row>>> = {
  propose: { draft: { next: "awaiting_decision", who: OFFICE } },
  reroute: { awaiting_decision: { next: "awaiting_decision", who: OFFICE } },
  dispatch: { draft: { next: "sent", who: OFFICE } },
  approve: { awaiting_decision: { next: "sent", who: { principal: "routed", deputy: "routed" } } },
  instruct: { awaiting_decision: { next: "sent", who: { principal: "routed", deputy: "routed" } } },
  refer_to_principal: { awaiting_decision: { next: "awaiting_decision", who: { deputy: "routed" } } },
  leader_send_direct: { draft: { next: "sent", who: { principal: "creator", deputy: "creator" } } },
  sign_for: { sent: { next: "in_progress", who: { dept_head: "lead", dept_liaison: "lead" } } },
  support_sign_for: {
    sent: { next: "sent", who: { dept_head: "support", dept_liaison: "support" } },
    in_progress: { next: "in_progress", who: { dept_head: "support", dept_liaison: "support" } },
  },
  report_progress: {
    in_progress: {
      next: "in_progress",
      who: { dept_head: "lead_or_support", dept_liaison: "lead_or_support", dept_staff: "lead_or_support" },
    },
  },
  request_extension: { in_progress: { next: "in_progress", who: { dept_head: "lead", dept_liaison: "lead" } } },
  decide_extension: {
    in_progress: {
      next: "in_progress",
      who: { principal: "assigner", deputy: "assigner", office_director: "assigner", office_staff: "assigner" },
    },
  },
  report_completion: {
    in_progress: { next: "completion_reported", who: { dept_head: "lead", dept_liaison: "lead" } },
  },
  close: { completion_reported: { next: "closed", who: OFFICE } },
  return_for_rework: { completion_reported: { next: "in_progress", who: OFFICE } },
  urge: {
    sent: { next: "sent", who: { ...OFFICE, principal: "routed", deputy: "routed" } },
    in_progress: { next: "in_progress", who: { ...OFFICE, principal: "routed", deputy: "routed" } },
    completion_reported: { next: "completion_reported", who: { ...OFFICE, principal: "routed", deputy: "routed" } },
  },
  cancel: {
    draft: { next: "cancelled", who: { office_director: "always" } },
    awaiting_decision: { next: "cancelled", who: { office_director: "always" } },
    sent: { next: "cancelled", who: { office_director: "always" } },
    in_progress: { next: "cancelled", who: { office_director: "always" } },
  },
  edit: {
    draft: { next: "draft", who: { ...OFFICE, principal: "creator", deputy: "creator" } },
    awaiting_decision: { next: "awaiting_decision", who: { ...OFFICE, principal: "routed", deputy: "routed" } },
  },
};

/** Register creates an item: it has no from-state, only a "who". */
const MAY_REGISTER: readonly Role[] = ["office_director", "office_staff", "principal", "deputy"];

type Flags = Omit<ItemActorContext, "roles">;

const FLAG_NAMES = ["inLeadDepartment", "inSupportDepartment", "isRoutedLeader", "isCreator", "isAssigner"] as const;

/** All 32 combinations of the relation flags. */
const ALL_FLAGS: Flags[] = allFlagCombinations(FLAG_NAMES);

function meets(need: Need | undefined, f: Flags): boolean {
  switch (need) {
    case undefined:
      return false;
    case "always":
      return true;
    case "lead":
      return f.inLeadDepartment;
    case "support":
      return f.inSupportDepartment;
    case "lead_or_support":
      return f.inLeadDepartment || f.inSupportDepartment;
    case "routed":
      return f.isRoutedLeader;
    case "creator":
      return f.isCreator;
    case "assigner":
      return f.isAssigner;
  }
}

/** Whether someone holding `roles` may take `action` in `state`: any one role suffices... */
function expectedWho(action: ItemAction, state: ItemState, roles: readonly Role[], f: Flags): boolean {
  if (action === "register") return roles.some((r) => MAY_REGISTER.includes(r));
  const row = EXPECTED[action][state];
  if (!row) return false;
  // ...except that the principal never refers an item to the principal.
  if (action === "refer_to_principal" && roles.includes("principal")) return false;
  return roles.some((r) => meets(row.who[r], f));
}

function expectedMayAct(action: ItemAction, roles: readonly Role[], f: Flags): boolean {
  return ITEM_STATES.some((s) => expectedWho(action, s, roles, f));
}

function expectedDecide(state: ItemState, action: ItemAction, roles: readonly Role[], f: Flags) {
  if (!expectedMayAct(action, roles, f)) return { ok: false, reason: "not_allowed" };
  const row = action === "register" ? undefined : EXPECTED[action][state];
  if (!row) return { ok: false, reason: "wrong_state" };
  if (!expectedWho(action, state, roles, f)) return { ok: false, reason: "not_allowed" };
  return { ok: true, next: row.next };
}

const ctx = (roles: readonly Role[], f: Flags): ItemActorContext => ({ roles, ...f });
const NO_FLAGS: Flags = ALL_FLAGS[0];

describe("the state and action lists", () => {
  it("are the agreed names", () => {
    expect(ITEM_STATES).toEqual(["draft", "awaiting_decision", "sent", "in_progress", "completion_reported", "closed", "cancelled"]);
    expect(URGENCIES).toEqual(["extra_urgent", "urgent", "normal"]);
    expect(ITEM_SOURCES).toEqual(["superior_document", "leader", "meeting", "department", "staff"]);
    expect(INITIAL_STATE).toBe("draft");
    expect([...ITEM_ACTIONS].sort()).toEqual([...Object.keys(EXPECTED), "register"].sort());
    expect(new Set(ITEM_ACTIONS).size).toBe(ITEM_ACTIONS.length);
  });
});

exhaustiveLifeCycleTests({
  states: ITEM_STATES,
  actions: ITEM_ACTIONS,
  machine: { transition, mayAct, decide, availableActions },
  flagNames: FLAG_NAMES,
  allFlags: ALL_FLAGS,
  ctx,
  expectedNext: (action, state) => (action === "register" ? null : (EXPECTED[action][state]?.next ?? null)),
  expectedMayAct,
  expectedDecide,
});

describe("availableActions", () => {
  it("shows the expected buttons in a few familiar situations", () => {
    const liaison = ctx(["dept_liaison"], { ...NO_FLAGS, inLeadDepartment: true });
    expect(availableActions("sent", liaison)).toEqual(["sign_for"]);
    expect(availableActions("in_progress", liaison)).toEqual(["report_progress", "request_extension", "report_completion"]);
    const deputy = ctx(["deputy"], { ...NO_FLAGS, isRoutedLeader: true });
    expect(availableActions("awaiting_decision", deputy)).toEqual(["approve", "instruct", "refer_to_principal", "edit"]);
    const principal = ctx(["principal"], { ...NO_FLAGS, isRoutedLeader: true });
    expect(availableActions("awaiting_decision", principal)).toEqual(["approve", "instruct", "edit"]);
    const director = ctx(["office_director"], NO_FLAGS);
    expect(availableActions("draft", director)).toEqual(["propose", "dispatch", "cancel", "edit"]);
    expect(availableActions("completion_reported", director)).toEqual(["close", "return_for_rework", "urge"]);
    expect(availableActions("closed", director)).toEqual([]);
    const staff = ctx(["office_staff"], NO_FLAGS);
    expect(availableActions("in_progress", staff)).toEqual(["urge"]);
  });
});

describe("specific rules, spelled out", () => {
  const f = (over: Partial<Flags>): Flags => ({ ...NO_FLAGS, ...over });

  it("refuses with not_allowed before wrong_state for someone who may never act", () => {
    expect(decide("closed", "sign_for", ctx(["dept_staff"], f({ inLeadDepartment: true })))).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    expect(decide("closed", "sign_for", ctx(["dept_head"], f({ inLeadDepartment: true })))).toEqual({
      ok: false,
      reason: "wrong_state",
    });
  });

  it("lets only the office director cancel", () => {
    expect(decide("in_progress", "cancel", ctx(["office_director"], NO_FLAGS))).toEqual({ ok: true, next: "cancelled" });
    expect(decide("in_progress", "cancel", ctx(["office_staff"], NO_FLAGS)).ok).toBe(false);
    expect(decide("completion_reported", "cancel", ctx(["office_director"], NO_FLAGS))).toEqual({ ok: false, reason: "wrong_state" });
  });

  it("keeps the state when a support department signs for, and moves it when the lead does", () => {
    const support = ctx(["dept_liaison"], f({ inSupportDepartment: true }));
    expect(decide("sent", "support_sign_for", support)).toEqual({ ok: true, next: "sent" });
    expect(decide("in_progress", "support_sign_for", support)).toEqual({ ok: true, next: "in_progress" });
    expect(decide("sent", "sign_for", support)).toEqual({ ok: false, reason: "not_allowed" });
    const lead = ctx(["dept_liaison"], f({ inLeadDepartment: true }));
    expect(decide("sent", "sign_for", lead)).toEqual({ ok: true, next: "in_progress" });
    expect(decide("sent", "support_sign_for", lead)).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("lets department staff report progress but not sign, extend or complete", () => {
    const staff = ctx(["dept_staff"], f({ inLeadDepartment: true, inSupportDepartment: true }));
    expect(decide("in_progress", "report_progress", staff).ok).toBe(true);
    for (const a of ["sign_for", "support_sign_for", "request_extension", "report_completion"] as const)
      expect(mayAct(a, staff)).toBe(false);
  });

  it("lets a routed leader edit only once the item awaits their decision; the creating leader edits their draft", () => {
    const routed = ctx(["deputy"], f({ isRoutedLeader: true }));
    expect(decide("draft", "edit", routed)).toEqual({ ok: false, reason: "not_allowed" });
    expect(decide("awaiting_decision", "edit", routed)).toEqual({ ok: true, next: "awaiting_decision" });
    expect(decide("sent", "edit", routed)).toEqual({ ok: false, reason: "wrong_state" });
    const creator = ctx(["principal"], f({ isCreator: true }));
    expect(decide("draft", "edit", creator)).toEqual({ ok: true, next: "draft" });
    expect(decide("awaiting_decision", "edit", creator)).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("lets only the creating leader send straight down (急事急办)", () => {
    expect(decide("draft", "leader_send_direct", ctx(["deputy"], f({ isCreator: true })))).toEqual({ ok: true, next: "sent" });
    expect(decide("draft", "leader_send_direct", ctx(["deputy"], f({ isRoutedLeader: true }))).ok).toBe(false);
    expect(decide("draft", "leader_send_direct", ctx(["office_director"], f({ isCreator: true }))).ok).toBe(false);
  });

  it("ignores leader flags on someone without a leader role", () => {
    const odd = ctx(["dept_head"], f({ isRoutedLeader: true, isCreator: true, isAssigner: true }));
    for (const a of ["approve", "instruct", "leader_send_direct", "decide_extension", "urge", "register"] as const)
      expect(mayAct(a, odd)).toBe(false);
  });

  it("gives extension decisions to the assigner only", () => {
    expect(decide("in_progress", "decide_extension", ctx(["office_staff"], f({ isAssigner: true }))).ok).toBe(true);
    expect(decide("in_progress", "decide_extension", ctx(["office_director"], NO_FLAGS)).ok).toBe(false);
    expect(decide("in_progress", "decide_extension", ctx(["deputy"], f({ isRoutedLeader: true }))).ok).toBe(false);
  });
});

describe("reachability", () => {
  const successors = (s: ItemState) =>
    ITEM_ACTIONS.map((a) => transition(s, a)).filter((n): n is ItemState => n !== null);

  function reachableFrom(start: ItemState): Set<ItemState> {
    const seen = new Set<ItemState>([start]);
    const queue = [start];
    while (queue.length)
      for (const n of successors(queue.shift()!))
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
    return seen;
  }

  it("reaches every state from draft", () => {
    expect(reachableFrom(INITIAL_STATE)).toEqual(new Set(ITEM_STATES));
  });

  it("makes closed and cancelled terminal", () => {
    for (const s of ["closed", "cancelled"] as const) {
      expect(successors(s)).toEqual([]);
      expect(isOpen(s)).toBe(false);
    }
  });

  it("lets every open state still end closed or cancelled", () => {
    for (const s of ITEM_STATES.filter(isOpen)) {
      expect(reachableFrom(s).has("closed"), s).toBe(true);
      expect(reachableFrom(s).has("cancelled"), s).toBe(true);
    }
  });

  it("calls every other state open", () => {
    expect(ITEM_STATES.filter(isOpen)).toEqual(["draft", "awaiting_decision", "sent", "in_progress", "completion_reported"]);
  });

  it("walks the full path and the short cuts", () => {
    const walk = (actions: ItemAction[]) => actions.reduce<ItemState | null>((s, a) => (s ? transition(s, a) : null), "draft");
    expect(
      walk(["propose", "reroute", "refer_to_principal", "edit", "instruct", "support_sign_for", "sign_for", "report_progress", "request_extension", "decide_extension", "urge", "report_completion", "return_for_rework", "report_completion", "close"]),
    ).toBe("closed");
    expect(walk(["dispatch", "sign_for", "report_completion", "close"])).toBe("closed");
    expect(walk(["leader_send_direct", "urge", "cancel"])).toBe("cancelled");
    expect(walk(["propose", "approve", "sign_for", "close"])).toBeNull(); // cannot close before completion
  });
});
