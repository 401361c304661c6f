// Authorization generated from the role × action × resource table: every pair that is not
// open to everyone maps to one data-layer call below. Each role the table does not grant is
// refused ("forbidden") and the database stays exactly as it was; the admin's call succeeds
// and writes exactly one audit event, in the same transaction as the change.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSql } from "@/db/client";
import { delegations, portfolios } from "@/db/schema";
import type { Actor } from "@/lib/dal/actor";
import { listAuditEvents } from "@/lib/dal/audit";
import { importCalendar, setCalendarDay } from "@/lib/dal/calendar";
import { createDelegation, revokeDelegation, updateDelegation } from "@/lib/dal/delegations";
import { createDepartment, setDepartmentActive, updateDepartment } from "@/lib/dal/departments";
import { createPortfolio, deletePortfolio, updatePortfolio } from "@/lib/dal/portfolios";
import { createUser, resetPassword, setUserActive, updateUser } from "@/lib/dal/users";
import { grantedPairs, ROLES, type Action, type Resource, type Role } from "@/lib/domain/roles";
import { actorFor, auditAfter, expectDomainError, insertDepartment, insertUser, lastAuditId, snapshot, unique } from "../support/db";

/** Fresh rows for one call, written directly so that they carry no audit events of their own. */
type Fixture = {
  department: number; // has a member and is in the deputy's portfolio
  emptyDepartment: number; // no members, no portfolio
  user: number;
  portfolio: number;
  delegation: number;
  day: string;
};

/** Where the changed row lives, to compare its transaction with the audit event's. */
type Row = { table: string; key: string; value: string | number };

type Mutation = {
  run: (actor: Actor | null, fx: Fixture) => Promise<unknown>;
  /** The audit action the admin's call writes; null for reads, which write none. */
  audit: string | null;
  row?: (fx: Fixture, result: unknown) => Row;
};

let deputy: number;
let otherLeader: number;
let dayCounter = 0;

const MUTATIONS: Partial<Record<`${Resource}.${Action}`, Mutation>> = {
  "department.create": {
    run: (a) => createDepartment(a, { name: unique("新部门"), kind: "functional", parentId: null, sortOrder: 0 }),
    audit: "department.create",
    row: (_, id) => ({ table: "departments", key: "id", value: id as number }),
  },
  "department.update": {
    run: (a, fx) => updateDepartment(a, fx.department, 1, { name: unique("改名"), kind: "office", parentId: null, sortOrder: 7 }),
    audit: "department.update",
    row: (fx) => ({ table: "departments", key: "id", value: fx.department }),
  },
  "department.disable": {
    run: (a, fx) => setDepartmentActive(a, fx.emptyDepartment, 1, false),
    audit: "department.disable",
    row: (fx) => ({ table: "departments", key: "id", value: fx.emptyDepartment }),
  },
  "user.create": {
    run: (a, fx) =>
      createUser(a, {
        login: unique("new"),
        name: "新用户",
        email: null,
        title: null,
        departmentId: fx.department,
        roles: ["dept_staff"],
        password: "a long enough password",
      }),
    audit: "user.create",
    row: (_, id) => ({ table: "users", key: "id", value: id as number }),
  },
  "user.update": {
    run: (a, fx) => updateUser(a, fx.user, 1, { name: "改过的名字", email: "x@example.cn", title: "干事", departmentId: fx.department, roles: ["dept_liaison"] }),
    audit: "user.update",
    row: (fx) => ({ table: "users", key: "id", value: fx.user }),
  },
  "user.disable": {
    run: (a, fx) => setUserActive(a, fx.user, 1, false),
    audit: "user.disable",
    row: (fx) => ({ table: "users", key: "id", value: fx.user }),
  },
  "user.reset_password": {
    run: (a, fx) => resetPassword(a, fx.user, 1, "another long password"),
    audit: "user.reset_password",
    row: (fx) => ({ table: "users", key: "id", value: fx.user }),
  },
  "portfolio.create": {
    run: (a, fx) => createPortfolio(a, { deputyId: deputy, departmentId: fx.emptyDepartment, startsOn: "2026-01-01", endsOn: null }),
    audit: "portfolio.create",
    row: (_, id) => ({ table: "portfolios", key: "id", value: id as number }),
  },
  "portfolio.update": {
    run: (a, fx) => updatePortfolio(a, fx.portfolio, 1, { deputyId: deputy, departmentId: fx.department, startsOn: "2026-02-01", endsOn: "2026-12-31" }),
    audit: "portfolio.update",
    row: (fx) => ({ table: "portfolios", key: "id", value: fx.portfolio }),
  },
  "portfolio.delete": {
    run: (a, fx) => deletePortfolio(a, fx.portfolio, 1),
    audit: "portfolio.delete",
  },
  "delegation.create": {
    run: (a, fx) =>
      createDelegation(a, { fromUserId: deputy, toUserId: otherLeader, startsOn: "2026-12-01", endsOn: "2026-12-10", departmentIds: [fx.department], note: null }),
    audit: "delegation.create",
    row: (_, id) => ({ table: "delegations", key: "id", value: id as number }),
  },
  "delegation.update": {
    run: (a, fx) =>
      updateDelegation(a, fx.delegation, 1, { fromUserId: deputy, toUserId: otherLeader, startsOn: "2026-12-02", endsOn: "2026-12-12", departmentIds: [], note: "改期" }),
    audit: "delegation.update",
    row: (fx) => ({ table: "delegations", key: "id", value: fx.delegation }),
  },
  "delegation.delete": {
    run: (a, fx) => revokeDelegation(a, fx.delegation, 1),
    audit: "delegation.revoke",
    row: (fx) => ({ table: "delegations", key: "id", value: fx.delegation }),
  },
  "calendar.update": {
    run: (a, fx) => setCalendarDay(a, { day: fx.day, kind: "holiday", name: "测试假日" }),
    audit: "calendar.set_day",
    row: (fx) => ({ table: "calendar_days", key: "day", value: fx.day }),
  },
  "calendar.import": {
    run: (a, fx) => importCalendar(a, [{ day: fx.day, kind: "workday", name: "测试调休" }]),
    audit: "calendar.import",
    row: (fx) => ({ table: "calendar_days", key: "day", value: fx.day }),
  },
  "audit.read": {
    run: (a) => listAuditEvents(a, { limit: 5 }),
    audit: null,
  },
};

async function fixture(): Promise<Fixture> {
  const department = (await insertDepartment()).id;
  const emptyDepartment = (await insertDepartment()).id;
  const user = (await insertUser({ roles: ["dept_staff"], departmentId: department })).id;
  const [p] = await getDb().insert(portfolios).values({ deputyId: deputy, departmentId: department, startsOn: "2026-01-01" }).returning();
  const [d] = await getDb()
    .insert(delegations)
    .values({ fromUserId: deputy, toUserId: otherLeader, startsOn: "2026-11-01", endsOn: "2026-11-30", departmentIds: [department] })
    .returning();
  // A far-off day of its own, so that runs never depend on each other's calendar entries.
  const day = new Date(Date.UTC(2040, 0, 1 + ++dayCounter + (process.pid % 1000) * 3)).toISOString().slice(0, 10);
  return { department, emptyDepartment, user, portfolio: p.id, delegation: d.id, day };
}

// Pairs open to every role have no one to refuse; all others must be mapped above.
const guarded = grantedPairs().filter((p) => ROLES.some((r) => !p.roles.includes(r)));
const cases = guarded.flatMap((p) => {
  const key = `${p.resource}.${p.action}` as const;
  return ROLES.filter((r) => !p.roles.includes(r)).map((role) => ({ key, role }));
});

const actors = {} as Record<Role, Actor>;
let admin: Actor;

beforeAll(async () => {
  const lead = await insertDepartment({ kind: "leadership" });
  deputy = (await insertUser({ roles: ["deputy"], departmentId: lead.id })).id;
  otherLeader = (await insertUser({ roles: ["deputy"], departmentId: lead.id })).id;
  // One person per role, holding only that role.
  for (const role of ROLES) actors[role] = await actorFor((await insertUser({ roles: [role], departmentId: lead.id })).id);
  admin = await actorFor("admin");
});

describe("the table and the tests", () => {
  it("maps every guarded (resource, action) pair to a data-layer call", () => {
    const missing = guarded.map((p) => `${p.resource}.${p.action}`).filter((k) => !(k in MUTATIONS));
    expect(missing, "add these pairs to MUTATIONS in tests/integration/authorization.test.ts").toEqual([]);
  });

  it("maps no pair the table does not grant", () => {
    const granted = new Set(grantedPairs().map((p) => `${p.resource}.${p.action}`));
    expect(Object.keys(MUTATIONS).filter((k) => !granted.has(k))).toEqual([]);
  });

  it("has a refusal case for every non-admin role of every admin-only pair", () => {
    const adminOnly = guarded.filter((p) => p.roles.length === 1 && p.roles[0] === "admin");
    expect(adminOnly.length).toBeGreaterThan(0);
    expect(cases.filter((c) => adminOnly.some((p) => `${p.resource}.${p.action}` === c.key))).toHaveLength(adminOnly.length * (ROLES.length - 1));
  });
});

describe("refusals change nothing", () => {
  it.each(cases)("$key is refused to $role", async ({ key, role }) => {
    const mutation = MUTATIONS[key];
    expect(mutation, `no mapping for ${key}`).toBeDefined();
    const fx = await fixture();
    const before = await snapshot();
    await expectDomainError(mutation!.run(actors[role], fx), "forbidden");
    expect(await snapshot()).toEqual(before);
  });

  it.each(guarded.map((p) => ({ key: `${p.resource}.${p.action}` as const })))("$key is refused to a signed-out caller", async ({ key }) => {
    const fx = await fixture();
    const before = await snapshot();
    await expectDomainError(MUTATIONS[key]!.run(null, fx), "signedOut");
    expect(await snapshot()).toEqual(before);
  });
});

describe("the admin's calls", () => {
  it.each(guarded.filter((p) => p.roles.includes("admin")).map((p) => ({ key: `${p.resource}.${p.action}` as const })))(
    "$key succeeds and writes exactly one audit event in the same transaction",
    async ({ key }) => {
      const mutation = MUTATIONS[key]!;
      const fx = await fixture();
      const since = await lastAuditId();
      const result = await mutation.run(admin, fx);
      const events = await auditAfter(since);
      if (mutation.audit === null) {
        expect(events).toEqual([]);
        return;
      }
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: mutation.audit, actorId: admin.id });
      if (mutation.row) {
        const { table, key: column, value } = mutation.row(fx, result);
        const [row] = await getSql().unsafe<{ xmin: string }[]>(`select xmin::text as xmin from ${table} where ${column} = $1`, [value]);
        expect(row, `${table} row ${value}`).toBeDefined();
        // xmin is the id of the transaction that wrote the row version.
        expect(row.xmin).toBe(events[0].xmin);
      }
    },
  );
});
