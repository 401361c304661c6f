// Every role's main screens pass axe-core's WCAG 2.1 A/AA rules with no serious or critical
// violation: the sign-in page, each home (the principal's and a deputy's decision queue, the
// office's and a department's), the office's screens, the inbox, a record, every new-record form,
// notifications, the account and the admin pages, in Chinese, and the sign-in page and a home
// in English. Two items are registered through the form first, so that the queues and the item
// page have something in them. Every violation found (any impact) is printed with its nodes.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signedInPage } from "./support/fixtures";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING = new Set(["serious", "critical"]);

/** Scans the page as it is now; prints every violation; returns the blocking ones, one line each. */
async function scan(page: Page, label: string): Promise<string[]> {
  await page.waitForLoadState("load");
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  for (const v of violations) {
    console.log(`[axe] ${label}: ${v.impact} ${v.id} — ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes) console.log(`    ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ")}\n      ${n.html.slice(0, 300)}`);
  }
  return violations.filter((v) => BLOCKING.has(v.impact ?? "")).map((v) => `${label}: ${v.impact} ${v.id} (${v.nodes.length}×) ${v.help}`);
}

/** Visits each path as the signed-in person and scans it; a page that did not open fails too. */
async function scanAll(page: Page, paths: string[]) {
  const blocking: string[] = [];
  for (const path of paths) {
    const res = await page.goto(path);
    expect.soft(res?.status(), `${path} opens`).toBeLessThan(400);
    blocking.push(...(await scan(page, path)));
  }
  expect(blocking, blocking.join("\n")).toEqual([]);
}

async function as(browser: Browser, login: string, locale = "zh-CN"): Promise<Page> {
  const page = await signedInPage(browser, login);
  if (locale !== "zh-CN") await page.context().addCookies([{ name: "zs_locale", value: locale, url: page.url() }]);
  return page;
}

// One item routed to the principal (major), one to 教务处's deputy; their pages are scanned below.
let majorItem = "";
let deputyItem = "";

test.beforeAll(async ({ browser }) => {
  const office = await as(browser, "liufang");
  const register = async (title: string, lead: string, major: boolean) => {
    await office.goto("/office/items/new");
    const form = office.getByTestId("register-item-form");
    await form.locator('[name="title"]').fill(title);
    await form.locator('[name="body"]').fill("请按期完成并报送进展。");
    await form.locator('[name="source"]').selectOption("leader");
    await form.locator('[name="leadDepartmentId"]').selectOption({ label: lead });
    if (major) await form.locator('[name="major"]').check();
    await form.getByRole("radio", { name: /工作日/ }).check();
    await form.locator('[name="dueInWorkingDays"]').fill("10");
    await form.locator('[name="proposal"]').fill("拟请牵头部门按期办理。");
    await form.getByRole("button").last().click();
    await expect(office).toHaveURL(/\/items\/\d+$/);
    return new URL(office.url()).pathname;
  };
  majorItem = await register(`无障碍检查 重大事项 ${Date.now()}`, "总务处", true);
  deputyItem = await register(`无障碍检查 分管事项 ${Date.now()}`, "教务处", false);
  await office.context().close();
});

test("the sign-in page, in Chinese and in English", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const blocking = await scan(page, "/login zh-CN");
  await page.getByTestId("locale-en").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  blocking.push(...(await scan(page, "/login en")));
  // A refused sign-in shows its error at the form: that state is scanned as well.
  await page.getByLabel("Login name").fill("nobody");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toBeVisible();
  blocking.push(...(await scan(page, "/login en, refused")));
  expect(blocking, blocking.join("\n")).toEqual([]);
});

test("the principal's decision queue and an item awaiting him", async ({ browser }) => {
  const page = await as(browser, "wangjianguo");
  await scanAll(page, ["/leadership", majorItem, "/requests", "/coordination", "/notices", "/notifications", "/account"]);
  await page.context().close();
});

test("a deputy's decision queue and the item's decision forms", async ({ browser }) => {
  const page = await as(browser, "liminghua");
  await scanAll(page, ["/leadership", deputyItem]);
  await page.context().close();
});

test("the office director's home and office screens", async ({ browser }) => {
  const page = await as(browser, "liufang");
  await scanAll(page, [
    "/office",
    "/office/items/new",
    "/office/ledger",
    deputyItem,
    "/requests",
    "/coordination",
    "/notices",
    "/notices/board",
    "/notices/new",
    "/notifications",
    "/account",
    "/account/tokens",
  ]);
  // A form sent empty shows its errors at the fields: that state is scanned as well.
  await page.goto("/office/items/new");
  await page.getByTestId("register-item-form").getByRole("button").last().click();
  await expect(page.locator("[data-field-error]").first()).toBeVisible();
  const blocking = await scan(page, "/office/items/new, refused");
  expect(blocking, blocking.join("\n")).toEqual([]);
  await page.context().close();
});

test("a department head's home, inbox and new-record forms", async ({ browser }) => {
  const page = await as(browser, "zhoumin");
  await scanAll(page, ["/department", deputyItem, "/requests", "/requests/new", "/coordination", "/coordination/new", "/notices", "/notices/new", "/notifications", "/account"]);
  await page.context().close();
});

test("the admin pages", async ({ browser }) => {
  const page = await as(browser, "admin");
  await scanAll(page, [
    "/admin",
    "/admin/departments",
    "/admin/users",
    "/admin/users/1",
    "/admin/portfolios",
    "/admin/delegations",
    "/admin/calendar",
    "/admin/audit",
    "/admin/service-accounts",
    "/admin/webhooks",
    "/admin/settings",
  ]);
  await page.context().close();
});

test("a person with two roles: the home switcher", async ({ browser }) => {
  const page = await as(browser, "tianyu");
  await scanAll(page, ["/department"]);
  await page.context().close();
});

test("a home and the inbox in English", async ({ browser }) => {
  const office = await as(browser, "liufang", "en");
  await scanAll(office, ["/office", deputyItem]);
  await office.context().close();
  const head = await as(browser, "zhoumin", "en");
  await scanAll(head, ["/department"]);
  await head.context().close();
});
