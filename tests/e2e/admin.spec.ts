import { expect, test } from "@playwright/test";
import { LoginPage, signedInPage } from "./support/fixtures";

test("an admin creates a department and a person, who then signs in", async ({ page, browser }) => {
  await new LoginPage(page).signInAndLand("admin", "/admin");
  await page.goto("/admin/departments");
  const deptForm = page.getByTestId("department-create-form");
  await deptForm.locator('[name="name"]').fill("国际交流处");
  await deptForm.getByRole("button").click();
  await expect(deptForm.getByTestId("form-ok")).toBeVisible();
  await expect(page.getByTestId("department-row-国际交流处")).toBeVisible();

  // The same name again is refused at the field, in Chinese.
  await deptForm.locator('[name="name"]').fill("国际交流处");
  await deptForm.getByRole("button").click();
  await expect(deptForm.locator('[data-field-error="name"]')).toHaveText("已有同名部门。");

  await page.goto("/admin/users");
  const userForm = page.getByTestId("user-create-form");
  await userForm.locator('[name="login"]').fill("Xuming");
  await userForm.locator('[name="name"]').fill("许明");
  await userForm.locator('[name="departmentId"]').selectOption({ label: "国际交流处" });
  await userForm.locator('[name="roles"][value="dept_head"]').check();
  await userForm.locator('[name="password"]').fill("short");
  await userForm.getByRole("button").last().click();
  await expect(userForm.locator('[data-field-error="password"]')).toHaveText("密码至少 8 个字符。");
  await userForm.locator('[name="password"]').fill("a long pass phrase");
  await userForm.getByRole("button").last().click();
  await expect(userForm.getByTestId("form-ok")).toBeVisible();
  await expect(page.getByTestId("user-row-xuming")).toBeVisible();

  const newcomer = await signedInPage(browser, "xuming", "a long pass phrase");
  await expect(newcomer).toHaveURL(/\/department$/);
  await expect(newcomer.getByRole("heading", { level: 1 })).toContainText("国际交流处");
  await newcomer.context().close();
});

test("a disabled person is thrown out of a session that is already open", async ({ page, browser }) => {
  const victim = await signedInPage(browser, "xiehao");
  await expect(victim).toHaveURL(/\/department$/);

  await new LoginPage(page).signInAndLand("admin", "/admin");
  await page.goto("/admin/users?q=xiehao");
  await page.getByTestId("user-row-xiehao").getByRole("link").first().click();
  page.once("dialog", (d) => d.accept());
  await page.getByTestId("user-disable").getByRole("button").click();
  await expect(page.getByTestId("user-enable")).toBeVisible();

  await victim.reload();
  await expect(victim).toHaveURL(/\/login/);
  // And cannot sign in again.
  await new LoginPage(victim).signIn("xiehao");
  await expect(victim.getByTestId("form-error")).toBeVisible();
  await victim.context().close();
});

test("disabling the last active admin is refused with a clear message", async ({ page }) => {
  await new LoginPage(page).signInAndLand("admin", "/admin");
  // tianyu is the other admin: take the admin role away first.
  await page.goto("/admin/users?q=tianyu");
  await page.getByTestId("user-row-tianyu").getByRole("link").first().click();
  const edit = page.getByTestId("user-edit-form");
  await edit.locator('[name="roles"][value="admin"]').uncheck();
  await edit.getByRole("button").last().click();
  await expect(edit.getByTestId("form-ok")).toBeVisible();

  await page.goto("/admin/users?q=admin");
  await page.getByTestId("user-row-admin").getByRole("link").first().click();
  page.once("dialog", (d) => d.accept());
  await page.getByTestId("user-disable").getByRole("button").click();
  await expect(page.getByText("这是最后一位在用的系统管理员")).toBeVisible();

  // Give tianyu the admin role back: other tests use the two-role account.
  await page.goto("/admin/users?q=tianyu");
  await page.getByTestId("user-row-tianyu").getByRole("link").first().click();
  await edit.locator('[name="roles"][value="admin"]').check();
  await edit.getByRole("button").last().click();
  await expect(edit.getByTestId("form-ok")).toBeVisible();
});
