// The assignment (交办/督办) life cycle as one state machine: which action moves an item from
// which state to which, and who may take it. "Who" depends on the actor's relation to the item
// (lead or support department, routed leader, creator, assigner), not on roles alone; the data
// layer works the relation out and passes it in ItemActorContext.

import { isLeader, type Role } from "@/lib/domain/roles";
import { either, inStates, stateMachine, type Decision as DecisionOf, type Rules as RulesOf, type Who as WhoOf } from "@/lib/domain/state-machine";

export const ITEM_STATES = [
  "draft",
  "awaiting_decision",
  "sent",
  "in_progress",
  "completion_reported",
  "closed",
  "cancelled",
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export { ITEM_SOURCES, URGENCIES, type ItemSource, type Urgency } from "./vocabulary";

export const ITEM_ACTIONS = [
  "register",
  "propose",
  "reroute",
  "dispatch",
  "approve",
  "instruct",
  "refer_to_principal",
  "leader_send_direct",
  "sign_for",
  "support_sign_for",
  "report_progress",
  "request_extension",
  "decide_extension",
  "report_completion",
  "close",
  "return_for_rework",
  "urge",
  "cancel",
  "edit",
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** Every item starts here; "register" creates it, so it has no transition from an existing state. */
export const INITIAL_STATE: ItemState = "draft";

export type ItemActorContext = {
  roles: readonly Role[];
  inLeadDepartment: boolean;
  inSupportDepartment: boolean;
  /** The routed leader or their active delegate. */
  isRoutedLeader: boolean;
  isCreator: boolean;
  /** Whoever assigned the item: the deciding leader, or the office when it dispatched without one. */
  isAssigner: boolean;
};

type Who = WhoOf<ItemActorContext>;

const has = (ctx: ItemActorContext, ...roles: Role[]) => ctx.roles.some((r) => roles.includes(r));
const office: Who = (c) => has(c, "office_director", "office_staff");
const director: Who = (c) => has(c, "office_director");
// A routed-leader or creator flag only counts for someone who holds a leader role, so a
// mistaken flag on a department member grants nothing.
const routedLeader: Who = (c) => c.isRoutedLeader && isLeader(c.roles);
const creatorLeader: Who = (c) => c.isCreator && isLeader(c.roles);
// A deputy passes an item up; the principal has no one above to pass it to. (The data layer
// must still refuse when the item is already routed to the principal and a delegate acts.)
const routedDeputy: Who = (c) => routedLeader(c) && has(c, "deputy") && !has(c, "principal");
const leadSigner: Who = (c) => c.inLeadDepartment && has(c, "dept_head", "dept_liaison");
const supportSigner: Who = (c) => c.inSupportDepartment && has(c, "dept_head", "dept_liaison");
const deptMember: Who = (c) =>
  (c.inLeadDepartment || c.inSupportDepartment) && has(c, "dept_head", "dept_liaison", "dept_staff");
const assigner: Who = (c) => c.isAssigner && (isLeader(c.roles) || office(c));

type Rules = RulesOf<ItemState, ItemActorContext>;

const OPEN_FROM_SENT = ["sent", "in_progress", "completion_reported"] as const;

/** action → from-state → { next state, who }. Anything not listed is refused. */
const RULES: Record<ItemAction, Rules> = {
  register: {},
  propose: { draft: { next: "awaiting_decision", who: office } },
  reroute: { awaiting_decision: { next: "awaiting_decision", who: office } },
  dispatch: { draft: { next: "sent", who: office } },
  approve: { awaiting_decision: { next: "sent", who: routedLeader } },
  instruct: { awaiting_decision: { next: "sent", who: routedLeader } },
  refer_to_principal: { awaiting_decision: { next: "awaiting_decision", who: routedDeputy } },
  // 急事急办: only the leader who created the draft sends it straight down.
  leader_send_direct: { draft: { next: "sent", who: creatorLeader } },
  sign_for: { sent: { next: "in_progress", who: leadSigner } },
  // A support department's signature is recorded but does not move the item.
  support_sign_for: inStates(supportSigner, ["sent", "in_progress"]),
  report_progress: { in_progress: { next: "in_progress", who: deptMember } },
  request_extension: { in_progress: { next: "in_progress", who: leadSigner } },
  decide_extension: { in_progress: { next: "in_progress", who: assigner } },
  report_completion: { in_progress: { next: "completion_reported", who: leadSigner } },
  close: { completion_reported: { next: "closed", who: office } },
  return_for_rework: { completion_reported: { next: "in_progress", who: office } },
  urge: inStates(either(office, routedLeader), OPEN_FROM_SENT),
  cancel: inStates(director, ["draft", "awaiting_decision", "sent", "in_progress"], "cancelled"),
  // The leader who created a draft may also edit it before sending it on.
  edit: {
    draft: { next: "draft", who: either(office, creatorLeader) },
    awaiting_decision: { next: "awaiting_decision", who: either(office, routedLeader) },
  },
};

// Register has no from-state; who may create an item: the office, or a leader (who may then
// send it straight down with leader_send_direct).
const mayRegister: Who = (c) => office(c) || isLeader(c.roles);

const machine = stateMachine<ItemState, ItemAction, ItemActorContext>(ITEM_ACTIONS, RULES, { register: mayRegister });

export const { transition, mayAct, decide, availableActions } = machine;
export type Decision = DecisionOf<ItemState>;

export function isOpen(state: ItemState): boolean {
  return state !== "closed" && state !== "cancelled";
}
