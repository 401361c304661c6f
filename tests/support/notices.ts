// Helpers for the notice integration tests: input as the form sends it (parsed by the real
// schema), rows and timeline straight from the database, and a digest of every notice table
// that proves a refused call changed nothing.
import { getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { publishNotice } from "@/lib/dal/notices/commands";
import { localDateTime } from "@/lib/domain/notices/deadline";
import { noticePublishInput, type NoticePublishInput } from "@/lib/domain/notices/inputs";
import { appConfig } from "@/lib/config";
import { unique } from "./db";

/** A wall-clock time (org zone) `hours` from now, as a datetime-local field sends it. */
export function localIn(hours: number): string {
  return localDateTime(new Date(Date.now() + hours * 3_600_000), appConfig.timeZone);
}

export type NoticeForm = {
  kind?: "notice" | "meeting" | "announcement";
  title?: string;
  body?: string;
  departmentIds?: number[];
  roles?: string[];
  userIds?: number[];
  receiptRequired?: boolean;
  receiptDueAt?: string;
};

export function noticeForm(form: NoticeForm = {}): NoticePublishInput {
  return noticePublishInput.parse({
    kind: form.kind ?? "notice",
    title: form.title ?? unique("关于做好期末工作的通知"),
    body: form.body ?? "请各部门认真落实。",
    departmentIds: (form.departmentIds ?? []).map(String),
    roles: form.roles ?? [],
    userIds: (form.userIds ?? []).map(String),
    receiptRequired: form.receiptRequired === false ? "" : "on",
    receiptDueAt: form.receiptDueAt ?? "",
  });
}

export async function publish(actor: Actor, form: NoticeForm = {}) {
  return publishNotice(actor, noticeForm(form));
}

export type RecipientDbRow = {
  userId: number;
  departmentId: number;
  readAt: Date | null;
  confirmedAt: Date | null;
  confirmedRevision: number | null;
  proxyConfirmedAt: Date | null;
  proxyConfirmedById: number | null;
  proxyConfirmedRevision: number | null;
  reply: string | null;
  substituteId: number | null;
  replyReason: string | null;
  repliedById: number | null;
  lastUrgedAt: Date | null;
};

const asDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
const DATES = ["readAt", "confirmedAt", "proxyConfirmedAt", "lastUrgedAt", "receiptDueAt"] as const;
function withDates<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  for (const k of DATES) if (k in out) out[k] = asDate(out[k]);
  return out as T;
}

export async function recipients(noticeId: number): Promise<RecipientDbRow[]> {
  const rows = await getSql()<RecipientDbRow[]>`
    select user_id as "userId", department_id as "departmentId", read_at as "readAt", confirmed_at as "confirmedAt",
           confirmed_revision as "confirmedRevision", proxy_confirmed_at as "proxyConfirmedAt", proxy_confirmed_by_id as "proxyConfirmedById",
           proxy_confirmed_revision as "proxyConfirmedRevision", reply, substitute_id as "substituteId", reply_reason as "replyReason",
           replied_by_id as "repliedById", last_urged_at as "lastUrgedAt"
    from notice_recipients where notice_id = ${noticeId} order by user_id`;
  return rows.map(withDates);
}

export async function recipient(noticeId: number, userId: number): Promise<RecipientDbRow> {
  const row = (await recipients(noticeId)).find((r) => r.userId === userId);
  if (!row) throw new Error(`user ${userId} is not a recipient of notice ${noticeId}`);
  return row;
}

export type NoticeDbRow = { id: number; state: string; revision: number; version: number; title: string; receiptDueAt: Date | null; withdrawnReason: string | null };

export async function noticeRow(id: number): Promise<NoticeDbRow> {
  const [row] = await getSql()<NoticeDbRow[]>`
    select id, state, revision, version, title, receipt_due_at as "receiptDueAt", withdrawn_reason as "withdrawnReason" from notices where id = ${id}`;
  return withDates(row);
}

export type NoticeEventRow = { action: string; actorId: number | null; onBehalfOfId: number | null; data: Record<string, unknown> };

export async function events(noticeId: number, action?: string): Promise<NoticeEventRow[]> {
  const rows = await getSql()<NoticeEventRow[]>`
    select action, actor_id as "actorId", on_behalf_of_id as "onBehalfOfId", data from notice_events where notice_id = ${noticeId} order by id`;
  return action ? rows.filter((r) => r.action === action) : rows;
}

/** Who got notifications of this kind about this notice (one entry per notification). */
export async function notified(noticeId: number, kind: string): Promise<number[]> {
  const rows = await getSql()<{ userId: number }[]>`select user_id as "userId" from notifications where notice_id = ${noticeId} and kind = ${kind} order by user_id, id`;
  return rows.map((r) => r.userId);
}

const TABLES = ["notices", "notice_recipients", "notice_department_signs", "notice_events", "notifications", "attachments"];

/** Row count and digest of every notice table: equal digests mean nothing changed. */
export async function noticeDigest(): Promise<Record<string, string>> {
  const rows = await getSql().unsafe<{ t: string; n: number; h: string }[]>(
    TABLES.map((t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`).join(" union all "),
  );
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}
