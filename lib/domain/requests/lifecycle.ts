// The request-for-instruction (请示) life cycle as one state machine, in the style of the items
// life cycle: which action moves a request from which state to which, and who may take it. "Who"
// depends on the actor's relation to the request (requesting department, routed leader, named
// countersigner, deciding leader); the data layer works it out and passes RequestActorContext.
//
// Countersigning (会签) is not a state of its own: the request stays awaiting_decision while
// countersigns are pending, and the decision actions are refused ("wrong_state") until none is.

import { isLeader, type Role } from "@/lib/domain/roles";

export const REQUEST_STATES = [
  "draft",
  "submitted",
  "returned",
  "awaiting_decision",
  "approved",
  "rejected",
  "instructed",
  "withdrawn",
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** The three outcomes of a leader's decision; a decided request is read-only. */
export const DECIDED_STATES = ["approved", "rejected", "instructed"] as const satisfies readonly RequestState[];
export type DecidedState = (typeof DECIDED_STATES)[number];

export const REQUEST_ACTIONS = [
  "create",
  "edit_draft",
  "submit",
  "withdraw",
  "return_for_revision",
  "propose",
  "reroute",
  "request_countersign",
  "countersign",
  "approve",
  "reject",
  "instruct",
  "refer_to_principal",
  "convert_to_assignment",
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** Every request starts here; "create" makes it, so it has no transition from an existing state. */
export const INITIAL_REQUEST_STATE: RequestState = "draft";

export type RequestActorContext = {
  roles: readonly Role[];
  /** A member of the department that asks. */
  inRequestingDepartment: boolean;
  /** The routed leader or their active delegate. */
  isRoutedLeader: boolean;
  /** A leader asked to countersign who has not yet done so. */
  isPendingCountersigner: boolean;
  /** Some countersign on the request is still outstanding. */
  hasPendingCountersigns: boolean;
  /** The leader who decided the request (or their delegate). */
  isDecider: boolean;
};

type Who = (ctx: RequestActorContext) => boolean;

const has = (ctx: RequestActorContext, ...roles: Role[]) => ctx.roles.some((r) => roles.includes(r));
const office: Who = (c) => has(c, "office_director", "office_staff");
// Leader flags only count for someone who holds a leader role, so a mistaken flag on a
// department member grants nothing.
const routedLeader: Who = (c) => c.isRoutedLeader && isLeader(c.roles);
const routedDeputy: Who = (c) => routedLeader(c) && has(c, "deputy") && !has(c, "principal");
const countersigner: Who = (c) => c.isPendingCountersigner && isLeader(c.roles);
const decider: Who = (c) => c.isDecider && isLeader(c.roles);
const deptMember: Who = (c) => c.inRequestingDepartment && has(c, "dept_head", "dept_liaison", "dept_staff");
// Only the head speaks for the department upward: submitting and withdrawing are theirs.
const deptHead: Who = (c) => c.inRequestingDepartment && has(c, "dept_head");
const either =
  (...ws: Who[]): Who =>
  (c) =>
    ws.some((w) => w(c));

/** `when`: a condition on the request (not on the person); failing it is "wrong_state". */
type Rule = { next: RequestState; who: Who; when?: (ctx: RequestActorContext) => boolean };
type Rules = Partial<Record<RequestState, Rule>>;

function inStates(who: Who, states: readonly RequestState[], next?: RequestState): Rules {
  return Object.fromEntries(states.map((s) => [s, { next: next ?? s, who }]));
}

const noCountersignPending = (c: RequestActorContext) => !c.hasPendingCountersigns;
const decision = (next: DecidedState): Rules => ({
  awaiting_decision: { next, who: routedLeader, when: noCountersignPending },
});

/** action → from-state → { next state, who }. Anything not listed is refused. */
const RULES: Record<RequestAction, Rules> = {
  create: {},
  edit_draft: inStates(deptMember, ["draft", "returned"]),
  submit: inStates(deptHead, ["draft", "returned"], "submitted"),
  withdraw: inStates(deptHead, ["draft", "submitted", "returned", "awaiting_decision"], "withdrawn"),
  return_for_revision: { submitted: { next: "returned", who: office } },
  propose: { submitted: { next: "awaiting_decision", who: office } },
  reroute: { awaiting_decision: { next: "awaiting_decision", who: office } },
  request_countersign: { awaiting_decision: { next: "awaiting_decision", who: routedLeader } },
  countersign: { awaiting_decision: { next: "awaiting_decision", who: countersigner } },
  approve: decision("approved"),
  reject: decision("rejected"),
  instruct: decision("instructed"),
  refer_to_principal: { awaiting_decision: { next: "awaiting_decision", who: routedDeputy } },
  // A rejection leaves nothing to assign; the request itself stays as decided.
  convert_to_assignment: inStates(either(office, decider), ["approved", "instructed"]),
};

// A department member drafts a request for their own department.
const mayCreate: Who = deptMember;

/** The state after `action` from `state`, or null when the action is not possible there. */
export function transition(state: RequestState, action: RequestAction): RequestState | null {
  return RULES[action][state]?.next ?? null;
}

/** Whether the actor may take this action in at least one state (the "who", regardless of state). */
export function mayAct(action: RequestAction, ctx: RequestActorContext): boolean {
  if (action === "create") return mayCreate(ctx);
  return Object.values(RULES[action]).some((rule) => rule!.who(ctx));
}

export type RequestDecision = { ok: true; next: RequestState } | { ok: false; reason: "wrong_state" | "not_allowed" };

/**
 * The full check. Someone who may never take the action is told "not_allowed" whatever the
 * state; someone who may, but not now (wrong state, or countersigns still pending), is told
 * "wrong_state" — after a concurrent change this is the "reload" case.
 */
export function decide(state: RequestState, action: RequestAction, ctx: RequestActorContext): RequestDecision {
  if (!mayAct(action, ctx)) return { ok: false, reason: "not_allowed" };
  const rule = RULES[action][state];
  if (!rule) return { ok: false, reason: "wrong_state" };
  if (!rule.who(ctx)) return { ok: false, reason: "not_allowed" };
  if (rule.when && !rule.when(ctx)) return { ok: false, reason: "wrong_state" };
  return { ok: true, next: rule.next };
}

/** The actions this actor can take now, in REQUEST_ACTIONS order (the buttons to show). */
export function availableActions(state: RequestState, ctx: RequestActorContext): RequestAction[] {
  return REQUEST_ACTIONS.filter((a) => decide(state, a, ctx).ok);
}

export function isDecided(state: RequestState): state is DecidedState {
  return (DECIDED_STATES as readonly RequestState[]).includes(state);
}

/** Still moving: neither decided nor withdrawn. */
export function isOpen(state: RequestState): boolean {
  return !isDecided(state) && state !== "withdrawn";
}
