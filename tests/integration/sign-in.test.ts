// Sign-in answers "ok", "invalid" (unknown name, wrong password or disabled account alike)
// or "throttled" once an account or an address has failed too often.
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/db/seed";
import { checkPassword } from "@/lib/dal/sign-in";
import { ACCOUNT_RULE, ADDRESS_RULE } from "@/lib/domain/throttle";
import { auditAfter, insertUser, lastAuditId, unique, userRow } from "../support/db";

let addresses = 0;
/** A source address of its own per test, so that per-address counts never cross tests. */
const address = () => `198.51.100.${++addresses}-${process.pid}`;

describe("checkPassword", () => {
  it("accepts the right password, whatever the case of the login name", async () => {
    const u = await insertUser({ roles: ["dept_staff"] });
    const since = await lastAuditId();
    expect(await checkPassword(u.login, DEMO_PASSWORD, address())).toEqual({ kind: "ok", userId: u.id, sessionVersion: u.sessionVersion });
    expect(await checkPassword(`  ${u.login.toUpperCase()} `, DEMO_PASSWORD, address())).toMatchObject({ kind: "ok", userId: u.id });
    expect((await auditAfter(since)).map((e) => e.action)).toEqual(["auth.sign_in", "auth.sign_in"]);
  });

  it("signs in a seeded demo account", async () => {
    expect(await checkPassword("zhaolei", DEMO_PASSWORD, address())).toMatchObject({ kind: "ok", userId: (await userRow("zhaolei")).id });
  });

  it("answers invalid for a wrong password, and records the failure", async () => {
    const u = await insertUser({ roles: ["dept_staff"] });
    const since = await lastAuditId();
    expect(await checkPassword(u.login, "wrong password", address())).toEqual({ kind: "invalid" });
    expect(await auditAfter(since)).toMatchObject([{ action: "auth.sign_in_failed", entityId: String(u.id), actorId: null }]);
  });

  it("answers invalid for a disabled user with the right password", async () => {
    const u = await insertUser({ roles: ["dept_staff"], active: false });
    expect(await checkPassword(u.login, DEMO_PASSWORD, address())).toEqual({ kind: "invalid" });
  });

  it("throttles an account after five failures, even with the right password", async () => {
    expect(ACCOUNT_RULE.maxFailures).toBe(5);
    const u = await insertUser({ roles: ["dept_staff"] });
    // A different address each time: the account's own count is what locks it.
    for (let i = 0; i < 5; i++) expect(await checkPassword(u.login, `wrong ${i}`, address())).toEqual({ kind: "invalid" });
    expect(await checkPassword(u.login, DEMO_PASSWORD, address())).toEqual({ kind: "throttled" });
    expect(await checkPassword(u.login.toUpperCase(), DEMO_PASSWORD, address())).toEqual({ kind: "throttled" });
  });

  it("counts failures for an unknown login name too", async () => {
    const login = unique("nobody");
    for (let i = 0; i < 5; i++) expect(await checkPassword(login, "whatever", address())).toEqual({ kind: "invalid" });
    expect(await checkPassword(login, "whatever", address())).toEqual({ kind: "throttled" });
  });

  it("starts the count over after a successful sign-in", async () => {
    const u = await insertUser({ roles: ["dept_staff"] });
    for (let i = 0; i < 4; i++) await checkPassword(u.login, "wrong", address());
    expect(await checkPassword(u.login, DEMO_PASSWORD, address())).toMatchObject({ kind: "ok" });
    for (let i = 0; i < 4; i++) expect(await checkPassword(u.login, "wrong", address())).toEqual({ kind: "invalid" });
    expect(await checkPassword(u.login, DEMO_PASSWORD, address())).toMatchObject({ kind: "ok" });
  });

  it("throttles an address that fails across many accounts", async () => {
    const from = address();
    for (let i = 0; i < ADDRESS_RULE.maxFailures; i++) expect(await checkPassword(unique("guess"), "guess", from)).toEqual({ kind: "invalid" });
    const u = await insertUser({ roles: ["dept_staff"] });
    expect(await checkPassword(u.login, DEMO_PASSWORD, from)).toEqual({ kind: "throttled" });
    expect(await checkPassword(u.login, DEMO_PASSWORD, address())).toMatchObject({ kind: "ok" });
  });
});
