// The office's casebook, end to end: a meeting notice to the principal is confirmed by his
// secretary on his behalf; the receipt board still shows the principal as not personally
// confirmed; the office urges; the principal — whose header badge rises live, without a reload,
// in his own browser — confirms himself.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { e2eSql } from "./support/db";
import { signedInPage } from "./support/fixtures";

async function as(browser: Browser, login: string, path: string): Promise<Page> {
  const page = await signedInPage(browser, login);
  page.on("dialog", (d) => void d.accept());
  await page.goto(path);
  return page;
}

async function submit(page: Page, scope: Locator) {
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
  await scope.getByRole("button").last().click();
  await answered;
}

/** A local "YYYY-MM-DDTHH:mm" in Asia/Shanghai, days from now. */
function localDateTime(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000);
  return d.toISOString().slice(0, 16);
}

test("a meeting notice confirmed by the secretary is not the principal's own confirmation until he confirms", async ({ browser }) => {
  const sql = e2eSql();
  const [principal] = await sql<{ id: number }[]>`select id from users where login = 'wangjianguo'`;
  await sql.end();
  const title = `关于召开学期工作会议的通知 ${Date.now()}`;

  // The principal is at his desk, his home open in his own browser.
  const leader = await as(browser, "wangjianguo", "/leadership");
  const unread = async () => {
    const badge = leader.getByTestId("unread-count");
    return (await badge.count()) ? Number(await badge.textContent()) : 0;
  };
  const before = await unread();

  // The office writes a meeting notice to the principal, a receipt required by tomorrow.
  const office = await as(browser, "liufang", "/notices/new");
  const form = office.getByTestId("notice-form");
  await form.locator('[name="kind"]').selectOption("meeting");
  await form.locator('[name="title"]').fill(title);
  await form.locator('[name="body"]').fill("定于下周一上午 9 点在行政楼第一会议室召开。\n\n<script>alert(1)</script>\n\n**请准时参加。** [回执说明](javascript:alert(2))");
  await form.getByTestId("notice-audience").getByRole("checkbox", { name: /王建国/ }).check();
  await form.locator('[name="receiptDueAt"]').fill(localDateTime(1));
  await form.getByRole("button").last().click();
  await expect(office).toHaveURL(/\/notices\/\d+$/);
  const url = office.url();
  // Markdown is rendered, the script is not.
  await expect(office.getByTestId("notice-body").locator("strong")).toHaveText("请准时参加。");
  await expect(office.getByTestId("notice-body").locator("script")).toHaveCount(0);
  await expect(office.getByTestId("notice-body").locator('a[href^="javascript:"]')).toHaveCount(0);

  // It reaches the principal live: his badge rises without a reload.
  await leader.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await expect.poll(unread, { timeout: 20_000 }).toBeGreaterThan(before);

  // His secretary in the office confirms for him.
  const secretary = await as(browser, "zhaolei", url);
  const onBehalf = secretary.getByTestId("notice-on-behalf");
  await onBehalf.locator('[name="onBehalfOf"]').selectOption(String(principal.id));
  await submit(secretary, onBehalf);
  await expect(secretary.getByTestId(`act-for-${principal.id}`)).toBeVisible();

  // The board shows it as a confirmation on his behalf, not his own.
  await office.reload();
  const row = office.getByTestId(`board-person-${principal.id}`);
  await expect(row).toHaveAttribute("data-status", "proxy_only");
  await expect(row.getByTestId("board-proxy")).toContainText("赵磊");
  await expect(office.getByTestId("board-count-confirmed")).toHaveAttribute("data-count", "0");

  // The office urges the missing one; the principal's badge rises again, still the same page.
  const afterDelivery = await unread();
  await submit(office, office.getByTestId("notice-urge"));
  await expect.poll(unread, { timeout: 20_000 }).toBeGreaterThan(afterDelivery);
  expect(await leader.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // He opens it and confirms himself, and replies that he will attend.
  await leader.goto(url);
  await expect(leader.getByTestId("my-receipt-status")).toHaveAttribute("data-status", /proxy_only|read/);
  const reply = leader.getByTestId("notice-reply");
  await reply.getByRole("radio", { name: "本人参会" }).check();
  await submit(leader, reply);
  await expect(leader.getByTestId("my-receipt-status")).toHaveAttribute("data-status", "confirmed");

  await office.reload();
  await expect(office.getByTestId(`board-person-${principal.id}`)).toHaveAttribute("data-status", "confirmed");
  await expect(office.getByTestId("board-count-confirmed")).toHaveAttribute("data-count", "1");
});
