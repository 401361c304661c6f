import "server-only";
import { and, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { portfolios, requestCountersigns, requests } from "@/db/schema";
import type { Actor } from "../actor";
import { delegatorsOf, isOffice, routedToDelegators } from "../items/context";

/**
 * The one visibility rule for requests, used by every list, the detail and every command.
 * The requesting department's members and the request's creator see it from the first draft.
 * Everyone else sees it only once it has been submitted (a draft is the department's own), and
 * then: the office and the principal see all; a leader sees what is routed to them or to a
 * leader they act for today, what they were asked to countersign (or act for a countersigner),
 * what they decided, and — a deputy — requests of a department in their portfolio today.
 * Undefined would mean "all"; here there is always a condition because of drafts.
 */
export async function visibleRequests(db: Db | Tx, actor: Actor, on: string): Promise<SQL | undefined> {
  const own = or(eq(requests.departmentId, actor.departmentId), eq(requests.createdById, actor.id))!;
  const submitted = isNotNull(requests.submittedAt);
  if (isOffice(actor) || actor.roles.includes("principal")) return or(own, submitted);

  // A delegate stands in only within each delegation's departments (judged by the requesting one).
  const delegators = await delegatorsOf(db, actor.id, on);
  const standInRouted = routedToDelegators(delegators, requests.routedLeaderId, requests.departmentId);
  const standInCountersign = routedToDelegators(delegators, requestCountersigns.leaderId, requests.departmentId);
  const conditions: SQL[] = [
    eq(requests.routedLeaderId, actor.id),
    eq(requests.decidedById, actor.id),
    sql`exists (select 1 from ${requestCountersigns} where ${requestCountersigns.requestId} = ${requests.id} and (${or(eq(requestCountersigns.leaderId, actor.id), eq(requestCountersigns.signedById, actor.id), standInCountersign)}))`,
  ];
  if (standInRouted) conditions.push(standInRouted);
  if (actor.roles.includes("deputy")) {
    conditions.push(
      inArray(
        requests.departmentId,
        db
          .select({ id: portfolios.departmentId })
          .from(portfolios)
          .where(and(eq(portfolios.deputyId, actor.id), sql`${portfolios.startsOn} <= ${on}`, or(isNull(portfolios.endsOn), sql`${portfolios.endsOn} >= ${on}`))),
      ),
    );
  }
  return or(own, and(submitted, or(...conditions)));
}
