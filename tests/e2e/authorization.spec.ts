// Every admin action, for every role without the admin right, is refused both through the
// UI (the pages are closed) and by a direct POST to the server action, and the database is
// unchanged. Actions are discovered from the build, so a new one without a case here fails.
import { expect, test } from "@playwright/test";
import { ROLES } from "../../lib/domain/roles";
import { postAction, serverActions } from "./support/actions";
import { e2eSql } from "./support/db";
import { LoginPage, PEOPLE, signedInPage } from "./support/fixtures";

const ADMIN_PAGES = ["/admin", "/admin/departments", "/admin/users", "/admin/portfolios", "/admin/delegations", "/admin/calendar", "/admin/audit", "/admin/settings"];

type Ids = { dept: number; user: number; userVersion: number; deputy: number; principal: number; portfolio: number; delegation: number | null };

/** A valid payload for each admin action, so that only authorization can refuse it. */
function payloadFor(name: string, ids: Ids): Record<string, string | string[]> | undefined {
  const dept = { name: "越权测试部门", kind: "functional", parentId: "", sortOrder: "0" };
  const user = { name: "越权测试", email: "", title: "", departmentId: String(ids.dept), roles: ["dept_staff"] };
  const cases: Record<string, Record<string, string | string[]>> = {
    createDepartmentAction: dept,
    updateDepartmentAction: { ...dept, id: String(ids.dept), version: "1" },
    setDepartmentActiveAction: { id: String(ids.dept), version: "1", active: "false" },
    createUserAction: { ...user, login: "intruder", password: "long-enough-password" },
    updateUserAction: { ...user, id: String(ids.user), version: String(ids.userVersion) },
    setUserActiveAction: { id: String(ids.user), version: String(ids.userVersion), active: "false" },
    resetPasswordAction: { id: String(ids.user), version: String(ids.userVersion), password: "long-enough-password" },
    createPortfolioAction: { deputyId: String(ids.deputy), departmentId: String(ids.dept), startsOn: "2031-01-01", endsOn: "" },
    updatePortfolioAction: { id: String(ids.portfolio), version: "1", deputyId: String(ids.deputy), departmentId: String(ids.dept), startsOn: "2031-01-01", endsOn: "" },
    deletePortfolioAction: { id: String(ids.portfolio), version: "1" },
    createDelegationAction: { fromUserId: String(ids.principal), toUserId: String(ids.deputy), startsOn: "2031-01-01", endsOn: "2031-01-05", note: "" },
    revokeDelegationAction: { id: String(ids.delegation ?? 1), version: "1" },
    setCalendarDayAction: { day: "2031-01-06", kind: "holiday", name: "越权" },
    importCalendarAction: { text: "2031-01-07,holiday,越权" },
    setPasswordSignInAction: { version: "0", enabled: "true" },
    removeIdentityAction: { id: String(ids.user), version: String(ids.userVersion), identityId: "1" },
  };
  return cases[name];
}

async function snapshot() {
  const sql = e2eSql();
  try {
    const [row] = await sql`
      select (select count(*) from audit_events where action not like 'auth.%')::int as audit,
             (select md5(string_agg(d::text, ',' order by id)) from departments d) as departments,
             (select md5(string_agg(concat_ws('|', id, login, name, active, version, session_version, password_hash), ',' order by id)) from users) as users,
             (select md5(string_agg(r::text, ',' order by user_id, role)) from user_roles r) as roles,
             (select md5(coalesce(string_agg(p::text, ',' order by id), '')) from portfolios p) as portfolios,
             (select md5(coalesce(string_agg(x::text, ',' order by id), '')) from delegations x) as delegations,
             (select md5(coalesce(string_agg(c::text, ',' order by day), '')) from calendar_days c) as calendar`;
    return row;
  } finally {
    await sql.end();
  }
}

async function ids(): Promise<Ids> {
  const sql = e2eSql();
  try {
    const [dept] = await sql`select id from departments where name = '教务处'`;
    const [user] = await sql`select id, version from users where login = 'zhengkai'`;
    const [deputy] = await sql`select id from users where login = 'liminghua'`;
    const [principal] = await sql`select id from users where login = 'wangjianguo'`;
    const [portfolio] = await sql`select id from portfolios order by id limit 1`;
    const [delegation] = await sql`select id from delegations order by id limit 1`;
    return { dept: dept.id, user: user.id, userVersion: user.version, deputy: deputy.id, principal: principal.id, portfolio: portfolio.id, delegation: delegation?.id ?? null };
  } finally {
    await sql.end();
  }
}

const adminActions = serverActions("lib/actions/admin/");

test("every admin action has an authorization case", async () => {
  expect(adminActions.length).toBeGreaterThan(0);
  const known = await ids();
  const missing = adminActions.filter((a) => !payloadFor(a.name, known)).map((a) => a.name);
  expect(missing, "admin actions without a case in authorization.spec.ts").toEqual([]);
});

for (const role of ROLES.filter((r) => r !== "admin")) {
  test(`${role}: admin pages are closed and direct POSTs to admin actions are refused`, async ({ page }) => {
    const person = PEOPLE[role];
    await new LoginPage(page).signInAndLand(person.login, person.home);
    for (const path of ADMIN_PAGES) {
      await page.goto(path);
      await expect(page.getByTestId("forbidden"), path).toBeVisible();
    }
    const before = await snapshot();
    const known = await ids();
    for (const action of adminActions) {
      const res = await postAction(page.request, "/admin", action.id, payloadFor(action.name, known)!);
      expect(res.body, `${role} → ${action.name}`).toContain("您没有执行此操作的权限");
    }
    expect(await snapshot()).toEqual(before);
  });
}

test("the same direct POST by an admin goes through (the test can tell refusal from failure)", async ({ page }) => {
  await new LoginPage(page).signInAndLand("admin", "/admin");
  const action = adminActions.find((a) => a.name === "setCalendarDayAction");
  expect(action, "setCalendarDayAction is in the build").toBeDefined();
  const res = await postAction(page.request, "/admin", action!.id, { day: "2031-02-03", kind: "holiday", name: "e2e" });
  expect(res.body).not.toContain("您没有执行此操作的权限");
  const sql = e2eSql();
  const rows = await sql`select kind from calendar_days where day = '2031-02-03'`;
  await sql.end();
  expect(rows).toEqual([{ kind: "holiday" }]);
});

// Item actions: someone of a department that is not party to an item, posting straight to each
// action with valid input, is refused and nothing changes; registering and the due-date check
// are refused to a department member outright.
function itemPayload(name: string, item: { id: number; version: number }, leaderId: number): Record<string, string> | undefined {
  const ref = { id: String(item.id), version: String(item.version) };
  const cases: Record<string, Record<string, string>> = {
    registerItemAction: { title: "越权登记", source: "staff", urgency: "normal", leadDepartmentId: "3", dueInWorkingDays: "5" },
    proposeAction: { ...ref, proposal: "越权拟办" },
    rerouteAction: { ...ref, leaderId: String(leaderId), note: "越权改呈" },
    dispatchAction: ref,
    decideAction: { ...ref, decision: "approve" },
    referToPrincipalAction: { ...ref, note: "越权" },
    leaderSendDirectAction: { ...ref, instruction: "越权" },
    signForAction: ref,
    reportProgressAction: { ...ref, note: "越权" },
    requestExtensionAction: { ...ref, requestedDueOn: "2031-01-01", reason: "workload" },
    decideExtensionAction: { ...ref, extensionId: "1", approve: "true" },
    reportCompletionAction: { ...ref, note: "越权" },
    closeAction: ref,
    returnForReworkAction: { ...ref, note: "越权" },
    urgeAction: ref,
    cancelAction: { ...ref, note: "越权" },
    sweepNowAction: {},
    editItemAction: { ...ref, urgency: "normal", leadDepartmentId: "3", dueOn: "2031-01-01" },
  };
  return cases[name];
}

test("item actions posted directly by an outsider are refused and change nothing", async ({ page, browser }) => {
  const itemActions = serverActions("lib/actions/items.ts");
  // An item led by 教务处, which 财务处 (fengyu's department) has no part in.
  const office = await signedInPage(browser, "liufang");
  await office.goto("/office/items/new");
  const form = office.getByTestId("register-item-form");
  await form.locator('[name="title"]').fill("越权测试事项");
  await form.locator('[name="source"]').selectOption("staff");
  await form.locator('[name="leadDepartmentId"]').selectOption({ label: "教务处" });
  await form.getByRole("radio", { name: /工作日/ }).check();
  await form.locator('[name="dueInWorkingDays"]').fill("5");
  await form.getByRole("button").last().click();
  await expect(office).toHaveURL(/\/items\/\d+$/);
  const id = Number(office.url().split("/").pop());
  await office.context().close();
  const sql = e2eSql();
  const [item] = await sql<{ id: number; version: number }[]>`select id, version from items where id = ${id}`;
  const [leader] = await sql`select id from users where login = 'wangjianguo'`;
  await sql.end();
  const missing = itemActions.filter((a) => !itemPayload(a.name, item, leader.id)).map((a) => a.name);
  expect(missing, "item actions without a case in authorization.spec.ts").toEqual([]);

  await new LoginPage(page).signInAndLand("fengyu", "/department");
  const digest = async () => {
    const s = e2eSql();
    const [row] = await s`select (select count(*) from items)::int as items, (select count(*) from item_events)::int as events,
      (select count(*) from notifications)::int as notifications, (select md5(string_agg(concat_ws('|', id, state, version, due_on), ',' order by id)) from items) as rows`;
    await s.end();
    return row;
  };
  const before = await digest();
  for (const action of itemActions) {
    const res = await postAction(page.request, "/department", action.id, itemPayload(action.name, item, leader.id)!);
    expect(res.body, action.name).toMatch(/您没有执行此操作的权限|找不到该记录/);
  }
  expect(await digest()).toEqual(before);
});
