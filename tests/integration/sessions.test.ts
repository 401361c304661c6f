// An open session carries the user's session version; loadActor refuses it once the user is
// disabled or their password or roles change, and keeps it through a plain profile edit.
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/db/seed";
import { loadActor, type Actor } from "@/lib/dal/actor";
import { changeOwnPassword, resetPassword, setUserActive, updateUser } from "@/lib/dal/users";
import { actorFor, expectDomainError, insertDepartment, insertUser, userRow } from "../support/db";

let admin: Actor;
let departmentId: number;

beforeAll(async () => {
  admin = await actorFor("admin");
  departmentId = (await insertDepartment()).id;
});

async function freshSession() {
  const u = await insertUser({ roles: ["dept_staff"], departmentId });
  const actor = await loadActor(u.id, u.sessionVersion);
  expect(actor).toMatchObject({ id: u.id, roles: ["dept_staff"], departmentId });
  return u;
}

const profile = () => ({ email: null, title: null, departmentId });

describe("session revocation", () => {
  it("ends the session when the user is disabled, and re-enabling does not revive it", async () => {
    const u = await freshSession();
    await setUserActive(admin, u.id, u.version, false);
    expect(await loadActor(u.id, u.sessionVersion)).toBeNull();
    const disabled = await userRow(u.id);
    expect(await loadActor(u.id, disabled.sessionVersion)).toBeNull(); // even a current version
    await setUserActive(admin, u.id, disabled.version, true);
    expect(await loadActor(u.id, u.sessionVersion)).toBeNull();
    expect(await loadActor(u.id, (await userRow(u.id)).sessionVersion)).not.toBeNull();
  });

  it("ends the session when an admin resets the password", async () => {
    const u = await freshSession();
    await resetPassword(admin, u.id, u.version, "a brand new password");
    expect(await loadActor(u.id, u.sessionVersion)).toBeNull();
  });

  it("ends the session when the roles change", async () => {
    const u = await freshSession();
    await updateUser(admin, u.id, u.version, { ...profile(), name: u.login, roles: ["dept_head"] });
    expect(await loadActor(u.id, u.sessionVersion)).toBeNull();
    const now = await userRow(u.id);
    expect(now.sessionVersion).toBe(u.sessionVersion + 1);
    expect(await loadActor(u.id, now.sessionVersion)).toMatchObject({ roles: ["dept_head"] });
  });

  it("keeps the session through a plain profile edit, which shows at once", async () => {
    const u = await freshSession();
    await updateUser(admin, u.id, u.version, { ...profile(), name: "新名字", title: "副处长", roles: ["dept_staff"] });
    expect(await loadActor(u.id, u.sessionVersion)).toMatchObject({ name: "新名字", roles: ["dept_staff"] });
    expect((await userRow(u.id)).sessionVersion).toBe(u.sessionVersion);
  });

  it("ends other sessions when people change their own password, after checking the current one", async () => {
    const u = await freshSession();
    const me = (await loadActor(u.id, u.sessionVersion))!;
    await expectDomainError(changeOwnPassword(me, "not my password", "a brand new password"), "wrongPassword", "current");
    expect(await loadActor(u.id, u.sessionVersion)).not.toBeNull();
    const sv = await changeOwnPassword(me, DEMO_PASSWORD, "a brand new password");
    expect(sv).toBe(u.sessionVersion + 1);
    expect(await loadActor(u.id, u.sessionVersion)).toBeNull();
    expect(await loadActor(u.id, sv)).not.toBeNull();
  });

  it("refuses ids and versions that do not match anyone", async () => {
    const u = await freshSession();
    expect(await loadActor(u.id, u.sessionVersion + 1)).toBeNull();
    expect(await loadActor(u.id, 0)).toBeNull();
    for (const id of [0, -1, 1.5, Number.NaN, 999_999]) expect(await loadActor(id, 1)).toBeNull();
  });
});
