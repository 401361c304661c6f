import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { departments, items, requestCountersigns, requests, userRoles, users } from "@/db/schema";
import { formatItemNumber } from "@/lib/domain/items/numbering";
import type { ItemState, Urgency } from "@/lib/domain/items/lifecycle";
import { availableActions, mayAct, type RequestAction, type RequestState } from "@/lib/domain/requests/lifecycle";
import { isLeader } from "@/lib/domain/roles";
import { today } from "@/lib/clock";
import type { Actor } from "../actor";
import { DomainError, notFound } from "../errors";
import { loadTimeline, type TimelineEventDto } from "../timeline";
import { delegatorsOf, isOffice } from "../items/context";
import { visibleItems } from "../items/visibility";
import { listRequestAttachments, type RequestAttachmentDto } from "./attachments";
import { requestRelation } from "./context";
import { visibleRequests } from "./visibility";

export type RequestSummary = {
  id: number;
  number: string;
  title: string;
  state: RequestState;
  urgency: Urgency;
  major: boolean;
  departmentName: string;
  routedLeaderName: string | null;
  wishedBy: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
  version: number;
};

const routed = alias(users, "routed_leader");
const summaryColumns = {
  id: requests.id,
  year: requests.year,
  seq: requests.seq,
  title: requests.title,
  state: requests.state,
  urgency: requests.urgency,
  major: requests.major,
  departmentName: departments.name,
  routedLeaderName: routed.name,
  wishedBy: requests.wishedBy,
  createdAt: requests.createdAt,
  submittedAt: requests.submittedAt,
  decidedAt: requests.decidedAt,
  version: requests.version,
};

function toSummary<R extends { year: number; seq: number } & Omit<RequestSummary, "number">>(r: R): RequestSummary {
  return {
    id: r.id,
    number: formatItemNumber("request", r.year, r.seq),
    title: r.title,
    state: r.state,
    urgency: r.urgency,
    major: r.major,
    departmentName: r.departmentName,
    routedLeaderName: r.routedLeaderName,
    wishedBy: r.wishedBy,
    createdAt: r.createdAt,
    submittedAt: r.submittedAt,
    decidedAt: r.decidedAt,
    version: r.version,
  };
}

// ---------------------------------------------------------------------------------------
// Detail

export type RequestEventDto = TimelineEventDto;

export type CountersignDto = {
  leaderId: number;
  leaderName: string;
  requestedByName: string;
  note: string | null;
  requestedAt: Date;
  opinion: string | null;
  signedByName: string | null;
  /** Signed by a delegate for the leader (代签). */
  signedOnBehalf: boolean;
  signedAt: Date | null;
};

export type LinkedItemDto = { id: number; number: string; title: string; state: ItemState; leadDepartmentName: string; dueOn: string };

export type RequestDetail = RequestSummary & {
  background: string;
  question: string;
  options: string;
  recommendation: string;
  departmentId: number;
  createdByName: string;
  reviewComment: string | null;
  proposal: string | null;
  routeReason: string | null;
  routeNote: string | null;
  routedAt: Date | null;
  decisionText: string | null;
  decidedByName: string | null;
  decidedOnBehalfOfName: string | null;
  withdrawnReason: string | null;
  countersigns: CountersignDto[];
  linkedItems: LinkedItemDto[];
  events: RequestEventDto[];
  attachments: RequestAttachmentDto[];
  /** What this person may do now (the forms to show). */
  actions: RequestAction[];
  /** Set when this person acts for the routed leader under a delegation (代签). */
  actingFor: string | null;
  /** Set when this person would countersign for another leader (代签). */
  countersignFor: string | null;
};

/** One request, if this person may see it (the same rule as the lists), with everything the page shows. */
export async function getRequest(actor: Actor | null, id: number): Promise<RequestDetail> {
  if (!actor) throw new DomainError("signedOut");
  const db = getDb();
  const on = today();
  const creator = alias(users, "creator");
  const decider = alias(users, "decider");
  const behalf = alias(users, "behalf");
  const [row] = await db
    .select({
      ...summaryColumns,
      // The whole row too: the life cycle's relation needs it (one read, not two).
      full: requests,
      background: requests.background,
      question: requests.question,
      options: requests.options,
      recommendation: requests.recommendation,
      departmentId: requests.departmentId,
      createdByName: creator.name,
      reviewComment: requests.reviewComment,
      proposal: requests.proposal,
      routeReason: requests.routeReason,
      routeNote: requests.routeNote,
      routedAt: requests.routedAt,
      decisionText: requests.decisionText,
      decidedByName: decider.name,
      decidedOnBehalfOfName: behalf.name,
      withdrawnReason: requests.withdrawnReason,
    })
    .from(requests)
    .innerJoin(departments, eq(departments.id, requests.departmentId))
    .innerJoin(creator, eq(creator.id, requests.createdById))
    .leftJoin(routed, eq(routed.id, requests.routedLeaderId))
    .leftJoin(decider, eq(decider.id, requests.decidedById))
    .leftJoin(behalf, eq(behalf.id, requests.decidedOnBehalfOfId))
    .where(and(eq(requests.id, id), await visibleRequests(db, actor, on)));
  if (!row) throw notFound();

  const csLeader = alias(users, "cs_leader");
  const csAsker = alias(users, "cs_asker");
  const csSigner = alias(users, "cs_signer");
  const [countersigns, events, linked, attachments] = await Promise.all([
    db
      .select({
        row: requestCountersigns,
        leaderId: requestCountersigns.leaderId,
        leaderName: csLeader.name,
        requestedByName: csAsker.name,
        note: requestCountersigns.note,
        requestedAt: requestCountersigns.requestedAt,
        opinion: requestCountersigns.opinion,
        signedById: requestCountersigns.signedById,
        signedByName: csSigner.name,
        signedAt: requestCountersigns.signedAt,
      })
      .from(requestCountersigns)
      .innerJoin(csLeader, eq(csLeader.id, requestCountersigns.leaderId))
      .innerJoin(csAsker, eq(csAsker.id, requestCountersigns.requestedById))
      .leftJoin(csSigner, eq(csSigner.id, requestCountersigns.signedById))
      .where(eq(requestCountersigns.requestId, id))
      .orderBy(asc(requestCountersigns.id)),
    loadTimeline(db, "request", id),
    // Linked items obey the items' own visibility rule.
    db
      .select({ id: items.id, kind: items.kind, year: items.year, seq: items.seq, title: items.title, state: items.state, leadDepartmentName: departments.name, dueOn: items.dueOn })
      .from(items)
      .innerJoin(departments, eq(departments.id, items.leadDepartmentId))
      .where(and(eq(items.requestId, id), await visibleItems(db, actor, on)))
      .orderBy(asc(items.id)),
    listRequestAttachments(actor, id, { checked: true }),
  ]);
  const relation = await requestRelation(db, actor, row.full, countersigns.map((c) => c.row), on);
  const csFor = relation.countersign?.onBehalfOf ? countersigns.find((c) => c.leaderId === relation.countersign!.leaderId)?.leaderName ?? null : null;
  return {
    ...toSummary(row),
    background: row.background,
    question: row.question,
    options: row.options,
    recommendation: row.recommendation,
    departmentId: row.departmentId,
    createdByName: row.createdByName,
    reviewComment: row.reviewComment,
    proposal: row.proposal,
    routeReason: row.routeReason,
    routeNote: row.routeNote,
    routedAt: row.routedAt,
    decisionText: row.decisionText,
    decidedByName: row.decidedByName,
    decidedOnBehalfOfName: row.decidedOnBehalfOfName,
    withdrawnReason: row.withdrawnReason,
    countersigns: countersigns.map((c) => ({
      leaderId: c.leaderId,
      leaderName: c.leaderName,
      requestedByName: c.requestedByName,
      note: c.note,
      requestedAt: c.requestedAt,
      opinion: c.opinion,
      signedByName: c.signedByName,
      signedAt: c.signedAt,
      signedOnBehalf: c.signedById !== null && c.signedById !== c.leaderId,
    })),
    linkedItems: linked.map((i) => ({ id: i.id, number: formatItemNumber(i.kind, i.year, i.seq), title: i.title, state: i.state, leadDepartmentName: i.leadDepartmentName, dueOn: i.dueOn })),
    events,
    attachments,
    actions: availableActions(row.state, relation.ctx),
    actingFor: relation.routedOnBehalfOf ? row.routedLeaderName : null,
    countersignFor: csFor,
  };
}

// ---------------------------------------------------------------------------------------
// Lists

export const REQUEST_SCOPES = ["department", "office", "leader"] as const;
export type RequestScope = (typeof REQUEST_SCOPES)[number];

/** The lists this person has: their department's, the office's, a leader's. */
export function scopesOf(actor: Actor): RequestScope[] {
  const out: RequestScope[] = [];
  if (mayAct("create", { roles: actor.roles, inRequestingDepartment: true, isRoutedLeader: false, isPendingCountersigner: false, hasPendingCountersigns: false, isDecider: false })) out.push("department");
  if (isOffice(actor)) out.push("office");
  if (isLeader(actor.roles)) out.push("leader");
  return out;
}

export type RequestListEntry = RequestSummary & { countersignPending: boolean };
export type RequestPage = { rows: RequestListEntry[]; next: number | null };

/**
 * A list for one scope, newest first, keyset-paged on the id (`cursor` = the last id shown).
 * department: the actor's department's requests; office: everything submitted (state
 * "submitted" is the "to check" list); leader: routed to me (or a leader I act for) or asking
 * my countersign. Always within the visibility rule.
 */
export async function listRequests(
  actor: Actor | null,
  opts: { scope: RequestScope; state?: RequestState; cursor?: number; limit?: number },
): Promise<RequestPage> {
  if (!actor) throw new DomainError("signedOut");
  if (!scopesOf(actor).includes(opts.scope)) throw new DomainError("forbidden");
  const db = getDb();
  const on = today();
  const limit = Math.min(Math.max(opts.limit ?? 30, 1), 200);
  const leaderIds = [actor.id];
  if (opts.scope === "leader") leaderIds.push(...(await delegatorsOf(db, actor.id, on)).map((d) => d.leaderId));
  const mineToSign = sql<boolean>`exists (select 1 from ${requestCountersigns} where ${requestCountersigns.requestId} = ${requests.id} and ${inArray(requestCountersigns.leaderId, leaderIds)} and ${requestCountersigns.signedAt} is null)`;
  const everToSign = sql`exists (select 1 from ${requestCountersigns} where ${requestCountersigns.requestId} = ${requests.id} and ${inArray(requestCountersigns.leaderId, leaderIds)})`;
  const scope: Record<RequestScope, SQL | undefined> = {
    department: eq(requests.departmentId, actor.departmentId),
    office: isNotNull(requests.submittedAt),
    leader: or(inArray(requests.routedLeaderId, leaderIds), everToSign),
  };
  const rows = await db
    .select({ ...summaryColumns, countersignPending: mineToSign })
    .from(requests)
    .innerJoin(departments, eq(departments.id, requests.departmentId))
    .leftJoin(routed, eq(routed.id, requests.routedLeaderId))
    .where(
      and(
        await visibleRequests(db, actor, on),
        scope[opts.scope],
        opts.state ? eq(requests.state, opts.state) : undefined,
        opts.cursor ? lt(requests.id, opts.cursor) : undefined,
      ),
    )
    .orderBy(desc(requests.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map((r) => ({ ...toSummary(r), countersignPending: Boolean(r.countersignPending) }));
  return { rows: page, next: rows.length > limit ? page[page.length - 1].id : null };
}

/** How many requests await the office's check (for the office home). */
export async function countPendingCheck(actor: Actor | null): Promise<number> {
  if (!actor) throw new DomainError("signedOut");
  if (!isOffice(actor)) throw new DomainError("forbidden");
  const db = getDb();
  const [row] = await db
    .select({ n: count() })
    .from(requests)
    .where(and(eq(requests.state, "submitted"), await visibleRequests(db, actor, today())));
  return row.n;
}

export type LeaderChoice = { id: number; name: string; title: string | null };

/**
 * The leaders the routed leader may ask to countersign this request: active leaders other than
 * the routed leader, the asker and those already asked. Empty when this person may not ask.
 */
export async function countersignCandidates(actor: Actor | null, requestId: number): Promise<LeaderChoice[]> {
  const request = await getRequest(actor, requestId);
  if (!request.actions.includes("request_countersign")) return [];
  const db = getDb();
  const [full] = await db.select({ routedLeaderId: requests.routedLeaderId }).from(requests).where(eq(requests.id, requestId));
  const asked = await db.select({ id: requestCountersigns.leaderId }).from(requestCountersigns).where(eq(requestCountersigns.requestId, requestId));
  const exclude = new Set([actor!.id, full.routedLeaderId, ...asked.map((a) => a.id)]);
  const rows = await db
    .selectDistinct({ id: users.id, name: users.name, title: users.title })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.active, true), inArray(userRoles.role, ["principal", "deputy"])))
    .orderBy(asc(users.id));
  return rows.filter((r) => !exclude.has(r.id));
}
