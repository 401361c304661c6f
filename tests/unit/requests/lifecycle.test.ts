import { describe, expect, it } from "vitest";
import { allFlagCombinations, exhaustiveLifeCycleTests } from "../../support/life-cycle";
import {
  availableActions,
  decide,
  DECIDED_STATES,
  INITIAL_REQUEST_STATE,
  isDecided,
  isOpen,
  mayAct,
  REQUEST_ACTIONS,
  REQUEST_STATES,
  transition,
  type RequestAction,
  type RequestActorContext,
  type RequestState,
} from "@/lib/domain/requests/lifecycle";
import type { Role } from "@/lib/domain/roles";

// ---------------------------------------------------------------------------------------------
// The expectation, written out by hand from the brief and NOT derived from the module: for each
// action, the states it is possible in, the state it leads to, per role what relation to the
// request that role needs there, and whether a pending countersign holds it back.
// ---------------------------------------------------------------------------------------------

type Need = "always" | "own" | "routed" | "countersigner" | "decider";
type Row = { next: RequestState; who: Partial<Record<Role, Need>>; waitsForCountersigns?: true };

const OFFICE: Partial<Record<Role, Need>> = { office_director: "always", office_staff: "always" };
const DEPT: Partial<Record<Role, Need>> = { dept_head: "own", dept_liaison: "own", dept_staff: "own" };
const HEAD: Partial<Record<Role, Need>> = { dept_head: "own" };
const ROUTED: Partial<Record<Role, Need>> = { principal: "routed", deputy: "routed" };

const EXPECTED: Record<Exclude<RequestAction, "create">, Partial<Record<RequestState, Row>>> = {
  edit_draft: {
    draft: { next: "draft", who: DEPT },
    returned: { next: "returned", who: DEPT },
  },
  submit: {
    draft: { next: "submitted", who: HEAD },
    returned: { next: "submitted", who: HEAD },
  },
  withdraw: {
    draft: { next: "withdrawn", who: HEAD },
    submitted: { next: "withdrawn", who: HEAD },
    returned: { next: "withdrawn", who: HEAD },
    awaiting_decision: { next: "withdrawn", who: HEAD },
  },
  return_for_revision: { submitted: { next: "returned", who: OFFICE } },
  propose: { submitted: { next: "awaiting_decision", who: OFFICE } },
  reroute: { awaiting_decision: { next: "awaiting_decision", who: OFFICE } },
  request_countersign: { awaiting_decision: { next: "awaiting_decision", who: ROUTED } },
  countersign: {
    awaiting_decision: { next: "awaiting_decision", who: { principal: "countersigner", deputy: "countersigner" } },
  },
  approve: { awaiting_decision: { next: "approved", who: ROUTED, waitsForCountersigns: true } },
  reject: { awaiting_decision: { next: "rejected", who: ROUTED, waitsForCountersigns: true } },
  instruct: { awaiting_decision: { next: "instructed", who: ROUTED, waitsForCountersigns: true } },
  refer_to_principal: { awaiting_decision: { next: "awaiting_decision", who: { deputy: "routed" } } },
  convert_to_assignment: {
    approved: { next: "approved", who: { ...OFFICE, principal: "decider", deputy: "decider" } },
    instructed: { next: "instructed", who: { ...OFFICE, principal: "decider", deputy: "decider" } },
  },
};

/** Create makes a request: it has no from-state, only a "who" (a member of the asking department). */
const MAY_CREATE: Partial<Record<Role, Need>> = DEPT;

type Flags = Omit<RequestActorContext, "roles">;

const FLAG_NAMES = [
  "inRequestingDepartment",
  "isRoutedLeader",
  "isPendingCountersigner",
  "hasPendingCountersigns",
  "isDecider",
] as const;

/** All 32 combinations of the relation flags. */
const ALL_FLAGS: Flags[] = allFlagCombinations(FLAG_NAMES);

function meets(need: Need | undefined, f: Flags): boolean {
  switch (need) {
    case undefined:
      return false;
    case "always":
      return true;
    case "own":
      return f.inRequestingDepartment;
    case "routed":
      return f.isRoutedLeader;
    case "countersigner":
      return f.isPendingCountersigner;
    case "decider":
      return f.isDecider;
  }
}

/** Whether someone holding `roles` may take `action` in `state`: any one role suffices... */
function expectedWho(action: RequestAction, state: RequestState, roles: readonly Role[], f: Flags): boolean {
  if (action === "create") return roles.some((r) => meets(MAY_CREATE[r], f));
  const row = EXPECTED[action][state];
  if (!row) return false;
  // ...except that the principal never refers a request to the principal.
  if (action === "refer_to_principal" && roles.includes("principal")) return false;
  return roles.some((r) => meets(row.who[r], f));
}

function expectedMayAct(action: RequestAction, roles: readonly Role[], f: Flags): boolean {
  return REQUEST_STATES.some((s) => expectedWho(action, s, roles, f));
}

function expectedDecide(state: RequestState, action: RequestAction, roles: readonly Role[], f: Flags) {
  if (!expectedMayAct(action, roles, f)) return { ok: false, reason: "not_allowed" };
  const row = action === "create" ? undefined : EXPECTED[action][state];
  if (!row) return { ok: false, reason: "wrong_state" };
  if (!expectedWho(action, state, roles, f)) return { ok: false, reason: "not_allowed" };
  if (row.waitsForCountersigns && f.hasPendingCountersigns) return { ok: false, reason: "wrong_state" };
  return { ok: true, next: row.next };
}

const ctx = (roles: readonly Role[], f: Flags): RequestActorContext => ({ roles, ...f });
const NO_FLAGS: Flags = ALL_FLAGS[0];

describe("the state and action lists", () => {
  it("are the agreed names", () => {
    expect(REQUEST_STATES).toEqual([
      "draft",
      "submitted",
      "returned",
      "awaiting_decision",
      "approved",
      "rejected",
      "instructed",
      "withdrawn",
    ]);
    expect(DECIDED_STATES).toEqual(["approved", "rejected", "instructed"]);
    expect(INITIAL_REQUEST_STATE).toBe("draft");
    expect([...REQUEST_ACTIONS].sort()).toEqual([...Object.keys(EXPECTED), "create"].sort());
    expect(new Set(REQUEST_ACTIONS).size).toBe(REQUEST_ACTIONS.length);
  });
});

exhaustiveLifeCycleTests({
  states: REQUEST_STATES,
  actions: REQUEST_ACTIONS,
  machine: { transition, mayAct, decide, availableActions },
  flagNames: FLAG_NAMES,
  allFlags: ALL_FLAGS,
  ctx,
  expectedNext: (action, state) => (action === "create" ? null : (EXPECTED[action][state]?.next ?? null)),
  expectedMayAct,
  expectedDecide,
});

describe("availableActions", () => {
  it("shows the expected buttons in a few familiar situations", () => {
    const head = ctx(["dept_head"], { ...NO_FLAGS, inRequestingDepartment: true });
    expect(availableActions("draft", head)).toEqual(["edit_draft", "submit", "withdraw"]);
    expect(availableActions("returned", head)).toEqual(["edit_draft", "submit", "withdraw"]);
    expect(availableActions("awaiting_decision", head)).toEqual(["withdraw"]);
    expect(availableActions("approved", head)).toEqual([]);
    const staff = ctx(["dept_staff"], { ...NO_FLAGS, inRequestingDepartment: true });
    expect(availableActions("draft", staff)).toEqual(["edit_draft"]);
    const office = ctx(["office_staff"], NO_FLAGS);
    expect(availableActions("submitted", office)).toEqual(["return_for_revision", "propose"]);
    expect(availableActions("awaiting_decision", office)).toEqual(["reroute"]);
    expect(availableActions("instructed", office)).toEqual(["convert_to_assignment"]);
    expect(availableActions("rejected", office)).toEqual([]);
    const deputy = ctx(["deputy"], { ...NO_FLAGS, isRoutedLeader: true });
    expect(availableActions("awaiting_decision", deputy)).toEqual([
      "request_countersign",
      "approve",
      "reject",
      "instruct",
      "refer_to_principal",
    ]);
    const waiting = ctx(["principal"], { ...NO_FLAGS, isRoutedLeader: true, hasPendingCountersigns: true });
    expect(availableActions("awaiting_decision", waiting)).toEqual(["request_countersign"]);
    const signer = ctx(["deputy"], { ...NO_FLAGS, isPendingCountersigner: true, hasPendingCountersigns: true });
    expect(availableActions("awaiting_decision", signer)).toEqual(["countersign"]);
  });
});

describe("specific rules, spelled out", () => {
  const f = (over: Partial<Flags>): Flags => ({ ...NO_FLAGS, ...over });

  it("lets only the requesting department's head submit and withdraw", () => {
    expect(decide("draft", "submit", ctx(["dept_head"], f({ inRequestingDepartment: true })))).toEqual({ ok: true, next: "submitted" });
    expect(decide("draft", "submit", ctx(["dept_liaison"], f({ inRequestingDepartment: true })))).toEqual({ ok: false, reason: "not_allowed" });
    expect(decide("draft", "submit", ctx(["dept_head"], NO_FLAGS))).toEqual({ ok: false, reason: "not_allowed" });
    expect(decide("awaiting_decision", "withdraw", ctx(["office_director"], NO_FLAGS))).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("refuses a withdrawal once decided, and a decision once withdrawn (the concurrent loser reloads)", () => {
    const head = ctx(["dept_head"], f({ inRequestingDepartment: true }));
    for (const s of DECIDED_STATES) expect(decide(s, "withdraw", head)).toEqual({ ok: false, reason: "wrong_state" });
    const leader = ctx(["deputy"], f({ isRoutedLeader: true }));
    for (const a of ["approve", "reject", "instruct", "refer_to_principal", "request_countersign"] as const)
      expect(decide("withdrawn", a, leader)).toEqual({ ok: false, reason: "wrong_state" });
    expect(decide("approved", "approve", leader)).toEqual({ ok: false, reason: "wrong_state" });
  });

  it("holds the decision until every countersign is in, but not the countersigns themselves", () => {
    const waiting = f({ isRoutedLeader: true, hasPendingCountersigns: true });
    for (const a of ["approve", "reject", "instruct"] as const) {
      expect(decide("awaiting_decision", a, ctx(["principal"], waiting))).toEqual({ ok: false, reason: "wrong_state" });
      expect(decide("awaiting_decision", a, ctx(["principal"], f({ isRoutedLeader: true }))).ok).toBe(true);
    }
    expect(decide("awaiting_decision", "countersign", ctx(["deputy"], f({ isPendingCountersigner: true, hasPendingCountersigns: true })))).toEqual({
      ok: true,
      next: "awaiting_decision",
    });
    // Someone not asked may not countersign, and the pending flag alone grants nothing.
    expect(decide("awaiting_decision", "countersign", ctx(["deputy"], f({ hasPendingCountersigns: true })))).toEqual({
      ok: false,
      reason: "not_allowed",
    });
  });

  it("lets a routed deputy, never the principal, refer a request to the principal", () => {
    expect(decide("awaiting_decision", "refer_to_principal", ctx(["deputy"], f({ isRoutedLeader: true })))).toEqual({
      ok: true,
      next: "awaiting_decision",
    });
    expect(decide("awaiting_decision", "refer_to_principal", ctx(["principal"], f({ isRoutedLeader: true }))).ok).toBe(false);
    expect(decide("awaiting_decision", "refer_to_principal", ctx(["deputy"], NO_FLAGS)).ok).toBe(false);
  });

  it("turns only an approval or instruction into an assignment, by the office or the deciding leader", () => {
    const decider = ctx(["deputy"], f({ isDecider: true }));
    expect(decide("approved", "convert_to_assignment", decider)).toEqual({ ok: true, next: "approved" });
    expect(decide("instructed", "convert_to_assignment", decider)).toEqual({ ok: true, next: "instructed" });
    expect(decide("rejected", "convert_to_assignment", decider)).toEqual({ ok: false, reason: "wrong_state" });
    expect(decide("approved", "convert_to_assignment", ctx(["principal"], f({ isRoutedLeader: true }))).ok).toBe(false);
    expect(decide("approved", "convert_to_assignment", ctx(["office_staff"], NO_FLAGS)).ok).toBe(true);
  });

  it("keeps a decided request read-only except for turning it into an assignment", () => {
    for (const s of DECIDED_STATES)
      for (const a of REQUEST_ACTIONS.filter((x) => x !== "convert_to_assignment")) expect(transition(s, a), `${a} ${s}`).toBeNull();
  });

  it("ignores leader flags on someone without a leader role", () => {
    const odd = ctx(["dept_head"], f({ isRoutedLeader: true, isPendingCountersigner: true, isDecider: true }));
    for (const a of ["approve", "reject", "instruct", "refer_to_principal", "request_countersign", "countersign", "convert_to_assignment"] as const)
      expect(mayAct(a, odd)).toBe(false);
  });

  it("lets a department member create a request only for their own department", () => {
    expect(mayAct("create", ctx(["dept_staff"], f({ inRequestingDepartment: true })))).toBe(true);
    expect(mayAct("create", ctx(["dept_staff"], NO_FLAGS))).toBe(false);
    expect(mayAct("create", ctx(["office_director"], NO_FLAGS))).toBe(false);
    for (const s of REQUEST_STATES)
      expect(decide(s, "create", ctx(["dept_head"], f({ inRequestingDepartment: true })))).toEqual({ ok: false, reason: "wrong_state" });
  });
});

describe("reachability", () => {
  const successors = (s: RequestState) =>
    REQUEST_ACTIONS.map((a) => transition(s, a)).filter((n): n is RequestState => n !== null && n !== s);

  function reachableFrom(start: RequestState): Set<RequestState> {
    const seen = new Set<RequestState>([start]);
    const queue = [start];
    while (queue.length)
      for (const n of successors(queue.shift()!))
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
    return seen;
  }

  const ENDED: RequestState[] = ["approved", "rejected", "instructed", "withdrawn"];

  it("reaches every state from draft", () => {
    expect(reachableFrom(INITIAL_REQUEST_STATE)).toEqual(new Set(REQUEST_STATES));
  });

  it("makes the decided states and withdrawn terminal", () => {
    for (const s of ENDED) {
      expect(successors(s), s).toEqual([]);
      expect(isOpen(s), s).toBe(false);
    }
    expect(REQUEST_STATES.filter(isDecided)).toEqual(["approved", "rejected", "instructed"]);
  });

  it("lets every open state still be decided or withdrawn", () => {
    for (const s of REQUEST_STATES.filter(isOpen)) {
      const r = reachableFrom(s);
      expect(DECIDED_STATES.every((d) => r.has(d)), s).toBe(true);
      expect(r.has("withdrawn"), s).toBe(true);
    }
  });

  it("calls every other state open", () => {
    expect(REQUEST_STATES.filter(isOpen)).toEqual(["draft", "submitted", "returned", "awaiting_decision"]);
  });

  it("walks the full path and the short cuts", () => {
    const walk = (actions: RequestAction[]) =>
      actions.reduce<RequestState | null>((s, a) => (s ? transition(s, a) : null), "draft");
    expect(
      walk(["edit_draft", "submit", "return_for_revision", "edit_draft", "submit", "propose", "reroute", "refer_to_principal", "request_countersign", "countersign", "instruct", "convert_to_assignment"]),
    ).toBe("instructed");
    expect(walk(["submit", "propose", "approve", "convert_to_assignment"])).toBe("approved");
    expect(walk(["submit", "propose", "reject"])).toBe("rejected");
    expect(walk(["submit", "propose", "withdraw"])).toBe("withdrawn");
    expect(walk(["submit", "approve"])).toBeNull(); // the office checks and proposes first
    expect(walk(["submit", "propose", "reject", "convert_to_assignment"])).toBeNull();
  });
});
