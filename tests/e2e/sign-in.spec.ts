import { expect, test } from "@playwright/test";
import { LoginPage, PEOPLE } from "./support/fixtures";

test.describe("sign-in", () => {
  test("an anonymous visitor is sent to the sign-in page", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers/);
  });

  for (const [role, person] of Object.entries(PEOPLE)) {
    test(`${role} lands on ${person.home}`, async ({ page }) => {
      await new LoginPage(page).signInAndLand(person.login, person.home);
      await expect(page.getByTestId("current-user")).toBeVisible();
    });
  }

  test("a wrong password gets one generic message", async ({ page }) => {
    const login = new LoginPage(page);
    await login.signIn("liufang", "wrong-password");
    await expect(page.getByTestId("form-error")).toHaveText("登录名或密码不正确。");
    await login.signIn("nobody-here", "wrong-password");
    await expect(page.getByTestId("form-error")).toHaveText("登录名或密码不正确。");
  });

  test("after sign-in the visitor returns to the page they asked for", async ({ page }) => {
    await page.goto("/admin/departments");
    await page.getByLabel("登录名").fill("admin");
    await page.getByLabel("密码").fill("zhongshu-demo");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/admin\/departments$/);
  });

  test("a person with two roles switches between homes, and signs out", async ({ page }) => {
    await new LoginPage(page).signInAndLand("tianyu", "/department");
    const switcher = page.getByTestId("home-switcher");
    await switcher.getByRole("button", { name: "系统管理" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    // The choice is remembered: "/" now leads to the admin home.
    await page.goto("/");
    await expect(page).toHaveURL(/\/admin$/);
    await switcher.getByRole("button", { name: "部门工作台" }).click();
    await expect(page).toHaveURL(/\/department$/);
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/department");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a person cannot open another role's home", async ({ page }) => {
    await new LoginPage(page).signInAndLand("zhengkai", "/department");
    await page.goto("/admin");
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await page.goto("/leadership");
    await expect(page.getByTestId("forbidden")).toBeVisible();
  });
});
