// The request-for-instruction (请示) life cycle as one state machine, in the style of the items
// life cycle: which action moves a request from which state to which, and who may take it. "Who"
// depends on the actor's relation to the request (requesting department, routed leader, named
// countersigner, deciding leader); the data layer works it out and passes RequestActorContext.
//
// Countersigning (会签) is not a state of its own: the request stays awaiting_decision while
// countersigns are pending, and the decision actions are refused ("wrong_state") until none is.

import { isLeader, type Role } from "@/lib/domain/roles";
import { either, inStates, stateMachine, type Decision as DecisionOf, type Rules as RulesOf, type Who as WhoOf } from "@/lib/domain/state-machine";

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

type Who = WhoOf<RequestActorContext>;

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

type Rules = RulesOf<RequestState, RequestActorContext>;

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

const machine = stateMachine<RequestState, RequestAction, RequestActorContext>(REQUEST_ACTIONS, RULES, { create: mayCreate });

export const { transition, mayAct, decide, availableActions } = machine;
export type RequestDecision = DecisionOf<RequestState>;

export function isDecided(state: RequestState): state is DecidedState {
  return (DECIDED_STATES as readonly RequestState[]).includes(state);
}

/** Still moving: neither decided nor withdrawn. */
export function isOpen(state: RequestState): boolean {
  return !isDecided(state) && state !== "withdrawn";
}
