// The engine the life cycles share (supervised items, requests, coordination): each declares
// which action moves a record from which state to which, and who may take it; this module
// answers the questions the data layer and the UI ask of any of them.

export type Who<C> = (ctx: C) => boolean;

/** `when`: a condition on the record (not on the person); failing it is "wrong_state". */
export type Rule<S extends string, C> = { next: S; who: Who<C>; when?: (ctx: C) => boolean };
export type Rules<S extends string, C> = Partial<Record<S, Rule<S, C>>>;

export type Decision<S extends string> = { ok: true; next: S } | { ok: false; reason: "wrong_state" | "not_allowed" };

/** The same "who" in each listed state, with next = the state itself unless given. */
export function inStates<S extends string, C>(who: Who<C>, states: readonly S[], next?: S): Rules<S, C> {
  return Object.fromEntries(states.map((s) => [s, { next: next ?? s, who }])) as Rules<S, C>;
}

export function either<C>(...ws: Who<C>[]): Who<C> {
  return (c) => ws.some((w) => w(c));
}

export type StateMachine<S extends string, A extends string, C> = {
  /** The state after `action` from `state`, or null when the action is not possible there. */
  transition(state: S, action: A): S | null;
  /** Whether the actor may take this action in at least one state (the "who", regardless of state). */
  mayAct(action: A, ctx: C): boolean;
  /**
   * The full check. Someone who may never take the action is told "not_allowed" whatever the
   * state; someone who may, but not now, "wrong_state" (after a concurrent change: "reload").
   */
  decide(state: S, action: A, ctx: C): Decision<S>;
  /** The actions this actor can take now, in declaration order (the buttons to show). */
  availableActions(state: S, ctx: C): A[];
};

/**
 * Builds a life cycle from its rules. `creators` gives the "who" of actions that create a
 * record and so have no from-state (their rules are empty).
 */
export function stateMachine<S extends string, A extends string, C>(
  actions: readonly A[],
  rules: Record<A, Rules<S, C>>,
  creators: Partial<Record<A, Who<C>>> = {},
): StateMachine<S, A, C> {
  const mayAct = (action: A, ctx: C): boolean => {
    const creator = creators[action];
    if (creator) return creator(ctx);
    return Object.values<Rule<S, C> | undefined>(rules[action]).some((rule) => rule!.who(ctx));
  };
  const decide = (state: S, action: A, ctx: C): Decision<S> => {
    if (!mayAct(action, ctx)) return { ok: false, reason: "not_allowed" };
    const rule = rules[action][state];
    if (!rule) return { ok: false, reason: "wrong_state" };
    if (!rule.who(ctx)) return { ok: false, reason: "not_allowed" };
    if (rule.when && !rule.when(ctx)) return { ok: false, reason: "wrong_state" };
    return { ok: true, next: rule.next };
  };
  return {
    transition: (state, action) => rules[action][state]?.next ?? null,
    mayAct,
    decide,
    availableActions: (state, ctx) => actions.filter((a) => decide(state, a, ctx).ok),
  };
}
