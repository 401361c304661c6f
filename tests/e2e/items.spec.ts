// A supervised item end to end, each step by the person whose job it is, in their own browser
// session: the office registers and proposes, the deputy instructs, the department signs for,
// reports progress, asks for more time and reports completion, the office returns it once and
// then closes it. Then the overdue path: the item's dates are moved back (the clock moved,
// not waited for), the sweep urges and escalates, the office urges by hand.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { e2eSql } from "./support/db";
import { signedInPage } from "./support/fixtures";

async function as(browser: Browser, login: string, path: string): Promise<Page> {
  const page = await signedInPage(browser, login);
  await page.goto(path);
  return page;
}

/** Fills and submits one action form, and waits until the server has answered it. */
async function act(page: Page, section: string, fill?: (s: ReturnType<Page["getByTestId"]>) => Promise<void>) {
  const s = page.getByTestId(`action-${section}`);
  await fill?.(s);
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
  await s.getByRole("button").last().click();
  await answered;
}

test("an item travels from the office to the department and back, and is closed", async ({ browser }) => {
  // The office registers and proposes.
  const office = await as(browser, "liufang", "/office/items/new");
  const form = office.getByTestId("register-item-form");
  await form.locator('[name="title"]').fill("关于开展校园安全隐患排查的通知");
  await form.locator('[name="body"]').fill("请各部门于期限内完成排查并报送台账。");
  await form.locator('[name="source"]').selectOption("leader");
  await form.locator('[name="leadDepartmentId"]').selectOption({ label: "教务处" });
  await form.getByRole("radio", { name: /工作日/ }).check();
  await form.locator('[name="dueInWorkingDays"]').fill("10");
  await form.locator('[name="proposal"]').fill("拟请教务处牵头，十个工作日内完成。");
  await form.getByRole("button").last().click();
  await expect(office).toHaveURL(/\/items\/\d+$/);
  const url = office.url();
  await expect(office.getByTestId("item-number")).toHaveText(/督〔\d{4}〕\d+号/);
  await expect(office.getByTestId("routed-leader")).toHaveText("李明华");
  await expect(office.getByTestId("item-state")).toHaveText("待领导批示");

  // The deputy finds it in the queue and writes an instruction.
  const deputy = await as(browser, "liminghua", "/leadership");
  await deputy.getByRole("link", { name: /校园安全隐患排查/ }).first().click();
  await expect(deputy).toHaveURL(url);
  await act(deputy, "decide", async (s) => {
    await s.locator('[name="instruction"]').fill("同意。请教务处抓紧落实，注意留存记录。");
  });
  await expect(deputy.getByTestId("item-state")).toHaveText("待签收");

  // The department signs for, reports progress, asks for more time.
  const liaison = await as(browser, "wuting", "/department");
  await liaison.getByRole("link", { name: /校园安全隐患排查/ }).first().click();
  await act(liaison, "sign_for");
  await expect(liaison.getByTestId("item-state")).toHaveText("办理中");

  const staff = await as(browser, "zhengkai", url);
  await act(staff, "report_progress", (s) => s.locator('[name="note"]').fill("已完成教学楼排查，实验楼进行中。"));
  await expect(staff.getByText("已完成教学楼排查，实验楼进行中。")).toBeVisible();

  const head = await as(browser, "zhoumin", url);
  const due = (await e2eDue(url)).plus(20);
  await act(head, "request_extension", async (s) => {
    await s.locator('[name="requestedDueOn"]').fill(due);
    await s.locator('[name="reason"]').selectOption("workload");
  });
  await expect(head.getByTestId("pending-extension")).toBeVisible();

  // The deputy who assigned it approves the extension.
  await deputy.goto(url);
  await act(deputy, "decide_extension", (s) => s.locator('[name="approve"][value="true"]').check());
  await expect(deputy.getByTestId("action-decide_extension")).toHaveCount(0);
  expect((await e2eDue(url)).value).toBe(due);

  // Attachments: a real PDF is accepted; an executable named .pdf is refused at the field.
  await head.goto(url);
  const upload = head.getByTestId("attachment-upload-form");
  await upload.locator('input[type="file"]').setInputFiles({ name: "排查台账.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%排查\n") });
  await upload.getByRole("button", { name: "上传附件" }).click();
  await expect(head.getByTestId("attachments").getByRole("link", { name: "排查台账.pdf" })).toBeVisible();
  await upload.locator('input[type="file"]').setInputFiles({ name: "报告.pdf", mimeType: "application/pdf", buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]) });
  await upload.getByRole("button", { name: "上传附件" }).click();
  await expect(upload.locator('[data-field-error="file"]')).toHaveText("文件内容与扩展名不符，已拒绝。");
  const download = await head.request.get(await head.getByTestId("attachments").getByRole("link", { name: "排查台账.pdf" }).getAttribute("href") ?? "");
  expect(download.headers()["content-type"]).toBe("application/pdf");

  // Completion, returned once, completed again, closed.
  await head.goto(url);
  await act(head, "report_completion", (s) => s.locator('[name="note"]').fill("排查完毕，台账已上传。"));
  await expect(head.getByTestId("item-state")).toHaveText("已报办结");
  await office.goto(url);
  await act(office, "return_for_rework", (s) => s.locator('[name="note"]').fill("缺实验楼照片，请补充。"));
  await expect(office.getByTestId("item-state")).toHaveText("办理中");
  await head.goto(url);
  await act(head, "report_completion", (s) => s.locator('[name="note"]').fill("已补充照片。"));
  await office.goto(url);
  await act(office, "close");
  await expect(office.getByTestId("item-state")).toHaveText("已销号");

  // The timeline tells the whole story, with who did each step.
  for (const text of ["拟办并呈报", "作出批示", "教务处 签收", "申请延期", "同意延期", "退回重办", "核验销号"]) {
    await expect(office.getByText(text, { exact: false }).first()).toBeVisible();
  }

  // Someone outside the item cannot open it.
  const outsider = await as(browser, "hanmei", url);
  await expect(outsider.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  for (const p of [office, deputy, liaison, staff, head, outsider]) await p.context().close();
});

test("an overdue item is urged, escalated to its leader, and given more time", async ({ browser }) => {
  const office = await as(browser, "liufang", "/office/items/new");
  const form = office.getByTestId("register-item-form");
  await form.locator('[name="title"]').fill("学生宿舍消防通道清理");
  await form.locator('[name="source"]').selectOption("superior_document");
  await form.locator('[name="leadDepartmentId"]').selectOption({ label: "学生处" });
  await form.getByRole("radio", { name: /工作日/ }).check();
  await form.locator('[name="dueInWorkingDays"]').fill("3");
  await form.locator('[name="proposal"]').fill("拟请学生处三个工作日内完成。");
  await form.getByRole("button").last().click();
  await expect(office).toHaveURL(/\/items\/\d+$/);
  const url = office.url();
  const id = Number(url.split("/").pop());

  const deputy = await as(browser, "liminghua", url);
  await deputy.getByTestId("approve-form").getByRole("button").click();
  await expect(deputy.getByTestId("item-state")).toHaveText("待签收");
  const liaison = await as(browser, "linxue", url);
  await act(liaison, "sign_for");
  await expect(liaison.getByTestId("item-state")).toHaveText("办理中");

  // Two weeks pass: move the item's dates back instead of waiting.
  const sql = e2eSql();
  await sql`update items set due_on = due_on - 14, created_at = created_at - interval '17 days' where id = ${id}`;

  // The office runs the due-date check; the department is reminded and the deputy alerted, once.
  await office.goto("/office/ledger?overdue=1");
  await expect(office.getByRole("link", { name: /学生宿舍消防通道清理/ })).toBeVisible();
  await office.getByRole("button", { name: "立即检查到期并催办" }).click();
  await expect(office.getByTestId("form-ok")).toBeVisible();
  await office.getByRole("button", { name: "立即检查到期并催办" }).click();
  await expect(office.getByTestId("form-ok")).toBeVisible();
  const notes = await sql`select kind, count(*)::int as n from notifications where item_id = ${id} group by kind order by kind`;
  const byKind = Object.fromEntries(notes.map((r) => [r.kind, r.n]));
  expect(byKind.overdue).toBeGreaterThan(0);
  expect(byKind.escalated).toBeGreaterThan(0);
  const [{ n: escalations }] = await sql`select count(*)::int as n from item_events where item_id = ${id} and action = 'escalate'`;
  expect(escalations).toBe(1);

  // The department's liaison sees the reminder in the header and the notification list.
  await liaison.goto("/notifications");
  await expect(liaison.getByTestId("unread-count")).toBeVisible();
  await expect(liaison.getByText("事项已逾期").first()).toBeVisible();
  await liaison.getByRole("button", { name: "全部标为已读" }).click();
  await expect(liaison.getByTestId("unread-count")).toHaveCount(0);

  await office.goto(url);
  await expect(office.getByText("自动提请 李明华 督办", { exact: false })).toBeVisible();
  await act(office, "urge", (s) => s.locator('[name="note"]').fill("请今日内报送进展。"));
  await expect(office.getByText("请今日内报送进展。")).toBeVisible();

  // The department asks for more time; the deputy agrees; it is no longer overdue.
  const head = await as(browser, "huangwei", url);
  const later = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await act(head, "request_extension", async (s) => {
    await s.locator('[name="requestedDueOn"]').fill(later);
    await s.locator('[name="reason"]').selectOption("external_dependency");
  });
  await deputy.goto(url);
  await act(deputy, "decide_extension", (s) => s.locator('[name="approve"][value="true"]').check());
  await expect(deputy.getByTestId("action-decide_extension")).toHaveCount(0);
  const [{ due }] = await sql`select due_on::text as due from items where id = ${id}`;
  expect(due).toBe(later);
  await sql.end();
  for (const p of [office, deputy, liaison, head]) await p.context().close();
});

/** The item's due date as stored, with a helper to move it. */
async function e2eDue(url: string) {
  const id = Number(url.split("/").pop());
  const sql = e2eSql();
  const [row] = await sql`select due_on::text as due from items where id = ${id}`;
  await sql.end();
  const base = new Date(`${row.due}T00:00:00Z`);
  return {
    value: row.due as string,
    plus(days: number) {
      const d = new Date(base);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    },
  };
}
