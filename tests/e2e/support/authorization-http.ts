// The authorization table (tests/support/authorization-table.ts) over raw HTTP: people signed in
// by a direct POST to the sign-in endpoint (no browser), every record action as the server
// action a form posts (tests/e2e/support/actions.ts), records built by the table's recipes, and
// what the end-to-end specs read back from the database and from .xlsx files.
import { inflateRawSync } from "node:zlib";
import { expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import type postgres from "postgres";
import {
  castOf,
  DELEGATION,
  RECIPES,
  RECORDS,
  REQUEST_TARGETS,
  refName,
  SEEDED_LOGINS,
  SUPPORTING_LOGINS,
  type Kind,
  type Persona,
  type Player,
  type RecordRef,
  type Resource,
  type State,
} from "../../support/authorization-table";
import { serverActions } from "./actions";
import { DEMO_PASSWORD } from "./fixtures";

type Sql = postgres.Sql;
export type Fields = Record<string, string | string[]>;

// ---------------------------------------------------------------------------------------
// Signing in without a browser

/** A request context signed in as this person through the credentials endpoint (what the sign-in form's action calls). */
export async function apiSignIn(baseURL: string, login: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, login, password, callbackUrl: `${baseURL}/` }, maxRedirects: 0 });
  const signedIn = (await ctx.storageState()).cookies.some((c) => c.name.endsWith("session-token"));
  if (!signedIn) throw new Error(`signing in ${login} failed (${res.status()})`);
  return ctx;
}

// ---------------------------------------------------------------------------------------
// Server actions

/** The site's origin as browsers send it with every POST (server actions refuse a request without it). */
const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3210}`;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
export const PDF_BYTES = PDF;

/**
 * POSTs a useActionState-style action as React's encodeReply does (see actions.ts), with a real
 * PDF in the `file` part when asked.
 */
export async function post(ctx: APIRequestContext, actionId: string, fields: Fields, withFile = false): Promise<{ status: number; body: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(`_1_${k}`, one);
  if (withFile) form.append("_1_file", new Blob([PDF], { type: "application/pdf" }), "附件.pdf");
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const res = await ctx.post("/", { headers: { "Next-Action": actionId, Accept: "text/x-component", Origin: ORIGIN }, multipart: form, maxRedirects: 0 });
  return { status: res.status(), body: await res.text() };
}

/** Everything an action's fields may need: people's and departments' ids, the database. */
export type World = {
  baseURL: string;
  sql: Sql;
  sessions: Record<Player, APIRequestContext>;
  userIds: Record<Player, number>;
  deptIds: Record<string, number>;
  run: string;
};

export type Live = RecordRef & { id: number; title: string };

type HttpAction = { file: string; name: string; upload?: boolean; fields: (w: World, rec: Live, version: number) => Fields | Promise<Fields> };
type HttpCreate = { file: string; name: string; fields: (w: World, resource: Resource, title: string) => Fields };

const ITEMS = "lib/actions/items.ts";
const REQUESTS = "lib/actions/requests.ts";
const MATTERS = "lib/actions/coordination.ts";
const NOTICES = "lib/actions/notices.ts";

/** An ISO day `n` days from now (the organisation's zone is ahead of UTC or equal: a margin of days keeps it valid). */
export function inDays(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

const ref = (rec: Live, version: number) => ({ id: String(rec.id), version: String(version) });
const dept = (w: World, name: string) => String(w.deptIds[name]);
const itemRecord = (r: Resource) => RECORDS.item[r as "own"];
const matterRecord = (r: Resource) => RECORDS.coordination[r as "own"];

export const HTTP_CREATE: Record<string, HttpCreate> = {
  "item.register": {
    file: ITEMS,
    name: "registerItemAction",
    fields: (w, r, title) => ({
      title,
      body: `${title} 正文`,
      source: "leader",
      urgency: "normal",
      leadDepartmentId: dept(w, itemRecord(r).lead),
      supportDepartmentIds: itemRecord(r).support.map((d) => dept(w, d)),
      dueOn: inDays(30),
    }),
  },
  "request.create": { file: REQUESTS, name: "createRequestAction", fields: (_w, _r, title) => ({ title, background: `${title} 背景`, question: "是否同意？", urgency: "normal" }) },
  "coordination.raise": {
    file: MATTERS,
    name: "raiseCoordinationAction",
    fields: (w, r, title) => {
      const named = matterRecord(r).named.map((d) => dept(w, d));
      return { title, background: `${title} 背景`, urgency: "normal", partyDepartmentIds: named, ...Object.fromEntries(named.map((id) => [`need_${id}`, "请配合"])) };
    },
  },
  "notice.publish": {
    file: NOTICES,
    name: "publishNoticeAction",
    fields: (w, r, title) => ({ kind: "meeting", title, body: `${title} 正文`, departmentIds: [dept(w, RECORDS.notice[r as "own"].audience)], receiptRequired: "on" }),
  },
};

async function pendingExtension(w: World, itemId: number): Promise<string> {
  const [row] = await w.sql<{ id: number }[]>`select id from extension_requests where item_id = ${itemId} and status = 'pending'`;
  return String(row?.id ?? 1);
}

export const HTTP_ACTIONS: Record<string, HttpAction> = {
  "item.propose": { file: ITEMS, name: "proposeAction", fields: (_w, r, v) => ({ ...ref(r, v), proposal: "拟请领导审定。" }) },
  "item.dispatch": { file: ITEMS, name: "dispatchAction", fields: (_w, r, v) => ref(r, v) },
  "item.leader_send_direct": { file: ITEMS, name: "leaderSendDirectAction", fields: (_w, r, v) => ({ ...ref(r, v), instruction: "急办。" }) },
  "item.reroute": { file: ITEMS, name: "rerouteAction", fields: (w, r, v) => ({ ...ref(r, v), leaderId: String(w.userIds[itemRecord(r.resource).rerouteTo]), note: "改呈。" }) },
  "item.approve": { file: ITEMS, name: "decideAction", fields: (_w, r, v) => ({ ...ref(r, v), decision: "approve" }) },
  "item.instruct": { file: ITEMS, name: "decideAction", fields: (_w, r, v) => ({ ...ref(r, v), decision: "instruct", instruction: "抓紧落实。" }) },
  "item.refer_to_principal": { file: ITEMS, name: "referToPrincipalAction", fields: (_w, r, v) => ({ ...ref(r, v), note: "请校长定。" }) },
  "item.edit": {
    file: ITEMS,
    name: "editItemAction",
    fields: (w, r, v) => ({
      ...ref(r, v),
      urgency: "urgent",
      leadDepartmentId: dept(w, itemRecord(r.resource).lead),
      supportDepartmentIds: itemRecord(r.resource).support.map((d) => dept(w, d)),
      dueOn: inDays(40),
    }),
  },
  "item.cancel": { file: ITEMS, name: "cancelAction", fields: (_w, r, v) => ({ ...ref(r, v), note: "撤销。" }) },
  "item.urge": { file: ITEMS, name: "urgeAction", fields: (_w, r, v) => ref(r, v) },
  "item.sign_for": { file: ITEMS, name: "signForAction", fields: (_w, r, v) => ref(r, v) },
  "item.report_progress": { file: ITEMS, name: "reportProgressAction", fields: (_w, r, v) => ({ ...ref(r, v), note: "已推进。" }) },
  "item.request_extension": { file: ITEMS, name: "requestExtensionAction", fields: (_w, r, v) => ({ ...ref(r, v), requestedDueOn: inDays(45), reason: "workload" }) },
  "item.report_completion": { file: ITEMS, name: "reportCompletionAction", fields: (_w, r, v) => ({ ...ref(r, v), note: "已完成。" }) },
  "item.attach": { file: "lib/actions/attachments.ts", name: "uploadAttachmentAction", upload: true, fields: (_w, r) => ({ id: String(r.id) }) },
  "item.decide_extension": { file: ITEMS, name: "decideExtensionAction", fields: async (w, r, v) => ({ ...ref(r, v), extensionId: await pendingExtension(w, r.id), approve: "true" }) },
  "item.close": { file: ITEMS, name: "closeAction", fields: (_w, r, v) => ref(r, v) },
  "item.return_for_rework": { file: ITEMS, name: "returnForReworkAction", fields: (_w, r, v) => ({ ...ref(r, v), note: "请返工。" }) },

  "request.edit_draft": { file: REQUESTS, name: "editRequestAction", fields: (_w, r, v) => ({ ...ref(r, v), title: r.title, question: "是否同意？", urgency: "normal" }) },
  "request.attach": { file: REQUESTS, name: "uploadRequestAttachmentAction", upload: true, fields: (_w, r) => ({ id: String(r.id) }) },
  "request.submit": { file: REQUESTS, name: "submitRequestAction", fields: (_w, r, v) => ref(r, v) },
  "request.withdraw": { file: REQUESTS, name: "withdrawRequestAction", fields: (_w, r, v) => ({ ...ref(r, v), reason: "撤回。" }) },
  "request.return_for_revision": { file: REQUESTS, name: "returnRequestAction", fields: (_w, r, v) => ({ ...ref(r, v), comment: "请修改。" }) },
  "request.propose": { file: REQUESTS, name: "proposeRequestAction", fields: (_w, r, v) => ({ ...ref(r, v), proposal: "拟请领导审定。" }) },
  "request.reroute": { file: REQUESTS, name: "rerouteRequestAction", fields: (w, r, v) => ({ ...ref(r, v), leaderId: String(w.userIds[REQUEST_TARGETS.rerouteTo]), note: "改呈。" }) },
  "request.request_countersign": {
    file: REQUESTS,
    name: "requestCountersignAction",
    fields: (w, r, v) => ({ ...ref(r, v), leaderIds: [String(w.userIds[castOf("request", r.resource, "countersigner")])] }),
  },
  "request.approve": { file: REQUESTS, name: "decideRequestAction", fields: (_w, r, v) => ({ ...ref(r, v), decision: "approve", text: "" }) },
  "request.reject": { file: REQUESTS, name: "decideRequestAction", fields: (_w, r, v) => ({ ...ref(r, v), decision: "reject", text: "不同意。" }) },
  "request.instruct": { file: REQUESTS, name: "decideRequestAction", fields: (_w, r, v) => ({ ...ref(r, v), decision: "instruct", text: "按此办理。" }) },
  "request.refer_to_principal": { file: REQUESTS, name: "referRequestAction", fields: (_w, r, v) => ({ ...ref(r, v), note: "" }) },
  "request.countersign": { file: REQUESTS, name: "countersignAction", fields: (_w, r, v) => ({ ...ref(r, v), opinion: "同意。" }) },
  "request.convert": {
    file: REQUESTS,
    name: "convertRequestAction",
    fields: (w, r, v) => ({ ...ref(r, v), title: `${r.title}-落实`, leadDepartmentId: dept(w, RECORDS.request[r.resource as "own"].department), dueOn: inDays(20), urgency: "normal" }),
  },

  "coordination.accept": { file: MATTERS, name: "acceptCoordinationAction", fields: (_w, r, v) => ref(r, v) },
  "coordination.decline": { file: MATTERS, name: "declineCoordinationAction", fields: (_w, r, v) => ({ ...ref(r, v), reason: "不予受理。" }) },
  "coordination.state_position": { file: MATTERS, name: "statePositionAction", fields: (_w, r, v) => ({ ...ref(r, v), position: "同意配合。" }) },
  "coordination.log_consultation": { file: MATTERS, name: "logConsultationAction", fields: (_w, r, v) => ({ ...ref(r, v), note: "已电话沟通。" }) },
  "coordination.propose_meeting": { file: MATTERS, name: "proposeMeetingAction", fields: (_w, r, v) => ({ ...ref(r, v), note: "周三下午开协调会。" }) },
  "coordination.escalate": { file: MATTERS, name: "escalateCoordinationAction", fields: (_w, r, v) => ({ ...ref(r, v), summary: "各方意见不一。", proposal: "请领导裁定。" }) },
  "coordination.record_agreement": {
    file: MATTERS,
    name: "recordAgreementAction",
    fields: (w, r, v) => ({ ...ref(r, v), point_1_departmentId: dept(w, matterRecord(r.resource).pointTo), point_1_text: `${r.title}-议定事项`, point_1_dueOn: inDays(15) }),
  },
  "coordination.decide": { file: MATTERS, name: "decideCoordinationAction", fields: (_w, r, v) => ({ ...ref(r, v), decision: "按方案办理。" }) },
  "coordination.close": { file: MATTERS, name: "closeCoordinationAction", fields: (_w, r, v) => ref(r, v) },

  "notice.revise": { file: NOTICES, name: "reviseNoticeAction", fields: (_w, r, v) => ({ ...ref(r, v), title: r.title, body: "修订后的正文。", receiptDueAt: "" }) },
  "notice.withdraw": { file: NOTICES, name: "withdrawNoticeAction", fields: (_w, r, v) => ({ ...ref(r, v), reason: "撤回。" }) },
  "notice.urge": { file: NOTICES, name: "urgeNoticeAction", fields: (_w, r) => ({ id: String(r.id) }) },
  "notice.attach": { file: NOTICES, name: "uploadNoticeAttachmentAction", upload: true, fields: (_w, r, v) => ref(r, v) },
  "notice.confirm": { file: NOTICES, name: "confirmNoticeAction", fields: (_w, r) => ({ id: String(r.id) }) },
  "notice.reply": { file: NOTICES, name: "replyNoticeAction", fields: (_w, r) => ({ id: String(r.id), reply: "attend" }) },
  "notice.sign": { file: NOTICES, name: "signForDepartmentAction", fields: (_w, r) => ({ id: String(r.id) }) },
};

/** Server actions of the record files that are no cell of the table, and why. */
export const NOT_RECORD_ACTIONS: Record<string, string> = {
  sweepNowAction: "runs the reminder sweep (office only); it acts on no record a person chooses",
};

export const RECORD_ACTION_FILES = [ITEMS, "lib/actions/attachments.ts", REQUESTS, MATTERS, NOTICES];

const actionIds = new Map<string, string>();
function actionId(file: string, name: string): string {
  const key = `${file}#${name}`;
  if (!actionIds.has(key)) {
    const found = serverActions(file).find((a) => a.name === name);
    if (!found) throw new Error(`${name} is not in the build`);
    actionIds.set(key, found.id);
  }
  return actionIds.get(key)!;
}

// ---------------------------------------------------------------------------------------
// Records

export const TABLE_OF: Record<Kind, string> = { item: "items", request: "requests", coordination: "coordination_matters", notice: "notices" };
export const PAGE_OF: Record<Kind, string> = { item: "/items", request: "/requests", coordination: "/coordination", notice: "/notices" };
const FILE_COLUMN: Record<Kind, string> = { item: "item_id", request: "request_id", coordination: "coordination_id", notice: "notice_id" };

export async function versionOf(w: World, kind: Kind, id: number): Promise<number> {
  const [row] = await w.sql.unsafe<{ version: number }[]>(`select version from ${TABLE_OF[kind]} where id = $1`, [id]);
  return row.version;
}

export async function attachmentOf(w: World, rec: Live): Promise<number> {
  const [row] = await w.sql.unsafe<{ id: number | null }[]>(`select max(id)::int as id from attachments where ${FILE_COLUMN[rec.kind]} = $1`, [rec.id]);
  if (!row?.id) throw new Error(`${refName(rec)} has no file`);
  return row.id;
}

/** Posts an action of the table on a record as this person (the record's current version). */
export async function postRecordAction(w: World, who: Player, rec: Live, action: string): Promise<{ status: number; body: string; fields: Fields }> {
  const a = HTTP_ACTIONS[`${rec.kind}.${action}`];
  if (!a) throw new Error(`no HTTP action for ${rec.kind}.${action}`);
  const fields = await a.fields(w, rec, await versionOf(w, rec.kind, rec.id));
  return { ...(await post(w.sessions[who], actionId(a.file, a.name), fields, a.upload)), fields };
}

/** Posts a create action of the table as this person; the id of the record it made, or null. */
export async function postCreate(w: World, who: Player, kind: Kind, action: string, resource: Resource, title: string): Promise<{ status: number; body: string; id: number | null }> {
  const a = HTTP_CREATE[`${kind}.${action}`];
  if (!a) throw new Error(`no HTTP create for ${kind}.${action}`);
  const res = await post(w.sessions[who], actionId(a.file, a.name), a.fields(w, resource, title));
  const [row] = await w.sql.unsafe<{ id: number }[]>(`select id from ${TABLE_OF[kind]} where title = $1`, [title]);
  return { ...res, id: row?.id ?? null };
}

let serial = 0;
// Fixed-width serials: no title is the beginning of another, so looking for one never finds another.
export const titleFor = (w: World, r: { kind: Kind; resource: Resource }) => `${w.run}-${r.kind}-${r.resource}-${String(++serial).padStart(5, "0")}`;

/** A fresh record in this state, built by the table's recipe through the server actions. */
export async function build(w: World, r: RecordRef): Promise<Live> {
  const recipe = (RECIPES[r.kind] as Record<string, { from?: State; steps: readonly (readonly [string, string])[] }>)[r.state];
  let live: Live | null = recipe.from ? { ...(await build(w, { ...r, state: recipe.from })), state: r.state } : null;
  for (const [part, action] of recipe.steps) {
    const who = castOf(r.kind, r.resource, part);
    if (HTTP_CREATE[`${r.kind}.${action}`]) {
      const title = titleFor(w, r);
      const res = await postCreate(w, who, r.kind, action, r.resource, title);
      expect(res.id, `setting up ${refName(r)}: ${who} → ${action}\n${res.body.slice(0, 400)}`).not.toBeNull();
      live = { ...r, id: res.id!, title };
    } else {
      const res = await postRecordAction(w, who, live!, action);
      expect(res.body, `setting up ${refName(r)}: ${who} → ${action}`).not.toContain('"status":"error"');
    }
  }
  return live!;
}

// ---------------------------------------------------------------------------------------
// The world: sessions, ids, the delegate

/** Signs everyone in, creates the delegate (as the admin would) and reads the ids. */
export async function setUpWorld(baseURL: string, sql: Sql, run: string): Promise<World> {
  const logins: Record<string, string> = { ...SEEDED_LOGINS, ...SUPPORTING_LOGINS };
  const sessions = {} as Record<Player, APIRequestContext>;
  for (const [player, login] of Object.entries(logins)) sessions[player as Player] = await apiSignIn(baseURL, login);
  const userIds = {} as Record<Player, number>;
  for (const [player, login] of Object.entries(logins)) {
    const [u] = await sql<{ id: number }[]>`select id from users where login = ${login}`;
    userIds[player as Player] = u.id;
  }
  const deptIds = Object.fromEntries((await sql<{ id: number; name: string }[]>`select id, name from departments`).map((d) => [d.name, d.id]));
  const w: World = { baseURL, sql, sessions, userIds, deptIds, run };

  // The delegate: a new deputy without a portfolio, to whom the deputy delegates for 教务处 today.
  const login = `delegate-${run.slice(-6)}-${Date.now() % 100000}`.toLowerCase();
  const admin = sessions.admin;
  const created = await post(admin, actionId("lib/actions/admin/users.ts", "createUserAction"), {
    login,
    name: `代理人${run.slice(-4)}`,
    email: "",
    title: "",
    departmentId: String(deptIds[DELEGATION.department]),
    roles: [...DELEGATION.roles],
    password: "delegate-password-e2e",
  });
  expect(created.body, "creating the delegate").not.toContain('"status":"error"');
  const [delegate] = await sql<{ id: number }[]>`select id from users where login = ${login}`;
  userIds.delegate = delegate.id;
  const delegated = await post(admin, actionId("lib/actions/admin/delegations.ts", "createDelegationAction"), {
    fromUserId: String(userIds[DELEGATION.from]),
    toUserId: String(delegate.id),
    startsOn: inDays(-1),
    endsOn: inDays(30),
    departmentIds: DELEGATION.departments.map((d) => String(deptIds[d])),
    note: "",
  });
  expect(delegated.body, "creating the delegation").not.toContain('"status":"error"');
  sessions.delegate = await apiSignIn(baseURL, login, "delegate-password-e2e");
  return w;
}

/** A personal API token of this person, made through the account page's action (shown once). */
export async function tokenOf(w: World, who: Persona): Promise<string> {
  const res = await post(w.sessions[who], actionId("lib/actions/api.ts", "createTokenAction"), { name: `${w.run}-${who}`, scopes: ["items:read", "items:write", "notices:read"], expiresInDays: "7" });
  const token = /zs_[A-Za-z0-9_-]{43}/.exec(res.body)?.[0];
  if (!token) throw new Error(`no token for ${who}: ${res.body.slice(0, 300)}`);
  return token;
}

/** GET on the API with a token; waits out the per-address rate limit when it is reached. */
export async function apiGet(w: World, token: string, path: string, init: { method?: "GET" | "POST"; data?: unknown } = {}) {
  const ctx = await playwrightRequest.newContext({ baseURL: w.baseURL });
  try {
    for (;;) {
      const res = await ctx.fetch(path, { method: init.method ?? "GET", headers: { Authorization: `Bearer ${token}` }, data: init.data });
      if (res.status() === 429) {
        await new Promise((r) => setTimeout(r, 1000 * Math.max(1, Number(res.headers()["retry-after"] ?? 1))));
        continue;
      }
      return { status: res.status(), text: await res.text() };
    }
  } finally {
    await ctx.dispose();
  }
}

// ---------------------------------------------------------------------------------------
// "Nothing changed", and .xlsx contents

export const RECORD_TABLES = [
  "items",
  "item_departments",
  "item_events",
  "extension_requests",
  "requests",
  "request_countersigns",
  "request_events",
  "coordination_matters",
  "coordination_parties",
  "coordination_events",
  "notices",
  "notice_recipients",
  "notice_department_signs",
  "notice_events",
  "attachments",
  "notifications",
];

export async function recordsDigest(sql: Sql): Promise<Record<string, string>> {
  const rows = await sql.unsafe<{ t: string; n: number; h: string }[]>(
    RECORD_TABLES.map((t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`).join(" union all "),
  );
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

/** The text of every part of a ZIP (an .xlsx), concatenated: enough to look for strings in it. */
export function zipText(buf: Buffer): string {
  let end = -1;
  for (let i = buf.length - 22; i >= 0; i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw new Error("not a ZIP file");
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  let out = "";
  for (let n = 0; n < count; n++) {
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const body = buf.subarray(start, start + compressed);
    out += (method === 8 ? inflateRawSync(body) : body).toString("utf8");
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
