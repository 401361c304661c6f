// Requests and coordination end to end, each step by the person whose job it is, in their own
// browser session. A request that the deputy passes to the principal, who instructs, and that
// becomes a supervised item; a coordination matter between departments under different deputies
// that the office cannot settle, which climbs the ladder (the clock moved, not waited for) and is
// decided by the principal, creating items for both departments.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { e2eSql } from "./support/db";
import { signedInPage } from "./support/fixtures";

async function as(browser: Browser, login: string, path: string): Promise<Page> {
  const page = await signedInPage(browser, login);
  // Confirmation prompts ("submit this request?") are answered yes.
  page.on("dialog", (d) => void d.accept());
  await page.goto(path);
  return page;
}

/** Submits a form and waits until the server action has answered. */
async function submit(page: Page, scope: Locator) {
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
  await scope.getByRole("button").last().click();
  await answered;
}

test("a request passed by the deputy to the principal, who instructs, becomes a supervised item", async ({ browser }) => {
  const title = `关于增设实验班的请示 ${Date.now()}`;
  // 教务处's head drafts and submits.
  const head = await as(browser, "zhoumin", "/requests/new");
  const form = head.getByTestId("new-request-form");
  await form.locator('[name="title"]').fill(title);
  await form.locator('[name="background"]').fill("高一年级报名人数超出计划。");
  await form.locator('[name="question"]').fill("是否同意增设一个实验班？");
  await form.locator('[name="recommendation"]').fill("建议同意，师资由教务处统筹。");
  await form.getByRole("button").last().click();
  await expect(head).toHaveURL(/\/requests\/\d+$/);
  const url = head.url();
  const id = Number(url.split("/").pop());
  await expect(head.getByTestId("request-number")).toHaveText(/请〔\d{4}〕\d+号/);
  await submit(head, head.getByTestId("request-action-submit"));
  await expect(head.getByTestId("request-timeline").locator('[data-event="submit"]')).toHaveCount(1);

  // The office proposes; the routing rule sends it to 教务处's deputy, and says why.
  const office = await as(browser, "liufang", url);
  await office.getByTestId("request-action-propose").locator('[name="proposal"]').fill("拟同意，请李校长审定。");
  await submit(office, office.getByTestId("request-action-propose"));
  await expect(office.getByTestId("request-routed-leader")).toHaveText("李明华");
  await expect(office.getByTestId("request-route-reason")).toContainText("李明华");

  // The deputy finds it in the one queue and passes it to the principal as major.
  const deputy = await as(browser, "liminghua", "/leadership");
  const queued = deputy.getByTestId(`queue-request-${id}`);
  await expect(queued).toContainText(title);
  await expect(queued).toContainText("拟同意，请李校长审定。");
  await queued.getByRole("link", { name: title }).click();
  await expect(deputy).toHaveURL(url);
  const refer = deputy.getByTestId("request-action-refer_to_principal");
  await refer.locator('[name="note"]').fill("涉及招生计划调整，请校长定夺。");
  await submit(deputy, refer);
  await expect(deputy.getByTestId("request-routed-leader")).toHaveText("王建国");

  // The principal instructs (批示) from his queue: open, write, send.
  const principal = await as(browser, "wangjianguo", "/leadership");
  const entry = principal.getByTestId(`queue-request-${id}`);
  await expect(entry.getByTestId("route-reason")).toHaveText("分管领导转呈");
  await entry.getByRole("link", { name: title }).click();
  const decide = principal.getByTestId("request-decide-form");
  await decide.getByRole("radio", { name: "批示" }).check();
  await decide.locator('[name="text"]').fill("同意增设，教务处一周内拿出排课方案。");
  await submit(principal, decide);
  await expect(principal.getByTestId("request-decision")).toContainText("同意增设，教务处一周内拿出排课方案。");

  // One step turns the decision into a supervised item for 教务处, linked to the request.
  const convert = principal.getByTestId("request-convert-form");
  await expect(convert.locator('[name="title"]')).toHaveValue(title);
  await submit(principal, convert);
  await expect(principal.getByTestId("request-linked-items").getByRole("link")).toHaveCount(1);

  // The department was told, and the item is in its inbox.
  await head.goto("/notifications");
  await expect(head.getByTestId("notifications")).toContainText("请示已有领导决定");
  await head.goto("/department");
  await expect(head.getByRole("link", { name: title }).first()).toBeVisible();

  // A decided request is read-only: no action is offered to the department any more.
  await head.goto(url);
  await expect(head.locator('[data-testid^="request-action-"]')).toHaveCount(0);
});

test("a coordination matter between departments under different deputies climbs the ladder and is decided by the principal", async ({ browser }) => {
  const title = `实验室经费分摊协调 ${Date.now()}`;
  // 教务处 (李明华's) raises it with 财务处 (张卫东's).
  const raiser = await as(browser, "zhoumin", "/coordination/new");
  const form = raiser.getByTestId("raise-matter-form");
  await form.locator('[name="title"]').fill(title);
  await form.locator('[name="background"]').fill("新建实验室的耗材经费归属不清。");
  await form.getByLabel("财务处").check();
  await form.locator('[name^="need_"]').fill("请财务处明确经费列支渠道。");
  await form.getByRole("button").last().click();
  await expect(raiser).toHaveURL(/\/coordination\/\d+$/);
  const url = raiser.url();
  const id = Number(url.split("/").pop());
  await expect(raiser.getByTestId("matter-number")).toHaveText(/协〔\d{4}〕\d+号/);

  // 财务处 states its position; another department cannot even open the matter.
  const finance = await as(browser, "hanmei", url);
  const position = finance.getByTestId("action-state_position");
  await position.locator("textarea").fill("应由教务处从教学经费中列支。");
  await submit(finance, position);
  await expect(finance.getByTestId("matter-parties")).toContainText("应由教务处从教学经费中列支。");
  const outsider = await as(browser, "huangwei", url);
  await expect(outsider.getByTestId("matter-number")).toHaveCount(0);

  // The office accepts and consults, but the parties do not agree.
  const office = await as(browser, "liufang", url);
  await submit(office, office.getByTestId("action-accept"));
  const consult = office.getByTestId("action-log_consultation");
  await consult.locator("textarea").fill("分别听取两处意见，分歧未消除。");
  await submit(office, consult);

  // No progress: each time the clock moves past the ladder's working days, the sweep climbs one rung.
  const sql = e2eSql();
  const climb = async (rung: string) => {
    await sql`update coordination_matters set last_progress_on = last_progress_on - 14 where id = ${id}`;
    await office.goto("/office/ledger");
    const answered = office.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
    await office.getByRole("button", { name: "立即检查到期并催办" }).click();
    await answered;
    await office.goto(url);
    await expect(office.getByTestId("rung-ladder").locator('[aria-current="step"]')).toHaveAttribute("data-rung", rung);
  };
  await climb("meeting");
  await climb("deputy");
  // The parties fall under two deputies, so the matter is already before the principal.
  await expect(office.getByTestId("routed-leader")).toHaveText("王建国");
  await climb("principal");
  await expect(office.getByTestId("matter-timeline").locator('[data-event="climb"]')).toHaveCount(3);
  await sql.end();

  // The principal decides from his queue, creating an item for each department.
  const principal = await as(browser, "wangjianguo", "/leadership");
  const entry = principal.getByTestId(`queue-coordination-${id}`);
  await expect(entry).toContainText(title);
  await entry.getByRole("link", { name: title }).click();
  const decide = principal.getByTestId("action-decide");
  await decide.locator('[name="decision"]').fill("耗材经费由教务处列支，财务处单列科目并予以保障。");
  await decide.locator("summary").click();
  await decide.locator('[name="point_1_departmentId"]').selectOption({ label: "教务处" });
  await decide.locator('[name="point_1_text"]').fill("教务处编制实验室耗材预算");
  await decide.locator('[name="point_1_dueOn"]').fill(futureDay(20));
  await decide.locator('[name="point_2_departmentId"]').selectOption({ label: "财务处" });
  await decide.locator('[name="point_2_text"]').fill("财务处单列实验室耗材科目");
  await decide.locator('[name="point_2_dueOn"]').fill(futureDay(20));
  await submit(principal, decide);
  await expect(principal.getByTestId("matter-decision")).toContainText("耗材经费由教务处列支");
  await expect(principal.getByTestId("linked-items").getByRole("link")).toHaveCount(2);

  // Both departments have their item in their inbox.
  await raiser.goto("/department");
  await expect(raiser.getByRole("link", { name: "教务处编制实验室耗材预算" })).toBeVisible();
  await finance.goto("/department");
  await expect(finance.getByRole("link", { name: "财务处单列实验室耗材科目" })).toBeVisible();
});

function futureDay(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}
