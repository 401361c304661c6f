import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { coordinationMatters, coordinationParties, departments, items, users } from "@/db/schema";
import { addDays, workingDaysBetween, type CalendarExceptions } from "@/lib/domain/calendar";
import { climbDueOn, RUNGS, type Rung } from "@/lib/domain/coordination/ladder";
import { availableActions, isOpen, type CoordinationAction, type CoordinationState } from "@/lib/domain/coordination/lifecycle";
import type { ItemState, Urgency } from "@/lib/domain/items/lifecycle";
import { formatItemNumber } from "@/lib/domain/items/numbering";
import { today } from "@/lib/clock";
import { appConfig } from "@/lib/config";
import type { Actor } from "../actor";
import { exceptionsBetween } from "../calendar";
import { DomainError, notFound } from "../errors";
import { loadTimeline, type TimelineEventDto } from "../timeline";
import { delegatorsOf } from "../items/context";
import { visibleItems } from "../items/visibility";
import { relationToMatter } from "./context";
import { CLIMBING_STATES } from "./ladder-sweep";
import { visibleMatters } from "./visibility";

const RUNG_RANK = sql<number>`case ${coordinationMatters.rung} when 'principal' then 3 when 'deputy' then 2 when 'meeting' then 1 else 0 end`;
const raisedOnSql = () => sql<string>`to_char(${coordinationMatters.createdAt} at time zone ${appConfig.timeZone}, 'YYYY-MM-DD')`;

export type MatterSummary = {
  id: number;
  number: string;
  title: string;
  state: CoordinationState;
  rung: Rung;
  urgency: Urgency;
  raisingDepartmentName: string;
  /** The named departments (not the raiser), in the organisation's order. */
  partyNames: string[];
  routedLeaderName: string | null;
  raisedOn: string;
  /** Calendar days since it was raised. */
  ageDays: number;
  lastProgressOn: string;
  /** Working days since the last progress or climb. */
  stalledWorkingDays: number;
  /** The day it will climb a rung if nothing happens; null when it no longer climbs. */
  climbDueOn: string | null;
  version: number;
};

const leader = alias(users, "routed_leader");
const raising = alias(departments, "raising_department");

const summaryColumns = {
  id: coordinationMatters.id,
  year: coordinationMatters.year,
  seq: coordinationMatters.seq,
  title: coordinationMatters.title,
  state: coordinationMatters.state,
  rung: coordinationMatters.rung,
  urgency: coordinationMatters.urgency,
  raisingDepartmentName: raising.name,
  routedLeaderName: leader.name,
  lastProgressOn: coordinationMatters.lastProgressOn,
  version: coordinationMatters.version,
};

type SummaryRow = {
  id: number;
  year: number;
  seq: number;
  title: string;
  state: CoordinationState;
  rung: Rung;
  urgency: Urgency;
  raisingDepartmentName: string;
  routedLeaderName: string | null;
  lastProgressOn: string;
  raisedOn: string;
  version: number;
};

const climbs = (state: CoordinationState, rung: Rung) => CLIMBING_STATES.includes(state) && rung !== "principal";

/** Calendar days from one ISO date to another. */
function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function toSummary(r: SummaryRow, partyNames: string[], on: string, exceptions: CalendarExceptions): MatterSummary {
  const n = appConfig.ladderDays;
  return {
    id: r.id,
    number: formatItemNumber("coordination", r.year, r.seq),
    title: r.title,
    state: r.state,
    rung: r.rung,
    urgency: r.urgency,
    raisingDepartmentName: r.raisingDepartmentName,
    partyNames,
    routedLeaderName: r.routedLeaderName,
    raisedOn: r.raisedOn,
    ageDays: Math.max(0, daysFrom(r.raisedOn, on)),
    lastProgressOn: r.lastProgressOn,
    stalledWorkingDays: isOpen(r.state) ? Math.max(0, workingDaysBetween(r.lastProgressOn, on, exceptions)) : 0,
    climbDueOn: climbs(r.state, r.rung) ? climbDueOn(r.lastProgressOn, exceptions, n) : null,
    version: r.version,
  };
}

/** The calendar exceptions covering these matters' clocks and their next climbs. */
async function exceptionsFor(lastProgress: string[], on: string): Promise<CalendarExceptions> {
  const from = lastProgress.reduce((min, d) => (d < min ? d : min), on);
  return exceptionsBetween(getDb(), addDays(from, -1), addDays(on > from ? on : from, 120));
}

async function namedPartiesOf(ids: number[]): Promise<Map<number, string[]>> {
  const byMatter = new Map<number, string[]>();
  if (!ids.length) return byMatter;
  const rows = await getDb()
    .select({ matterId: coordinationParties.matterId, name: departments.name })
    .from(coordinationParties)
    .innerJoin(departments, eq(departments.id, coordinationParties.departmentId))
    .where(and(inArray(coordinationParties.matterId, ids), eq(coordinationParties.raiser, false)))
    .orderBy(asc(departments.sortOrder), asc(departments.id));
  for (const r of rows) byMatter.set(r.matterId, [...(byMatter.get(r.matterId) ?? []), r.name]);
  return byMatter;
}

// ---------------------------------------------------------------------------------------
// Lists

export type ListOptions = {
  /** "open": not declined, decided or closed. */
  scope?: "open" | "all";
  rung?: Rung;
  /** Only matters escalated to this person or to a leader they act for today (the decision queue). */
  awaitingMe?: boolean;
  limit?: number;
};

/**
 * The matters this person may open (the same rule as the detail). The open ones are sorted by
 * rung, highest first, then by age (oldest first): what the office works through; "all" shows
 * the open ones first, then the ended ones newest first.
 */
export async function listMatters(actor: Actor | null, opts: ListOptions = {}): Promise<MatterSummary[]> {
  if (!actor) throw new DomainError("signedOut");
  const on = today();
  const db = getDb();
  const conditions: (SQL | undefined)[] = [await visibleMatters(db, actor, on)];
  if (opts.scope === "open") conditions.push(inArray(coordinationMatters.state, ["raised", "accepted", "in_consultation", "agreed", "escalated"]));
  if (opts.rung) conditions.push(eq(coordinationMatters.rung, opts.rung));
  if (opts.awaitingMe) {
    const delegators = await delegatorsOf(db, actor.id, on);
    conditions.push(eq(coordinationMatters.state, "escalated"), inArray(coordinationMatters.routedLeaderId, [actor.id, ...delegators.map((d) => d.leaderId)]));
  }
  const openFirst = sql<number>`case when ${coordinationMatters.state} in ('declined', 'decided', 'closed') then 1 else 0 end`;
  const rows = await db
    .select({ ...summaryColumns, raisedOn: raisedOnSql() })
    .from(coordinationMatters)
    .innerJoin(raising, eq(raising.id, coordinationMatters.raisingDepartmentId))
    .leftJoin(leader, eq(leader.id, coordinationMatters.routedLeaderId))
    .where(and(...conditions))
    .orderBy(
      ...(opts.scope === "open"
        ? [desc(RUNG_RANK), asc(coordinationMatters.createdAt), asc(coordinationMatters.id)]
        : [openFirst, desc(RUNG_RANK), desc(coordinationMatters.createdAt), desc(coordinationMatters.id)]),
    )
    .limit(Math.min(opts.limit ?? 200, 500));
  const [names, exceptions] = await Promise.all([namedPartiesOf(rows.map((r) => r.id)), exceptionsFor(rows.map((r) => r.lastProgressOn), on)]);
  return rows.map((r) => toSummary(r as SummaryRow, names.get(r.id) ?? [], on, exceptions));
}

/** Open matters by rung, for the office's overview (counts per rung, highest first). */
export async function openMattersByRung(actor: Actor | null): Promise<{ rung: Rung; matters: MatterSummary[] }[]> {
  const open = await listMatters(actor, { scope: "open" });
  return [...RUNGS].reverse().map((rung) => ({ rung, matters: open.filter((m) => m.rung === rung) }));
}

// ---------------------------------------------------------------------------------------
// Detail

export type MatterPartyDto = {
  departmentId: number;
  name: string;
  raiser: boolean;
  need: string;
  position: string | null;
  positionByName: string | null;
  positionAt: Date | null;
};

export type MatterEventDto = TimelineEventDto;

export type LinkedItemDto = { id: number; number: string; title: string; departmentName: string; state: ItemState; dueOn: string; canOpen: boolean };

export type MatterDetail = MatterSummary & {
  background: string;
  raisingDepartmentId: number;
  createdByName: string;
  declineReason: string | null;
  summary: string | null;
  proposal: string | null;
  routeReason: string | null;
  decisionText: string | null;
  decidedByName: string | null;
  decidedOnBehalfOfName: string | null;
  decidedAt: Date | null;
  parties: MatterPartyDto[];
  linkedItems: LinkedItemDto[];
  events: MatterEventDto[];
  /** What this person may do now, in the life cycle's order. */
  actions: CoordinationAction[];
  /** Set when this person acts for the routed leader under a delegation (代签). */
  actingFor: string | null;
};

/** One matter, if this person may see it (the same rule as the lists), with its timeline. */
export async function getMatter(actor: Actor | null, id: number): Promise<MatterDetail> {
  if (!actor) throw new DomainError("signedOut");
  const db = getDb();
  const on = today();
  const creator = alias(users, "creator");
  const decider = alias(users, "decider");
  const deciderFor = alias(users, "decider_for");
  const [row] = await db
    .select({
      ...summaryColumns,
      raisedOn: raisedOnSql(),
      background: coordinationMatters.background,
      raisingDepartmentId: coordinationMatters.raisingDepartmentId,
      createdByName: creator.name,
      declineReason: coordinationMatters.declineReason,
      summary: coordinationMatters.summary,
      proposal: coordinationMatters.proposal,
      routeReason: coordinationMatters.routeReason,
      decisionText: coordinationMatters.decisionText,
      decidedByName: decider.name,
      decidedOnBehalfOfName: deciderFor.name,
      decidedAt: coordinationMatters.decidedAt,
    })
    .from(coordinationMatters)
    .innerJoin(raising, eq(raising.id, coordinationMatters.raisingDepartmentId))
    .leftJoin(leader, eq(leader.id, coordinationMatters.routedLeaderId))
    .innerJoin(creator, eq(creator.id, coordinationMatters.createdById))
    .leftJoin(decider, eq(decider.id, coordinationMatters.decidedById))
    .leftJoin(deciderFor, eq(deciderFor.id, coordinationMatters.decidedOnBehalfOfId))
    .where(and(eq(coordinationMatters.id, id), await visibleMatters(db, actor, on)));
  if (!row) throw notFound();

  const positionBy = alias(users, "position_by");
  const itemDept = alias(departments, "item_department");
  const [parties, events, linked, fullRows, partyRows, exceptions] = await Promise.all([
    db
      .select({
        departmentId: coordinationParties.departmentId,
        name: departments.name,
        raiser: coordinationParties.raiser,
        need: coordinationParties.need,
        position: coordinationParties.position,
        positionByName: positionBy.name,
        positionAt: coordinationParties.positionAt,
      })
      .from(coordinationParties)
      .innerJoin(departments, eq(departments.id, coordinationParties.departmentId))
      .leftJoin(positionBy, eq(positionBy.id, coordinationParties.positionById))
      .where(eq(coordinationParties.matterId, id))
      .orderBy(desc(coordinationParties.raiser), asc(departments.sortOrder), asc(departments.id)),
    loadTimeline(db, "coordination", id),
    (async () => {
      const itemVisible = (await visibleItems(db, actor, on)) ?? sql`true`;
      return db
        .select({
          id: items.id,
          year: items.year,
          seq: items.seq,
          kind: items.kind,
          title: items.title,
          departmentName: itemDept.name,
          state: items.state,
          dueOn: items.dueOn,
          canOpen: sql<boolean>`(${itemVisible})`,
        })
        .from(items)
        .innerJoin(itemDept, eq(itemDept.id, items.leadDepartmentId))
        .where(eq(items.coordinationId, id))
        .orderBy(asc(items.id));
    })(),
    db.select().from(coordinationMatters).where(eq(coordinationMatters.id, id)),
    db.select().from(coordinationParties).where(eq(coordinationParties.matterId, id)),
    exceptionsFor([row.lastProgressOn], on),
  ]);
  const { ctx, onBehalfOf } = await relationToMatter(db, actor, fullRows[0], partyRows, on);
  const actions = availableActions(row.state, ctx);
  return {
    ...toSummary(row as SummaryRow, parties.filter((p) => !p.raiser).map((p) => p.name), on, exceptions),
    background: row.background,
    raisingDepartmentId: row.raisingDepartmentId,
    createdByName: row.createdByName,
    declineReason: row.declineReason,
    summary: row.summary,
    proposal: row.proposal,
    routeReason: row.routeReason,
    decisionText: row.decisionText,
    decidedByName: row.decidedByName,
    decidedOnBehalfOfName: row.decidedOnBehalfOfName,
    decidedAt: row.decidedAt,
    parties,
    linkedItems: linked.map((i) => ({
      id: i.id,
      number: formatItemNumber(i.kind, i.year, i.seq),
      title: i.title,
      departmentName: i.departmentName,
      state: i.state,
      dueOn: i.dueOn,
      canOpen: Boolean(i.canOpen),
    })),
    events,
    actions,
    actingFor: onBehalfOf ? row.routedLeaderName : null,
  };
}
