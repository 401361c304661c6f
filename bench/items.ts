// `npm run bench`: fills a throw-away database with a large organisation (200 departments,
// 5,000 people, 100,000 items, 1,000,000 timeline events by default; --scale N for the item
// count, --smoke for a small run), then times the data layer behind the department inbox, the
// leader's queue, the portfolio state and filtered / searched ledger pages, and runs EXPLAIN on
// every query they issue: no sequential scan over items or item_events is allowed.
// Runs with `--conditions=react-server` so the data layer's `server-only` guard resolves.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { freePort, startEmbedded } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { connect } from "../db/client";
import { seedDemo } from "../db/seed";
import { documentTokens } from "../lib/domain/search";

const args = process.argv.slice(2);
const smoke = args.includes("--smoke");
const scaleArg = args.indexOf("--scale");
const ITEMS = scaleArg >= 0 ? Number(args[scaleArg + 1]) : smoke ? 2_000 : 100_000;
const EVENTS_PER_ITEM = 10;
const DEPARTMENTS = smoke ? 40 : 200;
const USERS = smoke ? 500 : 5_000;
const RUNS = smoke ? 20 : 200;

const TITLES = [
  "关于做好校园安全检查工作的通知",
  "期末考试组织安排",
  "年度预算执行情况报告",
  "教师培训计划落实",
  "食堂卫生专项整治",
  "学生心理健康教育活动",
  "消防设施维护更新",
  "科研项目申报材料审核",
  "新学期教材征订",
  "Budget review for the science building",
  "校园网络升级改造",
  "家长会组织工作",
  "人事档案数字化整理",
  "实验室危化品管理自查",
  "毕业典礼筹备",
  "暑期值班安排",
];

async function database(): Promise<{ url: string; dispose: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const name = `zs_bench_${Date.now()}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      dispose: async () => {
        const a = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "zs-bench-"));
  const pg = await startEmbedded({ dataDir: dir, port: await freePort(), password: randomBytes(12).toString("hex"), quiet: true });
  return {
    url: pg.url,
    dispose: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function generate(sql: postgres.Sql) {
  const started = Date.now();
  const [{ hash }] = await sql`select password_hash as hash from users where login = 'admin'`;
  await sql`
    insert into departments (name, kind, sort_order)
    select '部门' || g, 'functional', 100 + g from generate_series(1, ${DEPARTMENTS}) g`;
  await sql`
    insert into users (login, name, department_id, password_hash)
    select 'bench' || g, '员工' || g,
           (select id from departments where name = '部门' || (1 + g % ${DEPARTMENTS})), ${hash}
    from generate_series(1, ${USERS}) g`;
  await sql`
    insert into user_roles (user_id, role)
    select id, case when (id % 10) = 0 then 'dept_head'::role when (id % 10) = 1 then 'dept_liaison'::role else 'dept_staff'::role end
    from users where login like 'bench%'`;
  // Ten more deputies, each with twenty of the new departments.
  await sql`
    insert into users (login, name, department_id, password_hash)
    select 'benchdeputy' || g, '副职' || g, (select id from departments where kind = 'leadership' limit 1), ${hash}
    from generate_series(1, 10) g`;
  await sql`insert into user_roles (user_id, role) select id, 'deputy' from users where login like 'benchdeputy%'`;
  await sql`
    insert into portfolios (deputy_id, department_id, starts_on)
    select (select id from users where login = 'benchdeputy' || (1 + (d.sort_order % 10))), d.id, date '2020-01-01'
    from departments d where d.name like '部门%'`;

  const titles = TITLES.map((t, i) => ({ i, t, tokens: documentTokens(t) }));
  await sql`create temporary table bench_titles (i int, title text, tokens text[])`;
  for (const t of titles) await sql`insert into bench_titles values (${t.i}, ${t.t}, ${t.tokens})`;

  const leaders = await sql<{ id: number }[]>`select u.id from users u join user_roles r on r.user_id = u.id where r.role in ('principal', 'deputy') order by u.id`;
  const [{ creator }] = await sql`select id as creator from users where login = 'liufang'`;
  const leaderIds = leaders.map((l) => l.id);
  await sql`
    insert into items (kind, year, seq, title, body, source, urgency, major, state, lead_department_id, due_on,
                       routed_leader_id, route_reason, created_by_id, search_tokens, created_at, last_progress_at)
    select 'assignment', 2025, g, t.title || ' #' || g, '批量生成的事项正文 ' || g, 'leader',
           (array['extra_urgent','urgent','normal','normal','normal']::item_urgency[])[1 + g % 5],
           g % 23 = 0,
           (array['awaiting_decision','sent','in_progress','in_progress','completion_reported','closed','closed','closed']::item_state[])[1 + g % 8],
           d.id,
           current_date - 60 + (g % 120),
           (${leaderIds}::int[])[1 + g % ${leaderIds.length}],
           'deputy_portfolio', ${creator},
           t.tokens || array[g::text],
           now() - make_interval(mins => g),
           now() - make_interval(hours => g % 500)
    from generate_series(1, ${ITEMS}) g
    join bench_titles t on t.i = g % ${TITLES.length}
    join lateral (select id from departments where sort_order = 100 + 1 + g % ${DEPARTMENTS}) d on true`;
  await sql`insert into item_counters (kind, year, last_seq) values ('assignment', 2025, ${ITEMS})`;
  await sql`insert into item_departments (item_id, department_id, role) select id, lead_department_id, 'lead' from items`;
  await sql`
    insert into item_departments (item_id, department_id, role, due_on)
    select i.id, d.id, 'support', i.due_on from items i
    join departments d on d.sort_order = 100 + 1 + (i.id * 7) % ${DEPARTMENTS}
    where i.id % 3 = 0 and d.id <> i.lead_department_id`;
  await sql`
    insert into item_events (item_id, actor_id, action, data, at)
    select i.id, ${creator}, (array['register','propose','approve','sign_for','report_progress','report_progress','urge','report_progress','report_completion','attach'])[1 + e],
           jsonb_build_object('n', e), i.created_at + make_interval(hours => e)
    from items i cross join generate_series(0, ${EVENTS_PER_ITEM - 1}) e`;
  await sql`analyze`;
  return (Date.now() - started) / 1000;
}

type Timing = { name: string; p50: number; p95: number; p99: number; runs: number };

async function time(name: string, fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < Math.min(10, RUNS); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => Number(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(2));
  return { name, p50: at(0.5), p95: at(0.95), p99: at(0.99), runs: RUNS };
}

async function main() {
  const db = await database();
  try {
    await runMigrations(db.url);
    const seeded = connect(db.url, 1);
    await seedDemo(seeded.db);
    await seeded.sql.end();
    const gen = postgres(db.url, { max: 1, onnotice: () => {} });
    console.log(`generating ${ITEMS} items, ${ITEMS * EVENTS_PER_ITEM} events, ${DEPARTMENTS} departments, ${USERS} people…`);
    const genSeconds = await generate(gen);
    console.log(`generated in ${genSeconds.toFixed(1)} s`);

    // Capture every query the data layer sends, to EXPLAIN it afterwards.
    const captured = new Map<string, unknown[]>();
    process.env.DATABASE_URL = db.url;
    const { loadActor } = await import("../lib/dal/actor");
    const { departmentInbox, leaderQueue, ledger, portfolioState } = await import("../lib/dal/items/queries");
    const { decisionQueue } = await import("../lib/dal/queue");
    const actorOf = async (login: string) => {
      const [u] = await gen`select id, session_version from users where login = ${login}`;
      return (await loadActor(u.id, u.session_version))!;
    };
    const [{ login: busyLiaison }] = await gen`
      select u.login from users u join user_roles r on r.user_id = u.id and r.role = 'dept_liaison'
      where u.login like 'bench%' order by u.id limit 1`;
    const liaison = await actorOf(busyLiaison);
    const deputy = await actorOf("benchdeputy1");
    const office = await actorOf("liufang");

    const scenarios: [string, () => Promise<unknown>][] = [
      ["department inbox, first page (50)", () => departmentInbox(liaison, { limit: 50 })],
      ["leader's queue", () => leaderQueue(deputy)],
      ["decision queue (all kinds)", () => decisionQueue(deputy)],
      ["leader's portfolio state", () => portfolioState(deputy)],
      ["ledger, first page (office)", () => ledger(office, {}, { limit: 50 })],
      ["ledger, overdue + urgency filter", () => ledger(office, { overdue: true, urgency: "urgent" }, { limit: 50 })],
      ["ledger, deputy's view, keyset page 20", () => ledger(deputy, {}, { limit: 50, before: ITEMS - 1000 })],
      ["search, 2-character term 安全", () => ledger(office, { q: "安全" }, { limit: 50 })],
      ["search, 3-character term 毕业典", () => ledger(office, { q: "毕业典" }, { limit: 50 })],
      ["search by number 督〔2025〕4242号", () => ledger(office, { q: "督〔2025〕4242号" }, { limit: 50 })],
    ];

    const results: (Timing & { seqScans: string[] })[] = [];
    for (const [name, fn] of scenarios) results.push({ ...(await time(name, fn)), seqScans: [] });

    // EXPLAIN: run each scenario once more on a connection whose `debug` hook records the
    // queries, then ask PostgreSQL for each plan.
    const explainer = postgres(db.url, {
      max: 1,
      onnotice: () => {},
      debug: (_conn, query, params) => {
        if (/^\s*select/i.test(query) && /"items"|items\b/.test(query)) captured.set(query, params as unknown[]);
      },
    });
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const schema = await import("../db/schema");
    const globalDb = globalThis as unknown as { __zhongshuDb?: { sql: postgres.Sql; db: unknown; url: string } };
    const saved = globalDb.__zhongshuDb;
    globalDb.__zhongshuDb = { sql: explainer, db: drizzle(explainer, { schema }), url: db.url };
    for (const [i, [, fn]] of scenarios.entries()) {
      captured.clear();
      await fn();
      for (const [query, params] of captured) {
        const plan = await gen.unsafe(`explain (format json) ${query}`, params as never[]);
        const text = JSON.stringify(plan);
        const scans = [...text.matchAll(/"Node Type":"Seq Scan"[^}]*?"Relation Name":"(\w+)"/g)].map((m) => m[1]);
        results[i].seqScans.push(...scans.filter((r) => r === "items" || r === "item_events"));
      }
    }
    globalDb.__zhongshuDb = saved;
    await explainer.end();

    console.log(`\n${"scenario".padEnd(42)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)}  seq scans on items/events`);
    for (const r of results) {
      console.log(`${r.name.padEnd(42)} ${String(r.p50).padStart(8)} ${String(r.p95).padStart(8)} ${String(r.p99).padStart(8)}  ${r.seqScans.length ? r.seqScans.join(",") : "none"}`);
    }
    const out = path.join(process.cwd(), "bench", "results");
    mkdirSync(out, { recursive: true });
    const file = path.join(out, `items-${smoke ? "smoke" : ITEMS}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    writeFileSync(file, JSON.stringify({ items: ITEMS, events: ITEMS * EVENTS_PER_ITEM, departments: DEPARTMENTS, users: USERS, generateSeconds: genSeconds, results }, null, 2));
    console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
    await gen.end();
    const { closeDb } = await import("../db/client");
    await closeDb();
    const failed = results.filter((r) => r.seqScans.length);
    if (failed.length) {
      console.error(`sequential scans over items or events in: ${failed.map((f) => f.name).join("; ")}`);
      process.exitCode = 1;
    }
  } finally {
    await db.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
