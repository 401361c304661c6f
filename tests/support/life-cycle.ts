// The exhaustive checks every life cycle gets (items, requests, coordination): each file keeps
// its own expectation table, written out by hand; this walks it against the module for every
// action × state × role (alone and in pairs) × combination of relation flags.
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/domain/roles";
import type { StateMachine } from "@/lib/domain/state-machine";

/** Every combination of the named boolean flags (2^n of them). */
export function allFlagCombinations<N extends string>(names: readonly N[]): Record<N, boolean>[] {
  return Array.from({ length: 1 << names.length }, (_, bits) => {
    const f = {} as Record<N, boolean>;
    names.forEach((name, i) => (f[name] = (bits & (1 << i)) !== 0));
    return f;
  });
}

// As the tests write it (plain object literals); compared with toEqual.
type Expected<S extends string> = { ok: boolean; next?: S; reason?: string };

export function exhaustiveLifeCycleTests<S extends string, A extends string, F extends Record<string, boolean>, C>(spec: {
  states: readonly S[];
  actions: readonly A[];
  machine: StateMachine<S, A, C>;
  flagNames: readonly (keyof F & string)[];
  allFlags: readonly F[];
  ctx: (roles: readonly Role[], f: F) => C;
  expectedNext: (action: A, state: S) => S | null;
  expectedMayAct: (action: A, roles: readonly Role[], f: F) => boolean;
  expectedDecide: (state: S, action: A, roles: readonly Role[], f: F) => Expected<S>;
}) {
  const { states, actions, machine, allFlags, ctx } = spec;
  const describeFlags = (f: F) => spec.flagNames.filter((n) => f[n]).join("+") || "none";

  describe("transition: every action × every state", () => {
    const cases = actions.flatMap((a) => states.map((s) => [a, s] as const));
    it.each(cases)("%s from %s", (action, state) => {
      expect(machine.transition(state, action)).toBe(spec.expectedNext(action, state));
    });
  });

  describe("decide and mayAct: every action × state × single role × relation flags", () => {
    const cases = actions.flatMap((a) => ROLES.map((r) => [a, r] as const));
    it.each(cases)("%s by %s", (action, role) => {
      for (const f of allFlags) {
        const c = ctx([role], f);
        expect(machine.mayAct(action, c), `mayAct ${describeFlags(f)}`).toBe(spec.expectedMayAct(action, [role], f));
        for (const state of states) {
          expect(machine.decide(state, action, c), `${state} ${describeFlags(f)}`).toEqual(spec.expectedDecide(state, action, [role], f));
        }
      }
    });
  });

  describe("decide with two roles at once (a person may hold several)", () => {
    const pairs = ROLES.flatMap((a, i) => ROLES.slice(i + 1).map((b) => [a, b] as const));
    it.each(pairs)("%s + %s", (a, b) => {
      for (const f of allFlags)
        for (const action of actions) {
          expect(machine.mayAct(action, ctx([a, b], f))).toBe(spec.expectedMayAct(action, [a, b], f));
          for (const state of states)
            expect(machine.decide(state, action, ctx([a, b], f)), `${action} ${state} ${describeFlags(f)}`).toEqual(
              spec.expectedDecide(state, action, [a, b], f),
            );
        }
    });

    it("grants nothing to someone with no role, whatever the flags", () => {
      for (const f of allFlags)
        for (const action of actions) {
          expect(machine.mayAct(action, ctx([], f))).toBe(false);
          for (const state of states) expect(machine.decide(state, action, ctx([], f))).toEqual({ ok: false, reason: "not_allowed" });
        }
    });
  });

  describe("availableActions: every role × state × relation flags", () => {
    const cases = ROLES.flatMap((r) => states.map((s) => [r, s] as const));
    it.each(cases)("%s in %s", (role, state) => {
      for (const f of allFlags) {
        const expected = actions.filter((a) => spec.expectedDecide(state, a, [role], f).ok);
        expect(machine.availableActions(state, ctx([role], f)), describeFlags(f)).toEqual(expected);
      }
    });
  });
}
