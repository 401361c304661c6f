import "server-only";
import { and, eq, inArray, isNull, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Reader } from "@/db/client";
import { delegations, itemDepartments, items, portfolios, userRoles, users } from "@/db/schema";
import { actingFor, type DelegationSpan, type PortfolioSpan } from "@/lib/domain/items/routing";
import type { ItemActorContext } from "@/lib/domain/items/lifecycle";
import type { Role } from "@/lib/domain/roles";
import type { Actor } from "../actor";
import { DomainError } from "../errors";

export type ItemRow = typeof items.$inferSelect;
export type ItemDepartmentRow = typeof itemDepartments.$inferSelect;

export const isOffice = (actor: Actor) => actor.roles.includes("office_director") || actor.roles.includes("office_staff");

export async function loadPortfolios(tx: Reader): Promise<PortfolioSpan[]> {
  return tx.select({ deputyId: portfolios.deputyId, departmentId: portfolios.departmentId, startsOn: portfolios.startsOn, endsOn: portfolios.endsOn }).from(portfolios);
}

/** Delegations given to this person and not revoked (dates are checked by actingFor). */
export async function delegationsTo(tx: Reader, toUserId: number): Promise<DelegationSpan[]> {
  const rows = await tx
    .select({
      fromUserId: delegations.fromUserId,
      toUserId: delegations.toUserId,
      startsOn: delegations.startsOn,
      endsOn: delegations.endsOn,
      departmentIds: delegations.departmentIds,
    })
    .from(delegations)
    .where(and(isNull(delegations.revokedAt), eq(delegations.toUserId, toUserId)));
  return rows.map((r) => ({ ...r, revoked: false }));
}

/** The active principal; routing needs one. */
export async function principalId(tx: Reader): Promise<number> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "principal")))
    .where(eq(users.active, true))
    .orderBy(users.id)
    .limit(1);
  if (!row) throw new DomainError("noPrincipal");
  return row.id;
}

/** Leaders this person may act for today (their delegators), for the queue and visibility. */
export async function delegatorsOf(tx: Reader, userId: number, on: string): Promise<{ leaderId: number; departmentIds: number[] }[]> {
  const rows = await tx
    .select({ leaderId: delegations.fromUserId, departmentIds: delegations.departmentIds })
    .from(delegations)
    .where(and(eq(delegations.toUserId, userId), isNull(delegations.revokedAt), sql`${delegations.startsOn} <= ${on}`, sql`${delegations.endsOn} >= ${on}`));
  return rows;
}

/**
 * Records routed to a leader this person stands in for today, each delegation limited to its
 * departments (none listed: the leader's whole authority), judged by `departmentCol` — the lead,
 * requesting or raising department. The same scope actingFor applies to acting, so a delegate
 * sees exactly what they may act on. Undefined when they stand in for nobody.
 */
export function routedToDelegators(delegators: { leaderId: number; departmentIds: number[] }[], leaderCol: SQLWrapper, departmentCol: SQLWrapper): SQL | undefined {
  if (!delegators.length) return undefined;
  return or(...delegators.map((d) => and(eq(leaderCol, d.leaderId), d.departmentIds.length ? inArray(departmentCol, d.departmentIds) : undefined)));
}

export type Relation = { ctx: ItemActorContext; onBehalfOf: number | null };

/**
 * How this person stands to this item, as the life-cycle rules need it. Acting as a routed
 * leader's delegate is allowed when the delegation covers the lead department, and every act
 * done so is stamped with the leader it was done for.
 */
export async function relationTo(tx: Reader, actor: Actor, item: ItemRow, depts: ItemDepartmentRow[], on: string): Promise<Relation> {
  const mine = depts.find((d) => d.departmentId === actor.departmentId);
  let isRoutedLeader = item.routedLeaderId === actor.id;
  let onBehalfOf: number | null = null;
  let isAssigner = item.assignerId === actor.id || (item.assignerId === null && isOffice(actor) && item.state !== "draft");
  if (!isRoutedLeader || !isAssigner) {
    // Only delegations to this person can make them act for someone.
    const delegs = await delegationsTo(tx, actor.id);
    if (!isRoutedLeader && item.routedLeaderId) {
      const acting = actingFor(item.routedLeaderId, on, delegs, item.leadDepartmentId).find((a) => a.userId === actor.id);
      if (acting) {
        isRoutedLeader = true;
        onBehalfOf = acting.onBehalfOf;
      }
    }
    if (!isAssigner && item.assignerId) {
      const acting = actingFor(item.assignerId, on, delegs, item.leadDepartmentId).find((a) => a.userId === actor.id);
      if (acting) {
        isAssigner = true;
        onBehalfOf ??= acting.onBehalfOf;
      }
    }
  }
  return {
    ctx: {
      roles: actor.roles,
      inLeadDepartment: mine?.role === "lead",
      inSupportDepartment: mine?.role === "support",
      isRoutedLeader,
      isCreator: item.createdById === actor.id,
      isAssigner,
    },
    onBehalfOf,
  };
}

/** Heads and liaisons of these departments: who signs for and is urged. */
export function signersOf(tx: Reader, departmentIds: number[]): Promise<number[]> {
  return departmentPeople(tx, departmentIds, ["dept_head", "dept_liaison"]);
}

/** Active people of these departments holding one of these roles (heads, liaisons…): who is told. */
export async function departmentPeople(tx: Reader, departmentIds: number[], roles: Role[]): Promise<number[]> {
  if (!departmentIds.length) return [];
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(users.departmentId, [...new Set(departmentIds)]), eq(users.active, true), inArray(userRoles.role, roles)));
  return rows.map((r) => r.id);
}

/** Heads and liaisons of many departments in one query, by department. */
export async function signersByDepartment(tx: Reader, departmentIds: number[]): Promise<Map<number, number[]>> {
  const byDept = new Map<number, number[]>();
  if (!departmentIds.length) return byDept;
  const rows = await tx
    .selectDistinct({ id: users.id, departmentId: users.departmentId })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(users.departmentId, [...new Set(departmentIds)]), eq(users.active, true), inArray(userRoles.role, ["dept_head", "dept_liaison"])));
  for (const r of rows) byDept.set(r.departmentId, [...(byDept.get(r.departmentId) ?? []), r.id]);
  return byDept;
}

export async function officeMembers(tx: Reader): Promise<number[]> {
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.active, true), inArray(userRoles.role, ["office_director", "office_staff"])));
  return rows.map((r) => r.id);
}
