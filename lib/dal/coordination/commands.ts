import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { coordinationMatters, coordinationParties, departments } from "@/db/schema";
import type { PointInput, RaiseMatterInput } from "@/lib/domain/coordination/inputs";
import { RUNGS, type Rung } from "@/lib/domain/coordination/ladder";
import { decide, INITIAL_COORDINATION_STATE, mayAct, type CoordinationAction, type CoordinationState } from "@/lib/domain/coordination/lifecycle";
import { formatItemNumber } from "@/lib/domain/items/numbering";
import { routeItem } from "@/lib/domain/items/routing";
import { documentTokens } from "@/lib/domain/search";
import { today } from "@/lib/clock";
import type { Actor } from "../actor";
import { nextNumber } from "../counters";
import { conflict, DomainError, notFound } from "../errors";
import { timelineWriter, type EventData } from "../timeline";
import { createSentItem } from "../items/commands";
import { loadPortfolios, officeMembers, principalId, signersOf } from "../items/context";
import { notifyAbout } from "../notify";
import { relationToMatter, type MatterRow, type PartyRow } from "./context";
import { visibleMatters } from "./visibility";

export type MatterResult = { version: number; state: CoordinationState };

const writeEvent = timelineWriter("coordination");

/** In-app notifications about a matter (never to the person who acted); see notifyAbout. */
export function notifyMatter(
  tx: Tx,
  userIds: number[],
  matterId: number,
  kind: string,
  data: EventData = {},
  options: { except?: number | null; dedupe?: (userId: number) => string } = {},
): Promise<number> {
  const targets = userIds.filter((u) => u !== options.except);
  return notifyAbout(tx, targets, { coordinationId: matterId }, kind, data, options.dedupe);
}

/** The higher of two rungs: the ladder never goes down. */
export function higherRung(a: Rung, b: Rung): Rung {
  return RUNGS.indexOf(a) >= RUNGS.indexOf(b) ? a : b;
}

/** The routing rule for a matter: the raising department leads, the named ones support. */
export async function routeMatter(tx: Tx, matter: MatterRow, parties: PartyRow[], on: string) {
  const principal = await principalId(tx);
  const route = routeItem(
    {
      major: false,
      leadDepartmentId: matter.raisingDepartmentId,
      supportDepartmentIds: parties.filter((p) => p.departmentId !== matter.raisingDepartmentId).map((p) => p.departmentId),
      on,
    },
    await loadPortfolios(tx),
    principal,
  );
  return { ...route, principal };
}

const partyIds = (parties: PartyRow[]) => parties.map((p) => p.departmentId);

// ---------------------------------------------------------------------------------------
// Raising

/**
 * A department head raises a matter naming the other departments and what is needed of each.
 * The raising department is stored as a party too (raiser); the matter gets the next gapless
 * number 协〔year〕N号, and the office and the named departments' heads and liaisons are told.
 */
export async function raiseMatter(actor: Actor | null, input: RaiseMatterInput): Promise<{ id: number; number: string }> {
  if (!actor) throw new DomainError("signedOut");
  if (!mayAct("raise", { roles: actor.roles, inRaisingDepartment: true, isNamedParty: false, isRoutedLeader: false })) throw new DomainError("forbidden");
  const own = actor.departmentId;
  const seen = new Set<number>();
  const named = input.parties.filter((p) => p.departmentId !== own && !seen.has(p.departmentId) && seen.add(p.departmentId));
  if (!named.length) throw new DomainError(input.parties.length ? "ownDepartmentOnly" : "partiesRequired", "partyDepartmentIds");
  for (const p of named) if (!p.need.trim()) throw new DomainError("needRequired", `need_${p.departmentId}`);
  const on = today();
  return getDb().transaction(async (tx) => {
    const ids = named.map((p) => p.departmentId);
    const found = await tx.select({ id: departments.id }).from(departments).where(and(inArray(departments.id, ids), eq(departments.active, true)));
    if (found.length !== ids.length) throw new DomainError("unknownDepartment", "partyDepartmentIds");
    const year = Number(on.slice(0, 4));
    const { seq, number } = await nextNumber(tx, "coordination", year);
    const [row] = await tx
      .insert(coordinationMatters)
      .values({
        year,
        seq,
        title: input.title,
        background: input.background,
        urgency: input.urgency,
        state: INITIAL_COORDINATION_STATE,
        rung: "office",
        raisingDepartmentId: own,
        createdById: actor.id,
        lastProgressOn: on,
        searchTokens: documentTokens(number, input.title, input.background),
      })
      .returning({ id: coordinationMatters.id });
    await tx.insert(coordinationParties).values([
      { matterId: row.id, departmentId: own, raiser: true, need: "" },
      ...named.map((p) => ({ matterId: row.id, departmentId: p.departmentId, raiser: false, need: p.need.trim() })),
    ]);
    await writeEvent(
      tx,
      row.id,
      actor.id,
      "raise",
      { number, title: input.title, urgency: input.urgency, raisingDepartmentId: own, partyDepartmentIds: ids, to: INITIAL_COORDINATION_STATE },
      null,
    );
    const data = { title: input.title, number };
    await notifyMatter(tx, [...(await officeMembers(tx)), ...(await signersOf(tx, ids))], row.id, "coordination_raised", data, { except: actor.id });
    return { id: row.id, number };
  });
}

// ---------------------------------------------------------------------------------------
// The one path every change takes

type Step = {
  /** Changes to the matter row besides state, version and the ladder's clock. */
  patch?: Partial<typeof coordinationMatters.$inferInsert>;
  /** What the timeline records. */
  event?: EventData;
  /** Further writes in the same transaction, after the row and its event. */
  after?: (tx: Tx, matter: MatterRow, next: CoordinationState) => Promise<unknown>;
};

type StepContext = { matter: MatterRow; parties: PartyRow[]; tx: Tx; on: string; onBehalfOf: number | null };

/**
 * The one path every change to a matter takes: lock the row, make sure this person may see it
 * (else not found), ask the life cycle whether they may do this, check the version they saw,
 * then the state; apply, bump the version, restart the ladder's clock (every act of a person is
 * progress) and write the timeline event — all in one transaction.
 */
export async function applyMatterAction(
  actor: Actor | null,
  matterId: number,
  expectedVersion: number,
  action: CoordinationAction,
  step: (c: StepContext) => Promise<Step> | Step,
  options: { wrongState?: (matter: MatterRow) => DomainError | null } = {},
): Promise<MatterResult> {
  if (!actor) throw new DomainError("signedOut");
  const on = today();
  return getDb().transaction(async (tx) => {
    const [matter] = await tx.select().from(coordinationMatters).where(eq(coordinationMatters.id, matterId)).for("update");
    if (!matter) throw notFound();
    // Someone who may not see the matter learns nothing, not even that it exists.
    const [visible] = await tx
      .select({ id: coordinationMatters.id })
      .from(coordinationMatters)
      .where(and(eq(coordinationMatters.id, matterId), await visibleMatters(tx, actor, on)));
    if (!visible) throw notFound();
    const parties = await tx.select().from(coordinationParties).where(eq(coordinationParties.matterId, matterId));
    const { ctx, onBehalfOf } = await relationToMatter(tx, actor, matter, parties, on);
    const verdict = decide(matter.state, action, ctx);
    if (!verdict.ok && verdict.reason === "not_allowed") throw new DomainError("forbidden");
    if (matter.version !== expectedVersion) throw conflict();
    if (!verdict.ok) throw options.wrongState?.(matter) ?? new DomainError("wrongState");
    const { patch = {}, event = {}, after } = await step({ matter, parties, tx, on, onBehalfOf });
    const [updated] = await tx
      .update(coordinationMatters)
      .set({ ...patch, state: verdict.next, lastProgressOn: on, version: sql`${coordinationMatters.version} + 1`, updatedAt: new Date() })
      .where(and(eq(coordinationMatters.id, matterId), eq(coordinationMatters.version, expectedVersion)))
      .returning({ version: coordinationMatters.version, state: coordinationMatters.state });
    if (!updated) throw conflict();
    await writeEvent(tx, matterId, actor.id, action, { ...event, from: matter.state, to: verdict.next }, onBehalfOf);
    await after?.(tx, matter, verdict.next);
    return updated;
  });
}

function requireText(value: string | null | undefined, field: string): string {
  const v = (value ?? "").trim();
  if (!v) throw new DomainError("required", field);
  return v;
}

const dataOf = (m: MatterRow) => ({ title: m.title, number: formatItemNumber("coordination", m.year, m.seq) });

/** Heads and liaisons of every party department, the raiser's included. */
async function partySigners(tx: Tx, parties: PartyRow[]) {
  return signersOf(tx, partyIds(parties));
}

// ---------------------------------------------------------------------------------------
// The office receives it

export function acceptMatter(actor: Actor | null, id: number, version: number) {
  return applyMatterAction(actor, id, version, "accept", ({ parties }) => ({
    after: async (tx, m) => notifyMatter(tx, await partySigners(tx, parties), id, "coordination_accepted", dataOf(m), { except: actor!.id }),
  }));
}

/** Declined with a reason; the raising department (and whoever raised it) is told why. */
export async function declineMatter(actor: Actor | null, id: number, version: number, reason: string) {
  const text = requireText(reason, "reason");
  return applyMatterAction(actor, id, version, "decline", () => ({
    patch: { declineReason: text },
    event: { reason: text },
    after: async (tx, m) =>
      notifyMatter(tx, [m.createdById, ...(await signersOf(tx, [m.raisingDepartmentId]))], id, "coordination_declined", { ...dataOf(m), reason: text }, { except: actor!.id }),
  }));
}

// ---------------------------------------------------------------------------------------
// Positions and consultation

/**
 * A party department (head or liaison) states its position. It may restate: each statement is
 * a timeline event, the party row keeps the latest.
 */
export async function statePosition(actor: Actor | null, id: number, version: number, position: string) {
  const text = requireText(position, "position");
  return applyMatterAction(actor, id, version, "state_position", ({ parties }) => ({
    event: { departmentId: actor!.departmentId, position: text },
    after: async (tx, m) => {
      await tx
        .update(coordinationParties)
        .set({ position: text, positionById: actor!.id, positionAt: new Date() })
        .where(and(eq(coordinationParties.matterId, id), eq(coordinationParties.departmentId, actor!.departmentId)));
      const others = parties.filter((p) => p.departmentId !== actor!.departmentId);
      await notifyMatter(tx, [...(await officeMembers(tx)), ...(await partySigners(tx, others))], id, "coordination_position", { ...dataOf(m), departmentId: actor!.departmentId }, { except: actor!.id });
    },
  }));
}

/** The office logs a consultation with the parties (each one is a timeline event). */
export async function logConsultation(actor: Actor | null, id: number, version: number, note: string) {
  const text = requireText(note, "note");
  return applyMatterAction(actor, id, version, "log_consultation", () => ({ event: { note: text } }));
}

/** The office proposes a coordination meeting (date and place in the note); the parties are told. */
export async function proposeMeeting(actor: Actor | null, id: number, version: number, note: string) {
  const text = requireText(note, "note");
  return applyMatterAction(actor, id, version, "propose_meeting", ({ parties }) => ({
    event: { note: text },
    after: async (tx, m) => notifyMatter(tx, await partySigners(tx, parties), id, "coordination_meeting", { ...dataOf(m), note: text }, { except: actor!.id }),
  }));
}

// ---------------------------------------------------------------------------------------
// Agreement, escalation, decision

/** Each point must go to a party department (by its own form row). */
function checkPoints(points: PointInput[], parties: PartyRow[]) {
  const ids = new Set(partyIds(parties));
  for (const p of points) if (!ids.has(p.departmentId)) throw new DomainError("pointNotParty", `point_${p.n}_departmentId`);
}

const TITLE_MAX = 200;
const pointTitle = (text: string) => {
  const line = text.split(/\r?\n/)[0].trim() || text.trim();
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line;
};

/**
 * Turns points into supervised items for their departments, linked to the matter, inside the
 * matter's transaction; a refusal names the point's own fields (point_<n>_…).
 */
async function createPointItems(
  tx: Tx,
  actor: Actor,
  matter: MatterRow,
  points: PointInput[],
  by: { assignerId: number | null; instruction: string | null },
  onBehalfOf: number | null,
) {
  const created: { departmentId: number; text: string; dueOn: string; itemId: number; number: string }[] = [];
  for (const p of points) {
    const item = await createSentItem(
      tx,
      actor,
      {
        title: pointTitle(p.text),
        body: p.text,
        leadDepartmentId: p.departmentId,
        supportDepartmentIds: [],
        dueOn: p.dueOn,
        urgency: matter.urgency,
        assignerId: by.assignerId,
        instruction: by.instruction,
        coordinationId: matter.id,
      },
      onBehalfOf,
      `point_${p.n}_`,
    );
    created.push({ departmentId: p.departmentId, text: p.text, dueOn: p.dueOn, itemId: item.id, number: item.number });
  }
  return created;
}

/**
 * The office records the agreement reached: each point becomes a supervised item for its
 * department with its due date, assigned by the office. Needs a consultation or a meeting on
 * record first.
 */
export async function recordAgreement(actor: Actor | null, id: number, version: number, points: PointInput[]) {
  if (!points.length) throw new DomainError("pointsRequired", "points");
  return applyMatterAction(
    actor,
    id,
    version,
    "record_agreement",
    async ({ matter, parties, tx }) => {
      checkPoints(points, parties);
      const created = await createPointItems(tx, actor!, matter, points, { assignerId: null, instruction: null }, null);
      return {
        event: { points: created },
        after: async (t, m) => notifyMatter(t, await partySigners(t, parties), id, "coordination_agreed", dataOf(m), { except: actor!.id }),
      };
    },
    // Accepted but never consulted: agreement needs a consultation or meeting on record.
    { wrongState: (m) => (m.state === "accepted" ? new DomainError("consultationRequired") : null) },
  );
}

/**
 * The office escalates with a summary of the positions and its proposal: the matter goes to the
 * leader the routing rule picks (parties under different deputies → the principal); the rung
 * becomes "deputy" or "principal" accordingly.
 */
export async function escalateMatter(actor: Actor | null, id: number, version: number, input: { summary: string; proposal: string }) {
  const summary = requireText(input.summary, "summary");
  const proposal = requireText(input.proposal, "proposal");
  return applyMatterAction(actor, id, version, "escalate", async ({ matter, parties, tx, on }) => {
    const route = await routeMatter(tx, matter, parties, on);
    const leaderId = route.leaderId;
    const reason = route.reason;
    const rung = higherRung(matter.rung, leaderId === route.principal ? "principal" : "deputy");
    return {
      patch: { summary, proposal, routedLeaderId: leaderId, routeReason: reason, rung, routedAt: new Date() },
      event: { summary, proposal, leaderId, fromLeaderId: matter.routedLeaderId, reason, deputyIds: route.deputyIds, rung, fromRung: matter.rung },
      after: (t, m) => notifyMatter(t, [leaderId], id, "coordination_escalated", dataOf(m), { except: actor!.id }),
    };
  });
}

/**
 * The routed leader (or a delegate, stamped on behalf of the leader) decides; optional points
 * become supervised items assigned by that leader with the decision as the instruction. The
 * parties and the office are told.
 */
export async function decideMatter(actor: Actor | null, id: number, version: number, decision: string, points: PointInput[] = []) {
  const text = requireText(decision, "decision");
  return applyMatterAction(actor, id, version, "decide", async ({ matter, parties, tx, onBehalfOf }) => {
    checkPoints(points, parties);
    const leaderId = onBehalfOf ?? actor!.id;
    const created = await createPointItems(tx, actor!, matter, points, { assignerId: leaderId, instruction: text }, onBehalfOf);
    return {
      patch: { decisionText: text, decidedById: actor!.id, decidedOnBehalfOfId: onBehalfOf, decidedAt: new Date() },
      event: { decision: text, points: created },
      after: async (t, m) =>
        notifyMatter(t, [...(await partySigners(t, parties)), ...(await officeMembers(t))], id, "coordination_decided", dataOf(m), { except: actor!.id }),
    };
  });
}

/** Closed by the office once the agreed points are assignments. */
export async function closeMatter(actor: Actor | null, id: number, version: number, note: string | null) {
  const text = note?.trim() || null;
  return applyMatterAction(actor, id, version, "close", ({ parties }) => ({
    event: { note: text },
    after: async (tx, m) => notifyMatter(tx, await partySigners(tx, parties), id, "coordination_closed", dataOf(m), { except: actor!.id }),
  }));
}
