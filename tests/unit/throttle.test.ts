import { describe, expect, it } from "vitest";
import { ACCOUNT_RULE, ADDRESS_RULE, afterFailure, isLocked, type ThrottleRule, type ThrottleState } from "@/lib/domain/throttle";

const rule: ThrottleRule = { maxFailures: 3, windowMs: 60_000, lockMs: 120_000 };
const t0 = new Date("2026-11-20T08:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

function fail(times: number, rule_: ThrottleRule, start: ThrottleState | undefined, when: (i: number) => Date): ThrottleState | undefined {
  let state = start;
  for (let i = 0; i < times; i++) state = afterFailure(state, rule_, when(i));
  return state;
}

describe("sign-in throttling", () => {
  it("uses the documented policy", () => {
    expect(ACCOUNT_RULE).toEqual({ maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
    expect(ADDRESS_RULE.maxFailures).toBeGreaterThan(ACCOUNT_RULE.maxFailures);
  });

  it("starts a window at the first failure", () => {
    expect(afterFailure(undefined, rule, t0)).toEqual({ failures: 1, windowStartedAt: t0, lockedUntil: null });
    expect(isLocked(undefined, t0)).toBe(false);
  });

  it("counts failures inside the window without locking before the limit", () => {
    const s = fail(2, rule, undefined, (i) => at(i * 10_000));
    expect(s).toEqual({ failures: 2, windowStartedAt: t0, lockedUntil: null });
    expect(isLocked(s, at(20_000))).toBe(false);
  });

  it("locks at the limit, for lockMs from the last failure", () => {
    const s = fail(3, rule, undefined, (i) => at(i * 10_000))!;
    expect(s.failures).toBe(3);
    expect(s.lockedUntil).toEqual(at(20_000 + rule.lockMs));
    expect(isLocked(s, at(20_000))).toBe(true);
    expect(isLocked(s, at(20_000 + rule.lockMs - 1))).toBe(true);
    expect(isLocked(s, at(20_000 + rule.lockMs))).toBe(false);
  });

  it("locks after five failures on the account rule", () => {
    const four = fail(4, ACCOUNT_RULE, undefined, (i) => at(i * 1000));
    expect(isLocked(four, at(4000))).toBe(false);
    const five = afterFailure(four, ACCOUNT_RULE, at(4000));
    expect(isLocked(five, at(4001))).toBe(true);
  });

  it("starts over once the window has passed", () => {
    const s = fail(2, rule, undefined, (i) => at(i * 1000));
    expect(afterFailure(s, rule, at(rule.windowMs))).toMatchObject({ failures: 3 }); // window end is inclusive
    expect(afterFailure(s, rule, at(rule.windowMs + 1))).toEqual({ failures: 1, windowStartedAt: at(rule.windowMs + 1), lockedUntil: null });
  });

  it("does not extend the window with later failures", () => {
    const s = fail(2, rule, undefined, (i) => at(i * 50_000)); // at 0 and 50 s
    expect(s!.windowStartedAt).toEqual(t0);
    expect(afterFailure(s, rule, at(70_000)).failures).toBe(1); // 70 s after the first failure
  });

  it("after the lock expires, the next failure opens a fresh window", () => {
    const locked = fail(3, rule, undefined, (i) => at(i))!;
    const after = at(2 + rule.lockMs);
    expect(isLocked(locked, after)).toBe(false);
    expect(afterFailure(locked, rule, after)).toEqual({ failures: 1, windowStartedAt: after, lockedUntil: null });
  });
});
