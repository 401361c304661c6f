// Company sign-in against a real OpenID Connect provider (started by support/server.ts):
// a known person signs in and lands on their home; an identity Zhongshu does not know, and a
// disabled person, are sent back to the sign-in page with the reason.
import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./support/db";
import { LoginPage } from "./support/fixtures";
import { SSO_NAME } from "./support/oidc-provider";

/** Through the provider's development login screen (any password) and its consent screen. */
async function signInWithSso(page: Page, account: string) {
  // The provider's screens import a web font: no internet here, so fail that fast.
  await page.route(/fonts\.(googleapis|gstatic)\.com/, (route) => route.abort());
  await page.goto("/login");
  await page.getByRole("button", { name: `通过${SSO_NAME}进入` }).click();
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(account);
  await page.locator('input[name="password"]').fill("any password at all");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  await consent.waitFor({ timeout: 15_000 });
  await consent.click();
}

async function audited(action: string, subject: string): Promise<number> {
  const sql = e2eSql();
  try {
    const [row] = await sql`select count(*)::int as n from audit_events where action = ${action} and data->>'subject' = ${subject}`;
    return row.n as number;
  } finally {
    await sql.end();
  }
}

test("a known person signs in with single sign-on and lands on their home; the admin sees and removes the link", async ({ page, browser }) => {
  await signInWithSso(page, "emp-1001");
  await expect(page).toHaveURL(/\/office$/);
  await expect(page.getByTestId("current-user")).toBeVisible();
  expect(await audited("auth.sign_in", "emp-1001")).toBeGreaterThanOrEqual(1);

  const admin = await browser.newContext().then((c) => c.newPage());
  await new LoginPage(admin).signInAndLand("admin", "/admin");
  await admin.goto("/admin/users?q=zhaolei");
  await admin.getByTestId("user-row-zhaolei").getByRole("link").first().click();
  const identity = admin.getByTestId("identity-emp-1001");
  await expect(identity).toContainText("登录名");
  admin.once("dialog", (d) => d.accept());
  await identity.getByRole("button", { name: "解除绑定" }).click();
  await expect(admin.getByTestId("identity-emp-1001")).toHaveCount(0);
  await admin.context().close();
});

test("an identity Zhongshu does not know is refused with a clear message", async ({ page }) => {
  await signInWithSso(page, "emp-9999");
  await expect(page).toHaveURL(/\/login\?sso=unmatched/);
  await expect(page.getByTestId("sso-error")).toHaveText("您的账号尚未在中枢开通，请联系办公室。");
  // Still signed out, and the refusal is on record.
  await page.goto("/office");
  await expect(page).toHaveURL(/\/login/);
  expect(await audited("auth.sso_unmatched", "emp-9999")).toBeGreaterThanOrEqual(1);
});

test("a disabled person is refused with a clear message", async ({ page, browser }) => {
  const login = `ssooff${Date.now() % 1_000_000}`;
  const admin = await browser.newContext().then((c) => c.newPage());
  await new LoginPage(admin).signInAndLand("admin", "/admin");
  await admin.goto("/admin/users");
  const form = admin.getByTestId("user-create-form");
  await form.locator('[name="login"]').fill(login);
  await form.locator('[name="name"]').fill("停用测试");
  await form.locator('[name="departmentId"]').selectOption({ label: "教务处" });
  await form.locator('[name="roles"][value="dept_staff"]').check();
  await form.locator('[name="password"]').fill("a long pass phrase");
  await form.getByRole("button").last().click();
  await expect(form.getByTestId("form-ok")).toBeVisible();
  await admin.goto(`/admin/users?q=${login}`);
  await admin.getByTestId(`user-row-${login}`).getByRole("link").first().click();
  admin.once("dialog", (d) => d.accept());
  await admin.getByTestId("user-disable").getByRole("button").click();
  await expect(admin.getByTestId("user-enable")).toBeVisible();
  await admin.context().close();

  // The provider knows this account by the same login name.
  await signInWithSso(page, login);
  await expect(page).toHaveURL(/\/login\?sso=disabled/);
  await expect(page.getByTestId("sso-error")).toHaveText("您在中枢的账号已停用，如有疑问请联系办公室。");
  expect(await audited("auth.sso_refused", login)).toBe(1);
});

test("the password form stays beside the single sign-on button", async ({ page }) => {
  await new LoginPage(page).signInAndLand("liufang", "/office");
});
