import "server-only";
import { and, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { itemDepartments, items, portfolios } from "@/db/schema";
import type { Actor } from "../actor";
import { delegatorsOf, isOffice, routedToDelegators } from "./context";

/**
 * The one visibility rule, used by every list, detail, export and search: the office and the
 * principal see every item; anyone else sees items their department is party to (lead or
 * support), that they created, that are routed to them or to a leader they act for, and — for
 * a deputy — items led by a department in their portfolio today. Undefined means "all".
 *
 * The SQL shape differs by use, not the rule. `one` (a single item by id) tests the department
 * arm per row (exists). A deputy's lists use `= any(array(…))` for the department and portfolio
 * arms, so every arm uses an index and the planner ORs them (BitmapOr): a correlated arm forced
 * a filter over every open item for the portfolio counts. Other people's lists keep exists: a
 * department party to 100,000 items would otherwise build that array on every page.
 */
export async function visibleItems(db: Db | Tx, actor: Actor, on: string, opts: { one?: boolean } = {}): Promise<SQL | undefined> {
  if (isOffice(actor) || actor.roles.includes("principal")) return undefined;
  const deputy = actor.roles.includes("deputy");
  const conditions: SQL[] = [
    eq(items.createdById, actor.id),
    eq(items.routedLeaderId, actor.id),
    deputy && !opts.one
      ? sql`${items.id} = any(array(select ${itemDepartments.itemId} from ${itemDepartments} where ${itemDepartments.departmentId} = ${actor.departmentId}))`
      : sql`exists (select 1 from ${itemDepartments} where ${itemDepartments.itemId} = ${items.id} and ${itemDepartments.departmentId} = ${actor.departmentId})`,
  ];
  const delegators = await delegatorsOf(db, actor.id, on);
  const standIn = routedToDelegators(delegators, items.routedLeaderId, items.leadDepartmentId);
  if (standIn) conditions.push(standIn);
  if (deputy) {
    const portfolio = db
      .select({ id: portfolios.departmentId })
      .from(portfolios)
      .where(and(eq(portfolios.deputyId, actor.id), sql`${portfolios.startsOn} <= ${on}`, or(isNull(portfolios.endsOn), sql`${portfolios.endsOn} >= ${on}`)));
    conditions.push(sql`${items.leadDepartmentId} = any(array(${portfolio}))`);
  }
  return or(...conditions);
}
