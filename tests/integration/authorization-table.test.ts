// The authorization table (tests/support/authorization-table.ts) run through the data layer:
// every persona × action × resource cell — allowed cells succeed (each on a record of its own),
// refused ones fail with the table's code and leave every record table exactly as it was — and
// the list counts: for each persona, each list holds exactly the records of the gallery that the
// person can open and that the list's filter includes, and everything any list shows opens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, getSql } from "@/db/client";
import { delegations, users } from "@/db/schema";
import { eq } from "drizzle-orm";
import { GET as listItemsApi } from "@/app/api/v1/items/route";
import { GET as listNoticesApi } from "@/app/api/v1/notices/route";
import type { Actor } from "@/lib/dal/actor";
import { today } from "@/lib/clock";
import { addDays } from "@/lib/domain/calendar";
import { addAttachment, readAttachment } from "@/lib/dal/items/attachments";
import {
  cancelItem,
  closeItem,
  decideExtension,
  decideItem,
  dispatchItem,
  editItem,
  leaderSendDirect,
  proposeItem,
  referToPrincipal,
  registerItem,
  reportCompletion,
  reportProgress,
  requestExtension,
  rerouteItem,
  returnForRework,
  signFor,
  urgeItem,
} from "@/lib/dal/items/commands";
import { departmentInbox, getItem, leaderQueue, ledger, type InboxEntry } from "@/lib/dal/items/queries";
import { addRequestAttachment, readRequestAttachment } from "@/lib/dal/requests/attachments";
import {
  convertRequestToItem,
  countersignRequest,
  createRequest,
  decideRequest,
  editRequest,
  proposeRequest,
  referRequestToPrincipal,
  requestCountersign,
  rerouteRequest,
  returnRequest,
  submitRequest,
  withdrawRequest,
} from "@/lib/dal/requests/commands";
import { getRequest, listRequests, scopesOf, type RequestScope } from "@/lib/dal/requests/queries";
import {
  acceptMatter,
  closeMatter,
  declineMatter,
  decideMatter,
  escalateMatter,
  logConsultation,
  proposeMeeting,
  raiseMatter,
  recordAgreement,
  statePosition,
} from "@/lib/dal/coordination/commands";
import { getMatter, listMatters } from "@/lib/dal/coordination/queries";
import { readNoticeAttachment } from "@/lib/dal/notices/attachments";
import {
  addNoticeAttachment,
  confirmNotice,
  publishNotice,
  replyNotice,
  reviseNotice,
  signForDepartment,
  urgeNotice,
  withdrawNotice,
} from "@/lib/dal/notices/commands";
import { getNotice, myNotices, noticeBoard, receiptBoard, sentNotices } from "@/lib/dal/notices/queries";
import { decisionQueue } from "@/lib/dal/queue";
import { myNotifications } from "@/lib/dal/notifications";
import { DomainError } from "@/lib/dal/errors";
import {
  ACTIONS,
  actionKey,
  canOpen,
  castOf,
  cellsOf,
  DELEGATION,
  GALLERY,
  LISTS,
  PERSONAS,
  RECIPES,
  RECORDS,
  REQUEST_TARGETS,
  refName,
  SEEDED_LOGINS,
  SUPPORTING_LOGINS,
  type ActionSpec,
  type Kind,
  type Persona,
  type Player,
  type RecordRef,
  type Resource,
  type State,
} from "../support/authorization-table";
import { call, tokenFor } from "../support/api";
import { expectDomainError, insertUser } from "../support/db";
import { actors, deptId, inDays, registerForm } from "../support/items";
import { draftForm } from "../support/requests";
import { pointsForm, raiseForm } from "../support/coordination";
import { noticeForm } from "../support/notices";

// Every record of this run carries the run's marker in its title: the lists are searched by it.
const RUN = `机密标记-${Math.random().toString(36).slice(2, 8)}`;
let serial = 0;
const titleFor = (r: { kind: Kind; resource: Resource }) => `${RUN}-${r.kind}-${r.resource}-${String(++serial).padStart(5, "0")}`;

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
const file = () => ({ name: "附件.pdf", bytes: PDF });

const people = {} as Record<Player, Actor>;
const tokens = {} as Record<Persona, string>;
let delegateId: number | undefined;

// The files share one database in any order: a standing delegation to 教务处 and an extra
// deputy would add a recipient to other files' notifications.
afterAll(async () => {
  if (delegateId === undefined) return;
  await getDb().delete(delegations).where(eq(delegations.toUserId, delegateId));
  await getDb().update(users).set({ active: false }).where(eq(users.id, delegateId));
});

beforeAll(async () => {
  const logins = { ...SEEDED_LOGINS, ...SUPPORTING_LOGINS };
  const seeded = await actors(...Object.values(logins));
  for (const [player, login] of Object.entries(logins)) people[player as Player] = seeded[login];
  // The delegate: a deputy with no portfolio, standing in for the deputy today for 教务处 only.
  const [lead] = await getSql()<{ id: number }[]>`select id from departments where name = ${DELEGATION.department}`;
  const delegate = await insertUser({ roles: [...DELEGATION.roles], departmentId: lead.id });
  const on = today();
  await getDb()
    .insert(delegations)
    .values({
      fromUserId: people[DELEGATION.from].id,
      toUserId: delegate.id,
      startsOn: addDays(on, -1),
      endsOn: addDays(on, 30),
      departmentIds: await Promise.all(DELEGATION.departments.map(deptId)),
    });
  people.delegate = (await actors(delegate.login))[delegate.login];
  delegateId = delegate.id;
  for (const p of PERSONAS) tokens[p] = (await tokenFor(people[p], ["items:read", "notices:read"])).token;
});

// ---------------------------------------------------------------------------------------
// Records and the executors of every action

type Live = RecordRef & { id: number; title: string };

const TABLE_OF: Record<Kind, string> = { item: "items", request: "requests", coordination: "coordination_matters", notice: "notices" };
const FILE_COLUMN: Record<Kind, string> = { item: "item_id", request: "request_id", coordination: "coordination_id", notice: "notice_id" };

async function versionOf(kind: Kind, id: number): Promise<number> {
  const [row] = await getSql().unsafe<{ version: number }[]>(`select version from ${TABLE_OF[kind]} where id = $1`, [id]);
  return row.version;
}

async function attachmentOf(r: Live): Promise<number> {
  const [row] = await getSql().unsafe<{ id: number }[]>(`select max(id)::int as id from attachments where ${FILE_COLUMN[r.kind]} = $1`, [r.id]);
  if (!row?.id) throw new Error(`${refName(r)} has no file`);
  return row.id;
}

const personId = (p: Player) => people[p].id;

type Ctx = { actor: Actor; rec: Live; version: number };
type Create = (actor: Actor, resource: Resource, title: string) => Promise<number>;

const itemRecord = (r: Resource) => RECORDS.item[r as "own"];
const matterRecord = (r: Resource) => RECORDS.coordination[r as "own"];
const noticeRecord = (r: Resource) => RECORDS.notice[r as "own"];

const CREATE: Record<string, Create> = {
  "item.register": async (a, r, title) => {
    const rec = itemRecord(r);
    return (await registerItem(a, await registerForm({ title, lead: rec.lead, support: rec.support }))).id;
  },
  "request.create": async (a, _r, title) => (await createRequest(a, draftForm({ title }))).id,
  "coordination.raise": async (a, r, title) =>
    (await raiseMatter(a, await raiseForm({ title, parties: Object.fromEntries(matterRecord(r).named.map((d) => [d, "请配合"])) }))).id,
  "notice.publish": async (a, r, title) => (await publishNotice(a, noticeForm({ kind: "meeting", title, departmentIds: [await deptId(noticeRecord(r).audience)] }))).id,
};

async function pendingExtension(itemId: number): Promise<number> {
  const [row] = await getSql()<{ id: number }[]>`select id from extension_requests where item_id = ${itemId} and status = 'pending'`;
  return row?.id ?? 0;
}

const EXEC: Record<string, (c: Ctx) => Promise<unknown>> = {
  "item.view": async ({ actor, rec }) => expect((await getItem(actor, rec.id)).title).toBe(rec.title),
  "item.download": async ({ actor, rec }) => expect((await readAttachment(actor, rec.id, await attachmentOf(rec))).bytes).toEqual(Buffer.from(PDF)),
  "item.propose": ({ actor, rec, version }) => proposeItem(actor, rec.id, version, "拟请领导审定。"),
  "item.dispatch": ({ actor, rec, version }) => dispatchItem(actor, rec.id, version),
  "item.leader_send_direct": ({ actor, rec, version }) => leaderSendDirect(actor, rec.id, version, "急办。"),
  "item.reroute": ({ actor, rec, version }) => rerouteItem(actor, rec.id, version, personId(itemRecord(rec.resource).rerouteTo), "改呈。"),
  "item.approve": ({ actor, rec, version }) => decideItem(actor, rec.id, version, "approve", null),
  "item.instruct": ({ actor, rec, version }) => decideItem(actor, rec.id, version, "instruct", "抓紧落实。"),
  "item.refer_to_principal": ({ actor, rec, version }) => referToPrincipal(actor, rec.id, version, "请校长定。"),
  "item.edit": async ({ actor, rec, version }) => {
    const r = itemRecord(rec.resource);
    const support = await Promise.all(r.support.map(deptId));
    return editItem(actor, { urgency: "urgent", major: false, leadDepartmentId: await deptId(r.lead), supportDepartmentIds: support, dueOn: inDays(40), note: null, supportDue: {} }, rec.id, version);
  },
  "item.cancel": ({ actor, rec, version }) => cancelItem(actor, rec.id, version, "撤销。"),
  "item.urge": ({ actor, rec, version }) => urgeItem(actor, rec.id, version, null),
  "item.sign_for": ({ actor, rec, version }) => signFor(actor, rec.id, version),
  "item.report_progress": ({ actor, rec, version }) => reportProgress(actor, rec.id, version, "已推进。"),
  "item.request_extension": ({ actor, rec, version }) => requestExtension(actor, rec.id, version, { requestedDueOn: inDays(45), reason: "workload", note: null }),
  "item.report_completion": ({ actor, rec, version }) => reportCompletion(actor, rec.id, version, "已完成。"),
  "item.attach": ({ actor, rec }) => addAttachment(actor, rec.id, file()),
  "item.decide_extension": async ({ actor, rec, version }) => decideExtension(actor, rec.id, version, await pendingExtension(rec.id), true, null),
  "item.close": ({ actor, rec, version }) => closeItem(actor, rec.id, version, null),
  "item.return_for_rework": ({ actor, rec, version }) => returnForRework(actor, rec.id, version, "请返工。"),

  "request.view": async ({ actor, rec }) => expect((await getRequest(actor, rec.id)).title).toBe(rec.title),
  "request.download": async ({ actor, rec }) => expect((await readRequestAttachment(actor, rec.id, await attachmentOf(rec))).bytes).toEqual(Buffer.from(PDF)),
  "request.edit_draft": ({ actor, rec, version }) => editRequest(actor, rec.id, version, draftForm({ title: rec.title })),
  "request.attach": ({ actor, rec }) => addRequestAttachment(actor, rec.id, file()),
  "request.submit": ({ actor, rec, version }) => submitRequest(actor, rec.id, version),
  "request.withdraw": ({ actor, rec, version }) => withdrawRequest(actor, rec.id, version, null),
  "request.return_for_revision": ({ actor, rec, version }) => returnRequest(actor, rec.id, version, "请修改。"),
  "request.propose": ({ actor, rec, version }) => proposeRequest(actor, rec.id, version, "拟请领导审定。", false),
  "request.reroute": ({ actor, rec, version }) => rerouteRequest(actor, rec.id, version, personId(REQUEST_TARGETS.rerouteTo), "改呈。"),
  "request.request_countersign": ({ actor, rec, version }) => requestCountersign(actor, rec.id, version, [personId(castOf("request", rec.resource, "countersigner"))], null),
  "request.approve": ({ actor, rec, version }) => decideRequest(actor, rec.id, version, "approve", null),
  "request.reject": ({ actor, rec, version }) => decideRequest(actor, rec.id, version, "reject", "不同意。"),
  "request.instruct": ({ actor, rec, version }) => decideRequest(actor, rec.id, version, "instruct", "按此办理。"),
  "request.refer_to_principal": ({ actor, rec, version }) => referRequestToPrincipal(actor, rec.id, version, null),
  "request.countersign": ({ actor, rec, version }) => countersignRequest(actor, rec.id, version, "同意。"),
  "request.convert": async ({ actor, rec, version }) =>
    convertRequestToItem(actor, rec.id, version, { title: `${rec.title}-落实`, body: "", leadDepartmentId: await deptId(RECORDS.request[rec.resource as "own"].department), supportDepartmentIds: [], dueOn: inDays(20), urgency: "normal" }),

  "coordination.view": async ({ actor, rec }) => expect((await getMatter(actor, rec.id)).title).toBe(rec.title),
  "coordination.accept": ({ actor, rec, version }) => acceptMatter(actor, rec.id, version),
  "coordination.decline": ({ actor, rec, version }) => declineMatter(actor, rec.id, version, "不予受理。"),
  "coordination.state_position": ({ actor, rec, version }) => statePosition(actor, rec.id, version, "同意配合。"),
  "coordination.log_consultation": ({ actor, rec, version }) => logConsultation(actor, rec.id, version, "已电话沟通。"),
  "coordination.propose_meeting": ({ actor, rec, version }) => proposeMeeting(actor, rec.id, version, "周三下午开协调会。"),
  "coordination.escalate": ({ actor, rec, version }) => escalateMatter(actor, rec.id, version, { summary: "各方意见不一。", proposal: "请领导裁定。" }),
  "coordination.record_agreement": async ({ actor, rec, version }) =>
    recordAgreement(actor, rec.id, version, await pointsForm([{ dept: matterRecord(rec.resource).pointTo, text: `${rec.title}-议定事项`, dueOn: inDays(15) }])),
  "coordination.decide": ({ actor, rec, version }) => decideMatter(actor, rec.id, version, "按方案办理。"),
  "coordination.close": ({ actor, rec, version }) => closeMatter(actor, rec.id, version, null),

  "notice.view": async ({ actor, rec }) => expect((await getNotice(actor, rec.id)).title).toBe(rec.title),
  "notice.download": async ({ actor, rec }) => expect((await readNoticeAttachment(actor, rec.id, await attachmentOf(rec))).bytes).toEqual(Buffer.from(PDF)),
  "notice.board": async ({ actor, rec }) => expect((await receiptBoard(actor, rec.id)).title).toBe(rec.title),
  "notice.revise": ({ actor, rec, version }) =>
    reviseNotice(actor, { id: rec.id, version, title: rec.title, body: "修订后的正文。", receiptDueAt: null, addAudience: { departmentIds: [], roles: [], userIds: [] } }),
  "notice.withdraw": ({ actor, rec, version }) => withdrawNotice(actor, rec.id, version, "撤回。"),
  "notice.urge": ({ actor, rec }) => urgeNotice(actor, rec.id),
  "notice.attach": ({ actor, rec, version }) => addNoticeAttachment(actor, rec.id, version, file()),
  "notice.confirm": ({ actor, rec }) => confirmNotice(actor, rec.id),
  "notice.reply": ({ actor, rec }) => replyNotice(actor, rec.id, { reply: "attend", substituteId: null, reason: null }),
  "notice.sign": ({ actor, rec }) => signForDepartment(actor, rec.id),
};

async function runAction(kind: Kind, action: string, persona: Player, rec: Live): Promise<unknown> {
  const exec = EXEC[`${kind}.${action}`];
  if (!exec) throw new Error(`no executor for ${kind}.${action}`);
  return exec({ actor: people[persona], rec, version: await versionOf(kind, rec.id) });
}

/** A fresh record in this state, built by its recipe (each step by the cast's person). */
async function build(ref: RecordRef): Promise<Live> {
  const recipe = (RECIPES[ref.kind] as Record<string, { from?: State; steps: readonly (readonly [string, string])[] }>)[ref.state];
  let live: Live | null = recipe.from ? { ...(await build({ ...ref, state: recipe.from })), state: ref.state } : null;
  for (const [part, action] of recipe.steps) {
    const persona = castOf(ref.kind, ref.resource, part);
    const create = CREATE[`${ref.kind}.${action}`];
    if (create) {
      const title = titleFor(ref);
      live = { ...ref, id: await create(people[persona], ref.resource, title), title };
    } else {
      if (!live) throw new Error(`${refName(ref)}: ${action} before the record exists`);
      await runAction(ref.kind, action, persona, live);
    }
  }
  return live!;
}

// ---------------------------------------------------------------------------------------
// "Nothing changed"

const RECORD_TABLES = [
  "items",
  "item_departments",
  "item_counters",
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
  "email_outbox",
  "webhook_deliveries",
  "audit_events",
];

async function recordsSnapshot(): Promise<Record<string, string>> {
  const rows = await getSql().unsafe<{ t: string; n: number; h: string }[]>(
    RECORD_TABLES.map((t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`).join(" union all "),
  );
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

async function outcomeOfCall(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "allowed";
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------
// Runner 1: every cell through the data layer

describe("the table", () => {
  it("has an executor for every action and no executor outside it", () => {
    const keys = ACTIONS.map(actionKey);
    const executors = [...Object.keys(EXEC), ...Object.keys(CREATE)];
    expect(keys.filter((k) => !executors.includes(k))).toEqual([]);
    expect(executors.filter((k) => !keys.includes(k))).toEqual([]);
  });

  it("every recipe step is an action of the table", () => {
    const keys = new Set(ACTIONS.map(actionKey));
    for (const kind of Object.keys(RECIPES) as Kind[])
      for (const recipe of Object.values(RECIPES[kind] as Record<string, { steps: readonly (readonly [string, string])[] }>))
        for (const [, action] of recipe.steps) expect(keys.has(`${kind}.${action}`), `${kind}.${action}`).toBe(true);
  });
});

const groups = ACTIONS.flatMap((spec) => (Object.keys(spec.allowed) as Resource[]).map((resource) => ({ name: `${actionKey(spec)} on ${resource}`, spec, resource })));

async function checkRefusals(spec: ActionSpec, resource: Resource) {
  const cells = cellsOf(spec).filter((c) => c.resource === resource && c.outcome !== "allowed");
  const rec = spec.type === "create" ? null : await build({ kind: spec.kind, resource, state: spec.state as State });
  const before = await recordsSnapshot();
  const got: string[] = [];
  for (const c of cells) {
    const run = rec ? runAction(spec.kind, spec.action, c.persona, rec) : CREATE[actionKey(spec)](people[c.persona], resource, titleFor({ kind: spec.kind, resource }));
    got.push(`${c.persona}: ${await outcomeOfCall(run)}`);
  }
  expect(got).toEqual(cells.map((c) => `${c.persona}: ${c.outcome}`));
  expect(await recordsSnapshot()).toEqual(before);
}

async function checkAllowed(spec: ActionSpec, resource: Resource) {
  const cells = cellsOf(spec).filter((c) => c.resource === resource && c.outcome === "allowed");
  // Reads share one record; every change gets a record of its own.
  const shared = spec.type === "read" ? await build({ kind: spec.kind, resource, state: spec.state as State }) : null;
  for (const c of cells) {
    if (spec.type === "create") {
      const title = titleFor({ kind: spec.kind, resource });
      const id = await CREATE[actionKey(spec)](people[c.persona], resource, title);
      const [row] = await getSql().unsafe<{ title: string }[]>(`select title from ${TABLE_OF[spec.kind]} where id = $1`, [id]);
      expect(row.title, `${c.persona} created`).toBe(title);
      continue;
    }
    const rec = shared ?? (await build({ kind: spec.kind, resource, state: spec.state as State }));
    expect(`${c.persona}: ${await outcomeOfCall(runAction(spec.kind, spec.action, c.persona, rec))}`).toBe(`${c.persona}: allowed`);
  }
}

describe("runner 1: every cell through the data layer", () => {
  it.each(groups)("$name: refusals carry the table's code and change nothing", async ({ spec, resource }) => {
    await checkRefusals(spec, resource);
  });

  it.each(groups)("$name: the allowed personas succeed", async ({ spec, resource }) => {
    await checkAllowed(spec, resource);
  });

  it("a signed-out caller is refused everything", async () => {
    const rec = await build({ kind: "item", resource: "own", state: "awaiting" });
    await expectDomainError(getItem(null, rec.id), "signedOut");
    await expectDomainError(decideItem(null, rec.id, await versionOf("item", rec.id), "approve", null), "signedOut");
  });
});

// ---------------------------------------------------------------------------------------
// Runner 3: what a person can list equals what they can open

const gallery: Live[] = [];

async function opens(persona: Persona, kind: Kind, id: number): Promise<boolean> {
  const actor = people[persona];
  const read = { item: getItem, request: getRequest, coordination: getMatter, notice: getNotice }[kind];
  const result = await outcomeOfCall(read(actor, id));
  if (result !== "allowed" && result !== "notFound") throw new Error(`${kind} ${id} answered ${result} to ${persona}`);
  return result === "allowed";
}

type Listed = { kind: Kind; ids: number[] };

/** Pages through a keyset-paged list until it ends. */
async function allPages<T extends { id: number }>(page: (after: T | undefined) => Promise<T[]>, size: number): Promise<T[]> {
  const out: T[] = [];
  for (let last: T | undefined; ; ) {
    const rows = await page(last);
    out.push(...rows);
    if (rows.length < size) return out;
    last = rows[rows.length - 1];
  }
}

/** Every list the person has, by the table's list names. */
async function listsOf(persona: Persona): Promise<Record<string, Listed>> {
  const actor = people[persona];
  const out: Record<string, Listed> = {};
  out["item.ledger"] = { kind: "item", ids: (await ledger(actor, { q: RUN }, { limit: 500 })).map((r) => r.id) };
  const inbox = await allPages<InboxEntry>((after) => departmentInbox(actor, { after: after && { dueOn: after.dueOn, id: after.id }, limit: 200 }), 200);
  out["item.inbox"] = { kind: "item", ids: inbox.map((r) => r.id) };
  out["item.leaderQueue"] = { kind: "item", ids: (await leaderQueue(actor)).map((r) => r.id) };
  const scopes = scopesOf(actor);
  for (const scope of ["department", "office", "leader"] as RequestScope[]) {
    if (!scopes.includes(scope)) continue;
    const rows = await allPages(async (after) => (await listRequests(actor, { scope, cursor: after?.id, limit: 200 })).rows, 200);
    out[`request.${scope}`] = { kind: "request", ids: rows.map((r) => r.id) };
  }
  out["coordination.all"] = { kind: "coordination", ids: (await listMatters(actor, { scope: "all", limit: 500 })).map((m) => m.id) };
  out["coordination.awaitingMe"] = { kind: "coordination", ids: (await listMatters(actor, { awaitingMe: true, limit: 500 })).map((m) => m.id) };
  out["notice.received"] = { kind: "notice", ids: (await myNotices(actor, { limit: 1000 })).map((n) => n.id) };
  out["notice.sent"] = { kind: "notice", ids: (await sentNotices(actor, { limit: 1000 })).map((n) => n.id) };
  return out;
}

/** The decision queue mixes kinds: one entry per record (a countersign is a request). */
async function queueOf(persona: Persona): Promise<{ kind: Kind; id: number }[]> {
  const entries = await decisionQueue(people[persona], 500);
  return entries.map((e) => ({ kind: e.kind === "countersign" ? "request" : (e.kind as Kind), id: e.id }));
}

const galleryKey = (kind: Kind, id: number) => `${kind}:${id}`;

/** What the table says a list must hold of the gallery for this person. */
function expectedOf(list: string, persona: Persona, kind?: Kind): string[] {
  const spec = LISTS[list];
  return gallery
    .filter((r) => (spec.kind === "any" || r.kind === spec.kind) && (!kind || r.kind === kind))
    .filter((r) => canOpen(persona, r.kind, r.resource, r.state) && spec.includes(persona, r))
    .map(refName)
    .sort();
}

function galleryNames(entries: { kind: Kind; id: number }[]): string[] {
  const byKey = new Map(gallery.map((r) => [galleryKey(r.kind, r.id), r]));
  return entries.flatMap((e) => {
    const r = byKey.get(galleryKey(e.kind, e.id));
    return r ? [refName(r)] : [];
  });
}

/** Every listed record opens; one that does not is checked again (another file may have moved it meanwhile). */
async function expectAllOpen(persona: Persona, what: string, entries: { kind: Kind; id: number }[], relist: () => Promise<{ kind: Kind; id: number }[]>) {
  for (const e of entries) {
    if (await opens(persona, e.kind, e.id)) continue;
    const still = (await relist()).some((x) => x.kind === e.kind && x.id === e.id);
    expect(still, `${persona}: ${what} lists ${e.kind} ${e.id}, which does not open`).toBe(false);
  }
}

describe("runner 3: the lists hold exactly what opens", () => {
  beforeAll(async () => {
    for (const ref of GALLERY) gallery.push(await build(ref));
  });

  it.each(PERSONAS)("%s opens exactly the gallery records the table lets them see", async (persona) => {
    const got: string[] = [];
    for (const r of gallery) if (await opens(persona, r.kind, r.id)) got.push(refName(r));
    expect(got.sort()).toEqual(gallery.filter((r) => canOpen(persona, r.kind, r.resource, r.state)).map(refName).sort());
  });

  it.each(PERSONAS)("%s: every list holds what the table's filter includes of what opens, and all it lists opens", async (persona) => {
    const lists = await listsOf(persona);
    for (const [name, spec] of Object.entries(LISTS)) {
      if (spec.kind === "any") continue;
      const listed = lists[name];
      if (!listed) {
        // A list the person does not have must not be one the table expects records in.
        expect(expectedOf(name, persona), `${persona} has no ${name}`).toEqual([]);
        continue;
      }
      const entries = listed.ids.map((id) => ({ kind: listed.kind, id }));
      expect(galleryNames(entries).sort(), `${persona}: ${name}`).toEqual(expectedOf(name, persona));
      await expectAllOpen(persona, name, entries, async () => ((await listsOf(persona))[name]?.ids ?? []).map((id) => ({ kind: listed.kind, id })));
    }
    const queue = await queueOf(persona);
    expect(galleryNames(queue).sort(), `${persona}: queue`).toEqual(expectedOf("queue", persona));
    await expectAllOpen(persona, "queue", queue, () => queueOf(persona));
    const board = (await noticeBoard(people[persona])).map((n) => ({ kind: "notice" as Kind, id: n.id }));
    await expectAllOpen(persona, "board", board, async () => (await noticeBoard(people[persona])).map((n) => ({ kind: "notice" as Kind, id: n.id })));
  });

  it.each(PERSONAS)("%s: the API's lists (a token of theirs) equal the data layer's", async (persona) => {
    const items = await call(listItemsApi, `/api/v1/items?q=${encodeURIComponent(RUN)}&limit=100`, { token: tokens[persona] });
    expect(items.status).toBe(200);
    const itemIds = (items.body.data as { id: number }[]).map((i) => ({ kind: "item" as Kind, id: i.id }));
    expect(galleryNames(itemIds).sort()).toEqual(expectedOf("item.ledger", persona));
    for (const [box, list] of [["received", "notice.received"], ["sent", "notice.sent"]] as const) {
      const res = await call(listNoticesApi, `/api/v1/notices?box=${box}&limit=200`, { token: tokens[persona] });
      expect(res.status).toBe(200);
      const ids = (res.body.data as { id: number }[]).map((n) => ({ kind: "notice" as Kind, id: n.id }));
      expect(galleryNames(ids).sort(), `${persona}: ${box}`).toEqual(expectedOf(list, persona));
    }
  });

  it.each(PERSONAS)("%s: every notification about a gallery record leads to one they can open", async (persona) => {
    const rows = await myNotifications(people[persona], { limit: 200 });
    const byHref = new Map(gallery.map((r) => [`/${r.kind === "item" ? "items" : r.kind === "request" ? "requests" : r.kind === "coordination" ? "coordination" : "notices"}/${r.id}`, r]));
    const closed = rows.flatMap((n) => {
      const r = n.href ? byHref.get(n.href) : undefined;
      return r && !canOpen(persona, r.kind, r.resource, r.state) ? [`${n.kind} → ${refName(r)}`] : [];
    });
    expect(closed).toEqual([]);
  });

  it("the ledger's search finds the run's items by their marker (the lists above are not empty by accident)", async () => {
    const all = await ledger(people.officeDirector, { q: RUN }, { limit: 500 });
    expect(all.length).toBeGreaterThanOrEqual(gallery.filter((r) => r.kind === "item").length);
  });
});
