// Two app instances on one PostgreSQL behind a round-robin proxy on loopback (support/cluster.ts):
// a person's session, their live unread badge and the reminder sweep work whichever instance
// serves them, and no reminder is sent twice when both sweep at once. Every request here goes
// through the proxy; its `x-upstream` header says which instance answered.
import { expect, request, test, type APIRequestContext, type APIResponse, type Browser, type Page, type Response } from "@playwright/test";
import { serverActions } from "./support/actions";
import { PIN_HEADER, startCluster, UPSTREAM_HEADER, type Cluster } from "./support/cluster";
import { e2eSql } from "./support/db";
import { LoginPage } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

let cluster: Cluster;

test.beforeAll(async () => {
  // Two more `next start` on a shared two-core machine.
  test.setTimeout(240_000);
  cluster = await startCluster(2);
});

test.afterAll(async () => {
  await cluster?.stop();
});

test.afterEach(async ({}, testInfo) => {
  // The instances' own logs explain a failure (a sweep error, a refused action).
  if (testInfo.status !== testInfo.expectedStatus) {
    cluster?.instances.forEach((i, n) => console.log(`--- instance ${n} (port ${i.port}) ---\n${i.output()}`));
  }
});

function upstreamOf(res: Response | APIResponse): number {
  const value = res.headers()[UPSTREAM_HEADER];
  expect(value, `${res.url()} came through the proxy`).toMatch(/^[01]$/);
  return Number(value);
}

/** A new browser on the proxy's address, signed in; `watch` sees the page before anything loads. */
async function signedIn(browser: Browser, login: string, home: string, opts: { pin?: number; watch?: (page: Page) => void } = {}): Promise<Page> {
  const { pin, watch } = opts;
  const context = await browser.newContext({ baseURL: cluster.url, extraHTTPHeaders: pin === undefined ? undefined : { [PIN_HEADER]: String(pin) } });
  const page = await context.newPage();
  page.on("dialog", (d) => void d.accept());
  watch?.(page);
  await new LoginPage(page).signInAndLand(login, home);
  return page;
}

/** An HTTP client with the page's cookies whose every request goes to one instance. */
async function pinnedClient(page: Page, pin: number): Promise<APIRequestContext> {
  const storageState = await page.context().storageState();
  return request.newContext({ baseURL: cluster.url, storageState, extraHTTPHeaders: { [PIN_HEADER]: String(pin) } });
}

function actionId(prefix: string, name: string): string {
  const found = serverActions(prefix).find((a) => a.name === name);
  if (!found) throw new Error(`no server action ${name} in ${prefix}`);
  return found.id;
}

/**
 * A useActionState server action with no fields, posted as the browser does (see
 * support/actions.ts), with the proxy's address as its Origin: the site as the browser sees it.
 */
async function callAction(api: APIRequestContext, pagePath: string, id: string) {
  const form = new FormData();
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const headers = { "Next-Action": id, Accept: "text/x-component", Origin: cluster.url };
  const res = await api.post(pagePath, { headers, multipart: form, maxRedirects: 0 });
  return { status: res.status(), upstream: upstreamOf(res), body: await res.text(), location: res.headers().location ?? "" };
}

const isActionPost = (r: Response) => r.request().method() === "POST" && !!r.request().headers()["next-action"];

test("a session holds on both instances, server actions work on either, and signing out on one ends it on the other", async ({ browser }) => {
  const page = await signedIn(browser, "liufang", "/office");

  // Pages one after another in the browser: each is the office director's, whichever instance
  // served it (each page also prefetches its links, so they land on both).
  for (const path of ["/office", "/notifications", "/notices", "/office/ledger", "/account", "/notices/board", "/office"]) {
    const res = await page.goto(path);
    expect(res!.status()).toBe(200);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByTestId("current-user")).toContainText("刘芳");
    upstreamOf(res!);
  }
  // A server action from the page (the proxy's log tells where it went).
  const answered = page.waitForResponse(isActionPost);
  await page.goto("/office/ledger");
  await page.getByRole("button", { name: "立即检查到期并催办" }).click();
  expect((await answered).status()).toBe(200);
  await expect(page.getByTestId("form-ok")).toBeVisible();
  await expect(page.getByTestId("form-error")).toHaveCount(0);

  // With the browser on a quiet page (no prefetching, no event stream), the same session's
  // requests strictly one after another: round robin alternates them between the instances.
  await page.goto("/api/health");
  const served: number[] = [];
  for (const path of ["/office", "/notifications", "/notices", "/office/ledger", "/account", "/office"]) {
    const res = await page.context().request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    expect(await res.text()).toContain("刘芳");
    served.push(upstreamOf(res));
  }
  expect(served.slice(1).every((u, i) => u !== served[i]), `alternating: ${served}`).toBe(true);
  // A server action on each instance with the same cookie.
  const markAllRead = actionId("lib/actions/notifications", "markAllReadAction");
  for (const pin of [0, 1]) {
    const client = await pinnedClient(page, pin);
    const result = await callAction(client, "/notifications", markAllRead);
    await client.dispose();
    expect(result).toMatchObject({ status: 200, upstream: pin });
    expect(result.body).toContain('"status":"ok"');
  }

  // Sign out on one instance. The cookie the browser held until then (its copy in another tab,
  // or one re-sent by a request that was still in flight) no longer opens anything on the other.
  await page.goto("/office");
  const cookieBefore = await page.context().storageState();
  const signingOut = page.waitForResponse(isActionPost);
  await page.getByTestId("sign-out").click();
  const signedOutBy = upstreamOf(await signingOut);
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  const other = await request.newContext({ baseURL: cluster.url, storageState: cookieBefore, extraHTTPHeaders: { [PIN_HEADER]: String(1 - signedOutBy) } });
  const office = await other.get("/office", { maxRedirects: 0 });
  expect(upstreamOf(office)).toBe(1 - signedOutBy);
  expect(office.status()).toBe(307);
  expect(office.headers().location).toMatch(/\/login\?/);
  expect((await other.head("/api/notifications/stream")).status()).toBe(401);
  const refused = await callAction(other, "/notifications", markAllRead);
  expect(refused.body).not.toContain('"status":"ok"');
  await other.dispose();
  // The browser itself, whichever instance answers: the sign-in page each time.
  for (let i = 0; i < 3; i++) {
    await page.goto("/notifications");
    await expect(page).toHaveURL(/\/login\?/);
  }
  await page.context().close();
});

/** A local "YYYY-MM-DDTHH:mm" in Asia/Shanghai, days from now. */
function localDateTime(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
}

async function publishNotice(office: Page, title: string, people: RegExp[]): Promise<number> {
  await office.goto("/notices/new");
  const form = office.getByTestId("notice-form");
  await form.locator('[name="kind"]').selectOption("notice");
  await form.locator('[name="title"]').fill(title);
  await form.locator('[name="body"]').fill("请各位于期限前确认收悉。");
  for (const name of people) await form.getByTestId("notice-audience").getByRole("checkbox", { name }).check();
  await form.locator('[name="receiptDueAt"]').fill(localDateTime(1));
  await form.getByRole("button").last().click();
  await expect(office).toHaveURL(/\/notices\/\d+$/);
  return Number(office.url().split("/").pop());
}

test("a notice published and urged on one instance raises the badge live on a page whose stream is on the other", async ({ browser }) => {
  // The principal at his desk: his page's event stream is held by one instance.
  // (The sign-in page has no badge; the landing after it is a client-side navigation: one stream.)
  const streams: Response[] = [];
  const leader = await signedIn(browser, "wangjianguo", "/leadership", {
    watch: (page) =>
      page.on("response", (r) => {
        if (r.request().method() === "GET" && new URL(r.url()).pathname === "/api/notifications/stream") streams.push(r);
      }),
  });
  await expect.poll(() => streams.length, { timeout: 20_000 }).toBe(1);
  const x = upstreamOf(streams[0]);
  expect(streams[0].status()).toBe(200);
  expect(streams[0].headers()["content-type"]).toContain("text/event-stream");
  expect(cluster.log.some((r) => r.path === "/api/notifications/stream" && r.upstream === x && r.open)).toBe(true);
  const unread = async () => {
    const badge = leader.getByTestId("unread-count");
    return (await badge.count()) ? Number(await badge.textContent()) : 0;
  };
  await leader.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const before = await unread();

  // The office, every request of its session pinned to the other instance, publishes a notice to him.
  const y = 1 - x;
  const office = await signedIn(browser, "liufang", "/office", { pin: y });
  const published = office.waitForResponse(isActionPost);
  await publishNotice(office, `跨实例实时提醒测试 ${Date.now()}`, [/王建国/]);
  expect(upstreamOf(await published)).toBe(y);
  const started = Date.now();
  await expect.poll(unread, { timeout: 20_000 }).toBeGreaterThan(before);
  test.info().annotations.push({ type: "badge rise after the publish answer (ms)", description: String(Date.now() - started) });

  // The office urges him, still on the other instance; the badge rises again, same page, same stream.
  const afterPublish = await unread();
  const urged = office.waitForResponse(isActionPost);
  await office.getByTestId("notice-urge").getByRole("button").last().click();
  expect(upstreamOf(await urged)).toBe(y);
  await expect.poll(unread, { timeout: 20_000 }).toBeGreaterThan(afterPublish);
  expect(await leader.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  expect(streams).toHaveLength(1);
  for (const p of [leader, office]) await p.context().close();
});

async function registerItem(office: Page, title: string, workingDays: number): Promise<number> {
  await office.goto("/office/items/new");
  const form = office.getByTestId("register-item-form");
  await form.locator('[name="title"]').fill(title);
  await form.locator('[name="source"]').selectOption("superior_document");
  await form.locator('[name="leadDepartmentId"]').selectOption({ label: "学生处" });
  await form.getByRole("radio", { name: /工作日/ }).check();
  await form.locator('[name="dueInWorkingDays"]').fill(String(workingDays));
  await form.locator('[name="proposal"]').fill("拟请学生处按期完成。");
  await form.getByRole("button").last().click();
  await expect(office).toHaveURL(/\/items\/\d+$/);
  return Number(office.url().split("/").pop());
}

test("both instances sweeping at once send each reminder once per person", async ({ browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const sql = e2eSql();
  let hookId = 0;
  try {
    // An item due on the next working day, another long overdue, a notice whose receipt is due tomorrow.
    const office = await signedIn(browser, "liufang", "/office");
    const soon = await registerItem(office, `宿舍安全检查（双实例）${stamp}`, 1);
    const late = await registerItem(office, `消防通道清理（双实例）${stamp}`, 3);
    const deputy = await signedIn(browser, "liminghua", "/leadership");
    for (const id of [soon, late]) {
      await deputy.goto(`/items/${id}`);
      await deputy.getByTestId("approve-form").getByRole("button").click();
      await expect(deputy.getByTestId("item-state")).toHaveText("待签收");
    }
    const notice = await publishNotice(office, `双实例回执提醒 ${stamp}`, [/李明华/, /黄伟/]);
    // A coordination matter 教务处 raised with 财务处, stalled past the ladder's working days.
    const raiser = await signedIn(browser, "zhoumin", "/department");
    await raiser.goto("/coordination/new");
    const raise = raiser.getByTestId("raise-matter-form");
    await raise.locator('[name="title"]').fill(`实验耗材经费协调（双实例）${stamp}`);
    await raise.locator('[name="background"]').fill("耗材经费归属不清。");
    await raise.getByLabel("财务处").check();
    await raise.locator('[name^="need_"]').fill("请财务处明确列支渠道。");
    await raise.getByRole("button").last().click();
    await expect(raiser).toHaveURL(/\/coordination\/\d+$/);
    const matter = Number(raiser.url().split("/").pop());
    await sql`update coordination_matters set last_progress_on = last_progress_on - 14 where id = ${matter}`;
    // Two weeks pass for the overdue one: its dates move back instead of waiting.
    await sql`update items set due_on = due_on - 14, created_at = created_at - interval '17 days' where id = ${late}`;
    // A webhook for overdue items, so the "once per item and due date" delivery is exercised too
    // (it points at the discard port: deliveries fail and stay on record).
    const [admin] = await sql<{ id: number }[]>`select id from users where login = 'admin'`;
    const [hook] = await sql<{ id: number }[]>`
      insert into webhooks (name, url, secret, events, created_by_id)
      values (${`two-instances ${stamp}`}, 'http://127.0.0.1:9/', 'two-instances-test-secret', ${["item.overdue"]}, ${admin.id}) returning id`;
    hookId = hook.id;

    // The office's session, pinned to each instance: six sweeps at once, three on each.
    const sweepNow = actionId("lib/actions/items", "sweepNowAction");
    const clients = [await pinnedClient(office, 0), await pinnedClient(office, 1)];
    const sweepBoth = async () => {
      const t0 = Date.now();
      const results = await Promise.all([0, 1, 0, 1, 0, 1].map((pin) => callAction(clients[pin], "/office/ledger", sweepNow)));
      for (const [n, r] of results.entries()) {
        expect(r.status).toBe(200);
        expect(r.upstream).toBe(n % 2);
        expect(r.body).toContain('"status":"ok"');
      }
      return Date.now() - t0;
    };

    type Row = { login: string; kind: string; n: number };
    const sent = async (column: "item_id" | "notice_id" | "coordination_id", ids: number[]) =>
      sql<Row[]>`
        select u.login, n.kind, count(*)::int as n from notifications n join users u on u.id = n.user_id
        where ${sql(column)} in ${sql(ids)} and n.kind in ('due_soon', 'overdue', 'escalated', 'notice_reminder', 'notice_overdue', 'coordination_climbed')
        group by u.login, n.kind order by n.kind, u.login`;
    const whoGot = (rows: Row[], kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.login);
    const events = async (table: "item_events" | "notice_events" | "coordination_events", column: "item_id" | "notice_id" | "matter_id", id: number, action: string) => {
      const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)} where ${sql(column)} = ${id} and action = ${action}`;
      return n;
    };

    const firstMs = await sweepBoth();
    const items = await sent("item_id", [soon, late]);
    // Everyone owed a reminder has exactly one.
    expect(items.filter((r) => r.n !== 1)).toEqual([]);
    expect(whoGot(items, "due_soon")).toEqual(expect.arrayContaining(["huangwei", "linxue"]));
    expect(whoGot(items, "overdue")).toEqual(expect.arrayContaining(["huangwei", "linxue"]));
    expect(whoGot(items, "escalated")).toEqual(expect.arrayContaining(["liminghua", "liufang", "zhaolei", "sunli"]));
    const [{ n: dueSoonOnLate }] = await sql<{ n: number }[]>`select count(*)::int as n from notifications where item_id = ${late} and kind = 'due_soon'`;
    expect(dueSoonOnLate).toBe(0);
    expect(await events("item_events", "item_id", late, "escalate")).toBe(1);
    const [{ n: deliveries }] = await sql<{ n: number }[]>`
      select count(*)::int as n from webhook_deliveries where webhook_id = ${hook.id} and event = 'item.overdue' and payload @> ${sql.json({ itemId: late })}`;
    expect(deliveries).toBe(1);
    let notices = await sent("notice_id", [notice]);
    expect(notices).toEqual([
      { login: "huangwei", kind: "notice_reminder", n: 1 },
      { login: "liminghua", kind: "notice_reminder", n: 1 },
    ]);
    expect(await events("notice_events", "notice_id", notice, "auto_reminder")).toBe(1);
    // The matter climbed one rung, once, and those told were told once.
    const [{ rung }] = await sql<{ rung: string }[]>`select rung from coordination_matters where id = ${matter}`;
    expect(rung).toBe("meeting");
    expect(await events("coordination_events", "matter_id", matter, "climb")).toBe(1);
    const climbed = await sent("coordination_id", [matter]);
    expect(climbed.filter((r) => r.n !== 1)).toEqual([]);
    expect(whoGot(climbed, "coordination_climbed")).toEqual(expect.arrayContaining(["liufang", "zhoumin", "hanmei"]));

    // The deadline passes (moved, not waited for): both sweep at once again; the overdue
    // message goes out once, and nothing sent before is sent again.
    await sql`update notices set receipt_due_at = now() - interval '1 hour' where id = ${notice}`;
    const secondMs = await sweepBoth();
    expect(await sent("item_id", [soon, late])).toEqual(items);
    notices = await sent("notice_id", [notice]);
    expect(notices).toEqual([
      { login: "huangwei", kind: "notice_overdue", n: 1 },
      { login: "liminghua", kind: "notice_overdue", n: 1 },
      { login: "huangwei", kind: "notice_reminder", n: 1 },
      { login: "liminghua", kind: "notice_reminder", n: 1 },
    ]);
    expect(await events("notice_events", "notice_id", notice, "auto_overdue")).toBe(1);
    expect(await events("item_events", "item_id", late, "escalate")).toBe(1);
    expect(await events("coordination_events", "matter_id", matter, "climb")).toBe(1);
    expect(await sent("coordination_id", [matter])).toEqual(climbed);
    const [{ n: deliveriesAfter }] = await sql<{ n: number }[]>`
      select count(*)::int as n from webhook_deliveries where webhook_id = ${hook.id} and event = 'item.overdue' and payload @> ${sql.json({ itemId: late })}`;
    expect(deliveriesAfter).toBe(1);
    test.info().annotations.push({ type: "six concurrent sweeps (ms)", description: `${firstMs}, ${secondMs}` });

    for (const c of clients) await c.dispose();
    for (const p of [office, deputy, raiser]) await p.context().close();
  } finally {
    // No further deliveries for the rest of the suite.
    if (hookId) await sql`update webhooks set active = false where id = ${hookId}`;
    await sql.end();
  }
});
