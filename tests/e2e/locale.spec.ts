import { expect, test } from "@playwright/test";
import { LoginPage } from "./support/fixtures";

test("the interface switches between Chinese and English and remembers it", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "登录中枢" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByTestId("locale-en").click();
  await expect(page.getByRole("heading", { name: "Sign in to Zhongshu" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByLabel("Login name").fill("liufang");
  await page.getByLabel("Password").fill("zhongshu-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/office$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Office");
  await expect(page.getByText(/Today is/)).toBeVisible();

  await page.getByTestId("locale-zh-CN").click();
  await expect(page).toHaveURL(/\/office$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("办公室工作台");
});

test("a Chinese page carries no English interface text, and the reverse", async ({ page }) => {
  await new LoginPage(page).signInAndLand("admin", "/admin");
  await page.goto("/admin/departments");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("部门");
  await page.getByTestId("locale-en").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Departments");
  await expect(page.getByRole("columnheader", { name: "Kind" })).toBeVisible();
});
