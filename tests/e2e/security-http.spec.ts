// HTTP-level defences, probed the way an attacker would: with headers and paths a browser never
// sends, straight at the server.
//   1. The proxy is not the guard: x-middleware-subrequest, RSC and prefetch requests, `.rsc`
//      and `?_rsc` URLs and paths the proxy's matcher leaves out reach no protected data.
//   2. Server actions refuse a foreign, "null" or missing Origin, and nothing changes.
//   3. Security headers: a nonce-based CSP the pages run under without a single violation, nosniff,
//      Referrer-Policy, X-Frame-Options, HSTS (and a Secure session cookie) only behind HTTPS.
//   4. A copied session cookie stops working at once after sign-out, disabling, password change.
//   5. Downloads carry a safe Content-Disposition; an oversize upload is refused with a message.
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { postAction, serverActions, SITE_ORIGIN } from "./support/actions";
import { e2eSql } from "./support/db";
import { LoginPage } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

const TAG = `${Date.now()}`;
const SECRET_TITLE = `机密测试事项 ${TAG}`;
const FILE_MARKER = `ZS-SECRET-ATTACHMENT-${TAG}`;
/** A name as hostile as a multipart filename can carry: a path, quotes, CR/LF, a header of its own. */
const HOSTILE_NAME = `../../etc/"机密"\r\nX-Injected: 1; it's.pdf`;
const NEW_PASSWORD = "long-enough-password";
/** Refusals: redirect to sign-in, 401, 403 (forbidden page), 404 (missing and invisible alike). */
const REFUSED = [301, 302, 303, 307, 308, 401, 403, 404];

type Known = { item: number; number: RegExp; attachment: number; dongpeng: number; academic: number; finance: number };
let known: Known;

function pdf(marker: string, padTo = 0): Buffer {
  const head = Buffer.from(`%PDF-1.4\n% ${marker}\n1 0 obj<<>>endobj\n`);
  const tail = Buffer.from("trailer<<>>\n%%EOF\n");
  return Buffer.concat([head, Buffer.alloc(Math.max(0, padTo - head.length - tail.length), 0x20), tail]);
}

async function signedIn(browser: Browser, login: string, home: string, password?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await new LoginPage(page).signInAndLand(login, home, password);
  return page;
}

async function action(file: string, name: string) {
  const found = serverActions(file).find((a) => a.name === name);
  if (!found) throw new Error(`${name} is not in the build`);
  return found.id;
}

/** A multipart POST of one file to an upload action, as the upload form sends it. */
async function postFile(request: APIRequestContext, actionId: string, fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(`_1_${k}`, v);
  form.append("_1_file", new Blob([new Uint8Array(file.bytes)], { type: "application/pdf" }), file.name);
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const res = await request.post("/office", { headers: { "Next-Action": actionId, Accept: "text/x-component", Origin: SITE_ORIGIN }, multipart: form });
  return { status: res.status(), body: await res.text() };
}

test.beforeAll(async ({ browser }) => {
  // An item of 教务处 with a file, registered by the office: what outsiders must never see.
  const office = await signedIn(browser, "liufang", "/office");
  const sql = e2eSql();
  try {
    const [academic] = await sql<{ id: number }[]>`select id from departments where name = '教务处'`;
    const [finance] = await sql<{ id: number }[]>`select id from departments where name = '财务处'`;
    const [dongpeng] = await sql<{ id: number }[]>`select id from users where login = 'dongpeng'`;
    const res = await postAction(office.request, "/office", await action("lib/actions/items.ts", "registerItemAction"), {
      title: SECRET_TITLE,
      body: "仅教务处与办公室可见。",
      source: "staff",
      urgency: "normal",
      leadDepartmentId: String(academic.id),
      dueInWorkingDays: "5",
    });
    expect(res.body, "registering the item").not.toContain('"status":"error"');
    const [item] = await sql<{ id: number; year: number; seq: number }[]>`select id, year, seq from items where title = ${SECRET_TITLE}`;
    const upload = await postFile(office.request, await action("lib/actions/attachments.ts", "uploadAttachmentAction"), { id: String(item.id) }, { name: HOSTILE_NAME, bytes: pdf(FILE_MARKER) });
    expect(upload.body, "uploading the file").not.toContain('"status":"error"');
    const [file] = await sql<{ id: number }[]>`select id from attachments where item_id = ${item.id}`;
    // The item's number, but not the search box's example in the message catalogue ("如 督〔2026〕3号").
    known = { item: item.id, number: new RegExp(`(?<!(?:如|like) \\S?)〔${item.year}〕${item.seq}号`), attachment: file.id, dongpeng: dongpeng.id, academic: academic.id, finance: finance.id };
  } finally {
    await sql.end();
    await office.context().close();
  }
});

// ---------------------------------------------------------------------------------------------
// 1. The proxy is not the guard.

/** Header sets that have fooled proxies/middleware into stepping aside, or ask for RSC payloads. */
const BYPASS_HEADERS: Record<string, Record<string, string>> = {
  "plain": {},
  "x-middleware-subrequest proxy×5": { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
  "x-middleware-subrequest middleware×5": { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  "x-middleware-subrequest src/proxy×5": { "x-middleware-subrequest": "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy" },
  "x-middleware-subrequest src/middleware×5": { "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" },
  "RSC + prefetch": { RSC: "1", "Next-Router-Prefetch": "1" },
  "RSC": { RSC: "1" },
  "RSC + subrequest": { RSC: "1", "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
};

/** Protected paths and what each would show someone allowed to see it. */
type Secret = string | RegExp;

function protectedPaths(k: Known): { path: string; secrets: Secret[] }[] {
  const item = [SECRET_TITLE, k.number];
  return [
    { path: `/items/${k.item}`, secrets: item },
    { path: `/items/${k.item}/attachments/${k.attachment}`, secrets: [FILE_MARKER] },
    { path: "/office/ledger", secrets: item },
    { path: `/office/ledger/export?q=${encodeURIComponent(SECRET_TITLE)}`, secrets: ["PK\u0003\u0004", ...item] },
    { path: "/admin/users", secrets: ["dongpeng", "董鹏"] },
    { path: `/admin/users/${k.dongpeng}`, secrets: ["dongpeng", "董鹏"] },
    { path: "/admin/audit", secrets: ["dongpeng", SECRET_TITLE] },
  ];
}

/** The same paths as RSC requests in URL form. */
function urlVariants(path: string): string[] {
  const [p, q] = path.split("?");
  return [path, `${p}?${q ? `${q}&` : ""}_rsc=x`, `${p}.rsc${q ? `?${q}` : ""}`];
}

/**
 * One GET, redirects not followed, except Next's own cache-busting one (an RSC request without
 * `_rsc` is sent to the same path with it); the body both as UTF-8 (names, titles) and byte for
 * byte (file signatures).
 */
async function probe(request: APIRequestContext, path: string, headers: Record<string, string> = {}) {
  let res = await request.get(path, { headers, maxRedirects: 0, timeout: 15_000 });
  const to = res.headers()["location"];
  if (res.status() === 307 && to && new URL(to, SITE_ORIGIN).pathname === new URL(path, SITE_ORIGIN).pathname && /[?&]_rsc/.test(to))
    res = await request.get(to, { headers, maxRedirects: 0, timeout: 15_000 });
  const bytes = await res.body();
  return { status: res.status(), body: `${bytes.toString("utf8")}\n${bytes.toString("latin1")}`, location: res.headers()["location"] ?? "" };
}

/** The not-found and forbidden pages as they appear in an RSC payload (not the message catalogue). */
const BOUNDARY_IN_PAYLOAD = /"children":"(页面不存在|Page not found)"|"data-testid":"forbidden"/;

/**
 * A refusal, and none of `secrets` in the body. Two answers of a signed-in person's RSC requests
 * are 200 by Next's protocol, and pass only in their harmless form: a prefetch of a dynamic page
 * is the route tree alone (segment names, a few hundred bytes; no page code runs), and an RSC
 * navigation to a page that calls notFound()/forbidden() carries that boundary in the payload
 * (the HTML request gets the 404/403).
 */
function expectNothingOf(r: { status: number; body: string }, secrets: Secret[], what: string, headers: Record<string, string> = {}) {
  // An RSC request: by header, or by a `.rsc` path, which Next reads as one.
  const rsc = (!!headers.RSC || /\.rsc(\?|$| )/.test(what)) && r.status === 200;
  const treeOnly = rsc && !!headers["Next-Router-Prefetch"] && r.body.length < 4_000 && !/<html/i.test(r.body);
  const boundary = rsc && !headers["Next-Router-Prefetch"] && BOUNDARY_IN_PAYLOAD.test(r.body);
  if (!treeOnly && !boundary) expect(REFUSED, `${what}: status ${r.status}`).toContain(r.status);
  for (const s of secrets) {
    if (typeof s === "string") expect(r.body, `${what} leaks ${JSON.stringify(s)}`).not.toContain(s);
    else expect(r.body, `${what} leaks ${s}`).not.toMatch(s);
  }
}

test("signed out: bypass headers, RSC and prefetch requests, .rsc and ?_rsc URLs reach no protected data", async ({ request }) => {
  const everyone = ["王建国", "周敏", "冯宇", "dongpeng"];
  for (const { path, secrets } of protectedPaths(known))
    for (const url of urlVariants(path))
      for (const [name, headers] of Object.entries(BYPASS_HEADERS)) expectNothingOf(await probe(request, url, headers), [...secrets, ...everyone], `${url} [${name}]`, headers);
  // Home pages and the live stream, too.
  for (const url of ["/", "/department", "/office", "/leadership", "/admin", "/account", "/notifications"])
    for (const [name, headers] of Object.entries(BYPASS_HEADERS)) expectNothingOf(await probe(request, url, headers), everyone, `${url} [${name}]`, headers);
  for (const [name, headers] of Object.entries(BYPASS_HEADERS))
    expect((await probe(request, "/api/notifications/stream", headers)).status, `/api/notifications/stream [${name}]`).toBe(401);
});

test("signed in as another department: the same requests reach nothing of 教务处's item or the admin's data", async ({ browser }) => {
  const outsider = await signedIn(browser, "fengyu", "/department");
  try {
    for (const { path, secrets } of protectedPaths(known))
      for (const url of urlVariants(path))
        for (const [name, headers] of Object.entries(BYPASS_HEADERS)) expectNothingOf(await probe(outsider.request, url, headers), secrets, `fengyu ${url} [${name}]`, headers);
    // An invisible item and one that does not exist get the same answer: status, RSC boundary,
    // and what the page says (streamed chunks come in varying order, so not byte for byte).
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      const [hidden, missing] = [await probe(outsider.request, `/items/${known.item}`, headers), await probe(outsider.request, "/items/99999999", headers)];
      expect(hidden.status, JSON.stringify(headers)).toBe(missing.status);
      if (headers.RSC) for (const r of [hidden, missing]) expect(r.body).toMatch(BOUNDARY_IN_PAYLOAD);
    }
    const shown = async (path: string) => {
      const res = await outsider.goto(path);
      return { status: res?.status(), text: await outsider.locator("body").innerText() };
    };
    expect(await shown(`/items/${known.item}`)).toEqual(await shown("/items/99999999"));
    // The control: the same person does get their own home (the probe can tell a page from a refusal).
    const home = await probe(outsider.request, "/department");
    expect(home.status).toBe(200);
    expect(home.body).toContain("冯宇");
  } finally {
    await outsider.context().close();
  }
});

test("paths the proxy's matcher leaves out are guarded by the pages and handlers themselves", async ({ request, browser }) => {
  // proxy.ts's matcher skips *.png|svg|ico|woff2, _next/image and /api/v1. A dynamic segment still
  // matches such a path, so these reach the page with no proxy at all: the page's own
  // requireActor answers (its redirect says ?expired=1; the proxy's would say ?next=).
  for (const url of [`/items/${known.item}.png`, `/admin/users/${known.dongpeng}.svg`, `/requests/1.woff2`, `/notices/1.png`, `/coordination/1.svg`]) {
    const r = await probe(request, url);
    expectNothingOf(r, [SECRET_TITLE, "dongpeng", "董鹏"], url);
    expect(r.location, `${url} was refused by the page itself, not by the proxy`).toContain("/login?expired=1");
  }
  // The notification route handler redirects to sign-in itself.
  expectNothingOf(await probe(request, "/notifications/1.ico"), [], "/notifications/1.ico");
  // The download handler answers 401 itself.
  const file = await probe(request, `/items/${known.item}/attachments/${known.attachment}.png`);
  expectNothingOf(file, [FILE_MARKER], "attachment .png");

  // The image optimizer fetches local URLs itself: it must not become a way to read a page.
  const office = await signedIn(browser, "liufang", "/office");
  const outsider = await signedIn(browser, "fengyu", "/department");
  try {
    for (const who of [request, outsider.request, office.request])
      for (const target of [`/items/${known.item}`, `/items/${known.item}/attachments/${known.attachment}`, "/office/ledger/export"]) {
        const res = await who.get(`/_next/image?url=${encodeURIComponent(target)}&w=64&q=75`, { maxRedirects: 0 });
        const body = (await res.body()).toString("latin1");
        expect(res.status(), `_next/image ${target}`).toBeGreaterThanOrEqual(400);
        for (const s of [FILE_MARKER, "PK\u0003\u0004"]) expect(body).not.toContain(s);
        expect(await res.text()).not.toContain(SECRET_TITLE);
      }
    // The integration API never takes the session: a signed-in browser's cookies get 401.
    for (const who of [office.request, outsider.request]) {
      const res = await who.get("/api/v1/items", { maxRedirects: 0 });
      expect(res.status()).toBe(401);
      expect(await res.text()).not.toContain(SECRET_TITLE);
    }
    // And the control: the office does see the item through the normal path.
    const seen = await probe(office.request, `/items/${known.item}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toContain(SECRET_TITLE);
  } finally {
    await office.context().close();
    await outsider.context().close();
  }
});

// ---------------------------------------------------------------------------------------------
// 2. Server actions and Origin.

test("server actions refuse a foreign, null or missing Origin, and nothing changes", async ({ browser, request }) => {
  const admin = await signedIn(browser, "admin", "/admin");
  const sql = e2eSql();
  const day = `2033-0${1 + (Number(TAG) % 9)}-1${Number(TAG) % 10}`;
  const calendarDay = await action("lib/actions/admin/calendar.ts", "setCalendarDayAction");
  const tokenCreate = await action("lib/actions/api.ts", "createTokenAction");
  const signOut = await action("lib/actions/session.ts", "signOutAction");
  const signIn = await action("lib/actions/session.ts", "signInAction");
  try {
    await sql`delete from calendar_days where day = ${day}`;
    const tokensBefore = (await sql<{ n: number }[]>`select count(*)::int as n from api_tokens`)[0].n;
    for (const [name, headers] of Object.entries({ foreign: { Origin: "https://evil.example" }, null: { Origin: "null" }, missing: {} as Record<string, string> })) {
      const r = await postAction(admin.request, "/admin/calendar", calendarDay, { day, kind: "holiday", name: `越站 ${name}` }, headers);
      expect(r.body, `${name} Origin`).not.toContain('"status":"ok"');
      if (name === "missing") expect(r.body).toContain("无法确认此请求来自本系统的页面");
      else expect(r.status, `${name} Origin is refused by Next itself`).toBe(500);
      const t = await postAction(admin.request, "/account/tokens", tokenCreate, { name: `越站 ${name}`, scopes: "items:read", expiresInDays: "30" }, headers);
      expect(t.body).not.toContain('"status":"ok"');
      // Sign-out without a form state: refused, so the session lives on.
      await postAction(admin.request, "/admin", signOut, {}, headers);
      expect((await probe(admin.request, "/admin")).status, `sign-out with ${name} Origin ended the session`).toBe(200);
      // Sign-in (login CSRF): no session cookie is handed out.
      const anon = await request.post("/login", { headers: { "Next-Action": signIn, Accept: "text/x-component", ...headers }, multipart: signInForm("zhengkai"), maxRedirects: 0 });
      expect(anon.headers()["set-cookie"] ?? "", `sign-in with ${name} Origin`).not.toContain("session-token");
    }
    expect(await sql`select 1 from calendar_days where day = ${day}`).toHaveLength(0);
    expect((await sql<{ n: number }[]>`select count(*)::int as n from api_tokens`)[0].n).toBe(tokensBefore);

    // The control: the same POST with the site's own Origin goes through.
    const ok = await postAction(admin.request, "/admin/calendar", calendarDay, { day, kind: "holiday", name: "同站" });
    expect(ok.body).toContain('"status":"ok"');
    expect(await sql`select name from calendar_days where day = ${day}`).toEqual([{ name: "同站" }]);
  } finally {
    await sql`delete from calendar_days where day = ${day}`;
    await sql.end();
    await admin.context().close();
  }
});

function signInForm(login: string, password = "zhongshu-demo"): FormData {
  const form = new FormData();
  form.append("_1_login", login);
  form.append("_1_password", password);
  form.append("_1_next", "/");
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  return form;
}

// ---------------------------------------------------------------------------------------------
// 3. Headers.

function csp(header: string | undefined): Map<string, string[]> {
  expect(header, "Content-Security-Policy is set").toBeTruthy();
  return new Map(header!.split(";").map((d) => d.trim().split(/\s+/)).map(([n, ...v]) => [n, v]));
}

test("pages carry a nonce CSP and the hardening headers; API answers a no-content policy; no HSTS over plain HTTP", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const policy = csp(first.headers()["content-security-policy"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  const scripts = policy.get("script-src")!;
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(scripts).not.toContain("'unsafe-inline'");
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))!.slice(7, -1);
  expect(nonce.length).toBeGreaterThanOrEqual(16);
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);
  // Next put the request's nonce on every script of the page.
  const html = await first.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, "every script carries the nonce").toContain(`nonce="${nonce}"`);
  for (const res of [first, await request.get("/api/health"), await request.get("/api/v1/items"), await request.get("/icon.svg")]) {
    const h = res.headers();
    expect(h["x-content-type-options"], res.url()).toBe("nosniff");
    expect(h["x-frame-options"], res.url()).toBe("DENY");
    expect(h["referrer-policy"], res.url()).toBe("same-origin");
    expect(h["strict-transport-security"], `${res.url()} over plain HTTP`).toBeUndefined();
  }
  for (const path of ["/api/health", "/api/v1/items"]) {
    const api = csp((await request.get(path)).headers()["content-security-policy"]);
    expect(api.get("default-src"), path).toEqual(["'none'"]);
    expect(api.get("frame-ancestors"), path).toEqual(["'none'"]);
  }
  expect(policy.has("upgrade-insecure-requests")).toBe(false);
});

test("behind HTTPS (X-Forwarded-Proto from the proxy): HSTS, upgraded requests and a Secure, HttpOnly, SameSite session cookie", async ({ request }) => {
  const https = { "X-Forwarded-Proto": "https" };
  for (const path of ["/login", "/", "/api/v1/items", "/api/health"]) {
    const res = await request.get(path, { headers: https, maxRedirects: 0 });
    expect(res.headers()["strict-transport-security"], path).toMatch(/^max-age=\d{7,}/);
  }
  expect(csp((await request.get("/login", { headers: https })).headers()["content-security-policy"]).has("upgrade-insecure-requests")).toBe(true);

  const signIn = await action("lib/actions/session.ts", "signInAction");
  const cookieOf = async (headers: Record<string, string>) => {
    const res = await request.post("/login", { headers: { "Next-Action": signIn, Accept: "text/x-component", Origin: SITE_ORIGIN, ...headers }, multipart: signInForm("zhengkai"), maxRedirects: 0 });
    const all = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    const session = all.find((c) => /session-token=/.test(c));
    expect(session, `a session cookie among ${JSON.stringify(all)}`).toBeTruthy();
    return session!;
  };
  const secure = await cookieOf(https);
  expect(secure).toMatch(/^__Secure-authjs\.session-token=/);
  expect(secure).toMatch(/;\s*Secure/i);
  expect(secure).toMatch(/;\s*HttpOnly/i);
  expect(secure).toMatch(/;\s*SameSite=Lax/i);
  const plain = await cookieOf({});
  expect(plain).toMatch(/^authjs\.session-token=/);
  expect(plain).toMatch(/;\s*HttpOnly/i);
  expect(plain).toMatch(/;\s*SameSite=Lax/i);
  expect(plain).not.toMatch(/;\s*Secure/i);
});

/** Records CSP violations the page reports, and console errors that mention the policy. */
async function watchCsp(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  await context.exposeFunction("__cspViolation", (v: string) => seen.push(v));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  context.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  return seen;
}

test("the pages run under the policy in Chromium: no violation, and the client code runs", async ({ browser }) => {
  const context = await browser.newContext();
  const violations = await watchCsp(context);
  const page = await context.newPage();
  await page.goto("/login");
  await expect.poll(() => page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version)).toBe("string");
  await new LoginPage(page).signInAndLand("liufang", "/office");
  for (const path of [`/items/${known.item}`, "/office/ledger", "/notices", "/requests", "/coordination", "/notifications", "/account", "/api-docs"]) {
    await page.goto(path);
    await expect(page.locator("main").first()).toBeVisible();
  }
  // A client-side navigation and a server action (through fetch) under the policy.
  await page.goto("/office");
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login/);
  await new LoginPage(page).signInAndLand("zhoumin", "/department");
  await page.goto(`/items/${known.item}`);
  await expect(page.getByText(SECRET_TITLE).first()).toBeVisible();
  expect(violations).toEqual([]);
  await context.close();
});

// ---------------------------------------------------------------------------------------------
// 4. Sessions end at once.

async function newPerson(admin: Page, login: string): Promise<{ id: number; version: number }> {
  const res = await postAction(admin.request, "/admin/users", await action("lib/actions/admin/users.ts", "createUserAction"), {
    name: `会话测试 ${login}`,
    email: "",
    title: "",
    departmentId: String(known.finance),
    roles: ["dept_staff"],
    login,
    password: NEW_PASSWORD,
  });
  expect(res.body, `creating ${login}`).not.toContain('"status":"error"');
  const sql = e2eSql();
  const [u] = await sql<{ id: number; version: number }[]>`select id, version from users where login = ${login}`;
  await sql.end();
  return u;
}

/** Signs `login` in, and copies the session cookie into a second, separate browser context. */
async function withCopiedSession(browser: Browser, login: string): Promise<{ original: Page; copy: Page }> {
  const original = await signedIn(browser, login, "/department", NEW_PASSWORD);
  const copyContext = await browser.newContext();
  await copyContext.addCookies(await original.context().cookies());
  const copy = await copyContext.newPage();
  await copy.goto("/department");
  await expect(copy.getByText(`会话测试 ${login}`).first(), "the copied cookie works before").toBeVisible();
  return { original, copy };
}

/**
 * The copy is refused. The cookie itself still decodes (it is signed and unexpired), so it is the
 * page's own session check that sends it away: its redirect says ?expired=1.
 */
async function expectSignedOut(copy: Page, login: string) {
  const r = await probe(copy.request, "/department");
  expect(r.status).toBe(307);
  expect(r.location).toContain("/login?expired=1");
  expect(r.body).not.toContain(`会话测试 ${login}`);
  await copy.goto("/department");
  await expect(copy).toHaveURL(/\/login/);
}

test("a copied session cookie stops working right after sign-out, disabling and a password change", async ({ browser }) => {
  const admin = await signedIn(browser, "admin", "/admin");
  const logins = { out: `so${TAG}`, off: `dis${TAG}`, pw: `pw${TAG}` };
  const people = { out: await newPerson(admin, logins.out), off: await newPerson(admin, logins.off), pw: await newPerson(admin, logins.pw) };

  // Sign-out in one browser ends the copy in the other.
  const a = await withCopiedSession(browser, logins.out);
  await a.original.getByTestId("sign-out").click();
  await expect(a.original).toHaveURL(/\/login/);
  await expectSignedOut(a.copy, logins.out);
  // …and the person can sign in again afterwards.
  await new LoginPage(a.original).signInAndLand(logins.out, "/department", NEW_PASSWORD);

  // Disabling by an admin ends both.
  const b = await withCopiedSession(browser, logins.off);
  const disabled = await postAction(admin.request, "/admin/users", await action("lib/actions/admin/users.ts", "setUserActiveAction"), {
    id: String(people.off.id),
    version: String(people.off.version),
    active: "false",
  });
  expect(disabled.body).toContain('"status":"ok"');
  await expectSignedOut(b.copy, logins.off);
  await expectSignedOut(b.original, logins.off);

  // A password change in one browser ends the copy in the other.
  const c = await withCopiedSession(browser, logins.pw);
  await c.original.goto("/account");
  const form = c.original.getByTestId("password-change-form");
  await form.locator('[name="current"]').fill(NEW_PASSWORD);
  await form.locator('[name="password"]').fill("another-long-password");
  await form.locator('[name="confirm"]').fill("another-long-password");
  await form.getByRole("button").last().click();
  await expect(c.original).toHaveURL(/\/login\?changed=1/);
  await expectSignedOut(c.copy, logins.pw);

  const sql = e2eSql();
  const events = await sql<{ action: string }[]>`select action from audit_events where entity = 'user' and entity_id = ${String(people.out.id)} and action = 'auth.sign_out'`;
  await sql.end();
  expect(events.length, "the sign-out is audited").toBeGreaterThanOrEqual(1);
  for (const p of [a, b, c]) {
    await p.original.context().close();
    await p.copy.context().close();
  }
  await admin.context().close();
});

// ---------------------------------------------------------------------------------------------
// 5. Uploads and downloads.

test("a download names its file safely: RFC 5987 filename*, no path, no header injection, nosniff, no-store", async ({ browser }) => {
  const office = await signedIn(browser, "liufang", "/office");
  try {
    const res = await office.request.get(`/items/${known.item}/attachments/${known.attachment}`);
    expect(res.status()).toBe(200);
    const h = res.headers();
    expect(h["x-injected"]).toBeUndefined();
    const disposition = h["content-disposition"];
    expect(disposition).toMatch(/^attachment; filename="file"; filename\*=UTF-8''[A-Za-z0-9%!._~-]+$/);
    const name = decodeURIComponent(disposition.split("''")[1]);
    expect(name, "no directory part survives").not.toMatch(/[\\/]/);
    expect(name).not.toMatch(/[\r\n\u0000-\u001f]/);
    expect(name.endsWith(".pdf")).toBe(true);
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["content-type"]).toBe("application/pdf");
    expect(h["cache-control"]).toContain("no-store");
    expect((await res.body()).toString("latin1")).toContain(FILE_MARKER);
    const sql = e2eSql();
    const [row] = await sql<{ originalName: string; storedName: string }[]>`select original_name as "originalName", stored_name as "storedName" from attachments where id = ${known.attachment}`;
    await sql.end();
    expect(row.storedName, "stored under a server-generated name").toMatch(/^[0-9a-f-]{36}$/);
    expect(row.originalName).toBe(name);
  } finally {
    await office.context().close();
  }
});

test("an oversize upload is refused with a message naming the problem, and nothing is stored", async ({ browser }) => {
  const office = await signedIn(browser, "liufang", "/office");
  const sql = e2eSql();
  try {
    const count = async () => (await sql<{ n: number }[]>`select count(*)::int as n from attachments where item_id = ${known.item}`)[0].n;
    const before = await count();
    await office.goto(`/items/${known.item}`);
    const form = office.getByTestId("attachment-upload-form");
    // 20 MB is the default limit (ZHONGSHU_MAX_UPLOAD_MB); this is a valid PDF just over it.
    await form.locator('input[type="file"]').setInputFiles({ name: "超大文件.pdf", mimeType: "application/pdf", buffer: pdf("oversize", 21 * 1024 * 1024) });
    await form.getByRole("button").last().click();
    await expect(form.getByText("文件超过大小上限。").first()).toBeVisible({ timeout: 60_000 });
    expect(await count()).toBe(before);
  } finally {
    await sql.end();
    await office.context().close();
  }
});
