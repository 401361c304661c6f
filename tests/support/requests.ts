// Helpers for the request (请示) integration tests: the draft as a form sends it, the row and
// its timeline read straight from the database, the one-step assertion (state, version + 1,
// exactly one new timeline event with actor and on-behalf-of) and a digest of the request tables.
import { expect } from "vitest";
import { getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { createRequest, proposeRequest, submitRequest } from "@/lib/dal/requests/commands";
import { requestDraftInput, type RequestDraftInput } from "@/lib/domain/requests/inputs";
import type { RequestState } from "@/lib/domain/requests/lifecycle";
import { unique } from "./db";

export function draftForm(overrides: Partial<Record<keyof RequestDraftInput, string>> = {}): RequestDraftInput {
  return requestDraftInput.parse({
    title: unique("关于购置实验设备的请示"),
    background: "现有设备老化。",
    question: "是否同意购置？",
    options: "一、购置；二、维修。",
    recommendation: "建议购置。",
    urgency: "normal",
    wishedBy: "",
    ...overrides,
  });
}

export type RequestDbRow = {
  id: number;
  state: RequestState;
  version: number;
  major: boolean;
  departmentId: number;
  createdById: number;
  routedLeaderId: number | null;
  routeReason: string | null;
  routeNote: string | null;
  proposal: string | null;
  reviewComment: string | null;
  decisionText: string | null;
  decidedById: number | null;
  decidedOnBehalfOfId: number | null;
  submittedAt: Date | null;
  routedAt: Date | null;
  decidedAt: Date | null;
  withdrawnReason: string | null;
  title: string;
};

export async function requestRow(id: number): Promise<RequestDbRow> {
  const [row] = await getSql()<RequestDbRow[]>`
    select id, state, version, major, department_id as "departmentId", created_by_id as "createdById",
           routed_leader_id as "routedLeaderId", route_reason as "routeReason", route_note as "routeNote", proposal,
           review_comment as "reviewComment", decision_text as "decisionText", decided_by_id as "decidedById",
           decided_on_behalf_of_id as "decidedOnBehalfOfId", submitted_at as "submittedAt", routed_at as "routedAt",
           decided_at as "decidedAt", withdrawn_reason as "withdrawnReason", title
    from requests where id = ${id}`;
  if (!row) throw new Error(`no request ${id}`);
  return row;
}

export type RequestEventRow = { id: number; requestId: number; actorId: number | null; onBehalfOfId: number | null; action: string; data: Record<string, unknown> };

export async function requestEventsOf(requestId: number, afterId = 0): Promise<RequestEventRow[]> {
  return getSql()<RequestEventRow[]>`
    select id::int as id, request_id as "requestId", actor_id as "actorId", on_behalf_of_id as "onBehalfOfId", action, data
    from request_events where request_id = ${requestId} and id > ${afterId} order by id`;
}

async function lastRequestEventId(): Promise<number> {
  const [row] = await getSql()<{ id: string | null }[]>`select max(id)::text as id from request_events`;
  return Number(row.id ?? 0);
}

export async function lastNotificationId(): Promise<number> {
  const [row] = await getSql()<{ id: string | null }[]>`select max(id)::text as id from notifications`;
  return Number(row.id ?? 0);
}

/** Notifications about this request since `since`, as kind → sorted user ids. */
export async function requestNotificationsSince(since: number, requestId: number): Promise<Record<string, number[]>> {
  const rows = await getSql()<{ userId: number; kind: string }[]>`
    select user_id as "userId", kind from notifications where id > ${since} and request_id = ${requestId} order by id`;
  const out: Record<string, number[]> = {};
  for (const r of rows) (out[r.kind] ??= []).push(r.userId);
  for (const k of Object.keys(out)) out[k].sort((a, b) => a - b);
  return out;
}

export const ids = (...people: (Actor | number)[]) => [...new Set(people.map((a) => (typeof a === "number" ? a : a.id)))].sort((a, b) => a - b);

export type Expected = { action: string; actor: Actor; state: RequestState; onBehalfOf?: number | null };

/**
 * Runs one action on a request and asserts what every action must do: the state it reaches,
 * the version up by exactly one, and exactly one new timeline event (on this request and
 * nowhere else) with the action, the actor and on whose behalf.
 */
export async function expectRequestStep(
  requestId: number,
  run: (version: number) => Promise<{ version: number; state: RequestState }>,
  expected: Expected,
): Promise<{ event: RequestEventRow; before: RequestDbRow; after: RequestDbRow }> {
  const before = await requestRow(requestId);
  const since = await lastRequestEventId();
  const result = await run(before.version);
  expect(result).toMatchObject({ version: before.version + 1, state: expected.state });
  const after = await requestRow(requestId);
  expect(after.version).toBe(before.version + 1);
  expect(after.state).toBe(expected.state);
  const [{ n }] = await getSql()<{ n: number }[]>`select count(*)::int as n from request_events where id > ${since}`;
  expect(n, "new timeline events anywhere").toBe(1);
  const [event] = await requestEventsOf(requestId, since);
  expect(event).toMatchObject({ action: expected.action, actorId: expected.actor.id, onBehalfOfId: expected.onBehalfOf ?? null });
  expect(event.data).toMatchObject({ from: before.state, to: expected.state });
  return { event, before, after };
}

const REQUEST_TABLES = ["requests", "request_countersigns", "request_events", "attachments", "items", "item_events", "item_counters", "notifications"];

/** Row count and a digest of every row of every table a request touches: equal means nothing changed. */
export async function requestsSnapshot(): Promise<Record<string, string>> {
  const rows = await getSql().unsafe<{ t: string; n: number; h: string }[]>(
    REQUEST_TABLES.map((t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`).join(
      " union all ",
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

/** A request of the drafter's department, submitted by its head and proposed by the office. */
export async function proposedRequest(drafter: Actor, head: Actor, office: Actor, opts: { major?: boolean; draft?: Partial<Record<keyof RequestDraftInput, string>> } = {}) {
  const { id } = await createRequest(drafter, draftForm(opts.draft));
  await submitRequest(head, id, 1);
  await proposeRequest(office, id, 2, "拟请领导审定。", opts.major ?? false);
  return id;
}

export async function submittedRequest(drafter: Actor, head: Actor, draft?: Partial<Record<keyof RequestDraftInput, string>>) {
  const { id } = await createRequest(drafter, draftForm(draft));
  await submitRequest(head, id, 1);
  return id;
}

/** Active office members now (other test files may add some): who hears of submissions and decisions. */
export async function officeIds(): Promise<number[]> {
  const rows = await getSql()<{ id: number }[]>`
    select distinct u.id from users u join user_roles r on r.user_id = u.id
    where u.active and r.role in ('office_director', 'office_staff') order by u.id`;
  return rows.map((r) => r.id);
}

/** Active people of a department with one of these roles now. */
export async function departmentPeopleIds(departmentId: number, roles: string[]): Promise<number[]> {
  const rows = await getSql()<{ id: number }[]>`
    select distinct u.id from users u join user_roles r on r.user_id = u.id
    where u.active and u.department_id = ${departmentId} and r.role = any(${roles}) order by u.id`;
  return rows.map((r) => r.id);
}
