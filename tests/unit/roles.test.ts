import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  can,
  grantedPairs,
  HOME_OF_ROLE,
  HOMES,
  homesFor,
  isLeader,
  landingHome,
  PERMISSIONS,
  RESOURCES,
  ROLES,
  type Role,
} from "@/lib/domain/roles";

const NON_ADMIN = ROLES.filter((r) => r !== "admin");

describe("homes", () => {
  it("gives each role its home", () => {
    expect(homesFor(["principal"])).toEqual(["leadership"]);
    expect(homesFor(["deputy"])).toEqual(["leadership"]);
    expect(homesFor(["office_director"])).toEqual(["office"]);
    expect(homesFor(["office_staff"])).toEqual(["office"]);
    expect(homesFor(["dept_head"])).toEqual(["department"]);
    expect(homesFor(["dept_liaison"])).toEqual(["department"]);
    expect(homesFor(["dept_staff"])).toEqual(["department"]);
    expect(homesFor(["admin"])).toEqual(["admin"]);
  });

  it("lists several homes once each, in the fixed order, whatever the order of roles", () => {
    expect(homesFor(["admin", "dept_head"])).toEqual(["department", "admin"]);
    expect(homesFor(["dept_staff", "dept_head", "admin", "principal", "deputy"])).toEqual(["leadership", "department", "admin"]);
    expect(homesFor([...ROLES].reverse())).toEqual([...HOMES]);
    expect(homesFor([])).toEqual([]);
  });

  it("maps every role to a known home, and every home has a role", () => {
    for (const r of ROLES) expect(HOMES).toContain(HOME_OF_ROLE[r]);
    expect(new Set(Object.values(HOME_OF_ROLE))).toEqual(new Set(HOMES));
  });

  it("lands on the preferred home only when the person holds it", () => {
    const roles: Role[] = ["dept_head", "admin"];
    expect(landingHome(roles)).toBe("department");
    expect(landingHome(roles, "admin")).toBe("admin");
    expect(landingHome(roles, "department")).toBe("department");
    expect(landingHome(roles, "leadership")).toBe("department");
    expect(landingHome(roles, "nonsense")).toBe("department");
    expect(landingHome(roles, null)).toBe("department");
    expect(landingHome(roles, "")).toBe("department");
  });

  it("has no landing home without roles", () => {
    expect(landingHome([])).toBeNull();
    expect(landingHome([], "admin")).toBeNull();
  });

  it("knows the leaders", () => {
    expect(ROLES.filter((r) => isLeader([r]))).toEqual(["principal", "deputy"]);
    expect(isLeader(["dept_head", "deputy"])).toBe(true);
    expect(isLeader([])).toBe(false);
  });
});

describe("the permission table", () => {
  it.each(ROLES)("can([%s], action, resource) follows PERMISSIONS for every action and resource", (role) => {
    for (const resource of RESOURCES)
      for (const action of ACTIONS) {
        const listed = PERMISSIONS[resource][action]?.includes(role) ?? false;
        expect(can([role], action, resource), `${action} ${resource}`).toBe(listed);
      }
  });

  it("lets only the admin change anything", () => {
    for (const resource of RESOURCES)
      for (const action of ACTIONS.filter((a) => a !== "read")) {
        for (const role of NON_ADMIN) expect(can([role], action, resource), `${role} ${action} ${resource}`).toBe(false);
        expect(can(NON_ADMIN, action, resource), `all non-admin roles together: ${action} ${resource}`).toBe(false);
      }
  });

  it("lets every role read the organisation, and only the admin read the audit trail", () => {
    for (const resource of ["department", "user", "portfolio", "delegation", "calendar"] as const)
      for (const role of ROLES) expect(can([role], "read", resource)).toBe(true);
    expect(ROLES.filter((r) => can([r], "read", "audit"))).toEqual(["admin"]);
  });

  it("grants the admin every listed action", () => {
    for (const { resource, action } of grantedPairs()) expect(can(["admin"], action, resource)).toBe(true);
  });

  it("refuses an empty role list and unlisted actions", () => {
    for (const resource of RESOURCES) for (const action of ACTIONS) expect(can([], action, resource)).toBe(false);
    expect(can(["admin"], "delete", "user")).toBe(false);
    expect(can(["admin"], "update", "audit")).toBe(false);
    expect(can(["admin"], "delete", "audit")).toBe(false);
  });

  it("adds up several roles", () => {
    expect(can(["dept_staff", "admin"], "create", "user")).toBe(true);
    expect(can(["dept_staff", "principal"], "create", "user")).toBe(false);
  });

  it("lists exactly the granted pairs in grantedPairs()", () => {
    const expected = RESOURCES.flatMap((resource) =>
      ACTIONS.filter((action) => PERMISSIONS[resource][action]?.length).map((action) => `${resource}.${action}`),
    );
    expect(grantedPairs().map((p) => `${p.resource}.${p.action}`)).toEqual(expected);
    for (const p of grantedPairs()) expect(p.roles).toEqual(PERMISSIONS[p.resource][p.action]);
  });

  it("names only known roles", () => {
    for (const { roles } of grantedPairs()) for (const r of roles) expect(ROLES).toContain(r);
  });
});
