import { expect, type Page, type Browser } from "@playwright/test";

export const DEMO_PASSWORD = "zhongshu-demo";

/** One seeded person per role (db/seed.ts) and the home each lands on. */
export const PEOPLE = {
  principal: { login: "wangjianguo", home: "/leadership" },
  deputy: { login: "liminghua", home: "/leadership" },
  office_director: { login: "liufang", home: "/office" },
  office_staff: { login: "zhaolei", home: "/office" },
  dept_head: { login: "zhoumin", home: "/department" },
  dept_liaison: { login: "wuting", home: "/department" },
  dept_staff: { login: "zhengkai", home: "/department" },
  admin: { login: "admin", home: "/admin" },
} as const;

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/login");
  }

  async signIn(login: string, password = DEMO_PASSWORD) {
    await this.goto();
    await this.page.getByLabel(/^(登录名|Login name)$/).fill(login);
    await this.page.getByLabel(/^(密码|Password)$/).fill(password);
    await this.page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  }

  async signInAndLand(login: string, home: string, password = DEMO_PASSWORD) {
    await this.signIn(login, password);
    await expect(this.page).toHaveURL(new RegExp(`${home}$`));
  }
}

export async function signedInPage(browser: Browser, login: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new LoginPage(page).signIn(login, password);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}
