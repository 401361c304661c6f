import "server-only";
import { and, asc, desc, eq, ilike, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { departments, extensionRequests, itemDepartments, items, users } from "@/db/schema";
import { availableActions, isOpen, type ItemAction, type ItemState, type Urgency, ITEM_STATES } from "@/lib/domain/items/lifecycle";
import { formatItemNumber, parseItemNumber } from "@/lib/domain/items/numbering";
import { searchPlan } from "@/lib/domain/search";
import { today } from "@/lib/clock";
import { appConfig } from "@/lib/config";
import { addDays, isWorkingDay } from "@/lib/domain/calendar";
import type { Actor } from "../actor";
import { exceptionsBetween } from "../calendar";
import { DomainError, notFound } from "../errors";
import { loadTimeline, type TimelineEventDto } from "../timeline";
import { delegatorsOf, relationTo, routedToDelegators } from "./context";
import { visibleItems } from "./visibility";

const URGENCY_RANK = sql<number>`case ${items.urgency} when 'extra_urgent' then 0 when 'urgent' then 1 else 2 end`;

export type ItemSummary = {
  id: number;
  number: string;
  title: string;
  state: ItemState;
  urgency: Urgency;
  major: boolean;
  dueOn: string;
  overdue: boolean;
  leadDepartmentName: string;
  routedLeaderName: string | null;
  createdAt: Date;
  version: number;
};

const leader = alias(users, "routed_leader");
const summaryColumns = {
  id: items.id,
  year: items.year,
  seq: items.seq,
  kind: items.kind,
  title: items.title,
  state: items.state,
  urgency: items.urgency,
  major: items.major,
  dueOn: items.dueOn,
  leadDepartmentName: departments.name,
  routedLeaderName: leader.name,
  createdAt: items.createdAt,
  version: items.version,
};

type SummaryRow = { [K in keyof typeof summaryColumns]: unknown } & {
  id: number;
  year: number;
  seq: number;
  kind: "assignment" | "request" | "coordination";
  title: string;
  state: ItemState;
  urgency: Urgency;
  major: boolean;
  dueOn: string;
  leadDepartmentName: string;
  routedLeaderName: string | null;
  createdAt: Date;
  version: number;
};

function toSummary(r: SummaryRow, on: string): ItemSummary {
  return {
    id: r.id,
    number: formatItemNumber(r.kind, r.year, r.seq),
    title: r.title,
    state: r.state,
    urgency: r.urgency,
    major: r.major,
    dueOn: r.dueOn,
    overdue: r.dueOn < on && isOpen(r.state),
    leadDepartmentName: r.leadDepartmentName,
    routedLeaderName: r.routedLeaderName,
    createdAt: r.createdAt,
    version: r.version,
  };
}

function summaryQuery() {
  return getDb()
    .select(summaryColumns)
    .from(items)
    .innerJoin(departments, eq(departments.id, items.leadDepartmentId))
    .leftJoin(leader, eq(leader.id, items.routedLeaderId));
}

// ---------------------------------------------------------------------------------------
// Detail

export type ItemEventDto = TimelineEventDto;

export type ItemDetail = ItemSummary & {
  body: string;
  source: string;
  proposal: string | null;
  instruction: string | null;
  routeReason: string | null;
  routeNote: string | null;
  createdByName: string;
  departments: { id: number; name: string; role: "lead" | "support"; dueOn: string | null; signedAt: Date | null; signedByName: string | null; completedAt: Date | null }[];
  events: ItemEventDto[];
  pendingExtension: { id: number; requestedDueOn: string; reason: string; note: string | null; requestedByName: string } | null;
  actions: ItemAction[];
  /** Set when this person acts for the routed leader under a delegation (代签). */
  actingFor: string | null;
};

/** One item, if this person may see it (the same rule as the lists), with its timeline. */
export async function getItem(actor: Actor | null, id: number): Promise<ItemDetail> {
  if (!actor) throw new DomainError("signedOut");
  const db = getDb();
  const on = today();
  const creator = alias(users, "creator");
  // The whole row (the life cycle needs it) with the names the page shows, in one read.
  const [found] = await db
    .select({ item: items, leadDepartmentName: departments.name, routedLeaderName: leader.name, createdByName: creator.name })
    .from(items)
    .innerJoin(departments, eq(departments.id, items.leadDepartmentId))
    .leftJoin(leader, eq(leader.id, items.routedLeaderId))
    .innerJoin(creator, eq(creator.id, items.createdById))
    .where(and(eq(items.id, id), await visibleItems(db, actor, on, { one: true })));
  if (!found) throw notFound();
  const row = { ...found.item, leadDepartmentName: found.leadDepartmentName, routedLeaderName: found.routedLeaderName, createdByName: found.createdByName };

  const signer = alias(users, "signer");
  const requester = alias(users, "requester");
  const [deptRows, events, pending] = await Promise.all([
    db
      .select({ dept: itemDepartments, name: departments.name, signedByName: signer.name })
      .from(itemDepartments)
      .innerJoin(departments, eq(departments.id, itemDepartments.departmentId))
      .leftJoin(signer, eq(signer.id, itemDepartments.signedById))
      .where(eq(itemDepartments.itemId, id))
      .orderBy(asc(itemDepartments.role), asc(departments.sortOrder)),
    loadTimeline(db, "item", id),
    db
      .select({ id: extensionRequests.id, requestedDueOn: extensionRequests.requestedDueOn, reason: extensionRequests.reason, note: extensionRequests.note, requestedByName: requester.name })
      .from(extensionRequests)
      .innerJoin(requester, eq(requester.id, extensionRequests.requestedById))
      .where(and(eq(extensionRequests.itemId, id), eq(extensionRequests.status, "pending"))),
  ]);
  const itemDeptRows = deptRows.map((d) => d.dept);
  const depts = deptRows.map(({ dept: d, name, signedByName }) => ({ id: d.departmentId, name, role: d.role, dueOn: d.dueOn, signedAt: d.signedAt, signedByName, completedAt: d.completedAt }));
  const { ctx, onBehalfOf } = await relationTo(db, actor, found.item, itemDeptRows, on);
  let actions = availableActions(row.state, ctx);
  const mine = itemDeptRows.find((d) => d.departmentId === actor.departmentId);
  if (mine?.signedAt) actions = actions.filter((a) => a !== "sign_for" && a !== "support_sign_for");
  if (pending.length) actions = actions.filter((a) => a !== "request_extension");
  else actions = actions.filter((a) => a !== "decide_extension");
  return {
    ...toSummary(row as SummaryRow, on),
    body: row.body,
    source: row.source,
    proposal: row.proposal,
    instruction: row.instruction,
    routeReason: row.routeReason,
    routeNote: row.routeNote,
    createdByName: row.createdByName,
    departments: depts,
    events,
    pendingExtension: pending[0] ?? null,
    actions,
    actingFor: onBehalfOf ? (row.routedLeaderName ?? null) : null,
  };
}

// ---------------------------------------------------------------------------------------
// Department inbox, leader queue, ledger

export type InboxEntry = ItemSummary & { role: "lead" | "support"; myDueOn: string | null; signed: boolean };

/** The department's items in hand, by due date; keyset-paged (the page splits them into to-sign and in-hand). */
/**
 * Rows after a (due date, id) cursor. A row comparison lets the (due_on, id) index seek to the
 * cursor; the equivalent OR was applied as a filter, so page 500 read 49,000 index rows.
 */
function afterDueCursor(after: { dueOn: string; id: number }): SQL {
  return sql`(${items.dueOn}, ${items.id}) > (${after.dueOn}::date, ${after.id}::int)`;
}

export async function departmentInbox(actor: Actor | null, opts: { after?: { dueOn: string; id: number }; limit?: number } = {}): Promise<InboxEntry[]> {
  if (!actor) throw new DomainError("signedOut");
  const on = today();
  const limit = Math.min(opts.limit ?? 50, 200);
  const rows = await getDb()
    .select({ ...summaryColumns, role: itemDepartments.role, myDueOn: itemDepartments.dueOn, signedAt: itemDepartments.signedAt })
    .from(itemDepartments)
    .innerJoin(items, eq(items.id, itemDepartments.itemId))
    .innerJoin(departments, eq(departments.id, items.leadDepartmentId))
    .leftJoin(leader, eq(leader.id, items.routedLeaderId))
    .where(
      and(
        eq(itemDepartments.departmentId, actor.departmentId),
        inArray(items.state, ["sent", "in_progress", "completion_reported"]),
        opts.after ? afterDueCursor(opts.after) : undefined,
      ),
    )
    .orderBy(asc(items.dueOn), asc(items.id))
    .limit(limit);
  return rows.map((r) => ({ ...toSummary(r as SummaryRow, on), role: r.role, myDueOn: r.myDueOn, signed: r.signedAt !== null }));
}

/** Everything awaiting this leader's decision (or a leader they act for), by urgency then age. */
export async function leaderQueue(actor: Actor | null): Promise<(ItemSummary & { proposal: string | null; routeReason: string | null })[]> {
  if (!actor) throw new DomainError("signedOut");
  const on = today();
  const db = getDb();
  const delegators = await delegatorsOf(db, actor.id, on);
  // A delegate stands in only within each delegation's departments, as the visibility rule says.
  const mine = or(eq(items.routedLeaderId, actor.id), routedToDelegators(delegators, items.routedLeaderId, items.leadDepartmentId));
  const rows = await db
    .select({ ...summaryColumns, proposal: items.proposal, routeReason: items.routeReason })
    .from(items)
    .innerJoin(departments, eq(departments.id, items.leadDepartmentId))
    .leftJoin(leader, eq(leader.id, items.routedLeaderId))
    .where(and(eq(items.state, "awaiting_decision"), mine))
    .orderBy(URGENCY_RANK, asc(items.createdAt), asc(items.id))
    .limit(200);
  return rows.map((r) => ({ ...toSummary(r as SummaryRow, on), proposal: r.proposal, routeReason: r.routeReason }));
}

export type PortfolioState = { open: number; overdue: number; dueThisWeek: number; stuck: number; major: number };

/** A leader's portfolio at a glance, over the items this person may see. */
export async function portfolioState(actor: Actor | null, stuckAfterWorkingDays = 5): Promise<PortfolioState> {
  if (!actor) throw new DomainError("signedOut");
  const on = today();
  const db = getDb();
  // "Stuck": no progress since the start of the working day N working days ago.
  const exceptions = await exceptionsBetween(db, addDays(on, -120), on);
  let stuckSince = on;
  for (let n = 0; n < stuckAfterWorkingDays; ) {
    stuckSince = addDays(stuckSince, -1);
    if (isWorkingDay(stuckSince, exceptions)) n++;
  }
  const [row] = await db
    .select({
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) filter (where ${items.dueOn} < ${on})::int`,
      dueThisWeek: sql<number>`count(*) filter (where ${items.dueOn} >= ${on} and ${items.dueOn} < (${on}::date + 7))::int`,
      stuck: sql<number>`count(*) filter (where coalesce(${items.lastProgressAt}, ${items.createdAt}) < (${stuckSince}::date)::timestamp at time zone ${appConfig.timeZone})::int`,
      major: sql<number>`count(*) filter (where ${items.major})::int`,
    })
    .from(items)
    .where(and(inArray(items.state, ["awaiting_decision", "sent", "in_progress", "completion_reported"]), await visibleItems(db, actor, on)));
  return row;
}

export type LedgerFilter = {
  state?: ItemState;
  departmentId?: number;
  /** With departmentId: only items that department leads (otherwise lead or support). */
  leadOnly?: boolean;
  /** Only open items (awaiting a decision, sent, in progress, completion reported). */
  open?: boolean;
  major?: boolean;
  leaderId?: number;
  urgency?: Urgency;
  overdue?: boolean;
  dueWithinDays?: number;
  from?: string;
  to?: string;
  q?: string;
  /** "newest" (default, by id descending) or "due" (earliest due date first). */
  sort?: "newest" | "due";
};

/** The ledger (台账): every visible item, filtered, newest first, keyset-paged by id. */
export async function ledger(
  actor: Actor | null,
  filter: LedgerFilter,
  opts: { before?: number; after?: { dueOn: string; id: number }; limit?: number } = {},
): Promise<ItemSummary[]> {
  if (!actor) throw new DomainError("signedOut");
  const on = today();
  const db = getDb();
  const where: (SQL | undefined)[] = [await visibleItems(db, actor, on)];
  if (filter.state && (ITEM_STATES as readonly string[]).includes(filter.state)) where.push(eq(items.state, filter.state));
  if (filter.departmentId && filter.leadOnly) where.push(eq(items.leadDepartmentId, filter.departmentId));
  else if (filter.departmentId)
    where.push(sql`exists (select 1 from ${itemDepartments} where ${itemDepartments.itemId} = ${items.id} and ${itemDepartments.departmentId} = ${filter.departmentId})`);
  if (filter.open) where.push(inArray(items.state, ["awaiting_decision", "sent", "in_progress", "completion_reported"]));
  if (filter.major) where.push(eq(items.major, true));
  if (filter.leaderId) where.push(eq(items.routedLeaderId, filter.leaderId));
  if (filter.urgency) where.push(eq(items.urgency, filter.urgency));
  if (filter.overdue) where.push(and(lt(items.dueOn, on), inArray(items.state, ["awaiting_decision", "sent", "in_progress", "completion_reported", "draft"])));
  if (filter.dueWithinDays !== undefined) where.push(sql`${items.dueOn} between ${on}::date and (${on}::date + ${filter.dueWithinDays}::int)`);
  // Days are the organisation's, not the database session's (often UTC).
  const tz = appConfig.timeZone;
  if (filter.from) where.push(sql`${items.createdAt} >= (${filter.from}::date::timestamp at time zone ${tz})`);
  if (filter.to) where.push(sql`${items.createdAt} < ((${filter.to}::date + 1)::timestamp at time zone ${tz})`);
  const q = filter.q?.trim();
  const asNumber = q ? parseItemNumber(q) : null;
  if (asNumber) {
    where.push(and(eq(items.kind, asNumber.kind), eq(items.year, asNumber.year), eq(items.seq, asNumber.seq)));
  }
  const plan = !asNumber && q ? searchPlan(q) : null;
  if (plan) {
    // The GIN-indexed tokens find the rows (also for 2-character Chinese terms); a substring
    // check confirms adjacency only where the tokens do not prove it.
    if (plan.tokens.length) where.push(sql`${items.searchTokens} @> ARRAY[${sql.join(plan.tokens.map((t) => sql`${t}`), sql`, `)}]::text[]`);
    if (plan.contains !== null) {
      const pattern = `%${plan.contains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // LIKE is several times cheaper than ILIKE on Chinese text, which has no case.
      const match = plan.caseInsensitive ? ilike : like;
      where.push(or(match(items.title, pattern), match(items.body, pattern)));
    }
  }
  const limit = Math.min(opts.limit ?? 50, 500);
  const due = filter.sort === "due";
  // Keyset on (due date, id) or on id: the next page starts after the last row shown.
  if (due && opts.after) where.push(afterDueCursor(opts.after));
  if (!due && opts.before) where.push(lt(items.id, opts.before));
  const order = due ? [asc(items.dueOn), asc(items.id)] : [desc(items.id)];
  if (!plan) {
    const rows = await summaryQuery().where(and(...where)).orderBy(...order).limit(limit);
    return rows.map((r) => toSummary(r as SummaryRow, on));
  }
  // A search picks its page of ids first, from the token index (`+ 0` keeps the planner from
  // walking the id or due-date index instead: when the matches are old rows, that walk read
  // 94,000 rows to find 50), then reads those rows with their joins.
  const page = db
    .select({ id: items.id })
    .from(items)
    .where(and(...where))
    .orderBy(...(due ? [sql`${items.dueOn} + 0`, sql`${items.id} + 0`] : [sql`${items.id} + 0 desc`]))
    .limit(limit);
  const rows = await summaryQuery().where(inArray(items.id, page)).orderBy(...order);
  return rows.map((r) => toSummary(r as SummaryRow, on));
}

