import { describe, expect, it } from "vitest";
import {
  actingFor,
  deputiesOf,
  routeItem,
  type DelegationSpan,
  type PortfolioSpan,
  type RoutingInput,
} from "@/lib/domain/items/routing";

// The organisation: principal 1; deputies 10, 20, 30. Departments 100.. are functional.
const PRINCIPAL = 1;
const portfolios: PortfolioSpan[] = [
  // Deputy 10 holds 101 and 102 for 2026 only.
  { deputyId: 10, departmentId: 101, startsOn: "2026-01-01", endsOn: "2026-12-31" },
  { deputyId: 10, departmentId: 102, startsOn: "2026-01-01", endsOn: "2026-12-31" },
  // Deputy 20 holds 103 open-ended from March, and 104 until 06-30; deputy 30 takes 104 from 07-01.
  { deputyId: 20, departmentId: 103, startsOn: "2026-03-01", endsOn: null },
  { deputyId: 20, departmentId: 104, startsOn: "2026-01-01", endsOn: "2026-06-30" },
  { deputyId: 30, departmentId: 104, startsOn: "2026-07-01", endsOn: null },
  // A handover week in which 105 is held by both 20 and 30.
  { deputyId: 20, departmentId: 105, startsOn: "2026-01-01", endsOn: "2026-05-07" },
  { deputyId: 30, departmentId: 105, startsOn: "2026-05-01", endsOn: null },
  // 199 belongs to no deputy.
];

const item = (over: Partial<RoutingInput>): RoutingInput => ({
  major: false,
  leadDepartmentId: 101,
  supportDepartmentIds: [],
  on: "2026-06-15",
  ...over,
});

describe("deputiesOf", () => {
  it("includes both ends of a portfolio and nothing outside it", () => {
    expect(deputiesOf(101, "2025-12-31", portfolios)).toEqual([]);
    expect(deputiesOf(101, "2026-01-01", portfolios)).toEqual([10]);
    expect(deputiesOf(101, "2026-12-31", portfolios)).toEqual([10]);
    expect(deputiesOf(101, "2027-01-01", portfolios)).toEqual([]);
  });

  it("treats a missing end as open-ended", () => {
    expect(deputiesOf(103, "2026-02-28", portfolios)).toEqual([]);
    expect(deputiesOf(103, "2026-03-01", portfolios)).toEqual([20]);
    expect(deputiesOf(103, "2099-12-31", portfolios)).toEqual([20]);
  });

  it("hands over from one deputy to the next on the day", () => {
    expect(deputiesOf(104, "2026-06-30", portfolios)).toEqual([20]);
    expect(deputiesOf(104, "2026-07-01", portfolios)).toEqual([30]);
  });

  it("lists both deputies while portfolios overlap, once each, ascending", () => {
    expect(deputiesOf(105, "2026-04-30", portfolios)).toEqual([20]);
    expect(deputiesOf(105, "2026-05-01", portfolios)).toEqual([20, 30]);
    expect(deputiesOf(105, "2026-05-07", portfolios)).toEqual([20, 30]);
    expect(deputiesOf(105, "2026-05-08", portfolios)).toEqual([30]);
    const doubled = [...portfolios, { deputyId: 10, departmentId: 101, startsOn: "2026-06-01", endsOn: null }];
    expect(deputiesOf(101, "2026-06-15", doubled)).toEqual([10]);
  });

  it("knows no one for a department without a portfolio", () => {
    expect(deputiesOf(199, "2026-06-15", portfolios)).toEqual([]);
    expect(deputiesOf(101, "2026-06-15", [])).toEqual([]);
  });
});

describe("routeItem", () => {
  it("sends a major item to the principal, whatever the portfolios", () => {
    expect(routeItem(item({ major: true }), portfolios, PRINCIPAL)).toEqual({ leaderId: 1, reason: "major", deputyIds: [10] });
    expect(routeItem(item({ major: true, leadDepartmentId: 199 }), portfolios, PRINCIPAL)).toEqual({
      leaderId: 1,
      reason: "major",
      deputyIds: [],
    });
    expect(routeItem(item({ major: true, supportDepartmentIds: [103] }), portfolios, PRINCIPAL)).toEqual({
      leaderId: 1,
      reason: "major",
      deputyIds: [10, 20],
    });
  });

  it("sends an item in one deputy's portfolio to that deputy", () => {
    expect(routeItem(item({}), portfolios, PRINCIPAL)).toEqual({ leaderId: 10, reason: "deputy_portfolio", deputyIds: [10] });
    expect(routeItem(item({ supportDepartmentIds: [102] }), portfolios, PRINCIPAL)).toEqual({
      leaderId: 10,
      reason: "deputy_portfolio",
      deputyIds: [10],
    });
  });

  it("sends an item whose departments span two deputies to the principal", () => {
    expect(routeItem(item({ supportDepartmentIds: [103] }), portfolios, PRINCIPAL)).toEqual({
      leaderId: 1,
      reason: "multiple_deputies",
      deputyIds: [10, 20],
    });
    expect(routeItem(item({ supportDepartmentIds: [102, 103, 104] }), portfolios, PRINCIPAL).deputyIds).toEqual([10, 20]);
    expect(routeItem(item({ on: "2026-07-01", supportDepartmentIds: [103, 104] }), portfolios, PRINCIPAL).deputyIds).toEqual([
      10, 20, 30,
    ]);
  });

  it("counts support departments under no deputy as nobody", () => {
    expect(routeItem(item({ supportDepartmentIds: [199] }), portfolios, PRINCIPAL)).toEqual({
      leaderId: 10,
      reason: "deputy_portfolio",
      deputyIds: [10],
    });
  });

  it("sends an item whose lead department has no deputy to the principal", () => {
    expect(routeItem(item({ leadDepartmentId: 199 }), portfolios, PRINCIPAL)).toEqual({
      leaderId: 1,
      reason: "no_deputy",
      deputyIds: [],
    });
    // A support department's deputy does not take over an orphan lead department.
    expect(routeItem(item({ leadDepartmentId: 199, supportDepartmentIds: [101] }), portfolios, PRINCIPAL)).toEqual({
      leaderId: 1,
      reason: "no_deputy",
      deputyIds: [10],
    });
    // Before deputy 20's portfolio of 103 starts.
    expect(routeItem(item({ leadDepartmentId: 103, on: "2026-02-28" }), portfolios, PRINCIPAL).reason).toBe("no_deputy");
    // After deputy 10's portfolio ends.
    expect(routeItem(item({ on: "2027-01-01" }), portfolios, PRINCIPAL).reason).toBe("no_deputy");
  });

  it("routes on the day asked, at the edges of portfolios", () => {
    const lead104 = (on: string) => routeItem(item({ leadDepartmentId: 104, on }), portfolios, PRINCIPAL);
    expect(lead104("2026-06-30")).toEqual({ leaderId: 20, reason: "deputy_portfolio", deputyIds: [20] });
    expect(lead104("2026-07-01")).toEqual({ leaderId: 30, reason: "deputy_portfolio", deputyIds: [30] });
    expect(routeItem(item({ on: "2026-12-31" }), portfolios, PRINCIPAL).leaderId).toBe(10);
    expect(routeItem(item({ on: "2026-01-01" }), portfolios, PRINCIPAL).leaderId).toBe(10);
  });

  it("sends a lead department held by two deputies at once to the principal", () => {
    const lead105 = (on: string) => routeItem(item({ leadDepartmentId: 105, on }), portfolios, PRINCIPAL);
    expect(lead105("2026-04-30")).toEqual({ leaderId: 20, reason: "deputy_portfolio", deputyIds: [20] });
    expect(lead105("2026-05-01")).toEqual({ leaderId: 1, reason: "multiple_deputies", deputyIds: [20, 30] });
    expect(lead105("2026-05-07")).toEqual({ leaderId: 1, reason: "multiple_deputies", deputyIds: [20, 30] });
    expect(lead105("2026-05-08")).toEqual({ leaderId: 30, reason: "deputy_portfolio", deputyIds: [30] });
  });

  it("is not fooled by the lead department repeated among the support departments", () => {
    expect(routeItem(item({ supportDepartmentIds: [101, 101] }), portfolios, PRINCIPAL)).toEqual({
      leaderId: 10,
      reason: "deputy_portfolio",
      deputyIds: [10],
    });
  });

  it("routes to a deputy even when the deputy is the principal's own id in the table", () => {
    expect(routeItem(item({ leadDepartmentId: 300 }), [{ deputyId: 1, departmentId: 300, startsOn: "2026-01-01", endsOn: null }], 1)).toEqual(
      { leaderId: 1, reason: "deputy_portfolio", deputyIds: [1] },
    );
  });
});

describe("actingFor", () => {
  const base: DelegationSpan = {
    fromUserId: 10,
    toUserId: 20,
    startsOn: "2026-08-01",
    endsOn: "2026-08-15",
    departmentIds: [],
    revoked: false,
  };
  const self = { userId: 10, onBehalfOf: null };

  it("is the leader alone without delegations", () => {
    expect(actingFor(10, "2026-08-05", [])).toEqual([self]);
    expect(actingFor(10, "2026-08-05", [], 101)).toEqual([self]);
  });

  it("adds a whole-authority delegate within the dates, both ends included", () => {
    for (const on of ["2026-08-01", "2026-08-10", "2026-08-15"]) {
      expect(actingFor(10, on, [base])).toEqual([self, { userId: 20, onBehalfOf: 10 }]);
      expect(actingFor(10, on, [base], 101)).toEqual([self, { userId: 20, onBehalfOf: 10 }]);
    }
  });

  it("drops a delegation before it starts or after it has expired", () => {
    expect(actingFor(10, "2026-07-31", [base], 101)).toEqual([self]);
    expect(actingFor(10, "2026-08-16", [base], 101)).toEqual([self]);
  });

  it("treats an open end as lasting", () => {
    expect(actingFor(10, "2030-01-01", [{ ...base, endsOn: null }])).toEqual([self, { userId: 20, onBehalfOf: 10 }]);
  });

  it("drops a revoked delegation", () => {
    expect(actingFor(10, "2026-08-05", [{ ...base, revoked: true }], 101)).toEqual([self]);
  });

  it("applies a partial delegation only to its departments", () => {
    const partial = { ...base, departmentIds: [101, 102] };
    expect(actingFor(10, "2026-08-05", [partial], 101)).toEqual([self, { userId: 20, onBehalfOf: 10 }]);
    expect(actingFor(10, "2026-08-05", [partial], 102)).toEqual([self, { userId: 20, onBehalfOf: 10 }]);
    expect(actingFor(10, "2026-08-05", [partial], 103)).toEqual([self]);
    expect(actingFor(10, "2026-08-05", [partial])).toEqual([self]); // no department: not covered
  });

  it("ignores other leaders' delegations and does not chain them", () => {
    const others = [
      { ...base, fromUserId: 30, toUserId: 40 },
      { ...base, fromUserId: 20, toUserId: 50 }, // 20 acts for 10, but 50 does not
    ];
    expect(actingFor(10, "2026-08-05", others, 101)).toEqual([self]);
    expect(actingFor(10, "2026-08-05", [base, ...others], 101)).toEqual([self, { userId: 20, onBehalfOf: 10 }]);
  });

  it("lists several delegates in order, each once, and never the leader twice", () => {
    const many = [
      base,
      { ...base, toUserId: 30, departmentIds: [101] },
      { ...base, toUserId: 20, departmentIds: [101] }, // 20 again
      { ...base, toUserId: 10 }, // to themself
      { ...base, toUserId: 40, revoked: true },
    ];
    expect(actingFor(10, "2026-08-05", many, 101)).toEqual([
      self,
      { userId: 20, onBehalfOf: 10 },
      { userId: 30, onBehalfOf: 10 },
    ]);
    expect(actingFor(10, "2026-08-05", many, 102)).toEqual([self, { userId: 20, onBehalfOf: 10 }]);
  });

  it("takes a revoked whole delegation and an active partial one together", () => {
    const mixed = [
      { ...base, revoked: true },
      { ...base, departmentIds: [102], startsOn: "2026-08-10" },
    ];
    expect(actingFor(10, "2026-08-09", mixed, 102)).toEqual([self]);
    expect(actingFor(10, "2026-08-10", mixed, 102)).toEqual([self, { userId: 20, onBehalfOf: 10 }]);
    expect(actingFor(10, "2026-08-10", mixed, 101)).toEqual([self]);
  });
});
