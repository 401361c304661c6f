import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { departments, extensionRequests, itemDepartments, items } from "@/db/schema";
import { addWorkingDays } from "@/lib/domain/calendar";
import { validateExtension } from "@/lib/domain/items/deadlines";
import type { ItemEditInput, ItemRegisterInput } from "@/lib/domain/items/inputs";
import { decide, INITIAL_STATE, mayAct, type ItemAction, type ItemState } from "@/lib/domain/items/lifecycle";
import { routeItem } from "@/lib/domain/items/routing";
import { documentTokens } from "@/lib/domain/search";
import { today } from "@/lib/clock";
import type { Actor } from "../actor";
import { exceptionsBetween } from "../calendar";
import { nextNumber } from "../counters";
import { notifyAbout } from "../notify";
import { enqueueWebhookEvent, itemPayload } from "../webhooks";
import { conflict, DomainError, notFound } from "../errors";
import { timelineWriter, type EventData } from "../timeline";
import { visibleItems } from "./visibility";
import {
  loadPortfolios,
  officeMembers,
  principalId,
  relationTo,
  signersOf,
  type ItemDepartmentRow,
  type ItemRow,
} from "./context";

const appendEvent = timelineWriter("item");

/** The timeline event (the item's audit record); a change made through the API carries the token's id. */
function writeEvent(tx: Tx, itemId: number, actor: Actor, action: string, data: EventData, onBehalfOf: number | null) {
  return appendEvent(tx, itemId, actor.id, action, actor.tokenId ? { ...data, tokenId: actor.tokenId } : data, onBehalfOf);
}

/** In-app notifications about an item; see notifyAbout. */
export function notify(tx: Tx, userIds: number[], itemId: number, kind: string, data: EventData = {}, dedupe?: (userId: number) => string): Promise<number> {
  return notifyAbout(tx, userIds, { itemId }, kind, data, dedupe);
}

function searchTokensOf(number: string, title: string, body: string) {
  return documentTokens(number, title, body);
}

async function assertDepartments(tx: Tx, ids: number[], field: string) {
  if (!ids.length) return;
  const found = await tx.select({ id: departments.id }).from(departments).where(and(inArray(departments.id, ids), eq(departments.active, true)));
  if (found.length !== new Set(ids).size) throw new DomainError("unknownDepartment", field);
}

/** Refuses an unknown or inactive lead or support department, at its field (`fieldPrefix` first). */
async function assertItemDepartments(tx: Tx, input: { leadDepartmentId: number; supportDepartmentIds: number[] }, fieldPrefix = "") {
  await assertDepartments(tx, [input.leadDepartmentId], `${fieldPrefix}leadDepartmentId`);
  await assertDepartments(tx, input.supportDepartmentIds, `${fieldPrefix}supportDepartmentIds`);
}

/** The item's lead department and its support departments, each support with its own due date. */
function insertItemDepartments(tx: Tx, itemId: number, leadDepartmentId: number, supportDepartmentIds: number[], dueOf: (departmentId: number) => string) {
  return tx.insert(itemDepartments).values([
    { itemId, departmentId: leadDepartmentId, role: "lead" as const },
    ...supportDepartmentIds.map((d) => ({ itemId, departmentId: d, role: "support" as const, dueOn: dueOf(d) })),
  ]);
}

/** Resolves the due date (a date, or N working days from today) and refuses one in the past. */
async function resolveDue(tx: Tx, input: { dueOn: string | null; dueInWorkingDays: number | null }, on: string): Promise<string> {
  let due = input.dueOn;
  if (!due) {
    const exceptions = await exceptionsBetween(tx, on, `${Number(on.slice(0, 4)) + 2}-12-31`);
    due = addWorkingDays(on, input.dueInWorkingDays ?? 1, exceptions);
  }
  if (due < on) throw new DomainError("dueInPast", "dueOn");
  return due;
}

/** Registers a draft with the next gapless number of its kind and year. */
export async function registerItem(actor: Actor | null, input: ItemRegisterInput): Promise<{ id: number; number: string }> {
  if (!actor) throw new DomainError("signedOut");
  const rel = { roles: actor.roles, inLeadDepartment: false, inSupportDepartment: false, isRoutedLeader: false, isCreator: true, isAssigner: false };
  if (!mayAct("register", rel)) throw new DomainError("forbidden");
  const on = today();
  return getDb().transaction(async (tx) => {
    await assertItemDepartments(tx, input);
    const dueOn = await resolveDue(tx, input, on);
    for (const [dept, sub] of Object.entries(input.supportDue)) {
      if (sub < on || sub > dueOn) throw new DomainError("subDueOutOfRange", `supportDue_${dept}`);
    }
    const year = Number(on.slice(0, 4));
    const { seq, number } = await nextNumber(tx, "assignment", year);
    const [row] = await tx
      .insert(items)
      .values({
        kind: "assignment",
        year,
        seq,
        title: input.title,
        body: input.body,
        source: input.source,
        urgency: input.urgency,
        major: input.major,
        state: INITIAL_STATE,
        leadDepartmentId: input.leadDepartmentId,
        dueOn,
        proposal: input.proposal,
        createdById: actor.id,
        searchTokens: searchTokensOf(number, input.title, input.body),
      })
      .returning({ id: items.id });
    await insertItemDepartments(tx, row.id, input.leadDepartmentId, input.supportDepartmentIds, (d) => input.supportDue[d] ?? dueOn);
    await writeEvent(tx, row.id, actor, "register", { number, title: input.title, dueOn, leadDepartmentId: input.leadDepartmentId, supportDepartmentIds: input.supportDepartmentIds, urgency: input.urgency, major: input.major }, null);
    await enqueueWebhookEvent(tx, "item.created", itemPayload({ id: row.id, kind: "assignment", year, seq, title: input.title, state: INITIAL_STATE, urgency: input.urgency, major: input.major, dueOn, leadDepartmentId: input.leadDepartmentId }));
    return { id: row.id, number };
  });
}

/** What a decision turns into: an item sent straight to its departments (no further decision). */
export type SentItemInput = {
  title: string;
  body: string;
  leadDepartmentId: number;
  supportDepartmentIds: number[];
  dueOn: string;
  urgency: "extra_urgent" | "urgent" | "normal";
  /** The leader whose decision it carries (decides extensions); null: the office assigns. */
  assignerId: number | null;
  instruction: string | null;
  requestId?: number;
  coordinationId?: number;
};

/**
 * Inside the caller's transaction (a request's or a coordination matter's decision): numbers,
 * registers and sends an item in one step, linked to its origin, with both timeline events,
 * and notifies the departments. Refuses unknown departments and past dates by field.
 */
export async function createSentItem(tx: Tx, actor: Actor, input: SentItemInput, onBehalfOf: number | null, fieldPrefix = ""): Promise<{ id: number; number: string }> {
  const on = today();
  await assertItemDepartments(tx, input, fieldPrefix);
  if (input.dueOn < on) throw new DomainError("dueInPast", `${fieldPrefix}dueOn`);
  const year = Number(on.slice(0, 4));
  const { seq, number } = await nextNumber(tx, "assignment", year);
  const supports = input.supportDepartmentIds.filter((d) => d !== input.leadDepartmentId);
  const [row] = await tx
    .insert(items)
    .values({
      kind: "assignment",
      year,
      seq,
      title: input.title,
      body: input.body,
      source: input.assignerId ? "leader" : "department",
      urgency: input.urgency,
      state: "sent",
      leadDepartmentId: input.leadDepartmentId,
      dueOn: input.dueOn,
      routedLeaderId: input.assignerId,
      routeReason: "direct",
      instruction: input.instruction,
      assignerId: input.assignerId,
      createdById: actor.id,
      requestId: input.requestId ?? null,
      coordinationId: input.coordinationId ?? null,
      searchTokens: searchTokensOf(number, input.title, input.body),
    })
    .returning({ id: items.id });
  await insertItemDepartments(tx, row.id, input.leadDepartmentId, supports, () => input.dueOn);
  const origin = { requestId: input.requestId ?? null, coordinationId: input.coordinationId ?? null };
  await writeEvent(tx, row.id, actor, "register", { number, title: input.title, dueOn: input.dueOn, leadDepartmentId: input.leadDepartmentId, supportDepartmentIds: supports, urgency: input.urgency, major: false, ...origin }, onBehalfOf);
  await writeEvent(tx, row.id, actor, "sent_from_decision", { from: "draft", to: "sent", instruction: input.instruction, ...origin }, onBehalfOf);
  await notify(tx, await signersOf(tx, [input.leadDepartmentId, ...supports]), row.id, "sent", { title: input.title });
  await enqueueWebhookEvent(tx, "item.created", itemPayload({ id: row.id, kind: "assignment", year, seq, title: input.title, state: "sent", urgency: input.urgency, major: false, dueOn: input.dueOn, leadDepartmentId: input.leadDepartmentId }));
  return { id: row.id, number };
}

type Step = {
  /** Changes to the item row besides state and version. */
  patch?: Partial<typeof items.$inferInsert>;
  /** What the timeline records. */
  event?: EventData;
  /** Further writes in the same transaction. */
  after?: (tx: Tx, item: ItemRow, next: ItemState, onBehalfOf: number | null) => Promise<unknown>;
};

/**
 * The one path every change to an item takes: lock the row, check the version the person saw,
 * ask the life-cycle rules whether this person may do this now, apply, bump the version and
 * write the timeline event — all in one transaction.
 */
export async function applyItemAction(
  actor: Actor | null,
  itemId: number,
  expectedVersion: number,
  action: ItemAction,
  step: (item: ItemRow, depts: ItemDepartmentRow[], tx: Tx, on: string) => Promise<Step> | Step,
): Promise<{ version: number; state: ItemState }> {
  if (!actor) throw new DomainError("signedOut");
  const on = today();
  return getDb().transaction(async (tx) => {
    const [item] = await tx.select().from(items).where(eq(items.id, itemId)).for("update");
    if (!item) throw notFound();
    // Someone who may not see the item learns nothing: not even that it exists.
    const [visible] = await tx.select({ id: items.id }).from(items).where(and(eq(items.id, itemId), await visibleItems(tx, actor, on, { one: true })));
    if (!visible) throw notFound();
    const depts = await tx.select().from(itemDepartments).where(eq(itemDepartments.itemId, itemId));
    const { ctx, onBehalfOf } = await relationTo(tx, actor, item, depts, on);
    const verdict = decide(item.state, action, ctx);
    if (!verdict.ok && verdict.reason === "not_allowed") throw new DomainError("forbidden");
    if (item.version !== expectedVersion) throw conflict();
    if (!verdict.ok) throw new DomainError("wrongState");
    const { patch = {}, event = {}, after } = await step(item, depts, tx, on);
    const [updated] = await tx
      .update(items)
      .set({ ...patch, state: verdict.next, version: sql`${items.version} + 1`, updatedAt: new Date() })
      .where(and(eq(items.id, itemId), eq(items.version, expectedVersion)))
      .returning({ version: items.version, state: items.state });
    if (!updated) throw conflict();
    await writeEvent(tx, itemId, actor, action, { ...event, from: item.state, to: verdict.next }, onBehalfOf);
    await after?.(tx, item, verdict.next, onBehalfOf);
    return updated;
  });
}

const allDepartments = (depts: ItemDepartmentRow[]) => depts.map((d) => d.departmentId);

async function sendToDepartments(tx: Tx, item: ItemRow, depts: ItemDepartmentRow[], kind: string) {
  await notify(tx, await signersOf(tx, allDepartments(depts)), item.id, kind, { title: item.title });
}

/** The office's proposal (拟办): the item goes to the leader the routing rule picks. */
export function proposeItem(actor: Actor | null, id: number, version: number, proposal: string) {
  return applyItemAction(actor, id, version, "propose", async (item, depts, tx, on) => {
    const route = routeItem(
      { major: item.major, leadDepartmentId: item.leadDepartmentId, supportDepartmentIds: depts.filter((d) => d.role === "support").map((d) => d.departmentId), on },
      await loadPortfolios(tx),
      await principalId(tx),
    );
    return {
      patch: { proposal, routedLeaderId: route.leaderId, routeReason: route.reason, routeNote: null, routedAt: new Date() },
      event: { proposal, leaderId: route.leaderId, reason: route.reason, deputyIds: route.deputyIds },
      after: (t) => notify(t, [route.leaderId], item.id, "awaiting_decision", { title: item.title }),
    };
  });
}

export function rerouteItem(actor: Actor | null, id: number, version: number, leaderId: number, note: string) {
  return applyItemAction(actor, id, version, "reroute", async (item, _d, tx) => {
    await assertLeader(tx, leaderId);
    return {
      patch: { routedLeaderId: leaderId, routeReason: "rerouted", routeNote: note, routedAt: new Date() },
      event: { fromLeaderId: item.routedLeaderId, leaderId, note },
      after: (t) => notify(t, [leaderId], item.id, "awaiting_decision", { title: item.title }),
    };
  });
}

async function assertLeader(tx: Tx, userId: number) {
  const rows = await tx.execute<{ ok: boolean }>(
    sql`select true as ok from users u join user_roles r on r.user_id = u.id where u.id = ${userId} and u.active and r.role in ('principal', 'deputy') limit 1`,
  );
  if (!rows.length) throw new DomainError("notLeader", "leaderId");
}

/** The office sends a draft to the departments itself; it then decides extensions. */
export function dispatchItem(actor: Actor | null, id: number, version: number) {
  return applyItemAction(actor, id, version, "dispatch", (item, depts) => ({
    patch: { assignerId: null, routeReason: "direct" },
    after: (tx) => sendToDepartments(tx, item, depts, "sent"),
  }));
}

/**
 * The routed leader (or their delegate) approves the proposal or writes an instruction (批示).
 * Async so that a missing instruction rejects the promise like every other refusal.
 */
export async function decideItem(actor: Actor | null, id: number, version: number, decision: "approve" | "instruct", instruction: string | null) {
  if (decision === "instruct" && !instruction) throw new DomainError("required", "instruction");
  return applyItemAction(actor, id, version, decision, (item, depts) => ({
    patch: { instruction: decision === "instruct" ? instruction : item.instruction, assignerId: item.routedLeaderId },
    event: decision === "instruct" ? { instruction } : {},
    after: async (tx, _item, next) => {
      await sendToDepartments(tx, item, depts, "sent");
      await notify(tx, await officeMembers(tx), item.id, "decided", { title: item.title, decision });
      await enqueueWebhookEvent(tx, "item.decided", { ...itemPayload({ ...item, state: next }), decision });
    },
  }));
}

/** A deputy passes the item to the principal as major. */
export function referToPrincipal(actor: Actor | null, id: number, version: number, note: string) {
  return applyItemAction(actor, id, version, "refer_to_principal", async (item, _d, tx) => {
    const principal = await principalId(tx);
    if (item.routedLeaderId === principal) throw new DomainError("wrongState");
    return {
      patch: { routedLeaderId: principal, routeReason: "referred", routeNote: note, major: true, routedAt: new Date() },
      event: { fromLeaderId: item.routedLeaderId, leaderId: principal, note },
      after: (t) => notify(t, [principal], item.id, "awaiting_decision", { title: item.title }),
    };
  });
}

/** 急事急办: the leader who created the draft sends it straight down; the office is copied. */
export function leaderSendDirect(actor: Actor | null, id: number, version: number, instruction: string | null) {
  return applyItemAction(actor, id, version, "leader_send_direct", (item, depts) => ({
    patch: { routedLeaderId: item.createdById, assignerId: item.createdById, routeReason: "direct", instruction },
    event: { instruction },
    after: async (tx) => {
      await sendToDepartments(tx, item, depts, "sent");
      await notify(tx, await officeMembers(tx), item.id, "copied", { title: item.title });
    },
  }));
}

/** Signing for: the lead department moves the item into progress; a support department's is recorded. */
export async function signFor(actor: Actor | null, id: number, version: number) {
  // Which signature this is (lead or support) decides the action; the update below re-checks
  // under the row lock, so a concurrent second signature still fails.
  const [mine] = await getDb()
    .select({ role: itemDepartments.role, signedAt: itemDepartments.signedAt })
    .from(itemDepartments)
    .where(and(eq(itemDepartments.itemId, id), eq(itemDepartments.departmentId, actor?.departmentId ?? -1)));
  const action: ItemAction = mine?.role === "support" ? "support_sign_for" : "sign_for";
  if (mine?.signedAt) throw new DomainError("alreadySigned");
  return applyItemAction(actor, id, version, action, () => ({
    event: { departmentId: actor!.departmentId },
    after: async (tx) => {
      const signed = await tx
        .update(itemDepartments)
        .set({ signedAt: new Date(), signedById: actor!.id })
        .where(and(eq(itemDepartments.itemId, id), eq(itemDepartments.departmentId, actor!.departmentId), sql`${itemDepartments.signedAt} is null`))
        .returning({ itemId: itemDepartments.itemId });
      if (!signed.length) throw new DomainError("alreadySigned");
    },
  }));
}

export function reportProgress(actor: Actor | null, id: number, version: number, note: string, partDone = false) {
  return applyItemAction(actor, id, version, "report_progress", (_item, depts) => {
    const mine = depts.find((d) => d.departmentId === actor!.departmentId);
    // Only a support department reports "its part done"; the lead reports completion instead.
    if (partDone && mine?.role !== "support") throw new DomainError("forbidden");
    return {
      patch: { lastProgressAt: new Date() },
      event: { note, departmentId: actor!.departmentId, ...(partDone ? { partDone: true } : {}) },
      after: partDone
        ? async (tx) => {
            await tx.update(itemDepartments).set({ completedAt: new Date() }).where(and(eq(itemDepartments.itemId, id), eq(itemDepartments.departmentId, actor!.departmentId)));
          }
        : undefined,
    };
  });
}

export function requestExtension(actor: Actor | null, id: number, version: number, input: { requestedDueOn: string; reason: string; note: string | null }) {
  return applyItemAction(actor, id, version, "request_extension", async (item, _d, tx, on) => {
    const problem = validateExtension(item.dueOn, input.requestedDueOn, on);
    if (problem) throw new DomainError(`extension_${problem}` as never, "requestedDueOn");
    const pending = await tx.select({ id: extensionRequests.id }).from(extensionRequests).where(and(eq(extensionRequests.itemId, id), eq(extensionRequests.status, "pending")));
    if (pending.length) throw new DomainError("extensionPending", "requestedDueOn");
    return {
      event: { requestedDueOn: input.requestedDueOn, reason: input.reason, note: input.note },
      after: async (t) => {
        await t.insert(extensionRequests).values({ itemId: id, requestedById: actor!.id, currentDueOn: item.dueOn, requestedDueOn: input.requestedDueOn, reason: input.reason, note: input.note });
        const deciders = item.assignerId ? [item.assignerId] : await officeMembers(t);
        await notify(t, deciders, id, "extension_requested", { title: item.title, requestedDueOn: input.requestedDueOn });
      },
    };
  });
}

/** The assigner approves (the due date moves; counted apart from lateness) or rejects. */
export function decideExtension(actor: Actor | null, id: number, version: number, extensionId: number, approve: boolean, note: string | null) {
  return applyItemAction(actor, id, version, "decide_extension", async (item, _d, tx) => {
    const [ext] = await tx.select().from(extensionRequests).where(and(eq(extensionRequests.id, extensionId), eq(extensionRequests.itemId, id))).for("update");
    if (!ext || ext.status !== "pending") throw conflict();
    await tx
      .update(extensionRequests)
      .set({ status: approve ? "approved" : "rejected", decidedById: actor!.id, decidedAt: new Date(), updatedAt: new Date() })
      .where(eq(extensionRequests.id, extensionId));
    return {
      patch: approve ? { dueOn: ext.requestedDueOn } : {},
      event: { extensionId, approve, note, fromDueOn: item.dueOn, toDueOn: approve ? ext.requestedDueOn : item.dueOn },
      after: (t) => notify(t, [ext.requestedById], id, approve ? "extension_approved" : "extension_rejected", { title: item.title }),
    };
  });
}

export function reportCompletion(actor: Actor | null, id: number, version: number, note: string) {
  return applyItemAction(actor, id, version, "report_completion", (item) => ({
    patch: { lastProgressAt: new Date() },
    event: { note },
    after: async (tx) => {
      await tx.update(itemDepartments).set({ completedAt: new Date() }).where(and(eq(itemDepartments.itemId, id), eq(itemDepartments.role, "lead")));
      await notify(tx, await officeMembers(tx), id, "completion_reported", { title: item.title });
    },
  }));
}

export function closeItem(actor: Actor | null, id: number, version: number, note: string | null) {
  return applyItemAction(actor, id, version, "close", (item, depts) => ({
    patch: { closedAt: new Date() },
    event: { note },
    after: async (tx, _item, next) => {
      await sendToDepartments(tx, item, depts.filter((d) => d.role === "lead"), "closed");
      await enqueueWebhookEvent(tx, "item.closed", itemPayload({ ...item, state: next }));
    },
  }));
}

export function returnForRework(actor: Actor | null, id: number, version: number, note: string) {
  return applyItemAction(actor, id, version, "return_for_rework", (item, depts) => ({
    event: { note },
    after: async (tx) => {
      await tx.update(itemDepartments).set({ completedAt: null }).where(and(eq(itemDepartments.itemId, id), eq(itemDepartments.role, "lead")));
      await sendToDepartments(tx, item, depts.filter((d) => d.role === "lead"), "returned");
    },
  }));
}

/** 催办 by hand: the lead department's head and liaison are reminded. */
export function urgeItem(actor: Actor | null, id: number, version: number, note: string | null) {
  return applyItemAction(actor, id, version, "urge", (item, depts) => ({
    event: { note },
    after: async (tx) => notify(tx, await signersOf(tx, depts.filter((d) => d.role === "lead").map((d) => d.departmentId)), id, "urged", { title: item.title, note }),
  }));
}

export function cancelItem(actor: Actor | null, id: number, version: number, note: string) {
  return applyItemAction(actor, id, version, "cancel", () => ({ event: { note } }));
}


/**
 * The office (or the deciding leader) changes the departments, the deadline or the urgency
 * before the item goes down; the timeline records before and after.
 */
export function editItem(actor: Actor | null, input: Omit<ItemEditInput, "id" | "version">, id: number, version: number) {
  return applyItemAction(actor, id, version, "edit", async (item, depts, tx, on) => {
    await assertItemDepartments(tx, input);
    if (input.dueOn < on) throw new DomainError("dueInPast", "dueOn");
    for (const [dept, sub] of Object.entries(input.supportDue)) {
      if (sub < on || sub > input.dueOn) throw new DomainError("subDueOutOfRange", `supportDue_${dept}`);
    }
    const before = {
      leadDepartmentId: item.leadDepartmentId,
      supportDepartmentIds: depts.filter((d) => d.role === "support").map((d) => d.departmentId),
      dueOn: item.dueOn,
      urgency: item.urgency,
      major: item.major,
    };
    await tx.delete(itemDepartments).where(eq(itemDepartments.itemId, id));
    await insertItemDepartments(tx, id, input.leadDepartmentId, input.supportDepartmentIds, (d) => input.supportDue[d] ?? input.dueOn);
    return {
      patch: { leadDepartmentId: input.leadDepartmentId, dueOn: input.dueOn, urgency: input.urgency, major: input.major },
      event: {
        before,
        after: { leadDepartmentId: input.leadDepartmentId, supportDepartmentIds: input.supportDepartmentIds, dueOn: input.dueOn, urgency: input.urgency, major: input.major },
        note: input.note,
      },
    };
  });
}
