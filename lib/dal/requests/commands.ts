import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { requestCountersigns, requests } from "@/db/schema";
import type { ConvertRequestInput, RequestDecisionKind, RequestDraftInput } from "@/lib/domain/requests/inputs";
import { decide, INITIAL_REQUEST_STATE, mayAct, type RequestAction, type RequestState } from "@/lib/domain/requests/lifecycle";
import { formatItemNumber } from "@/lib/domain/items/numbering";
import { routeItem } from "@/lib/domain/items/routing";
import { documentTokens } from "@/lib/domain/search";
import { today } from "@/lib/clock";
import type { Actor } from "../actor";
import { notifyAbout } from "../notify";
import { nextNumber } from "../counters";
import { conflict, DomainError, notFound } from "../errors";
import { timelineWriter, type EventData } from "../timeline";
import { createSentItem } from "../items/commands";
import { departmentPeople, isOffice, loadPortfolios, officeMembers, principalId, signersOf } from "../items/context";
import { activeLeaders, onBehalfOfFor, requestRelation, type CountersignRow, type RequestRelation, type RequestRow } from "./context";
import { visibleRequests } from "./visibility";

const writeEvent = timelineWriter("request");

/** In-app notifications about a request, in the caller's transaction. */
function notify(tx: Tx, userIds: number[], requestId: number, kind: string, data: EventData = {}) {
  return notifyAbout(tx, userIds, { requestId }, kind, data);
}

function numberOf(r: { year: number; seq: number }) {
  return formatItemNumber("request", r.year, r.seq);
}

function tokensOf(number: string, input: Pick<RequestDraftInput, "title" | "background" | "question" | "options" | "recommendation">) {
  return documentTokens(number, input.title, input.background, input.question, input.options, input.recommendation);
}

function assertWishedBy(wishedBy: string | null, on: string) {
  if (wishedBy && wishedBy < on) throw new DomainError("dueInPast", "wishedBy");
}

/** The department's head and liaison and the request's creator: who hears of a decision. */
async function departmentSide(tx: Tx, request: RequestRow): Promise<number[]> {
  return [...(await signersOf(tx, [request.departmentId])), request.createdById];
}

/** A department member drafts a request for their own department; it is numbered at once (gapless). */
export async function createRequest(actor: Actor | null, input: RequestDraftInput): Promise<{ id: number; number: string }> {
  if (!actor) throw new DomainError("signedOut");
  const ctx = { roles: actor.roles, inRequestingDepartment: true, isRoutedLeader: false, isPendingCountersigner: false, hasPendingCountersigns: false, isDecider: false };
  if (!mayAct("create", ctx)) throw new DomainError("forbidden");
  const on = today();
  assertWishedBy(input.wishedBy, on);
  return getDb().transaction(async (tx) => {
    const year = Number(on.slice(0, 4));
    const { seq, number } = await nextNumber(tx, "request", year);
    const [row] = await tx
      .insert(requests)
      .values({
        year,
        seq,
        title: input.title,
        background: input.background,
        question: input.question,
        options: input.options,
        recommendation: input.recommendation,
        urgency: input.urgency,
        wishedBy: input.wishedBy,
        state: INITIAL_REQUEST_STATE,
        departmentId: actor.departmentId,
        createdById: actor.id,
        searchTokens: tokensOf(number, input),
      })
      .returning({ id: requests.id });
    await writeEvent(tx, row.id, actor.id, "create", { number, title: input.title, departmentId: actor.departmentId, urgency: input.urgency, wishedBy: input.wishedBy, to: INITIAL_REQUEST_STATE }, null);
    return { id: row.id, number };
  });
}

type Step = {
  /** Changes to the request row besides state and version. */
  patch?: Partial<typeof requests.$inferInsert>;
  /** What the timeline records. */
  event?: EventData;
  /** Further writes in the same transaction (after the row and the event). */
  after?: (tx: Tx, request: RequestRow, next: RequestState) => Promise<unknown>;
};

type StepContext = { tx: Tx; on: string; countersigns: CountersignRow[]; relation: RequestRelation; onBehalfOf: number | null };

const DECISIONS: readonly RequestAction[] = ["approve", "reject", "instruct"];

/**
 * The one path every change to a request takes: lock the row, check that this person may see
 * it, ask the life cycle whether they may do this (and now), check the version they saw, apply,
 * bump the version and write the timeline event (stamped on whose behalf) — one transaction.
 */
export async function applyRequestAction(
  actor: Actor | null,
  requestId: number,
  expectedVersion: number,
  action: RequestAction,
  step: (request: RequestRow, c: StepContext) => Promise<Step> | Step,
): Promise<{ version: number; state: RequestState }> {
  if (!actor) throw new DomainError("signedOut");
  const on = today();
  return getDb().transaction(async (tx) => {
    const [request] = await tx.select().from(requests).where(eq(requests.id, requestId)).for("update");
    if (!request) throw notFound();
    // Someone who may not see the request learns nothing: not even that it exists.
    const [visible] = await tx.select({ id: requests.id }).from(requests).where(and(eq(requests.id, requestId), await visibleRequests(tx, actor, on)));
    if (!visible) throw notFound();
    const countersigns = await tx.select().from(requestCountersigns).where(eq(requestCountersigns.requestId, requestId));
    const relation = await requestRelation(tx, actor, request, countersigns, on);
    const verdict = decide(request.state, action, relation.ctx);
    if (!verdict.ok && verdict.reason === "not_allowed") throw new DomainError("forbidden");
    if (request.version !== expectedVersion) throw conflict();
    if (!verdict.ok) {
      // The decision waits for the countersigns: say so rather than "wrong state".
      const waiting = DECISIONS.includes(action) && request.state === "awaiting_decision" && relation.ctx.hasPendingCountersigns;
      throw new DomainError(waiting ? "countersignPending" : "wrongState");
    }
    const onBehalfOf = onBehalfOfFor(action, relation, isOffice(actor));
    const { patch = {}, event = {}, after } = await step(request, { tx, on, countersigns, relation, onBehalfOf });
    const [updated] = await tx
      .update(requests)
      .set({ ...patch, state: verdict.next, version: sql`${requests.version} + 1`, updatedAt: new Date() })
      .where(and(eq(requests.id, requestId), eq(requests.version, expectedVersion)))
      .returning({ version: requests.version, state: requests.state });
    if (!updated) throw conflict();
    await writeEvent(tx, requestId, actor.id, action, { ...event, from: request.state, to: verdict.next }, onBehalfOf);
    await after?.(tx, request, verdict.next);
    return updated;
  });
}

/** Any member of the department edits a draft or a returned request. */
export function editRequest(actor: Actor | null, id: number, version: number, input: RequestDraftInput) {
  return applyRequestAction(actor, id, version, "edit_draft", (request, { on }) => {
    // A date that has since passed may stay as it was; a new one must not be in the past.
    if (input.wishedBy !== request.wishedBy) assertWishedBy(input.wishedBy, on);
    const keys = ["title", "background", "question", "options", "recommendation", "urgency", "wishedBy"] as const;
    const changed = keys.filter((k) => request[k] !== input[k]);
    return {
      patch: { ...input, searchTokens: tokensOf(numberOf(request), input) },
      event: { changed },
    };
  });
}

/** The head submits the draft (or the revised request) to the office. */
export function submitRequest(actor: Actor | null, id: number, version: number) {
  return applyRequestAction(actor, id, version, "submit", (request) => ({
    patch: { submittedAt: new Date() },
    event: { resubmitted: request.state === "returned" },
    after: async (tx) => notify(tx, await officeMembers(tx), id, "request_submitted", { title: request.title }),
  }));
}

/** The head withdraws the request before a decision; the reason is optional. */
export function withdrawRequest(actor: Actor | null, id: number, version: number, reason: string | null) {
  return applyRequestAction(actor, id, version, "withdraw", (request) => ({
    patch: { withdrawnReason: reason },
    event: { reason },
    after: async (tx) => {
      // A draft never left the department: nobody else knew of it.
      if (!request.submittedAt) return;
      const leader = request.state === "awaiting_decision" && request.routedLeaderId ? [request.routedLeaderId] : [];
      await notify(tx, [...(await officeMembers(tx)), ...leader], id, "request_withdrawn", { title: request.title });
    },
  }));
}

/** The office returns the request for revision with its comments. */
export function returnRequest(actor: Actor | null, id: number, version: number, comment: string) {
  return applyRequestAction(actor, id, version, "return_for_revision", (request) => ({
    patch: { reviewComment: comment },
    event: { comment },
    after: async (tx) =>
      notify(tx, [...(await departmentPeople(tx, [request.departmentId], ["dept_head"])), request.createdById], id, "request_returned", { title: request.title }),
  }));
}

/** The office's proposal (拟办): the request goes to the leader the one routing rule picks. */
export function proposeRequest(actor: Actor | null, id: number, version: number, proposal: string, major: boolean) {
  return applyRequestAction(actor, id, version, "propose", async (request, { tx, on }) => {
    const route = routeItem({ major, leadDepartmentId: request.departmentId, supportDepartmentIds: [], on }, await loadPortfolios(tx), await principalId(tx));
    return {
      patch: { proposal, major, routedLeaderId: route.leaderId, routeReason: route.reason, routeNote: null, routedAt: new Date() },
      event: { proposal, major, leaderId: route.leaderId, reason: route.reason, deputyIds: route.deputyIds },
      after: (t) => notify(t, [route.leaderId], id, "request_awaiting_decision", { title: request.title }),
    };
  });
}

async function assertLeader(tx: Tx, userId: number) {
  if (!(await activeLeaders(tx, [userId])).has(userId)) throw new DomainError("notLeader", "leaderId");
}

/** The office sends the request to another leader, with a reason. */
export function rerouteRequest(actor: Actor | null, id: number, version: number, leaderId: number, note: string) {
  return applyRequestAction(actor, id, version, "reroute", async (request, { tx }) => {
    await assertLeader(tx, leaderId);
    return {
      patch: { routedLeaderId: leaderId, routeReason: "rerouted", routeNote: note, routedAt: new Date() },
      event: { fromLeaderId: request.routedLeaderId, leaderId, note },
      after: (t) => notify(t, [leaderId], id, "request_awaiting_decision", { title: request.title }),
    };
  });
}

/** The routed leader asks other leaders to countersign (会签) before deciding. */
export function requestCountersign(actor: Actor | null, id: number, version: number, leaderIds: number[], note: string | null) {
  const wanted = [...new Set(leaderIds)];
  return applyRequestAction(actor, id, version, "request_countersign", async (request, { tx, countersigns }) => {
    if (!wanted.length) throw new DomainError("required", "leaderIds");
    if (wanted.some((l) => l === actor!.id || l === request.routedLeaderId)) throw new DomainError("countersignSelf", "leaderIds");
    const leaders = await activeLeaders(tx, wanted);
    if (wanted.some((l) => !leaders.has(l))) throw new DomainError("countersignNotLeader", "leaderIds");
    if (wanted.some((l) => countersigns.some((c) => c.leaderId === l))) throw new DomainError("alreadyCountersigning", "leaderIds");
    return {
      event: { leaderIds: wanted, note },
      after: async (t) => {
        await t.insert(requestCountersigns).values(wanted.map((leaderId) => ({ requestId: id, leaderId, requestedById: actor!.id, note })));
        await notify(t, wanted, id, "request_countersign", { title: request.title });
      },
    };
  });
}

/** A countersigner (or their delegate) records an opinion, once. */
export function countersignRequest(actor: Actor | null, id: number, version: number, opinion: string) {
  return applyRequestAction(actor, id, version, "countersign", (request, { relation }) => {
    const leaderId = relation.countersign!.leaderId;
    return {
      event: { leaderId, opinion },
      after: async (tx) => {
        const signed = await tx
          .update(requestCountersigns)
          .set({ opinion, signedById: actor!.id, signedAt: new Date() })
          .where(and(eq(requestCountersigns.requestId, id), eq(requestCountersigns.leaderId, leaderId), isNull(requestCountersigns.signedAt)))
          .returning({ id: requestCountersigns.id });
        if (!signed.length) throw conflict();
        if (request.routedLeaderId) await notify(tx, [request.routedLeaderId], id, "request_countersigned", { title: request.title });
      },
    };
  });
}

const DECISION_ACTION: Record<RequestDecisionKind, RequestAction> = { approve: "approve", reject: "reject", instruct: "instruct" };

/**
 * The routed leader (or their delegate) decides: approve (an optional note), reject (a reason)
 * or instruct (批示). The decision reaches the department and the office at once.
 */
export function decideRequest(actor: Actor | null, id: number, version: number, decision: RequestDecisionKind, text: string | null) {
  const action = DECISION_ACTION[decision];
  if (!action) return Promise.reject(new DomainError("required", "decision"));
  const note = text?.trim() || null;
  return applyRequestAction(actor, id, version, action, (request, { onBehalfOf }) => {
    if (decision !== "approve" && !note) throw new DomainError("required", "text");
    return {
      patch: { decisionText: note, decidedById: actor!.id, decidedOnBehalfOfId: onBehalfOf, decidedAt: new Date() },
      event: { decision, text: note },
      after: async (tx) => {
        const people = [...(await departmentSide(tx, request)), ...(await officeMembers(tx))];
        await notify(tx, people, id, "request_decided", { title: request.title, decision });
      },
    };
  });
}

/** A deputy passes the request to the principal as a major matter. */
export function referRequestToPrincipal(actor: Actor | null, id: number, version: number, note: string | null) {
  return applyRequestAction(actor, id, version, "refer_to_principal", async (request, { tx }) => {
    const principal = await principalId(tx);
    if (request.routedLeaderId === principal) throw new DomainError("alreadyPrincipal");
    return {
      patch: { major: true, routedLeaderId: principal, routeReason: "referred", routeNote: note, routedAt: new Date() },
      event: { fromLeaderId: request.routedLeaderId, leaderId: principal, note },
      after: (t) => notify(t, [principal], id, "request_awaiting_decision", { title: request.title }),
    };
  });
}

export type ConvertInput = Omit<ConvertRequestInput, "id" | "version">;

/**
 * The office or the deciding leader turns an approved or instructed request into a supervised
 * item sent straight to its departments, linked to the request; may be done more than once.
 */
export async function convertRequestToItem(
  actor: Actor | null,
  id: number,
  version: number,
  input: ConvertInput,
): Promise<{ version: number; state: RequestState; itemId: number; itemNumber: string }> {
  let created: { id: number; number: string } | null = null;
  const result = await applyRequestAction(actor, id, version, "convert_to_assignment", async (request, { tx, onBehalfOf }) => {
    created = await createSentItem(
      tx,
      actor!,
      {
        title: input.title,
        body: input.body,
        leadDepartmentId: input.leadDepartmentId,
        supportDepartmentIds: input.supportDepartmentIds,
        dueOn: input.dueOn,
        urgency: input.urgency,
        assignerId: request.decidedOnBehalfOfId ?? request.decidedById,
        instruction: request.decisionText,
        requestId: id,
      },
      onBehalfOf,
    );
    return { event: { itemId: created.id, number: created.number, title: input.title, leadDepartmentId: input.leadDepartmentId, dueOn: input.dueOn } };
  });
  const item = created as { id: number; number: string } | null;
  return { ...result, itemId: item!.id, itemNumber: item!.number };
}
