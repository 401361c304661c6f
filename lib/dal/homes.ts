import "server-only";
import { and, asc, count, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { delegations, departments, portfolios, userRoles, users } from "@/db/schema";
import type { Actor } from "./actor";
import { authorize } from "./authz";

const inForce = (startsOn: typeof portfolios.startsOn, endsOn: typeof portfolios.endsOn, day: string) =>
  and(lte(startsOn, day), or(isNull(endsOn), gte(endsOn, day)));

export type PortfolioLine = { deputyId: number; deputyName: string; departmentId: number; departmentName: string; members: number };

/** Portfolios in force on `day`, with the size of each department. */
export async function portfoliosInForce(actor: Actor | null, day: string, deputyId?: number): Promise<PortfolioLine[]> {
  authorize(actor, "read", "portfolio");
  return getDb()
    .select({
      deputyId: portfolios.deputyId,
      deputyName: users.name,
      departmentId: portfolios.departmentId,
      departmentName: departments.name,
      members: sql<number>`(select count(*)::int from users m where m.department_id = "departments"."id" and m.active)`,
    })
    .from(portfolios)
    .innerJoin(users, eq(users.id, portfolios.deputyId))
    .innerJoin(departments, eq(departments.id, portfolios.departmentId))
    .where(and(inForce(portfolios.startsOn, portfolios.endsOn, day), deputyId ? eq(portfolios.deputyId, deputyId) : undefined))
    .orderBy(asc(users.id), asc(departments.sortOrder));
}

export type DelegationLine = { id: number; fromName: string; toName: string; fromUserId: number; toUserId: number; startsOn: string; endsOn: string };

/** Delegations in force on `day` given by or to this person. */
export async function myDelegations(actor: Actor | null, day: string): Promise<DelegationLine[]> {
  authorize(actor, "read", "delegation");
  const from = alias(users, "from_user");
  const to = alias(users, "to_user");
  return getDb()
    .select({
      id: delegations.id,
      fromName: from.name,
      toName: to.name,
      fromUserId: delegations.fromUserId,
      toUserId: delegations.toUserId,
      startsOn: delegations.startsOn,
      endsOn: delegations.endsOn,
    })
    .from(delegations)
    .innerJoin(from, eq(from.id, delegations.fromUserId))
    .innerJoin(to, eq(to.id, delegations.toUserId))
    .where(
      and(
        isNull(delegations.revokedAt),
        lte(delegations.startsOn, day),
        gte(delegations.endsOn, day),
        or(eq(delegations.fromUserId, actor.id), eq(delegations.toUserId, actor.id)),
      ),
    );
}

export async function organisationCounts(actor: Actor | null): Promise<{ departments: number; people: number; deputies: number }> {
  authorize(actor, "read", "department");
  const db = getDb();
  const [[d], [p], [dep]] = await Promise.all([
    db.select({ n: count() }).from(departments).where(eq(departments.active, true)),
    db.select({ n: count() }).from(users).where(eq(users.active, true)),
    db
      .select({ n: count() })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.role, "deputy"), eq(users.active, true))),
  ]);
  return { departments: d.n, people: p.n, deputies: dep.n };
}
