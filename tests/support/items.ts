// Helpers for the supervised-items integration tests: register input as a form would send it,
// the item row and its timeline read straight from the database, one-step assertions (state,
// version + 1, exactly one new timeline event) and a digest of every item table.
import { expect } from "vitest";
import { getSql } from "@/db/client";
import { today } from "@/lib/clock";
import type { Actor } from "@/lib/dal/actor";
import { departmentInbox, type InboxEntry } from "@/lib/dal/items/queries";
import { addDays } from "@/lib/domain/calendar";
import { itemRegisterInput, type ItemRegisterInput } from "@/lib/domain/items/inputs";
import type { ItemState } from "@/lib/domain/items/lifecycle";
import { actorFor, departmentByName, unique } from "./db";

/** today() in the organisation's time zone, moved by n calendar days. */
export function inDays(n: number): string {
  return addDays(today(), n);
}

const actorCache = new Map<string, Actor>();
/** Actors for seeded logins (the seeded people's roles do not change during a run). */
export async function actors<const L extends string>(...logins: L[]): Promise<Record<L, Actor>> {
  const out = {} as Record<L, Actor>;
  for (const login of logins) {
    if (!actorCache.has(login)) actorCache.set(login, await actorFor(login));
    out[login] = actorCache.get(login)!;
  }
  return out;
}

const deptCache = new Map<string, number>();
export async function deptId(name: string): Promise<number> {
  if (!deptCache.has(name)) deptCache.set(name, (await departmentByName(name)).id);
  return deptCache.get(name)!;
}

export type RegisterForm = {
  title?: string;
  body?: string;
  lead: string;
  support?: string[];
  /** Sub-deadlines of support departments, by department name. */
  supportDue?: Record<string, string>;
  dueOn?: string;
  dueInWorkingDays?: number;
  major?: boolean;
  urgency?: "extra_urgent" | "urgent" | "normal";
  proposal?: string;
};

/** The register input as the form sends it (department names resolved), parsed by the real schema. */
export async function registerForm(form: RegisterForm): Promise<ItemRegisterInput> {
  const raw: Record<string, unknown> = {
    title: form.title ?? unique("督办事项"),
    body: form.body ?? "",
    source: "leader",
    urgency: form.urgency ?? "normal",
    major: form.major ? "on" : "",
    leadDepartmentId: String(await deptId(form.lead)),
    supportDepartmentIds: await Promise.all((form.support ?? []).map(async (n) => String(await deptId(n)))),
    dueOn: form.dueOn ?? (form.dueInWorkingDays ? "" : inDays(30)),
    dueInWorkingDays: form.dueInWorkingDays ? String(form.dueInWorkingDays) : "",
    proposal: form.proposal ?? "",
  };
  for (const [name, due] of Object.entries(form.supportDue ?? {})) raw[`supportDue_${await deptId(name)}`] = due;
  return itemRegisterInput.parse(raw);
}

export type ItemDbRow = {
  id: number;
  seq: number;
  year: number;
  state: ItemState;
  version: number;
  dueOn: string;
  major: boolean;
  routedLeaderId: number | null;
  routeReason: string | null;
  routeNote: string | null;
  assignerId: number | null;
  instruction: string | null;
  proposal: string | null;
  createdById: number;
};

export async function itemRow(id: number): Promise<ItemDbRow> {
  const [row] = await getSql()<ItemDbRow[]>`
    select id, seq, year, state, version, due_on::text as "dueOn", major, routed_leader_id as "routedLeaderId",
           route_reason as "routeReason", route_note as "routeNote", assigner_id as "assignerId", instruction, proposal,
           created_by_id as "createdById"
    from items where id = ${id}`;
  if (!row) throw new Error(`no item ${id}`);
  return row;
}

export type ItemEventRow = { id: number; itemId: number; actorId: number | null; onBehalfOfId: number | null; action: string; data: Record<string, unknown> };

export async function eventsOf(itemId: number, afterId = 0): Promise<ItemEventRow[]> {
  return getSql()<ItemEventRow[]>`
    select id::int as id, item_id as "itemId", actor_id as "actorId", on_behalf_of_id as "onBehalfOfId", action, data
    from item_events where item_id = ${itemId} and id > ${afterId} order by id`;
}

export async function lastItemEventId(): Promise<number> {
  const [row] = await getSql()<{ id: string | null }[]>`select max(id)::text as id from item_events`;
  return Number(row.id ?? 0);
}

export type NotificationRow = { id: number; userId: number; itemId: number | null; kind: string };

export async function lastNotificationId(): Promise<number> {
  const [row] = await getSql()<{ id: string | null }[]>`select max(id)::text as id from notifications`;
  return Number(row.id ?? 0);
}

export async function notificationsAfter(id: number): Promise<NotificationRow[]> {
  return getSql()<NotificationRow[]>`
    select id::int as id, user_id as "userId", item_id as "itemId", kind from notifications where id > ${id} order by id`;
}

export type Expected = { action: string; actor: Actor; state: ItemState; onBehalfOf?: number | null };

/**
 * Runs one action on an item and asserts what every action must do: the state it reaches, the
 * version up by exactly one (in the result and the row), and exactly one new timeline event on
 * this item — and none on any other — with the action, the actor and on whose behalf.
 */
export async function expectStep(
  itemId: number,
  run: (version: number) => Promise<{ version: number; state: ItemState }>,
  expected: Expected,
): Promise<{ event: ItemEventRow; before: ItemDbRow; after: ItemDbRow }> {
  const before = await itemRow(itemId);
  const since = await lastItemEventId();
  const result = await run(before.version);
  expect(result).toEqual({ version: before.version + 1, state: expected.state });
  const after = await itemRow(itemId);
  expect(after.version).toBe(before.version + 1);
  expect(after.state).toBe(expected.state);
  const [{ n }] = await getSql()<{ n: number }[]>`select count(*)::int as n from item_events where id > ${since}`;
  const events = await eventsOf(itemId, since);
  expect(n, "new timeline events anywhere").toBe(1);
  expect(events).toHaveLength(1);
  const [event] = events;
  expect(event).toMatchObject({ action: expected.action, actorId: expected.actor.id, onBehalfOfId: expected.onBehalfOf ?? null });
  expect(event.data).toMatchObject({ from: before.state, to: expected.state });
  return { event, before, after };
}

const ITEM_TABLES = ["items", "item_departments", "item_counters", "item_events", "extension_requests", "notifications"];

/** Row count and a digest of every row of every item table: equal snapshots mean nothing changed. */
export async function itemsSnapshot(): Promise<Record<string, string>> {
  const rows = await getSql().unsafe<{ t: string; n: number; h: string }[]>(
    ITEM_TABLES.map(
      (t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`,
    ).join(" union all "),
  );
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

export async function counterOf(year: number): Promise<number> {
  const [row] = await getSql()<{ n: number }[]>`select coalesce(max(last_seq), 0)::int as n from item_counters where kind = 'assignment' and year = ${year}`;
  return row.n;
}

/** A department's whole inbox, every page: other files' items may push this file's beyond the first. */
export async function wholeInbox(actor: Actor): Promise<InboxEntry[]> {
  const out: InboxEntry[] = [];
  let after: { dueOn: string; id: number } | undefined;
  for (;;) {
    const page = await departmentInbox(actor, { after, limit: 200 });
    out.push(...page);
    if (page.length < 200) return out;
    const last = page.at(-1)!;
    after = { dueOn: last.dueOn, id: last.id };
  }
}
