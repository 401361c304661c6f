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

// Every page of a role, in both languages, shows no message key in place of a text (what the
// message loader prints when a key is missing from a language's file). The audit log is left
// out: it shows each event's code on purpose, beside its label.
const MISSING_KEY = /\b(common|nav|home|homes|errors|auth|account|items|itemLists|attachments|notifications|requests|coordination|notices|api|signInSettings|identities|admin|users|org)\.[a-zA-Z_]+(\.[a-zA-Z_]+)*\b/;
const PAGES: { login: string; home: string; paths: string[] }[] = [
  { login: "liufang", home: "/office", paths: ["/office", "/office/ledger", "/office/items/new", "/requests", "/coordination", "/notices", "/notices/new", "/notices/board", "/notifications", "/account", "/account/tokens", "/api-docs"] },
  { login: "zhoumin", home: "/department", paths: ["/department", "/requests", "/requests/new", "/coordination", "/coordination/new", "/notices", "/notifications"] },
  { login: "wangjianguo", home: "/leadership", paths: ["/leadership", "/requests", "/coordination", "/notices"] },
  { login: "admin", home: "/admin", paths: ["/admin", "/admin/users", "/admin/settings", "/admin/service-accounts", "/admin/webhooks"] },
];

for (const { login, home, paths } of PAGES) {
  test(`${login}'s pages show no missing message in Chinese or English`, async ({ page }) => {
    await new LoginPage(page).signInAndLand(login, home);
    for (const locale of ["zh-CN", "en"] as const) {
      if (locale === "en") await page.getByTestId("locale-en").click();
      for (const path of paths) {
        await page.goto(path);
        await expect(page.locator("main")).toBeVisible();
        const text = await page.locator("body").innerText();
        expect(text.match(MISSING_KEY)?.[0] ?? null, `${locale} ${path}`).toBeNull();
      }
    }
  });
}
