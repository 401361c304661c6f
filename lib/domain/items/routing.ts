// The routing rule (DESIGN.md §3): which leader decides an item, and who may act for a leader
// under a delegation. Dates are ISO "YYYY-MM-DD" strings, so comparing them as strings is
// comparing dates; every range here is inclusive at both ends.

export type RoutingInput = {
  major: boolean;
  leadDepartmentId: number;
  supportDepartmentIds: readonly number[];
  /** The day routing is decided on (portfolios change over time). */
  on: string;
};

export type PortfolioSpan = { deputyId: number; departmentId: number; startsOn: string; endsOn: string | null };

export type DelegationSpan = {
  fromUserId: number;
  toUserId: number;
  startsOn: string;
  endsOn: string | null;
  /** Empty: the delegator's whole authority. */
  departmentIds: readonly number[];
  revoked: boolean;
};

export const ROUTE_REASONS = ["major", "multiple_deputies", "deputy_portfolio", "no_deputy"] as const;
export type RouteReason = (typeof ROUTE_REASONS)[number];

/** deputyIds: the deputies over the item's departments on that day, ascending (shown with the reason). */
export type Route = { leaderId: number; reason: RouteReason; deputyIds: number[] };

const within = (on: string, startsOn: string, endsOn: string | null) => startsOn <= on && (endsOn === null || on <= endsOn);

/** The deputies whose portfolio holds the department on that day (overlaps give several). */
export function deputiesOf(departmentId: number, on: string, portfolios: readonly PortfolioSpan[]): number[] {
  const ids = portfolios
    .filter((p) => p.departmentId === departmentId && within(on, p.startsOn, p.endsOn))
    .map((p) => p.deputyId);
  return [...new Set(ids)].sort((a, b) => a - b);
}

export function routeItem(item: RoutingInput, portfolios: readonly PortfolioSpan[], principalId: number): Route {
  const departments = new Set([item.leadDepartmentId, ...item.supportDepartmentIds]);
  // A support department under no deputy adds nobody, so it cannot make the set "several".
  const deputyIds = [...new Set([...departments].flatMap((d) => deputiesOf(d, item.on, portfolios)))].sort((a, b) => a - b);
  if (item.major) return { leaderId: principalId, reason: "major", deputyIds };
  if (deputyIds.length > 1) return { leaderId: principalId, reason: "multiple_deputies", deputyIds };
  const leadDeputies = deputiesOf(item.leadDepartmentId, item.on, portfolios);
  // With at most one deputy overall, the lead department has that one or none.
  if (leadDeputies.length === 1) return { leaderId: leadDeputies[0], reason: "deputy_portfolio", deputyIds };
  return { leaderId: principalId, reason: "no_deputy", deputyIds };
}

export type ActingLeader = { userId: number; onBehalfOf: number | null };

/**
 * Who may decide for `leaderId` on that day: the leader, then each delegate with an active
 * delegation (not revoked, day within [startsOn, endsOn]) that covers the department. Without a
 * department only whole-authority delegations count. Delegations are not chained: a delegate's
 * own delegate does not act for the original leader.
 */
export function actingFor(
  leaderId: number,
  on: string,
  delegations: readonly DelegationSpan[],
  departmentId?: number,
): ActingLeader[] {
  const result: ActingLeader[] = [{ userId: leaderId, onBehalfOf: null }];
  const seen = new Set([leaderId]);
  for (const d of delegations) {
    if (d.fromUserId !== leaderId || d.revoked || !within(on, d.startsOn, d.endsOn)) continue;
    const covers = d.departmentIds.length === 0 || (departmentId !== undefined && d.departmentIds.includes(departmentId));
    if (!covers || seen.has(d.toUserId)) continue;
    seen.add(d.toUserId);
    result.push({ userId: d.toUserId, onBehalfOf: leaderId });
  }
  return result;
}
