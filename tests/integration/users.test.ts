import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { createUser, getUser, listUsers, setUserActive, updateUser } from "@/lib/dal/users";
import { userCreateInput } from "@/lib/domain/schemas";
import { actorFor, expectDomainError, insertDepartment, insertUser, snapshot, unique, userRow } from "../support/db";

let admin: Actor;
let departmentId: number;

beforeAll(async () => {
  admin = await actorFor("admin");
  departmentId = (await insertDepartment()).id;
});

const profile = (over: Partial<Parameters<typeof updateUser>[3]> = {}) => ({
  name: "测试用户",
  email: null,
  title: null,
  departmentId,
  roles: ["dept_staff" as const],
  ...over,
});

describe("creating users", () => {
  it("refuses a login name that differs only in case, at the login field, changing nothing", async () => {
    const before = await snapshot();
    // Straight to the data layer, so the database's case-insensitive index is what refuses it.
    await expectDomainError(createUser(admin, { ...profile(), login: "ZhaoLei", password: "a long enough password" }), "loginTaken", "login");
    // And as a form would send it, normalised by the schema.
    const input = userCreateInput.parse({ name: "赵磊", departmentId: String(departmentId), roles: "office_staff", login: " ZHAOLEI ", password: "a long enough password" });
    await expectDomainError(createUser(admin, input), "loginTaken", "login");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an inactive or unknown department at its field", async () => {
    const gone = await insertDepartment();
    await getSql()`update departments set active = false where id = ${gone.id}`;
    const before = await snapshot();
    await expectDomainError(createUser(admin, { ...profile({ departmentId: gone.id }), login: unique("u"), password: "a long enough password" }), "notFound", "departmentId");
    await expectDomainError(createUser(admin, { ...profile({ departmentId: 999_999 }), login: unique("u"), password: "a long enough password" }), "notFound", "departmentId");
    expect(await snapshot()).toEqual(before);
  });

  it("returns DTOs without password hashes or session data", async () => {
    const id = await createUser(admin, { ...profile({ roles: ["dept_head", "admin"] }), login: unique("dto"), password: "a long enough password" });
    const one = await getUser(admin, id);
    expect(one.roles).toEqual(["dept_head", "admin"]); // in the order of ROLES
    for (const dto of [one, ...(await listUsers(admin, { includeInactive: true }))]) {
      expect(Object.keys(dto).filter((k) => /hash|password|session/i.test(k))).toEqual([]);
    }
    await setUserActive(admin, id, one.version, false);
  });
});

describe("optimistic versions", () => {
  it("refuses the second of two updates made from the same version", async () => {
    const u = await insertUser({ roles: ["dept_staff"], departmentId });
    await updateUser(admin, u.id, u.version, profile({ name: "先到" }));
    const before = await snapshot();
    await expectDomainError(updateUser(admin, u.id, u.version, profile({ name: "后到" })), "conflict");
    await expectDomainError(setUserActive(admin, u.id, u.version, false), "conflict");
    expect(await snapshot()).toEqual(before);
    expect((await getUser(admin, u.id)).name).toBe("先到");
  });

  it("says notFound, not conflict, for a user that does not exist", async () => {
    await expectDomainError(setUserActive(admin, 999_999, 1, false), "notFound");
    await expectDomainError(updateUser(admin, 999_999, 1, profile()), "notFound");
  });
});

describe("the last active admin", () => {
  it("may be neither disabled nor demoted; nothing changes", async () => {
    const me = await userRow("admin");
    // Leave `admin` as the only active admin: disable every other one (tianyu, and any a test made).
    const others = await getSql()<{ id: number; version: number }[]>`
      select u.id, u.version from users u join user_roles r on r.user_id = u.id and r.role = 'admin'
      where u.active and u.id <> ${me.id}`;
    expect(others.length).toBeGreaterThan(0);
    for (const o of others) await setUserActive(admin, o.id, o.version, false);
    try {
      const before = await snapshot();
      await expectDomainError(setUserActive(admin, me.id, me.version, false), "lastAdmin");
      await expectDomainError(
        updateUser(admin, me.id, me.version, { name: "系统管理员", email: null, title: "系统管理员", departmentId: (await getUser(admin, me.id)).departmentId, roles: ["dept_staff"] }),
        "lastAdmin",
      );
      expect(await snapshot()).toEqual(before);
      expect(await actorFor("admin")).toMatchObject({ roles: ["admin"] });
    } finally {
      for (const o of others) {
        const row = await userRow(o.id);
        await setUserActive(admin, o.id, row.version, true);
      }
    }
  });

  it("does not stop demoting or disabling an admin while another remains", async () => {
    const a = await insertUser({ roles: ["admin", "dept_head"], departmentId });
    await updateUser(admin, a.id, a.version, profile({ roles: ["dept_head"] }));
    const b = await insertUser({ roles: ["admin"], departmentId });
    await setUserActive(admin, b.id, b.version, false);
    expect((await getUser(admin, a.id)).roles).toEqual(["dept_head"]);
    expect((await getUser(admin, b.id)).active).toBe(false);
  });

  it("lets the last admin's profile be edited while the admin role stays", async () => {
    const me = await userRow("admin");
    const dto = await getUser(admin, me.id);
    await updateUser(admin, me.id, me.version, { name: dto.name, email: dto.email, title: dto.title, departmentId: dto.departmentId, roles: ["admin"] });
    expect((await userRow("admin")).version).toBe(me.version + 1);
  });
});
