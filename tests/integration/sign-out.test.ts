// Signing out ends the person's sessions (the session version moves on), once, with its audit
// event in the same transaction; a sign-out with an already stale session changes nothing.
import { expect, it } from "vitest";
import { loadActor } from "@/lib/dal/actor";
import { endSessionsOnSignOut } from "@/lib/dal/sign-out";
import { auditAfter, insertDepartment, insertUser, lastAuditId, userRow } from "../support/db";

it("ends every session of the person, audits it, and ignores a stale or unknown session", async () => {
  const { id: departmentId } = await insertDepartment();
  const u = await insertUser({ roles: ["dept_staff"], departmentId });
  const since = await lastAuditId();
  expect(await loadActor(u.id, u.sessionVersion)).not.toBeNull();

  expect(await endSessionsOnSignOut(u.id, u.sessionVersion)).toBe(true);
  expect(await loadActor(u.id, u.sessionVersion)).toBeNull();
  const after = await userRow(u.id);
  expect(after.sessionVersion).toBe(u.sessionVersion + 1);
  // The admin's optimistic lock is not disturbed by a sign-out.
  expect(after.version).toBe(u.version);

  // The same (now stale) cookie signing out again, and sessions that match nobody: no change.
  expect(await endSessionsOnSignOut(u.id, u.sessionVersion)).toBe(false);
  expect(await endSessionsOnSignOut(999_999_999, 1)).toBe(false);
  expect(await endSessionsOnSignOut(Number.NaN, Number.NaN)).toBe(false);
  expect((await userRow(u.id)).sessionVersion).toBe(u.sessionVersion + 1);

  const mine = (await auditAfter(since)).filter((e) => e.entityId === String(u.id));
  expect(mine.map((e) => [e.action, e.actorId])).toEqual([["auth.sign_out", u.id]]);
});
