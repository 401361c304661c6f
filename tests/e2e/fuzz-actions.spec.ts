// Every server action of the production build, fuzzed with fast-check over HTTP: posted by
// someone whose job it is (so that validation, not authorization, answers), with hostile and
// malformed fields — wrong types, repeated fields, huge and odd text, numbers such as "1e3" or
// " 7", impossible dates, missing and extra fields, prototype-pollution names, files that are
// empty or not what they say. Every generated form carries at least one value the action must
// refuse (poison); the rest is noise its schema may accept. Each answer must be a typed error
// in the reader's language (never a 5xx, a stack trace or "unexpected error"), and the database
// must be exactly as before. Actions are discovered from the build: a new one without a profile
// here fails the first test. The /api/v1 item endpoints get the same treatment with JSON.
//
// Seeds: FUZZ_SEED (default below) is logged; each action runs with FUZZ_SEED + a hash of its
// name, so `FUZZ_SEED=<n> FUZZ_ONLY=<actionName> npx playwright test tests/e2e/fuzz-actions.spec.ts`
// replays one action's runs exactly. FUZZ_RUNS sets the runs per action (default 15).
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";
import { EXTENSION_REASONS } from "../../lib/domain/items/deadlines";
import { ITEM_SOURCES, URGENCIES } from "../../lib/domain/items/lifecycle";
import { MEETING_REPLIES, NOTICE_KINDS } from "../../lib/domain/notices/receipts";
import { DEPARTMENT_KINDS, HOMES, ROLES } from "../../lib/domain/roles";
import { SCOPES } from "../../lib/domain/api/scopes";
import { SERVICE_ROLES } from "../../lib/domain/api/options";
import { WEBHOOK_EVENTS } from "../../lib/domain/api/events";
import { serverActions } from "./support/actions";
import { e2eSql } from "./support/db";
import { changedTables, databaseDigest, type DigestScope } from "./support/digest";
import { actionState, describeFields, extraFields, noise, poison, postForm, STACK_TRACE, type Answer, type FieldValue, type Fields, type Kind } from "./support/fuzz";

const BASE_SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const ONLY = process.env.FUZZ_ONLY;
const PASSWORD = "zhongshu-demo";
const MAX_INT = 2_147_483_647;
const STALE = "999999";

const messages = (locale: string) => JSON.parse(readFileSync(path.join(process.cwd(), "messages", locale, "common.json"), "utf8")) as { errors: Record<string, string> };
/** Answers that mean the action failed on something other than the input, or never looked at it. */
const NOT_TYPED = ["zh-CN", "en"].flatMap((l) => [messages(l).errors.unexpected, messages(l).errors.crossOrigin]);
const HAN = /[\u3400-\u9fff]/;

// ---------------------------------------------------------------------------------------------
// Who posts, and the records they post about

const PEOPLE = {
  office: "liufang",
  head: "zhoumin",
  liaison: "wuting",
  staff: "zhengkai",
  studentsHead: "huangwei",
  principal: "wangjianguo",
  deputy: "liminghua",
  admin: "admin",
  switcher: "tianyu",
} as const;
type Who = keyof typeof PEOPLE | "anonymous";

type World = {
  origin: string;
  as: Record<Who, APIRequestContext>;
  /** Contexts made along the way (anonymous ones per action), closed at the end. */
  extra: APIRequestContext[];
  academic: number;
  students: number;
  finance: number;
  principal: number;
  deputy: number;
  otherDeputy: number;
  staffUser: number;
  staffVersion: number;
  portfolio: number;
  item: number;
  itemVersion: number;
  /** An item of another department (财务处): the department head may not even see it. */
  otherItem: number;
  request: number;
  requestVersion: number;
  matter: number;
  matterVersion: number;
  notice: number;
  noticeVersion: number;
  notification: number;
  token: number;
  serviceUser: number;
  serviceToken: number;
  webhook: number;
  officeToken: string;
  headToken: string;
  readToken: string;
};

let sql: Sql;
let world: World;
const actionIds = new Map<string, string>();

function actionId(name: string): string {
  if (!actionIds.size) for (const a of serverActions("")) actionIds.set(a.name, a.id);
  const id = actionIds.get(name);
  if (!id) throw new Error(`${name} is not in the build`);
  return id;
}

// "Connection: close": a kept-alive socket the server has timed out would otherwise now and then
// fail the next request with ECONNRESET, which says nothing about the input.
async function newContext(origin: string, headers: Record<string, string> = {}) {
  return playwrightRequest.newContext({ baseURL: origin, extraHTTPHeaders: { Origin: origin, "Accept-Language": "zh-CN", Connection: "close", ...headers } });
}

/** Signs in over HTTP, as the sign-in form does; the context keeps the session cookie. */
async function signedIn(origin: string, login: string): Promise<APIRequestContext> {
  const ctx = await newContext(origin);
  const res = await postForm(ctx, "/login", actionId("signInAction"), [["login", login], ["password", PASSWORD]]);
  const cookies = (await ctx.storageState()).cookies;
  if (!res.redirect || !cookies.some((c) => c.name.includes("session-token"))) throw new Error(`could not sign in as ${login}: ${res.status} ${res.body.slice(0, 300)}`);
  return ctx;
}

/** A valid call made while setting up; it must not fail. */
async function must(ctx: APIRequestContext, name: string, fields: Record<string, string | string[]>, page = "/"): Promise<Answer> {
  const res = await postForm(ctx, page, actionId(name), Object.entries(fields));
  const state = actionState(res.raw);
  if (res.status >= 400 || state?.status === "error") throw new Error(`setting up: ${name} failed: ${res.status} ${JSON.stringify(state)}`);
  return res;
}

async function one<T>(q: Promise<T[]>): Promise<T> {
  const [row] = await q;
  if (!row) throw new Error("setting up: a row is missing");
  return row;
}

async function setUp(origin: string): Promise<World> {
  const tag = `${Date.now()}`;
  const as = { anonymous: await newContext(origin) } as Record<Who, APIRequestContext>;
  for (const [who, login] of Object.entries(PEOPLE)) as[who as Who] = await signedIn(origin, login);
  const dept = (name: string) => one(sql<{ id: number }[]>`select id from departments where name = ${name}`).then((r) => r.id);
  const user = (login: string) => one(sql<{ id: number; version: number }[]>`select id, version from users where login = ${login}`);
  const academic = await dept("教务处");
  const students = await dept("学生处");
  const finance = await dept("财务处");

  await must(as.office, "registerItemAction", { title: `模糊测试事项 ${tag}`, source: "staff", urgency: "normal", leadDepartmentId: String(academic), dueInWorkingDays: "10" });
  const item = await one(sql<{ id: number; version: number }[]>`select id, version from items where title = ${`模糊测试事项 ${tag}`}`);
  await must(as.office, "registerItemAction", { title: `模糊测试他处事项 ${tag}`, source: "staff", urgency: "normal", leadDepartmentId: String(finance), dueInWorkingDays: "10" });
  const otherItem = await one(sql<{ id: number }[]>`select id from items where title = ${`模糊测试他处事项 ${tag}`}`);

  await must(as.head, "createRequestAction", { title: `模糊测试请示 ${tag}`, question: "是否同意？", urgency: "normal" });
  const request = await one(sql<{ id: number }[]>`select id from requests where title = ${`模糊测试请示 ${tag}`}`);
  await must(as.head, "submitRequestAction", { id: String(request.id), version: "1" });
  await must(as.office, "proposeRequestAction", { id: String(request.id), version: "2", proposal: "拟请审定" });

  await must(as.head, "raiseCoordinationAction", { title: `模糊测试协调 ${tag}`, background: "场地", urgency: "normal", partyDepartmentIds: [String(students)], [`need_${students}`]: "请配合" });
  const matter = await one(sql<{ id: number }[]>`select id from coordination_matters where title = ${`模糊测试协调 ${tag}`}`);
  await must(as.office, "acceptCoordinationAction", { id: String(matter.id), version: "1" });

  await must(as.office, "publishNoticeAction", { kind: "notice", title: `模糊测试通知 ${tag}`, body: "请确认。", departmentIds: [String(academic)], receiptRequired: "on" });
  const notice = await one(sql<{ id: number }[]>`select id from notices where title = ${`模糊测试通知 ${tag}`}`);

  // Tokens for the API part: the office registers items, the department reports progress.
  const tokenOf = async (ctx: APIRequestContext, name: string) => {
    const res = await must(ctx, "createTokenAction", { name, scopes: ["items:read", "items:write", "notices:read", "org:read"], expiresInDays: "30" });
    const secret = /zs_[A-Za-z0-9_-]{43}/.exec(res.body)?.[0];
    if (!secret) throw new Error("setting up: no token in the answer");
    return secret;
  };
  const officeToken = await tokenOf(as.office, `模糊测试 ${tag}`);
  const headToken = await tokenOf(as.head, `模糊测试 ${tag}`);
  const readToken = await tokenOf(as.deputy, `模糊测试 ${tag}`);
  const token = await one(sql<{ id: number }[]>`select t.id from api_tokens t join users u on u.id = t.user_id where u.login = ${PEOPLE.office} and t.name = ${`模糊测试 ${tag}`}`);

  await must(as.admin, "createServiceAccountAction", { login: `fuzz-svc-${tag}`, name: "模糊测试接口", departmentId: String(academic), roles: ["dept_staff"] });
  const serviceUser = await user(`fuzz-svc-${tag}`);
  await must(as.admin, "createServiceTokenAction", { userId: String(serviceUser.id), name: "模糊测试", scopes: ["items:read"], expiresInDays: "30" });
  const serviceToken = await one(sql<{ id: number }[]>`select id from api_tokens where user_id = ${serviceUser.id}`);
  // Only for an event nothing below causes, so no delivery is queued while fuzzing.
  await must(as.admin, "createWebhookAction", { name: `模糊测试 ${tag}`, url: "http://127.0.0.1:9/fuzz", events: ["item.closed"] });
  const webhook = await one(sql<{ id: number }[]>`select id from webhooks where name = ${`模糊测试 ${tag}`}`);

  // Idempotent actions whose fuzzing must change nothing: run once for real first.
  await must(as.office, "sweepNowAction", {});
  await must(as.head, "markAllReadAction", {});
  const notification = await one(sql<{ id: number }[]>`
    select n.id from notifications n join users u on u.id = n.user_id where u.login = ${PEOPLE.head} order by n.id desc limit 1`);

  const staff = await user(PEOPLE.staff);
  const portfolio = await one(sql<{ id: number }[]>`select id from portfolios order by id limit 1`);
  const versions = await one(sql<{ i: number; r: number; m: number; n: number }[]>`
    select (select version from items where id = ${item.id}) as i, (select version from requests where id = ${request.id}) as r,
           (select version from coordination_matters where id = ${matter.id}) as m, (select version from notices where id = ${notice.id}) as n`);
  return {
    origin,
    as,
    extra: [],
    academic,
    students,
    finance,
    principal: (await user(PEOPLE.principal)).id,
    deputy: (await user(PEOPLE.deputy)).id,
    otherDeputy: (await user("zhangweidong")).id,
    staffUser: staff.id,
    staffVersion: staff.version,
    portfolio: portfolio.id,
    item: item.id,
    itemVersion: versions.i,
    otherItem: otherItem.id,
    request: request.id,
    requestVersion: versions.r,
    matter: matter.id,
    matterVersion: versions.m,
    notice: notice.id,
    noticeVersion: versions.n,
    notification: notification.id,
    token: token.id,
    serviceUser: serviceUser.id,
    serviceToken: serviceToken.id,
    webhook: webhook.id,
    officeToken,
    headToken,
    readToken,
  };
}

// ---------------------------------------------------------------------------------------------
// Profiles: for every action, who may post it and what its fields are

type Expect = "error" | "ok" | "redirect";
type Profile = {
  who: Who;
  page: string;
  fields: Record<string, Kind>;
  /** "error" (the default): every generated form is refused. "ok"/"redirect": the action takes no input. */
  expect?: Expect;
  args?: "state" | "form";
  /** Changes that are the very point of the action even when refused (sign-in attempts). */
  scope?: DigestScope;
  /** Headers per request (a fresh client address for sign-in attempts). */
  headers?: () => Record<string, string>;
  /** A fresh anonymous context per action: its cookies (language, SSO state) must not leak into others. */
  fresh?: boolean;
  /** Where a redirect may lead. */
  redirectTo?: RegExp;
  /** The data layer refuses every form anyway (a wrong current password): noise alone is a case too. */
  refusedAnyway?: boolean;
};

const id = (valid: number, ...domain: (number | string)[]): Kind => ({ t: "id", valid: String(valid), domain: [String(MAX_INT), ...domain.map(String)] });
const version = (valid: number): Kind => ({ t: "version", valid: String(valid) });
const text = (max: number): Kind => ({ t: "text", max });
const optText = (max: number): Kind => ({ t: "optText", max });
const choice = (values: readonly string[]): Kind => ({ t: "choice", values });
const ids = (valid: number[], required = false): Kind => ({ t: "ids", valid: valid.map(String), required });
const K = {
  date: { t: "date" } as Kind,
  optDate: { t: "optDate" } as Kind,
  dateTime: { t: "dateTime" } as Kind,
  checkbox: { t: "checkbox" } as Kind,
  bool: { t: "bool" } as Kind,
  file: { t: "file" } as Kind,
  files: { t: "files" } as Kind,
  free: (...values: string[]): Kind => ({ t: "free", values }),
};
/** Same-site paths only: never another host ("//evil", "/\evil"), never a script. */
const SAME_SITE = /^\/(?![/\\])/;

function profiles(w: World): Record<string, Profile> {
  const item = { id: id(w.item), version: version(w.itemVersion) };
  // For the department head: another department's item is refused like a missing one.
  const ownItem = { id: id(w.item, w.otherItem), version: version(w.itemVersion) };
  const req = { id: id(w.request), version: version(w.requestVersion) };
  const matter = { id: id(w.matter), version: version(w.matterVersion) };
  const notice = { id: id(w.notice), version: version(w.noticeVersion) };
  const office = { who: "office" as const, page: "/office" };
  const head = { who: "head" as const, page: "/department" };
  const principal = { who: "principal" as const, page: "/leadership" };
  const deputy = { who: "deputy" as const, page: "/leadership" };
  const admin = { who: "admin" as const, page: "/admin" };
  const draft = {
    title: text(200),
    background: optText(20_000),
    question: text(5_000),
    options: optText(20_000),
    recommendation: optText(5_000),
    urgency: choice(URGENCIES),
    wishedBy: K.optDate,
  };
  const dept = { name: text(60), kind: choice(DEPARTMENT_KINDS), parentId: { t: "optId", valid: String(w.academic) } as Kind, sortOrder: { t: "int", min: 0, max: 9999, optional: true } as Kind };
  const person = { name: text(40), email: { t: "email" } as Kind, title: optText(60), departmentId: id(w.academic), roles: { t: "choices", values: ROLES, required: true } as Kind };
  const portfolio = { deputyId: id(w.deputy, w.staffUser), departmentId: id(w.academic), startsOn: K.date, endsOn: K.optDate };
  const audience = { departmentIds: ids([w.academic]), roles: { t: "choices", values: ROLES } as Kind, userIds: ids([w.staffUser]) };
  const token = { name: text(80), scopes: { t: "choices", values: SCOPES, required: true } as Kind, expiresInDays: { t: "int", min: 1, max: 365, optional: true } as Kind };
  const point = (n: number) => ({ [`point_${n}_departmentId`]: { t: "pointDept", valid: String(w.students) } as Kind, [`point_${n}_text`]: { t: "pointText" } as Kind, [`point_${n}_dueOn`]: { t: "pointDue" } as Kind });
  return {
    // Supervised items
    registerItemAction: {
      ...office,
      fields: {
        title: text(200),
        body: optText(20_000),
        source: choice(ITEM_SOURCES),
        urgency: choice(URGENCIES),
        major: K.checkbox,
        leadDepartmentId: id(w.academic),
        supportDepartmentIds: ids([w.students]),
        dueOn: K.optDate,
        dueInWorkingDays: { t: "int", min: 1, max: 365, optional: true },
        proposal: optText(5_000),
        [`supportDue_${w.students}`]: K.free("2030-01-02", "2026-02-30"),
      },
    },
    proposeAction: { ...office, fields: { ...item, proposal: text(5_000) } },
    rerouteAction: { ...office, fields: { ...item, leaderId: id(w.principal, w.staffUser), note: text(500) } },
    dispatchAction: { ...office, fields: item },
    decideAction: { ...principal, fields: { ...item, decision: choice(["approve", "instruct"]), instruction: optText(5_000) } },
    referToPrincipalAction: { ...deputy, fields: { ...item, note: text(5_000) } },
    leaderSendDirectAction: { ...principal, fields: { ...item, instruction: optText(5_000) } },
    signForAction: { ...head, fields: ownItem },
    reportProgressAction: { ...head, fields: { ...ownItem, note: text(5_000), partDone: K.checkbox } },
    requestExtensionAction: { ...head, fields: { ...ownItem, requestedDueOn: K.date, reason: choice(EXTENSION_REASONS), note: optText(1_000) } },
    decideExtensionAction: { ...office, fields: { ...item, extensionId: id(1), approve: K.bool, note: optText(1_000) } },
    reportCompletionAction: { ...head, fields: { ...ownItem, note: text(5_000) } },
    closeAction: { ...office, fields: { ...item, note: optText(5_000) } },
    returnForReworkAction: { ...office, fields: { ...item, note: text(5_000) } },
    urgeAction: { ...office, fields: { ...item, note: optText(5_000) } },
    cancelAction: { ...office, fields: { ...item, note: text(5_000) } },
    sweepNowAction: { ...office, fields: {}, expect: "ok" },
    editItemAction: {
      ...office,
      fields: { ...item, urgency: choice(URGENCIES), major: K.checkbox, leadDepartmentId: id(w.academic), supportDepartmentIds: ids([w.students]), dueOn: K.date, note: optText(1_000) },
    },
    uploadAttachmentAction: { ...head, fields: { id: id(w.item, w.otherItem), file: K.file } },

    // Requests for instruction
    createRequestAction: { ...head, fields: draft },
    editRequestAction: { ...head, fields: { ...req, ...draft } },
    submitRequestAction: { ...head, fields: req },
    withdrawRequestAction: { ...head, fields: { ...req, reason: optText(5_000) } },
    returnRequestAction: { ...office, fields: { ...req, comment: text(5_000) } },
    proposeRequestAction: { ...office, fields: { ...req, proposal: text(5_000), major: K.checkbox } },
    rerouteRequestAction: { ...office, fields: { ...req, leaderId: id(w.principal, w.staffUser), note: text(500) } },
    requestCountersignAction: { ...principal, fields: { ...req, leaderIds: ids([w.deputy], true), note: optText(5_000) } },
    countersignAction: { ...deputy, fields: { ...req, opinion: text(5_000) } },
    decideRequestAction: { ...principal, fields: { ...req, decision: choice(["approve", "reject", "instruct"]), text: optText(5_000) } },
    referRequestAction: { ...deputy, fields: { ...req, note: optText(5_000) } },
    convertRequestAction: {
      ...office,
      fields: { ...req, title: text(200), body: optText(20_000), leadDepartmentId: id(w.academic), supportDepartmentIds: ids([w.students]), dueOn: K.date, urgency: choice(URGENCIES) },
    },
    uploadRequestAttachmentAction: { ...head, fields: { id: id(w.request), file: K.file } },

    // Coordination
    raiseCoordinationAction: {
      ...head,
      fields: { title: text(200), background: text(5_000), urgency: choice(URGENCIES), partyDepartmentIds: ids([w.students], true), [`need_${w.students}`]: K.free("请配合") },
    },
    acceptCoordinationAction: { ...office, fields: matter },
    declineCoordinationAction: { ...office, fields: { ...matter, reason: text(5_000) } },
    statePositionAction: { who: "studentsHead", page: "/department", fields: { ...matter, position: text(5_000) } },
    logConsultationAction: { ...office, fields: { ...matter, note: text(5_000) } },
    proposeMeetingAction: { ...office, fields: { ...matter, note: text(5_000) } },
    recordAgreementAction: { ...office, fields: { ...matter, ...point(1), ...point(2) } },
    escalateCoordinationAction: { ...office, fields: { ...matter, summary: text(5_000), proposal: text(5_000) } },
    decideCoordinationAction: { ...principal, fields: { ...matter, decision: text(5_000), ...point(1) } },
    closeCoordinationAction: { ...office, fields: { ...matter, note: optText(5_000) } },

    // Notices
    publishNoticeAction: {
      ...office,
      fields: { kind: choice(NOTICE_KINDS), title: text(200), body: optText(20_000), ...audience, receiptRequired: K.checkbox, receiptDueAt: K.dateTime, files: K.files },
    },
    reviseNoticeAction: { ...office, fields: { ...notice, title: text(200), body: optText(20_000), receiptDueAt: K.dateTime, ...audience, files: K.files } },
    withdrawNoticeAction: { ...office, fields: { ...notice, reason: text(1_000) } },
    confirmNoticeAction: { ...head, fields: { id: id(w.notice), onBehalfOf: { t: "optId", valid: String(w.staffUser) }, revision: { t: "optId", valid: "1" } } },
    replyNoticeAction: {
      ...head,
      fields: { id: id(w.notice), reply: choice(MEETING_REPLIES), substituteId: { t: "optId", valid: String(w.staffUser) }, reason: optText(1_000), onBehalfOf: { t: "optId" }, revision: { t: "optId", valid: "1" } },
    },
    signForDepartmentAction: { who: "liaison", page: "/department", fields: { id: id(w.notice) } },
    urgeNoticeAction: { ...office, fields: { id: id(w.notice) } },
    uploadNoticeAttachmentAction: { ...office, fields: { ...notice, file: K.file } },

    // Notifications and one's account
    markAllReadAction: { ...head, fields: {}, expect: "ok" },
    markReadAction: { ...head, fields: { id: { t: "id", valid: String(w.notification), domain: [String(Number.MAX_SAFE_INTEGER)] } } },
    // Never the right current password: the data layer refuses what the schema lets through.
    changePasswordAction: {
      who: "staff",
      page: "/account",
      refusedAnyway: true,
      fields: { current: K.free("wrong-password", "ZHONGSHU-DEMO", " zhongshu-demo"), password: { t: "password" }, confirm: K.free("long-enough-password") },
    },

    // Administration
    createUserAction: { ...admin, fields: { ...person, login: { t: "login" }, password: { t: "password" } } },
    updateUserAction: { ...admin, fields: { id: id(w.staffUser), version: version(w.staffVersion), ...person } },
    setUserActiveAction: { ...admin, fields: { id: id(w.staffUser), version: version(w.staffVersion), active: K.bool } },
    resetPasswordAction: { ...admin, fields: { id: id(w.staffUser), version: version(w.staffVersion), password: { t: "password" } } },
    createDepartmentAction: { ...admin, fields: dept },
    updateDepartmentAction: { ...admin, fields: { id: id(w.academic), version: version(1), ...dept } },
    setDepartmentActiveAction: { ...admin, fields: { id: id(w.academic), version: version(1), active: K.bool } },
    createPortfolioAction: { ...admin, fields: portfolio },
    updatePortfolioAction: { ...admin, fields: { id: id(w.portfolio), version: version(1), ...portfolio } },
    deletePortfolioAction: { ...admin, fields: { id: id(w.portfolio), version: version(1) } },
    createDelegationAction: { ...admin, fields: { fromUserId: id(w.principal, w.staffUser), toUserId: id(w.deputy, w.staffUser), startsOn: K.date, endsOn: K.date, departmentIds: ids([w.academic]), note: optText(200) } },
    revokeDelegationAction: { ...admin, fields: { id: id(1), version: version(1) } },
    setCalendarDayAction: { ...admin, fields: { day: K.date, kind: choice(["holiday", "workday", "normal"]), name: optText(100) } },
    importCalendarAction: { ...admin, fields: { text: { t: "calendar" }, file: { t: "calFile" } } },
    setPasswordSignInAction: { ...admin, fields: { version: { t: "seenVersion", valid: "0" }, enabled: K.bool } },
    removeIdentityAction: { ...admin, fields: { id: id(w.staffUser), version: version(w.staffVersion), identityId: id(1) } },

    // Tokens, service accounts, webhooks
    createTokenAction: { ...office, page: "/account/tokens", fields: token },
    revokeTokenAction: { ...office, page: "/account/tokens", fields: { id: id(w.token), version: version(1) } },
    createServiceTokenAction: { ...admin, fields: { ...token, userId: id(w.serviceUser, w.staffUser) } },
    revokeServiceTokenAction: { ...admin, fields: { id: id(w.serviceToken), version: version(1) } },
    createServiceAccountAction: {
      ...admin,
      fields: { login: { t: "login" }, name: text(40), title: optText(60), departmentId: id(w.academic), roles: { t: "choices", values: SERVICE_ROLES, required: true } },
    },
    createWebhookAction: { ...admin, fields: { name: text(80), url: { t: "url" }, events: { t: "choices", values: WEBHOOK_EVENTS, required: true } } },
    setWebhookActiveAction: { ...admin, fields: { id: id(w.webhook), version: version(1), active: K.bool } },
    testWebhookAction: { ...admin, fields: { id: id(w.webhook) } },

    // Signing in and out, language and workspace
    signInAction: {
      who: "anonymous",
      page: "/login",
      fresh: true,
      // Never a real account: every attempt fails, and is counted and audited (and no real
      // account gets locked for the specs that follow).
      fields: { login: K.free("nobody", "fuzz-nobody", "zhoumin\u0000", "' OR 1=1 --"), password: K.free("x", PASSWORD), next: K.free("//evil.example", "https://evil.example/", "/\\evil.example", "javascript:alert(1)") },
      // Failed attempts are counted (sign_in_throttle) and audited: the auth.* audit rows, and the
      // head of the audit hash chain they extend (audit_chain_heads), change by design.
      scope: { skip: ["sign_in_throttle", "audit_chain_heads"], where: { audit_events: "action not like 'auth.%'" } },
      headers: () => ({ "X-Forwarded-For": `198.18.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}` }),
    },
    signOutAction: { who: "anonymous", page: "/login", fresh: true, fields: {}, args: "form", expect: "redirect", redirectTo: SAME_SITE },
    setLocaleAction: { who: "anonymous", page: "/login", fresh: true, fields: { locale: K.free("en", "zh-CN", "xx", "../"), back: K.free("//evil.example", "https://evil.example/", "/\\evil.example", "/admin?x=1") }, args: "form", expect: "redirect", redirectTo: SAME_SITE },
    switchHomeAction: { who: "switcher", page: "/department", fields: { home: K.free(...HOMES, "../admin", "") }, args: "form", expect: "redirect", redirectTo: SAME_SITE },
    ssoSignInAction: { who: "anonymous", page: "/login", fresh: true, fields: { next: K.free("//evil.example", "https://evil.example/", "/notices") }, args: "form", expect: "redirect" },
  };
}

// ---------------------------------------------------------------------------------------------
// The property

type Case = { fields: Fields; poisoned: string[] };

function withDomain(kind: Kind): fc.Arbitrary<FieldValue | undefined> | null {
  const p = poison(kind);
  if (!p) return null;
  if (kind.t === "id" && kind.domain?.length) return fc.oneof(p, fc.constantFrom(...kind.domain));
  if (kind.t === "version" || kind.t === "seenVersion") return fc.oneof(p, fc.constant(STALE));
  return p;
}

/** A form with one or two poisoned fields, noise in the others, and perhaps fields no form has. */
function cases(profile: Profile): fc.Arbitrary<Case> {
  const names = Object.keys(profile.fields);
  const poisons = Object.fromEntries(names.flatMap((n) => {
    const p = withDomain(profile.fields[n]);
    return p ? [[n, p]] : [];
  }));
  const poisonable = Object.keys(poisons);
  const noises = fc.tuple(...names.map((n) => noise(profile.fields[n])));
  const chosen = poisonable.length ? fc.subarray(poisonable, { minLength: profile.refusedAnyway ? 0 : 1, maxLength: Math.min(2, poisonable.length) }) : fc.constant<string[]>([]);
  const poisoned = poisonable.length ? fc.tuple(...poisonable.map((n) => poisons[n])) : fc.constant([] as (FieldValue | undefined)[]);
  return fc.record({ noise: noises, chosen, poisoned, extras: extraFields }).map(({ noise: values, chosen: picked, poisoned: bad, extras }) => {
    const byName = new Map<string, FieldValue | undefined>(names.map((n, i) => [n, values[i]]));
    for (const n of picked) byName.set(n, bad[poisonable.indexOf(n)]);
    // Extras first; one that shares a real field's name makes that field repeated (an array).
    return { fields: [...extras, ...byName], poisoned: picked };
  });
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (Math.imul(h, 31) + c.codePointAt(0)!) | 0;
  return h;
}

const background = (d: Record<string, string>) => d.__background;

/** Digest of the database, with the background sweep's marker to tell its changes from ours. */
async function digest(scope: DigestScope = {}) {
  const d = await databaseDigest(sql, scope);
  const [marker] = await sql<{ m: string }[]>`select coalesce(max(started_at)::text, '') || count(*)::text as m from sweep_runs`;
  return { ...d, __background: marker.m };
}

/** Checks one answer; returns what is wrong, or null. */
function problem(profile: Profile, answer: Answer): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}: ${answer.body.slice(0, 300)}`;
  const leak = STACK_TRACE.exec(answer.body);
  if (leak) return `the answer shows internals (${JSON.stringify(leak[0])}): …${answer.body.slice(Math.max(0, leak.index - 200), leak.index + 200)}…`;
  const expected = profile.expect ?? "error";
  if (expected === "redirect") {
    if (!answer.redirect) return `expected a redirect, got ${answer.status} ${answer.body.slice(0, 300)}`;
    const target = answer.redirect.replace(/;(push|replace)$/, "");
    if (profile.redirectTo && !profile.redirectTo.test(target.startsWith(world.origin) ? target.slice(world.origin.length) || "/" : target)) return `redirects off the site: ${target}`;
    return null;
  }
  if (answer.redirect) return `redirected to ${answer.redirect} although the input was not valid`;
  const state = actionState(answer.raw);
  if (!state) return `no action state in the answer (HTTP ${answer.status}): ${answer.body.slice(0, 300)}`;
  if (state.status !== expected) return `expected status "${expected}", got ${JSON.stringify(state).slice(0, 400)}`;
  if (expected === "error") {
    if (!state.message) return `an error without a message: ${JSON.stringify(state).slice(0, 300)}`;
    if (NOT_TYPED.includes(state.message)) return `not a typed error: ${state.message}`;
    for (const m of [state.message, ...Object.values(state.fieldErrors ?? {})]) if (!HAN.test(m)) return `a message not in the reader's language (zh-CN): ${m}`;
  }
  return null;
}

async function fuzz(name: string, profile: Profile) {
  const seed = (BASE_SEED + hash(name)) | 0;
  test.info().annotations.push({ type: "fuzz", description: `${name}: seed ${seed} (FUZZ_SEED=${BASE_SEED}), ${RUNS} runs` });
  const actor = profile.fresh ? await newContext(world.origin) : world.as[profile.who];
  if (profile.fresh) world.extra.push(actor);
  let before = await digest(profile.scope);
  let runs = 0;
  let skippedDbChecks = 0;
  await fc.assert(
    fc.asyncProperty(cases(profile), async ({ fields, poisoned }) => {
      runs++;
      const answer = await postForm(actor, profile.page, actionId(name), fields, { args: profile.args, headers: profile.headers?.() });
      const after = await digest(profile.scope);
      const what = () => `${name} (seed ${seed}, run ${runs}; poisoned: ${poisoned.join(", ") || "none"})\n  fields: ${describeFields(fields)}`;
      const wrong = problem(profile, answer);
      if (wrong) throw new Error(`${what()}\n  ${wrong}`);
      const changed = changedTables(before, after).filter((t) => t !== "__background");
      if (changed.length && background(before) !== background(after)) {
        // The hourly sweep ran meanwhile (lib/scheduler.ts): its writes are not ours to judge.
        skippedDbChecks++;
      } else if (changed.length) {
        throw new Error(`${what()}\n  the database changed: ${changed.join(", ")}\n  answer: ${JSON.stringify(actionState(answer.raw) ?? answer.redirect)?.slice(0, 300)}`);
      }
      before = after;
    }),
    {
      numRuns: RUNS,
      seed,
      // No shrinking: every run is a real request; the first failing form is reported as it was sent.
      endOnFailure: true,
      // The failing form is in the error (values cut short); fast-check's own report would print 100,000-character strings.
      reporter: (out) => {
        if (out.failed) throw new Error(`${out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance)}\n  replay: FUZZ_SEED=${BASE_SEED} FUZZ_ONLY=${name}`);
      },
    },
  );
  expect(runs).toBe(RUNS);
  expect(skippedDbChecks, "runs whose database check the background sweep spoiled").toBeLessThan(RUNS);
}

// ---------------------------------------------------------------------------------------------
// The tests

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  sql = e2eSql();
  world = await setUp(baseURL!);
  console.log(`[fuzz] FUZZ_SEED=${BASE_SEED} FUZZ_RUNS=${RUNS}${ONLY ? ` FUZZ_ONLY=${ONLY}` : ""}`);
});

test.afterAll(async () => {
  for (const ctx of [...Object.values(world?.as ?? {}), ...(world?.extra ?? [])]) await ctx.dispose();
  await sql?.end();
});

test("every server action in the build has a fuzz profile", () => {
  const inBuild = serverActions("").map((a) => a.name);
  expect(inBuild.length).toBeGreaterThan(50);
  const known = Object.keys(profiles(world));
  expect(inBuild.filter((n) => !known.includes(n)), "actions without a profile in fuzz-actions.spec.ts").toEqual([]);
  expect(known.filter((n) => !inBuild.includes(n)), "profiles of actions no longer in the build").toEqual([]);
});

// One test per action, named statically (the profiles need the set-up's records).
const NAMES = [
  ...["registerItemAction", "proposeAction", "rerouteAction", "dispatchAction", "decideAction", "referToPrincipalAction", "leaderSendDirectAction", "signForAction", "reportProgressAction"],
  ...["requestExtensionAction", "decideExtensionAction", "reportCompletionAction", "closeAction", "returnForReworkAction", "urgeAction", "cancelAction", "sweepNowAction", "editItemAction", "uploadAttachmentAction"],
  ...["createRequestAction", "editRequestAction", "submitRequestAction", "withdrawRequestAction", "returnRequestAction", "proposeRequestAction", "rerouteRequestAction"],
  ...["requestCountersignAction", "countersignAction", "decideRequestAction", "referRequestAction", "convertRequestAction", "uploadRequestAttachmentAction"],
  ...["raiseCoordinationAction", "acceptCoordinationAction", "declineCoordinationAction", "statePositionAction", "logConsultationAction", "proposeMeetingAction"],
  ...["recordAgreementAction", "escalateCoordinationAction", "decideCoordinationAction", "closeCoordinationAction"],
  ...["publishNoticeAction", "reviseNoticeAction", "withdrawNoticeAction", "confirmNoticeAction", "replyNoticeAction", "signForDepartmentAction", "urgeNoticeAction", "uploadNoticeAttachmentAction"],
  ...["markAllReadAction", "markReadAction", "changePasswordAction"],
  ...["createUserAction", "updateUserAction", "setUserActiveAction", "resetPasswordAction", "createDepartmentAction", "updateDepartmentAction", "setDepartmentActiveAction"],
  ...["createPortfolioAction", "updatePortfolioAction", "deletePortfolioAction", "createDelegationAction", "revokeDelegationAction", "setCalendarDayAction", "importCalendarAction"],
  ...["setPasswordSignInAction", "removeIdentityAction"],
  ...["createTokenAction", "revokeTokenAction", "createServiceTokenAction", "revokeServiceTokenAction", "createServiceAccountAction", "createWebhookAction", "setWebhookActiveAction", "testWebhookAction"],
  ...["signInAction", "signOutAction", "setLocaleAction", "switchHomeAction", "ssoSignInAction"],
];

test("the list of fuzzed actions is the list of profiles", () => {
  expect([...NAMES].sort()).toEqual(Object.keys(profiles(world)).sort());
});

for (const name of NAMES.filter((n) => !ONLY || n === ONLY)) {
  test(`fuzz ${name}`, async () => {
    test.setTimeout(120_000);
    await fuzz(name, profiles(world)[name]);
  });
}

// React decodes whatever argument list a request names; a browser always sends the form, but a
// hand-made request may send none, a string, or the two arguments swapped. The action must then
// answer as for an empty form (or redirect), not fail.
test("malformed argument lists never break an action", async () => {
  test.skip(!!ONLY, "FUZZ_ONLY replays one action");
  test.setTimeout(240_000);
  const shapes = [
    ["nothing", "[]"],
    ["a string for the form", JSON.stringify([{ status: "idle" }, "not a form"])],
    ["the arguments swapped", "swap"],
  ] as const;
  const all = profiles(world);
  const failures: string[] = [];
  for (const [name, profile] of Object.entries(all)) {
    const actor = profile.fresh ? await newContext(world.origin) : world.as[profile.who];
    if (profile.fresh) world.extra.push(actor);
    let before = await digest(profile.scope);
    for (const [label, args] of shapes) {
      const list = args !== "swap" ? args : profile.args === "form" ? JSON.stringify([{ status: "idle" }, "$K1"]) : JSON.stringify(["$K1"]);
      const answer = await postForm(actor, profile.page, actionId(name), [["title", "x"]], { args: list, headers: profile.headers?.() });
      const after = await digest(profile.scope);
      const changed = changedTables(before, after).filter((t) => t !== "__background");
      if (answer.status >= 500) failures.push(`${name} (${label}): HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
      // An error row, other than Next's own control flow (a page's redirect after a redirecting action).
      else if (/(?:^|\n)[0-9a-f]+:E\{(?!"digest":"NEXT_)/.test(answer.body)) failures.push(`${name} (${label}): an error row ${answer.body.slice(0, 200)}`);
      else if (STACK_TRACE.test(answer.body)) failures.push(`${name} (${label}): the answer shows internals`);
      else if (changed.length && background(before) === background(after)) failures.push(`${name} (${label}): the database changed (${changed.join(", ")})`);
      before = after;
    }
  }
  expect(failures).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// The JSON API: /api/v1 items, with a valid token of someone who may register or report

/**
 * Left out of the API's digests: every request counts against its address and token
 * (rate_limit_buckets), and a token's last use is noted (api_tokens.last_used_at) — both the
 * point of asking, not a change made by the input.
 */
const API_SCOPE: DigestScope = {
  skip: ["rate_limit_buckets"],
  columns: { api_tokens: ["id", "user_id", "name", "prefix", "token_hash", "scopes", "expires_at", "revoked_at", "created_by_id", "version", "created_at"] },
};

type JsonField = { noise: fc.Arbitrary<unknown>; poison: fc.Arbitrary<unknown> };
type ApiCase = { path: string; body: string; contentType: string | null; poisoned: string[] };

const jsonText = (max: number) => fc.oneof(fc.constantFrom(...HOSTILE_STRINGS_JSON), fc.constant("长".repeat(max)));
const HOSTILE_STRINGS_JSON = ["'; DROP TABLE items; --", "<script>alert(1)</script>", "\u202Eevil", "👩‍👩‍👧‍👦", "１２３", "{{7*7}}", "__proto__"];
const notInt = fc.constantFrom<unknown>("3", 1.5, -1, 0, 2147483648, 1e300, null, "1e3", true, [3], {}, "");
const badText = (max: number) => fc.constantFrom<unknown>("", "   ", "a\u0000b", "\ud800", "x".repeat(max + 1), 123, null, [], {}, true);
const badDate = fc.constantFrom<unknown>("2026-02-30", "2026-13-01", 20260101, null, "", "2030-01-02T00:00", "0000-01-01", " 2030-01-02");

/** A JSON body: one or two poisoned fields (or a key the schema does not know), noise elsewhere. */
function jsonBody(fields: Record<string, JsonField>, wholeBody: fc.Arbitrary<string>): fc.Arbitrary<{ body: string; poisoned: string[] }> {
  const names = Object.keys(fields);
  const extra = fc.constantFrom("__proto__", "constructor", "id", "state", "createdById", "number", "");
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({
      noise: fc.tuple(...names.map((n) => fields[n].noise)),
      poisoned: fc.tuple(...names.map((n) => fields[n].poison)),
      chosen: fc.subarray(names, { minLength: 1, maxLength: 2 }),
      extras: fc.array(fc.tuple(extra, fc.constantFrom<unknown>(1, "x", { polluted: true }, null)), { maxLength: 2 }),
    }).map(({ noise: values, poisoned, chosen, extras }) => {
      // Built as JSON text by hand, so that "__proto__" is a key like any other (as a client may send it).
      const parts = names.map((n, i) => [n, chosen.includes(n) ? poisoned[i] : values[i]] as const).filter(([, v]) => v !== undefined);
      const all = [...parts, ...extras];
      return { body: `{${all.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`, poisoned: [...chosen, ...extras.map(([k]) => `+${k}`)] };
    }) },
    { weight: 1, arbitrary: wholeBody.map((body) => ({ body, poisoned: ["(body)"] })) },
  );
}

const MALFORMED_BODIES = fc.constantFrom("", "{", "null", "[]", "123", '"text"', '{"title":', "[".repeat(5000) + "]".repeat(5000), `{"title":"${"x".repeat(70_000)}"}`, "\uFEFF{}", "{'title':'x'}", "NaN");
const CONTENT_TYPES = fc.oneof(
  { weight: 8, arbitrary: fc.constant<string | null>("application/json") },
  { weight: 1, arbitrary: fc.constantFrom<string | null>(null, "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json-patch", "application/x-www-form-urlencoded") },
);

async function apiFuzz(name: string, token: string, gen: fc.Arbitrary<ApiCase>, method: "POST" | "GET", allowOk = false) {
  const seed = (BASE_SEED + hash(name)) | 0;
  test.info().annotations.push({ type: "fuzz", description: `${name}: seed ${seed} (FUZZ_SEED=${BASE_SEED}), ${RUNS} runs` });
  const api = await playwrightRequest.newContext({ baseURL: world.origin, extraHTTPHeaders: { Authorization: `Bearer ${token}`, "Accept-Language": "zh-CN", Connection: "close" } });
  let before = await digest(API_SCOPE);
  let runs = 0;
  try {
    await fc.assert(
      fc.asyncProperty(gen, async (c) => {
        runs++;
        const headers: Record<string, string> = c.contentType ? { "Content-Type": c.contentType } : {};
        const res = method === "GET" ? await api.get(c.path, { failOnStatusCode: false, maxRedirects: 0 }) : await api.post(c.path, { headers, data: c.body, failOnStatusCode: false, maxRedirects: 0 });
        const text = await res.text();
        const after = await digest(API_SCOPE);
        const what = `${name} (seed ${seed}, run ${runs}; poisoned: ${c.poisoned.join(", ")})\n  ${method} ${c.path} ${c.contentType ?? "(no type)"} ${c.body.length > 300 ? `${c.body.slice(0, 300)}…(${c.body.length} chars)` : c.body}\n  → ${res.status()} ${text.slice(0, 300)}`;
        if (res.status() >= 500) throw new Error(`${what}\n  a server error`);
        if (STACK_TRACE.test(text)) throw new Error(`${what}\n  the answer shows internals`);
        // A trailing slash is normalised by a redirect to the same path without it.
        const sameSiteRedirect = res.status() === 308 && (res.headers().location ?? "").startsWith("/api/v1/");
        if (!(allowOk && (res.status() === 200 || sameSiteRedirect))) {
          // 401/403 would mean the token was not even accepted, 429 that nothing was validated.
          if (res.status() < 400 || [401, 403, 429].includes(res.status())) throw new Error(`${what}\n  expected a 4xx refusal of the input`);
          let json: { error?: { code?: unknown; message?: unknown } } = {};
          try {
            json = JSON.parse(text);
          } catch {
            throw new Error(`${what}\n  not JSON`);
          }
          if (typeof json.error?.code !== "string" || typeof json.error.message !== "string") throw new Error(`${what}\n  not {error:{code,message}}`);
          if (json.error.code === "internal_error") throw new Error(`${what}\n  an internal error`);
          if (!HAN.test(json.error.message)) throw new Error(`${what}\n  a message not in the reader's language (zh-CN)`);
        }
        const changed = changedTables(before, after).filter((t) => t !== "__background");
        if (changed.length && background(before) === background(after)) throw new Error(`${what}\n  the database changed: ${changed.join(", ")}`);
        before = after;
      }),
      {
        numRuns: RUNS,
        seed,
        endOnFailure: true,
        reporter: (out) => {
          if (out.failed) throw new Error(`${out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance)}\n  replay: FUZZ_SEED=${BASE_SEED} FUZZ_ONLY=${name}`);
        },
      },
    );
  } finally {
    await api.dispose();
  }
  expect(runs).toBe(RUNS);
}

const API_TESTS: Record<string, () => Promise<void>> = {
  "POST /api/v1/items": () => {
    const w = world;
    const fields: Record<string, JsonField> = {
      title: { noise: jsonText(200), poison: badText(200) },
      body: { noise: fc.oneof(jsonText(20_000), fc.constant(undefined)), poison: fc.constantFrom<unknown>("x".repeat(20_001), "\u0000", 5, [], null) },
      source: { noise: fc.constantFrom(...ITEM_SOURCES), poison: fc.constantFrom<unknown>("nope", "", 1, null, ["staff"], "STAFF") },
      urgency: { noise: fc.constantFrom(...URGENCIES, undefined), poison: fc.constantFrom<unknown>("URGENT", 1, null, "") },
      major: { noise: fc.constantFrom(true, false, undefined), poison: fc.constantFrom<unknown>("true", 1, "on", null) },
      leadDepartmentId: { noise: fc.constant(w.academic), poison: fc.oneof(notInt, fc.constant(MAX_INT)) },
      supportDepartmentIds: {
        noise: fc.constantFrom<unknown>([w.students], [], undefined),
        poison: fc.constantFrom<unknown>(String(w.students), [w.students, "2"], [0], Array(51).fill(w.students), [w.academic], [2147483648], null, [MAX_INT]),
      },
      supportDue: { noise: fc.constantFrom<unknown>({ [w.students]: "2030-01-01" }, {}, undefined), poison: fc.constantFrom<unknown>({ abc: "2030-01-01" }, { [w.students]: "2026-02-30" }, [], "x", { 0: "2030-01-01" }) },
      dueOn: { noise: fc.constantFrom("2030-01-02", "2099-12-31"), poison: fc.oneof(badDate, fc.constant("2000-01-01")) },
      dueInWorkingDays: { noise: fc.constantFrom(5, 365, undefined), poison: fc.constantFrom<unknown>(0, 366, "5", 1.5, -1, null, 1e10) },
      proposal: { noise: fc.constantFrom("拟请审定", undefined), poison: fc.constantFrom<unknown>("\u0000", "x".repeat(5_001), 5, []) },
    };
    const gen = fc.tuple(jsonBody(fields, MALFORMED_BODIES), CONTENT_TYPES).map(([{ body, poisoned }, contentType]) => ({ path: "/api/v1/items", body, contentType, poisoned }));
    return apiFuzz("POST /api/v1/items", w.officeToken, gen, "POST");
  },
  "POST /api/v1/items/{id}/progress": () => {
    const w = world;
    const fields: Record<string, JsonField> = {
      version: { noise: fc.constant(w.itemVersion), poison: fc.oneof(notInt, fc.constant(Number(STALE))) },
      note: { noise: jsonText(5_000), poison: badText(5_000) },
      partDone: { noise: fc.constantFrom(true, false, undefined), poison: fc.constantFrom<unknown>("yes", 1, null, "true") },
    };
    const badId = fc.constantFrom("abc", "1e3", "0", "-1", "2147483648", "99999999999", "%00", "1.5", "%207", "0x10", "%EF%BC%91", String(MAX_INT), "__proto__");
    const gen = fc
      .tuple(jsonBody(fields, MALFORMED_BODIES), CONTENT_TYPES, fc.option(badId, { freq: 3 }))
      .map(([{ body, poisoned }, contentType, id]) => ({ path: `/api/v1/items/${id ?? w.item}/progress`, body, contentType, poisoned: id ? [...poisoned, `id=${id}`] : poisoned }));
    return apiFuzz("POST /api/v1/items/{id}/progress", w.headToken, gen, "POST");
  },
  "GET /api/v1 queries": () => {
    const w = world;
    const odd = fc.constantFrom("", "abc", "1e3", "-1", "0", "2147483648", "99999999999", " 7", "0x10", "１", "a\u0000b", "x".repeat(300), "' OR 1=1 --", "%", "_", "\\", "督〔2026〕5号", "__proto__");
    const gen = fc
      .oneof(
        fc.record({ state: fc.option(fc.constantFrom("draft", "in_progress", "nope", "")), overdue: fc.option(fc.constantFrom("true", "yes", "")), q: fc.option(odd), cursor: fc.option(odd), limit: fc.option(odd), extra: fc.option(odd) }).map((q) => ({ base: "/api/v1/items", q })),
        fc.record({ departmentId: fc.option(odd), q: fc.option(odd) }).map((q) => ({ base: "/api/v1/users", q })),
        fc.record({ box: fc.option(fc.constantFrom("received", "sent", "board", "all", "")), limit: fc.option(odd) }).map((q) => ({ base: "/api/v1/notices", q })),
        odd.map((id) => ({ base: `/api/v1/items/${encodeURIComponent(id)}`, q: {} })),
        odd.map((id) => ({ base: `/api/v1/notices/${encodeURIComponent(id)}`, q: {} })),
      )
      .map(({ base, q }) => {
        const params = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== null));
        return { path: `${base}${params.size ? `?${params}` : ""}`, body: "", contentType: null, poisoned: ["(query)"] };
      });
    return apiFuzz("GET /api/v1 queries", w.readToken, gen, "GET", true);
  },
};

for (const [name, run] of Object.entries(API_TESTS).filter(([n]) => !ONLY || n === ONLY)) {
  test(`fuzz ${name}`, async () => {
    test.setTimeout(120_000);
    await run();
  });
}
