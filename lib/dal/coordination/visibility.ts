import "server-only";
import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { coordinationMatters, coordinationParties, portfolios } from "@/db/schema";
import type { Actor } from "../actor";
import { delegatorsOf, isOffice, routedToDelegators } from "../items/context";

/**
 * The one visibility rule for coordination matters, used by every list, detail and command: the
 * office and the principal see every matter; anyone else sees matters their department is party
 * to (raiser or named), that they raised, that are routed to them or to a leader they act for
 * today, and — for a deputy — matters with a party department in their portfolio today.
 * Undefined means "all".
 */
export async function visibleMatters(db: Db | Tx, actor: Actor, on: string): Promise<SQL | undefined> {
  if (isOffice(actor) || actor.roles.includes("principal")) return undefined;
  const conditions: SQL[] = [
    eq(coordinationMatters.createdById, actor.id),
    eq(coordinationMatters.routedLeaderId, actor.id),
    sql`exists (select 1 from ${coordinationParties} where ${coordinationParties.matterId} = ${coordinationMatters.id} and ${coordinationParties.departmentId} = ${actor.departmentId})`,
  ];
  const delegators = await delegatorsOf(db, actor.id, on);
  const standIn = routedToDelegators(delegators, coordinationMatters.routedLeaderId, coordinationMatters.raisingDepartmentId);
  if (standIn) conditions.push(standIn);
  if (actor.roles.includes("deputy")) {
    const held = db
      .select({ id: portfolios.departmentId })
      .from(portfolios)
      .where(and(eq(portfolios.deputyId, actor.id), sql`${portfolios.startsOn} <= ${on}`, or(isNull(portfolios.endsOn), sql`${portfolios.endsOn} >= ${on}`)));
    conditions.push(
      sql`exists (select 1 from ${coordinationParties} where ${coordinationParties.matterId} = ${coordinationMatters.id} and ${inArray(coordinationParties.departmentId, held)})`,
    );
  }
  return or(...conditions);
}
