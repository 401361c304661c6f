// Requests, coordination matters and notices: every server action, posted straight to the server
// (no UI) with valid input by someone who has no part in the record, is refused and changes
// nothing; actions that create a record are refused to a role that may not create it. Actions
// are discovered from the build, so a new one without a case here fails the test.
import { expect, test, type Page } from "@playwright/test";
import { postAction, serverActions, SITE_ORIGIN } from "./support/actions";
import { e2eSql } from "./support/db";
import { LoginPage } from "./support/fixtures";

type Ids = { request: number; requestVersion: number; matter: number; matterVersion: number; notice: number; noticeVersion: number; academic: number; finance: number; principal: number; deputy: number };

type Case = { fields: Record<string, string | string[]>; file?: boolean };

function cases(ids: Ids): Record<string, Case> {
  const r = { id: String(ids.request), version: String(ids.requestVersion) };
  const m = { id: String(ids.matter), version: String(ids.matterVersion) };
  const n = { id: String(ids.notice), version: String(ids.noticeVersion) };
  const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const point = { point_1_departmentId: String(ids.academic), point_1_text: "越权议定", point_1_dueOn: due };
  return {
    createRequestAction: { fields: { title: "越权请示", question: "越权？", urgency: "normal" } },
    editRequestAction: { fields: { ...r, title: "越权修改", question: "越权？", urgency: "normal" } },
    submitRequestAction: { fields: r },
    withdrawRequestAction: { fields: { ...r, reason: "越权" } },
    returnRequestAction: { fields: { ...r, comment: "越权" } },
    proposeRequestAction: { fields: { ...r, proposal: "越权拟办" } },
    rerouteRequestAction: { fields: { ...r, leaderId: String(ids.principal), note: "越权改呈" } },
    requestCountersignAction: { fields: { ...r, leaderIds: [String(ids.principal)], note: "越权" } },
    countersignAction: { fields: { ...r, opinion: "越权会签" } },
    decideRequestAction: { fields: { ...r, decision: "approve", text: "" } },
    referRequestAction: { fields: { ...r, note: "越权" } },
    convertRequestAction: { fields: { ...r, title: "越权转办", leadDepartmentId: String(ids.academic), dueOn: due, urgency: "normal" } },
    uploadRequestAttachmentAction: { fields: { id: r.id }, file: true },
    raiseCoordinationAction: { fields: { title: "越权协调", background: "越权", urgency: "normal", partyDepartmentIds: [String(ids.academic)], [`need_${ids.academic}`]: "越权" } },
    acceptCoordinationAction: { fields: m },
    declineCoordinationAction: { fields: { ...m, reason: "越权" } },
    statePositionAction: { fields: { ...m, position: "越权意见" } },
    logConsultationAction: { fields: { ...m, note: "越权" } },
    proposeMeetingAction: { fields: { ...m, note: "越权" } },
    recordAgreementAction: { fields: { ...m, ...point } },
    escalateCoordinationAction: { fields: { ...m, summary: "越权", proposal: "越权" } },
    decideCoordinationAction: { fields: { ...m, decision: "越权决定" } },
    closeCoordinationAction: { fields: m },
    publishNoticeAction: { fields: { kind: "notice", title: "越权通知", body: "越权", departmentIds: [String(ids.academic)] } },
    reviseNoticeAction: { fields: { ...n, title: "越权修改", body: "越权" } },
    withdrawNoticeAction: { fields: { ...n, reason: "越权" } },
    confirmNoticeAction: { fields: { id: n.id } },
    replyNoticeAction: { fields: { id: n.id, reply: "attend" } },
    signForDepartmentAction: { fields: { id: n.id } },
    urgeNoticeAction: { fields: { id: n.id } },
    uploadNoticeAttachmentAction: { fields: n, file: true },
  };
}

async function signedIn(page: Page, login: string, home: string) {
  await new LoginPage(page).signInAndLand(login, home);
}

/** Creates the records through the same server actions, as the people whose job it is. */
async function setUp(browser: import("@playwright/test").Browser): Promise<Ids> {
  const sql = e2eSql();
  const [academic] = await sql<{ id: number }[]>`select id from departments where name = '教务处'`;
  const [finance] = await sql<{ id: number }[]>`select id from departments where name = '财务处'`;
  const [students] = await sql<{ id: number }[]>`select id from departments where name = '学生处'`;
  const [principal] = await sql<{ id: number }[]>`select id from users where login = 'wangjianguo'`;
  const [deputy] = await sql<{ id: number }[]>`select id from users where login = 'liminghua'`;
  const tag = String(Date.now());
  const as = async (login: string, home: string) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signedIn(page, login, home);
    return page;
  };
  const post = async (page: Page, file: string, name: string, fields: Record<string, string | string[]>) => {
    const action = serverActions(file).find((a) => a.name === name);
    if (!action) throw new Error(`${name} is not in the build`);
    const res = await postAction(page.request, "/", action.id, fields);
    expect(res.body, `setting up: ${name}`).not.toContain('"status":"error"');
    return res;
  };
  const head = await as("zhoumin", "/department");
  const office = await as("liufang", "/office");
  await post(head, "lib/actions/requests.ts", "createRequestAction", { title: `越权测试请示 ${tag}`, question: "是否同意？", urgency: "normal" });
  const [request] = await sql<{ id: number }[]>`select id from requests where title = ${`越权测试请示 ${tag}`}`;
  await post(head, "lib/actions/requests.ts", "submitRequestAction", { id: String(request.id), version: "1" });
  await post(office, "lib/actions/requests.ts", "proposeRequestAction", { id: String(request.id), version: "2", proposal: "拟请审定" });
  await post(head, "lib/actions/coordination.ts", "raiseCoordinationAction", {
    title: `越权测试协调 ${tag}`,
    background: "场地安排",
    urgency: "normal",
    partyDepartmentIds: [String(students.id)],
    [`need_${students.id}`]: "请配合",
  });
  const [matter] = await sql<{ id: number }[]>`select id from coordination_matters where title = ${`越权测试协调 ${tag}`}`;
  await post(office, "lib/actions/coordination.ts", "acceptCoordinationAction", { id: String(matter.id), version: "1" });
  await post(office, "lib/actions/notices.ts", "publishNoticeAction", {
    kind: "notice",
    title: `越权测试通知 ${tag}`,
    body: "请教务处确认。",
    departmentIds: [String(academic.id)],
    receiptRequired: "on",
    receiptDueAt: new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16),
  });
  const [notice] = await sql<{ id: number }[]>`select id from notices where title = ${`越权测试通知 ${tag}`}`;
  const [versions] = await sql<{ r: number; m: number; n: number }[]>`
    select (select version from requests where id = ${request.id}) as r, (select version from coordination_matters where id = ${matter.id}) as m,
           (select version from notices where id = ${notice.id}) as n`;
  await head.context().close();
  await office.context().close();
  await sql.end();
  expect(versions).toEqual({ r: 3, m: 2, n: 1 });
  return { request: request.id, requestVersion: versions.r, matter: matter.id, matterVersion: versions.m, notice: notice.id, noticeVersion: versions.n, academic: academic.id, finance: finance.id, principal: principal.id, deputy: deputy.id };
}

async function digest() {
  const s = e2eSql();
  const [row] = await s`
    select (select count(*) from requests)::int as requests, (select count(*) from request_events)::int as request_events,
           (select count(*) from request_countersigns)::int as countersigns,
           (select md5(string_agg(concat_ws('|', id, state, version, routed_leader_id), ',' order by id)) from requests) as request_rows,
           (select count(*) from coordination_matters)::int as matters, (select count(*) from coordination_events)::int as matter_events,
           (select md5(string_agg(concat_ws('|', id, state, rung, version), ',' order by id)) from coordination_matters) as matter_rows,
           (select md5(coalesce(string_agg(concat_ws('|', matter_id, department_id, position), ',' order by matter_id, department_id), '')) from coordination_parties) as parties,
           (select count(*) from notices)::int as notices, (select count(*) from notice_events)::int as notice_events,
           (select md5(string_agg(concat_ws('|', id, state, version, revision), ',' order by id)) from notices) as notice_rows,
           (select md5(coalesce(string_agg(concat_ws('|', notice_id, user_id, read_at, confirmed_at, proxy_confirmed_at, reply), ',' order by notice_id, user_id), '')) from notice_recipients) as receipts,
           (select count(*) from notice_department_signs)::int as signs,
           (select count(*) from items)::int as items, (select count(*) from attachments)::int as attachments, (select count(*) from notifications)::int as notifications`;
  await s.end();
  return row;
}

const FILES = ["lib/actions/requests.ts", "lib/actions/coordination.ts", "lib/actions/notices.ts"];
// Creating is refused by role (these people may create nothing of the kind); everything else is
// refused because the outsider cannot even see the record.
const CREATORS: Record<string, { login: string; home: string }> = {
  createRequestAction: { login: "admin", home: "/admin" },
  raiseCoordinationAction: { login: "fengyu", home: "/department" },
  publishNoticeAction: { login: "fengyu", home: "/department" },
};

test("request, coordination and notice actions posted directly by an outsider are refused and change nothing", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const ids = await setUp(browser);
  const known = cases(ids);
  const actions = FILES.flatMap((f) => serverActions(f));
  const missing = actions.filter((a) => !known[a.name]).map((a) => a.name);
  expect(missing, "actions without a case in authorization-records.spec.ts").toEqual([]);

  // 财务处's staff member: not a party to any of the three records.
  await signedIn(page, "fengyu", "/department");
  const before = await digest();
  for (const action of actions.filter((a) => !CREATORS[a.name])) {
    const c = known[action.name];
    const res = c.file ? await postFile(page, action.id, c.fields) : await postAction(page.request, "/department", action.id, c.fields);
    expect(res.body, action.name).toMatch(/您没有执行此操作的权限|找不到该记录/);
  }
  expect(await digest()).toEqual(before);

  for (const [name, who] of Object.entries(CREATORS)) {
    const context = await browser.newContext();
    const p = await context.newPage();
    await signedIn(p, who.login, who.home);
    const action = actions.find((a) => a.name === name)!;
    const res = await postAction(p.request, who.home, action.id, known[name].fields);
    expect(res.body, `${who.login} → ${name}`).toContain("您没有执行此操作的权限");
    await context.close();
  }
  expect(await digest()).toEqual(before);
});

/** A multipart POST with a real (valid PDF) file part, as an upload form sends it. */
async function postFile(page: Page, actionId: string, fields: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(`_1_${k}`, one);
  form.append("_1_file", new Blob([Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")], { type: "application/pdf" }), "越权.pdf");
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const res = await page.request.post("/department", { headers: { "Next-Action": actionId, Accept: "text/x-component", Origin: SITE_ORIGIN }, multipart: form });
  return { status: res.status(), body: await res.text() };
}

// Tokens, service accounts and webhooks: the admin's actions are refused to everyone else by a
// direct POST, and nobody can revoke another person's token; nothing changes.
test("token, service-account and webhook actions posted directly by a non-admin are refused and change nothing", async ({ page }) => {
  const sql = e2eSql();
  const [admin] = await sql<{ id: number }[]>`select id from users where login = 'admin'`;
  const [dept] = await sql<{ id: number }[]>`select id from departments where name = '信息中心'`;
  const stamp = String(Date.now());
  const [hook] = await sql<{ id: number }[]>`
    insert into webhooks (name, url, secret, events, created_by_id) values (${`越权测试 ${stamp}`}, 'http://127.0.0.1:9/hook', 'whsec_test', '{item.created}', ${admin.id}) returning id`;
  const [token] = await sql<{ id: number }[]>`
    insert into api_tokens (user_id, name, prefix, token_hash, scopes, expires_at, created_by_id)
    values (${admin.id}, ${`越权测试 ${stamp}`}, 'abcdefgh', ${`test-hash-${stamp}`}, '{items:read}', now() + interval '30 days', ${admin.id}) returning id`;
  const snapshot = async () => {
    const [row] = await sql`
      select (select count(*) from users)::int as users, (select count(*) from api_tokens)::int as tokens,
             (select md5(string_agg(concat_ws('|', id, revoked_at, version), ',' order by id)) from api_tokens) as token_rows,
             (select md5(string_agg(concat_ws('|', id, active, version), ',' order by id)) from webhooks) as hooks,
             (select count(*) from webhook_deliveries)::int as deliveries`;
    return row;
  };
  const payloads: Record<string, Record<string, string | string[]>> = {
    createServiceTokenAction: { userId: String(admin.id), name: "越权", scopes: ["items:read"], expiresInDays: "30" },
    revokeServiceTokenAction: { id: String(token.id), version: "1" },
    revokeTokenAction: { id: String(token.id), version: "1" },
    createServiceAccountAction: { login: `intruder-${stamp}`, name: "越权账号", departmentId: String(dept.id), roles: ["dept_staff"] },
    createWebhookAction: { name: "越权", url: "http://127.0.0.1:9/x", events: ["item.created"] },
    setWebhookActiveAction: { id: String(hook.id), version: "1", active: "false" },
    testWebhookAction: { id: String(hook.id) },
  };
  const actions = serverActions("lib/actions/api.ts").filter((a) => a.name !== "createTokenAction");
  const missing = actions.filter((a) => !payloads[a.name]).map((a) => a.name);
  expect(missing, "api actions without a case in authorization-records.spec.ts").toEqual([]);

  await signedIn(page, "zhengkai", "/department");
  const before = await snapshot();
  for (const action of actions) {
    const res = await postAction(page.request, "/account", action.id, payloads[action.name]);
    expect(res.body, action.name).toMatch(/您没有执行此操作的权限|找不到该记录/);
  }
  expect(await snapshot()).toEqual(before);
  await sql.end();
});
