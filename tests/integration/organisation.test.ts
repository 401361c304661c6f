import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { createDelegation, listDelegations, revokeDelegation } from "@/lib/dal/delegations";
import { createDepartment, getDepartment, setDepartmentActive, updateDepartment } from "@/lib/dal/departments";
import { createPortfolio, listPortfolios, updatePortfolio } from "@/lib/dal/portfolios";
import { delegationInput, type DelegationInput, type DepartmentInput } from "@/lib/domain/schemas";
import { actorFor, expectDomainError, insertDepartment, insertUser, snapshot, unique } from "../support/db";

let admin: Actor;
let leadership: number;

beforeAll(async () => {
  admin = await actorFor("admin");
  leadership = (await insertDepartment({ kind: "leadership" })).id;
});

const newDeputy = async () => (await insertUser({ roles: ["deputy"], departmentId: leadership })).id;
const newDepartment = async () => (await insertDepartment()).id;

describe("departments", () => {
  const input = (over: Partial<DepartmentInput> = {}): DepartmentInput => ({ name: unique("处室"), kind: "functional", parentId: null, sortOrder: 0, ...over });

  it("refuses a parent that would close a loop, changing nothing", async () => {
    const a = await createDepartment(admin, input());
    const b = await createDepartment(admin, input({ parentId: a }));
    const c = await createDepartment(admin, input({ parentId: b }));
    const before = await snapshot();
    const { name } = await getDepartment(admin, a);
    await expectDomainError(updateDepartment(admin, a, 1, input({ name, parentId: c })), "parentCycle", "parentId");
    await expectDomainError(updateDepartment(admin, a, 1, input({ name, parentId: b })), "parentCycle", "parentId");
    await expectDomainError(updateDepartment(admin, a, 1, input({ name, parentId: a })), "parentCycle", "parentId");
    expect(await snapshot()).toEqual(before);
    // Moving a leaf elsewhere is fine.
    await updateDepartment(admin, c, 1, input({ name: (await getDepartment(admin, c)).name, parentId: a }));
    expect((await getDepartment(admin, c)).parentId).toBe(a);
  });

  it("refuses a duplicate name at the name field", async () => {
    const name = unique("同名");
    await createDepartment(admin, input({ name }));
    const before = await snapshot();
    await expectDomainError(createDepartment(admin, input({ name })), "departmentNameTaken", "name");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses the second of two updates made from the same version", async () => {
    const id = await createDepartment(admin, input());
    await updateDepartment(admin, id, 1, input({ sortOrder: 1 }));
    const before = await snapshot();
    await expectDomainError(updateDepartment(admin, id, 1, input({ sortOrder: 2 })), "conflict");
    await expectDomainError(setDepartmentActive(admin, id, 1, false), "conflict");
    expect(await snapshot()).toEqual(before);
    expect((await getDepartment(admin, id)).version).toBe(2);
  });

  it("keeps a department with active members or sub-departments", async () => {
    const parent = await createDepartment(admin, input());
    await createDepartment(admin, input({ parentId: parent }));
    const staffed = await newDepartment();
    await insertUser({ roles: ["dept_staff"], departmentId: staffed });
    await expectDomainError(setDepartmentActive(admin, parent, 1, false), "departmentInUse");
    await expectDomainError(setDepartmentActive(admin, staffed, 1, false), "departmentInUse");
  });
});

describe("portfolios", () => {
  it("refuses overlapping periods for the same deputy and department, changing nothing", async () => {
    const deputyId = await newDeputy();
    const departmentId = await newDepartment();
    await createPortfolio(admin, { deputyId, departmentId, startsOn: "2026-01-01", endsOn: "2026-06-30" });
    const before = await snapshot();
    for (const [startsOn, endsOn] of [
      ["2026-06-30", null], // shares the last day (both ends are inclusive)
      ["2025-01-01", "2026-01-01"], // shares the first day
      ["2026-03-01", "2026-03-31"], // inside
      ["2025-01-01", null], // around, open-ended
    ] as const) {
      await expectDomainError(createPortfolio(admin, { deputyId, departmentId, startsOn, endsOn }), "portfolioOverlap", "startsOn");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("allows adjacent periods, and overlaps across deputies or departments", async () => {
    const deputyId = await newDeputy();
    const departmentId = await newDepartment();
    await createPortfolio(admin, { deputyId, departmentId, startsOn: "2026-01-01", endsOn: "2026-06-30" });
    await createPortfolio(admin, { deputyId, departmentId, startsOn: "2026-07-01", endsOn: null });
    await createPortfolio(admin, { deputyId, departmentId, startsOn: "2025-01-01", endsOn: "2025-12-31" });
    await createPortfolio(admin, { deputyId: await newDeputy(), departmentId, startsOn: "2026-01-01", endsOn: null });
    await createPortfolio(admin, { deputyId, departmentId: await newDepartment(), startsOn: "2026-01-01", endsOn: null });
    expect((await listPortfolios(admin)).filter((p) => p.deputyId === deputyId)).toHaveLength(4);
  });

  it("refuses an update into an overlap", async () => {
    const deputyId = await newDeputy();
    const departmentId = await newDepartment();
    await createPortfolio(admin, { deputyId, departmentId, startsOn: "2026-01-01", endsOn: "2026-06-30" });
    const second = await createPortfolio(admin, { deputyId, departmentId, startsOn: "2026-07-01", endsOn: null });
    const before = await snapshot();
    await expectDomainError(updatePortfolio(admin, second, 1, { deputyId, departmentId, startsOn: "2026-06-01", endsOn: null }), "portfolioOverlap");
    expect(await snapshot()).toEqual(before);
  });

  it("is only for active deputies", async () => {
    const notDeputy = (await insertUser({ roles: ["dept_head"] })).id;
    const inactive = (await insertUser({ roles: ["deputy"], departmentId: leadership, active: false })).id;
    for (const deputyId of [notDeputy, inactive])
      await expectDomainError(createPortfolio(admin, { deputyId, departmentId: await newDepartment(), startsOn: "2026-01-01", endsOn: null }), "notDeputy", "deputyId");
  });
});

describe("delegations", () => {
  let principal: number;
  let deputy: number;
  let otherDeputy: number;
  let held: number;
  let expired: number;
  let notHeld: number;

  beforeAll(async () => {
    principal = (await insertUser({ roles: ["principal"], departmentId: leadership })).id;
    deputy = await newDeputy();
    otherDeputy = await newDeputy();
    held = await newDepartment();
    expired = await newDepartment();
    notHeld = await newDepartment();
    await createPortfolio(admin, { deputyId: deputy, departmentId: held, startsOn: "2026-01-01", endsOn: null });
    await createPortfolio(admin, { deputyId: deputy, departmentId: expired, startsOn: "2025-01-01", endsOn: "2025-12-31" });
  });

  const input = (over: Partial<DelegationInput> = {}): DelegationInput => ({
    fromUserId: deputy,
    toUserId: otherDeputy,
    startsOn: "2026-12-01",
    endsOn: "2026-12-10",
    departmentIds: [],
    note: null,
    ...over,
  });

  it("to oneself is refused by the schema at the recipient field", () => {
    const r = delegationInput.safeParse({ fromUserId: String(deputy), toUserId: String(deputy), startsOn: "2026-12-01", endsOn: "2026-12-10" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["toUserId", "errors.selfDelegation"]]);
  });

  it("to oneself is refused by the data layer too, changing nothing", async () => {
    const before = await snapshot();
    await expectDomainError(createDelegation(admin, input({ toUserId: deputy })), "selfDelegation", "toUserId");
    expect(await snapshot()).toEqual(before);
  });

  it("needs an active leader on both sides", async () => {
    const staff = (await insertUser({ roles: ["dept_head"] })).id;
    const away = (await insertUser({ roles: ["deputy"], departmentId: leadership, active: false })).id;
    const before = await snapshot();
    await expectDomainError(createDelegation(admin, input({ fromUserId: staff })), "notLeader", "fromUserId");
    await expectDomainError(createDelegation(admin, input({ toUserId: staff })), "notLeader", "toUserId");
    await expectDomainError(createDelegation(admin, input({ toUserId: away })), "notLeader", "toUserId");
    await expectDomainError(createDelegation(admin, input({ fromUserId: away })), "notLeader", "fromUserId");
    expect(await snapshot()).toEqual(before);
  });

  it("lets a deputy hand on only departments of their own portfolio in force then", async () => {
    const before = await snapshot();
    await expectDomainError(createDelegation(admin, input({ departmentIds: [notHeld] })), "outsidePortfolio", "departmentIds");
    await expectDomainError(createDelegation(admin, input({ departmentIds: [held, notHeld] })), "outsidePortfolio", "departmentIds");
    await expectDomainError(createDelegation(admin, input({ departmentIds: [expired] })), "outsidePortfolio", "departmentIds");
    expect(await snapshot()).toEqual(before);
    const id = await createDelegation(admin, input({ departmentIds: [held] }));
    expect((await listDelegations(admin)).find((d) => d.id === id)).toMatchObject({ departmentIds: [held], revoked: false });
    await createDelegation(admin, input({ departmentIds: [expired], startsOn: "2025-06-01", endsOn: "2025-06-30" }));
  });

  it("lets a deputy hand on the whole portfolio, and the principal any department", async () => {
    await createDelegation(admin, input({ departmentIds: [] }));
    await createDelegation(admin, input({ fromUserId: principal, toUserId: deputy, departmentIds: [notHeld, held] }));
  });

  it("is revoked once; a second revocation from the same version is a conflict", async () => {
    const id = await createDelegation(admin, input());
    await revokeDelegation(admin, id, 1);
    await expectDomainError(revokeDelegation(admin, id, 1), "conflict");
    await expectDomainError(revokeDelegation(admin, id, 2), "conflict"); // already revoked
    expect((await listDelegations(admin)).find((d) => d.id === id)?.revoked).toBe(true);
  });

  it("keeps its check constraints in the database as well", async () => {
    await expect(getSql()`insert into delegations (from_user_id, to_user_id, starts_on, ends_on) values (${deputy}, ${deputy}, '2026-01-01', '2026-01-02')`).rejects.toThrow(
      /delegations_not_to_self/,
    );
    await expect(getSql()`insert into delegations (from_user_id, to_user_id, starts_on, ends_on) values (${deputy}, ${otherDeputy}, '2026-01-02', '2026-01-01')`).rejects.toThrow(
      /delegations_dates_ordered/,
    );
  });
});
