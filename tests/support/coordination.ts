// Helpers for the coordination integration tests: raising a matter as the form would send it,
// the matter row and its timeline read straight from the database, one-step assertions (state,
// version + 1, exactly one new timeline event) and a digest of every table a matter touches.
import { expect } from "vitest";
import { getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { raiseMatter } from "@/lib/dal/coordination/commands";
import type { MatterResult } from "@/lib/dal/coordination/commands";
import { agreementInput, raiseMatterInput, type PointInput } from "@/lib/domain/coordination/inputs";
import type { CoordinationState } from "@/lib/domain/coordination/lifecycle";
import { unique } from "./db";
import { deptId } from "./items";

export type RaiseForm = {
  title?: string;
  background?: string;
  urgency?: "extra_urgent" | "urgent" | "normal";
  /** Department name → what is needed of it ("" sends an empty need). */
  parties: Record<string, string>;
};

/** The raise input as the form sends it (department names resolved), parsed by the real schema. */
export async function raiseForm(form: RaiseForm) {
  const raw: Record<string, unknown> = {
    title: form.title ?? unique("协调事项"),
    background: form.background ?? "背景情况说明",
    urgency: form.urgency ?? "normal",
    partyDepartmentIds: [] as string[],
  };
  for (const [name, need] of Object.entries(form.parties)) {
    const id = await deptId(name);
    (raw.partyDepartmentIds as string[]).push(String(id));
    raw[`need_${id}`] = need;
  }
  return raiseMatterInput.parse(raw);
}

export async function raise(actor: Actor, form: RaiseForm): Promise<number> {
  return (await raiseMatter(actor, await raiseForm(form))).id;
}

/** Points as the form sends them (department names resolved), parsed by the real schema. */
export async function pointsForm(points: { dept: string; text: string; dueOn: string }[]): Promise<PointInput[]> {
  const raw: Record<string, unknown> = { id: "1", version: "1" };
  for (const [i, p] of points.entries()) {
    raw[`point_${i + 1}_departmentId`] = String(await deptId(p.dept));
    raw[`point_${i + 1}_text`] = p.text;
    raw[`point_${i + 1}_dueOn`] = p.dueOn;
  }
  return agreementInput.parse(raw).points;
}

export type MatterDbRow = {
  id: number;
  seq: number;
  year: number;
  state: CoordinationState;
  rung: "office" | "meeting" | "deputy" | "principal";
  version: number;
  lastProgressOn: string;
  routedLeaderId: number | null;
  routeReason: string | null;
  summary: string | null;
  proposal: string | null;
  declineReason: string | null;
  decisionText: string | null;
  decidedById: number | null;
  decidedOnBehalfOfId: number | null;
  raisingDepartmentId: number;
};

export async function matterRow(id: number): Promise<MatterDbRow> {
  const [row] = await getSql()<MatterDbRow[]>`
    select id, seq, year, state, rung, version, last_progress_on::text as "lastProgressOn", routed_leader_id as "routedLeaderId",
           route_reason as "routeReason", summary, proposal, decline_reason as "declineReason", decision_text as "decisionText",
           decided_by_id as "decidedById", decided_on_behalf_of_id as "decidedOnBehalfOfId", raising_department_id as "raisingDepartmentId"
    from coordination_matters where id = ${id}`;
  if (!row) throw new Error(`no matter ${id}`);
  return row;
}

export type MatterEventRow = { id: number; matterId: number; actorId: number | null; onBehalfOfId: number | null; action: string; data: Record<string, unknown> };

export async function matterEvents(matterId: number, afterId = 0): Promise<MatterEventRow[]> {
  return getSql()<MatterEventRow[]>`
    select id::int as id, matter_id as "matterId", actor_id as "actorId", on_behalf_of_id as "onBehalfOfId", action, data
    from coordination_events where matter_id = ${matterId} and id > ${afterId} order by id`;
}

export async function lastMatterEventId(): Promise<number> {
  const [row] = await getSql()<{ id: string | null }[]>`select max(id)::text as id from coordination_events`;
  return Number(row.id ?? 0);
}

export type MatterNotification = { id: number; userId: number; coordinationId: number | null; itemId: number | null; kind: string; dedupeKey: string | null };

export async function lastNotificationId(): Promise<number> {
  const [row] = await getSql()<{ id: string | null }[]>`select max(id)::text as id from notifications`;
  return Number(row.id ?? 0);
}

export async function notificationsSince(id: number): Promise<MatterNotification[]> {
  return getSql()<MatterNotification[]>`
    select id::int as id, user_id as "userId", coordination_id as "coordinationId", item_id as "itemId", kind, dedupe_key as "dedupeKey"
    from notifications where id > ${id} order by id`;
}

/** Recipients of one kind about one matter since a notification id. */
export async function recipients(since: number, matterId: number, kind: string): Promise<number[]> {
  const rows = await notificationsSince(since);
  return rows.filter((r) => r.coordinationId === matterId && r.kind === kind).map((r) => r.userId).sort((a, b) => a - b);
}

const TABLES = ["coordination_matters", "coordination_parties", "coordination_events", "items", "item_events", "item_departments", "item_counters", "notifications"];

/** Row count and a digest of every row of every table a matter touches: equal means nothing changed. */
export async function coordinationSnapshot(): Promise<Record<string, string>> {
  const rows = await getSql().unsafe<{ t: string; n: number; h: string }[]>(
    TABLES.map((t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`).join(" union all "),
  );
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

export type Expected = { action: string; actor: Actor; state: CoordinationState; onBehalfOf?: number | null };

/**
 * Runs one action on a matter and asserts what every action must do: the state it reaches, the
 * version up by exactly one (in the result and the row), and exactly one new timeline event —
 * on this matter and nowhere else — with the action, the actor and on whose behalf.
 */
export async function expectMatterStep(
  matterId: number,
  run: (version: number) => Promise<MatterResult>,
  expected: Expected,
): Promise<{ event: MatterEventRow; before: MatterDbRow; after: MatterDbRow }> {
  const before = await matterRow(matterId);
  const since = await lastMatterEventId();
  const result = await run(before.version);
  expect(result).toEqual({ version: before.version + 1, state: expected.state });
  const after = await matterRow(matterId);
  expect(after.version).toBe(before.version + 1);
  expect(after.state).toBe(expected.state);
  const [{ n }] = await getSql()<{ n: number }[]>`select count(*)::int as n from coordination_events where id > ${since}`;
  expect(n, "new timeline events anywhere").toBe(1);
  const [event] = await matterEvents(matterId, since);
  expect(event).toMatchObject({ action: expected.action, actorId: expected.actor.id, onBehalfOfId: expected.onBehalfOf ?? null });
  expect(event.data).toMatchObject({ from: before.state, to: expected.state });
  return { event, before, after };
}
