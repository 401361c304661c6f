// The coordination (协调) life cycle as one state machine, in the style of the items life cycle.
// A department raises a matter naming other departments; the office accepts or declines it,
// consults the parties, and ends it by recorded agreement (then closes it once the agreed points
// are assignments) or by escalation to the routed leader, whose decision ends it.
// "Who" depends on the actor's relation to the matter, passed in CoordinationActorContext.

import { isLeader, type Role } from "@/lib/domain/roles";
import { inStates, stateMachine, type Decision as DecisionOf, type Rules as RulesOf, type Who as WhoOf } from "@/lib/domain/state-machine";

export const COORDINATION_STATES = [
  "raised",
  "accepted",
  "declined",
  "in_consultation",
  "agreed",
  "escalated",
  "decided",
  "closed",
] as const;
export type CoordinationState = (typeof COORDINATION_STATES)[number];

export const COORDINATION_ACTIONS = [
  "raise",
  "accept",
  "decline",
  "state_position",
  "log_consultation",
  "propose_meeting",
  "record_agreement",
  "escalate",
  "decide",
  "close",
] as const;
export type CoordinationAction = (typeof COORDINATION_ACTIONS)[number];

/** Every matter starts here; "raise" makes it, so it has no transition from an existing state. */
export const INITIAL_COORDINATION_STATE: CoordinationState = "raised";

export type CoordinationActorContext = {
  roles: readonly Role[];
  /** A member of the department that raised the matter. */
  inRaisingDepartment: boolean;
  /** A member of one of the party departments (those the matter names, and the raising one). */
  isNamedParty: boolean;
  /** The routed leader or their active delegate. */
  isRoutedLeader: boolean;
};

type Who = WhoOf<CoordinationActorContext>;

const has = (ctx: CoordinationActorContext, ...roles: Role[]) => ctx.roles.some((r) => roles.includes(r));
const office: Who = (c) => has(c, "office_director", "office_staff");
const raiser: Who = (c) => c.inRaisingDepartment && has(c, "dept_head");
const party: Who = (c) => c.isNamedParty && has(c, "dept_head", "dept_liaison");
// The routed flag only counts for someone who holds a leader role.
const routedLeader: Who = (c) => c.isRoutedLeader && isLeader(c.roles);

type Rules = RulesOf<CoordinationState, CoordinationActorContext>;

const CONSULTING = ["accepted", "in_consultation"] as const;

/** action → from-state → { next state, who }. Anything not listed is refused. */
const RULES: Record<CoordinationAction, Rules> = {
  raise: {},
  accept: { raised: { next: "accepted", who: office } },
  // The reason is required by the input schema, not here.
  decline: { raised: { next: "declined", who: office } },
  // A position goes on the record without moving the matter: from the moment the matter is
  // raised until it leaves the office's hands (the escalation summary carries them upward).
  state_position: inStates(party, ["raised", ...CONSULTING]),
  log_consultation: inStates(office, CONSULTING, "in_consultation"),
  propose_meeting: inStates(office, CONSULTING, "in_consultation"),
  // Agreement needs at least one consultation on record.
  record_agreement: { in_consultation: { next: "agreed", who: office } },
  escalate: inStates(office, CONSULTING, "escalated"),
  decide: { escalated: { next: "decided", who: routedLeader } },
  // Closed once the agreed points have become assignments.
  close: { agreed: { next: "closed", who: office } },
};

const mayRaise: Who = raiser;

const machine = stateMachine<CoordinationState, CoordinationAction, CoordinationActorContext>(COORDINATION_ACTIONS, RULES, { raise: mayRaise });

export const { transition, mayAct, decide, availableActions } = machine;
export type CoordinationDecision = DecisionOf<CoordinationState>;

/** Ended: declined, decided by a leader, or closed after agreement. */
export function isOpen(state: CoordinationState): boolean {
  return state !== "declined" && state !== "decided" && state !== "closed";
}
