// The audit trail's hash chains (migration 0014, db/audit-chain.ts): the event tables stay
// append-only, normal and concurrent activity through the data layer leaves every chain whole,
// and a row changed or removed behind the application's back is found, with its table, record
// and id — by the function and by `npm run audit:verify`. Tampering happens only in databases
// of this file's own: the shared test database must stay verifiable for everyone.
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyAuditChains, CHAINED_TABLES, type ChainReport } from "@/db/audit-chain";
import { closeDb, getDb, getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { createDepartment } from "@/lib/dal/departments";
import { DomainError } from "@/lib/dal/errors";
import { raiseMatter } from "@/lib/dal/coordination/commands";
import { decideItem, proposeItem, registerItem, urgeItem } from "@/lib/dal/items/commands";
import { confirmNotice } from "@/lib/dal/notices/commands";
import { createRequest } from "@/lib/dal/requests/commands";
import { writeTimelineEvent } from "@/lib/dal/timeline";
import { raiseForm } from "../support/coordination";
import { actorFor, insertDepartment, insertUser, unique } from "../support/db";
import { actors, itemRow, registerForm } from "../support/items";
import { publish } from "../support/notices";
import { draftForm } from "../support/requests";
import { scratchDb, type ScratchDb } from "../support/scratch-db";

type People = Awaited<ReturnType<typeof loadPeople>>;
const loadPeople = () => actors("admin", "liufang", "liminghua", "zhoumin", "zhengkai");
let p: People;
const poolBefore = process.env.DATABASE_POOL_MAX;

// An item of this file's own; a request, a matter, a notice and a department are created too,
// so that every event table has rows whatever ran before.
const mine = { itemId: 0 };

beforeAll(async () => {
  // A wider pool, so that the concurrent calls below really overlap in the database.
  await closeDb();
  process.env.DATABASE_POOL_MAX = "20";
  p = await loadPeople();
  mine.itemId = (await registerItem(p.liufang, await registerForm({ lead: "教务处" }))).id;
  await createRequest(p.zhengkai, draftForm());
  await raiseMatter(p.zhoumin, await raiseForm({ parties: { 学生处: "请配合" } }));
  await publish(p.liufang, { userIds: [p.zhoumin.id] });
  await createDepartment(p.admin, { name: unique("链"), kind: "functional", parentId: null, sortOrder: 0 });
});

afterAll(() => {
  if (poolBefore === undefined) delete process.env.DATABASE_POOL_MAX;
  else process.env.DATABASE_POOL_MAX = poolBefore;
});

/** The problems the verifier finds in one chain of the shared database. */
function problemsOf(report: ChainReport, table: string, recordId: number | null) {
  return report.tables.flatMap((t) => t.problems).filter((x) => x.table === table && x.recordId === recordId);
}

async function chainOf(table: string, owner: string, recordId: number) {
  return getSql().unsafe<{ id: number; seq: number }[]>(`select id::int as id, chain_seq::int as seq from ${table} where ${owner} = $1 order by chain_seq`, [recordId]);
}

const contiguous = (rows: { seq: number }[]) => rows.map((r) => r.seq).every((s, i) => s === i + 1);

describe("the event tables and the chain heads are append-only", () => {
  const tables = [...CHAINED_TABLES.map((t) => t.table), "audit_chain_heads"];
  it.each(tables)("%s refuses UPDATE, DELETE and TRUNCATE", async (table) => {
    const [row] = await getSql().unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
    expect(row.n).toBeGreaterThan(0);
    // Heads are updated by the chain trigger itself; an UPDATE by hand is refused only for the events.
    if (table !== "audit_chain_heads") {
      await expect(getSql().unsafe(`update ${table} set chain_seq = chain_seq where chain_seq = (select max(chain_seq) from ${table})`)).rejects.toThrow(/append-only/);
    }
    await expect(getSql().unsafe(`delete from ${table} where ctid = (select ctid from ${table} limit 1)`)).rejects.toThrow(/append-only/);
    await expect(getSql().unsafe(`truncate ${table} cascade`)).rejects.toThrow(/append-only/);
    const [after] = await getSql().unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
    expect(after.n).toBe(row.n);
  });

  it("an insert cannot choose its place or hash: the trigger replaces both", async () => {
    const [row] = await getSql()<{ seq: number; hash: Buffer }[]>`
      insert into item_events (item_id, action, data, chain_seq, hash) values (${mine.itemId}, 'note', '{}', 999, '\\xdead')
      returning chain_seq::int as seq, hash`;
    expect(row.seq).toBeLessThan(999);
    expect(row.hash).toHaveLength(32);
    expect(contiguous(await chainOf("item_events", "item_id", mine.itemId))).toBe(true);
  });
});

describe("chains after normal and concurrent activity", () => {
  it("an item's life cycle through the data layer, one event per step, chains 1, 2, 3 …", async () => {
    const { id } = await registerItem(p.liufang, await registerForm({ lead: "教务处" }));
    await proposeItem(p.liufang, id, 1, "拟请领导阅示");
    await decideItem(p.liminghua, id, 2, "approve", null);
    const rows = await chainOf("item_events", "item_id", id);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(problemsOf(await verifyAuditChains(getSql()), "item_events", id)).toEqual([]);
  });

  it("16 concurrent urges of one item (each retried after a version conflict) give one contiguous chain", async () => {
    const { id } = await registerItem(p.liufang, await registerForm({ lead: "教务处" }));
    await proposeItem(p.liufang, id, 1, "拟请领导阅示");
    await decideItem(p.liminghua, id, 2, "approve", null);
    const urgeOnce = async (i: number) => {
      for (;;) {
        try {
          return await urgeItem(p.liufang, id, (await itemRow(id)).version, `催办 ${i}`);
        } catch (e) {
          if (!(e instanceof DomainError && e.code === "conflict")) throw e;
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, i) => urgeOnce(i)));
    const rows = await chainOf("item_events", "item_id", id);
    expect(rows).toHaveLength(3 + 16);
    expect(contiguous(rows)).toBe(true);
    expect(problemsOf(await verifyAuditChains(getSql()), "item_events", id)).toEqual([]);
  });

  it("16 transactions appending to one timeline at once queue on the chain's head and link in commit order", async () => {
    const { id } = await registerItem(p.liufang, await registerForm({ lead: "教务处" }));
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        getDb().transaction(async (tx) => {
          await writeTimelineEvent(tx, "item", id, p.liufang.id, "note", { i });
          // Holding the transaction open makes the others wait on the head, not just race past it.
          await tx.execute(sql`select pg_sleep(0.02)`);
        }),
      ),
    );
    const rows = await chainOf("item_events", "item_id", id);
    expect(rows).toHaveLength(17);
    expect(contiguous(rows)).toBe(true);
    expect(problemsOf(await verifyAuditChains(getSql()), "item_events", id)).toEqual([]);
  });

  it("16 recipients confirming one notice at once (each holding the notice FOR SHARE) neither deadlock nor fork its chain", async () => {
    const dept = await insertDepartment();
    const people = await Promise.all(Array.from({ length: 16 }, () => insertUser({ roles: ["dept_staff"], departmentId: dept.id })));
    const { id } = await publish(p.liufang, { userIds: people.map((u) => u.id) });
    const readers: Actor[] = await Promise.all(people.map((u) => actorFor(u.id)));
    const results = await Promise.all(readers.map((a) => confirmNotice(a, id)));
    expect(results.every((r) => r.confirmed)).toBe(true);
    const rows = await chainOf("notice_events", "notice_id", id);
    const [{ n }] = await getSql()<{ n: number }[]>`select count(*)::int as n from notice_events where notice_id = ${id} and action in ('read', 'confirm')`;
    expect(n).toBe(32);
    expect(contiguous(rows)).toBe(true);
    expect(problemsOf(await verifyAuditChains(getSql()), "notice_events", id)).toEqual([]);
  });

  it("16 audited changes at once keep the one audit_events chain whole", async () => {
    await Promise.all(Array.from({ length: 16 }, () => createDepartment(p.admin, { name: unique("并发"), kind: "functional", parentId: null, sortOrder: 0 })));
    const [{ n, max }] = await getSql()<{ n: number; max: number }[]>`select count(*)::int as n, max(chain_seq)::int as max from audit_events`;
    expect(max).toBe(n);
    expect(problemsOf(await verifyAuditChains(getSql()), "audit_events", null)).toEqual([]);
  });

  it("the whole shared database verifies, every table counted", async () => {
    const report = await verifyAuditChains(getSql());
    expect(report.tables.map((t) => t.table)).toEqual(CHAINED_TABLES.map((t) => t.table));
    for (const t of report.tables) {
      expect(t.problems, t.table).toEqual([]);
      expect(t.events, t.table).toBeGreaterThan(0);
      expect(t.chains, t.table).toBeGreaterThan(0);
    }
    expect(report.ok).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Tampering, in a database of this file's own. Rows are written as a superuser may: with
// session_replication_role = replica no ordinary trigger fires (neither the chain nor the
// append-only guard), which is exactly what an attacker with that power would use.

let scratch: ScratchDb;
const scratchIds = { items: [] as number[] };

/** n events for each item in one multi-row INSERT per item, written from a session in another time zone. */
async function fillScratch(db: ScratchDb) {
  const sql = db.sql;
  await sql`set timezone = 'America/New_York'`;
  const [{ dept }] = await sql`insert into departments (name, kind) values ('链测试', 'functional') returning id as dept`;
  const [{ user }] = await sql`insert into users (login, name, department_id, password_hash) values ('chain', 'chain', ${dept}, 'x') returning id as user`;
  for (let i = 1; i <= 5; i++) {
    const [{ id }] = await sql`
      insert into items (kind, year, seq, title, body, source, urgency, major, state, lead_department_id, due_on, created_by_id, search_tokens)
      values ('assignment', 2026, ${i}, ${`链 ${i}`}, '', 'leader', 'normal', false, 'sent', ${dept}, current_date, ${user}, '{}') returning id`;
    scratchIds.items.push(id);
    await sql`insert into item_events (item_id, actor_id, action, data) select ${id}, ${user}, 'note', jsonb_build_object('n', g, 'empty', null) from generate_series(1, 4) g`;
  }
  await sql`insert into audit_events (action, entity, data) select 'test.event', 'test', jsonb_build_object('n', g) from generate_series(1, 5) g`;
  await sql`set timezone = 'UTC'`;
}

async function row(table: string, owner: string | null, recordId: number | null, seq: number) {
  const where = owner ? `${owner} = ${Number(recordId)} and ` : "";
  const [r] = await scratch.sql.unsafe<{ id: number }[]>(`select id::int as id from ${table} where ${where}chain_seq = ${seq}`);
  return r.id;
}

async function asSuperuser(statement: string) {
  await scratch.sql.begin(async (tx) => {
    await tx.unsafe("set local session_replication_role = replica");
    await tx.unsafe(statement);
  });
}

function runCli(url: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "--conditions=react-server", "scripts/audit-verify.ts"], { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe("tampering is found (in a database of its own)", () => {
  beforeAll(async () => {
    scratch = await scratchDb({ migrate: true });
    await fillScratch(scratch);
  });
  afterAll(async () => {
    await scratch?.dispose();
  });

  it("untouched, every chain holds; a multi-row INSERT chains its rows in insertion order", async () => {
    const report = await verifyAuditChains(scratch.sql);
    expect(report.ok).toBe(true);
    const items = report.tables.find((t) => t.table === "item_events")!;
    expect({ events: items.events, chains: items.chains }).toEqual({ events: 20, chains: 5 });
    const rows = await scratch.sql<{ id: number; seq: number }[]>`select id::int as id, chain_seq::int as seq from item_events where item_id = ${scratchIds.items[0]} order by id`;
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
  });

  it("npm run audit:verify exits 0 on it", async () => {
    const { code, out } = await runCli(scratch.url);
    expect(out).toMatch(/item_events\s+20 events in\s+5 chain\(s\): ok/);
    expect(out).toContain("audit trail intact");
    expect(code).toBe(0);
  }, 120_000);

  it("finds each changed or removed row with its table, record and id", async () => {
    const [changed, removed, lastRemoved, rehashed] = scratchIds.items;
    const changedId = await row("item_events", "item_id", changed, 2);
    await asSuperuser(`update item_events set data = '{"n": 99}' where id = ${changedId}`);

    const removedId = await row("item_events", "item_id", removed, 2);
    const afterRemovedId = await row("item_events", "item_id", removed, 3);
    await asSuperuser(`delete from item_events where id = ${removedId}`);

    const lastId = await row("item_events", "item_id", lastRemoved, 4);
    const newLastId = await row("item_events", "item_id", lastRemoved, 3);
    await asSuperuser(`delete from item_events where id = ${lastId}`);

    // Changing a row and giving it a correct new hash only moves the break to the next row.
    const rehashedId = await row("item_events", "item_id", rehashed, 2);
    const nextId = await row("item_events", "item_id", rehashed, 3);
    await asSuperuser(`
      set local timezone = 'UTC';
      update item_events e set data = '{"n": 77}' where id = ${rehashedId};
      update item_events e set hash = sha256(p.hash || audit_chain_content(to_jsonb(e)))
        from item_events p where e.id = ${rehashedId} and p.item_id = e.item_id and p.chain_seq = e.chain_seq - 1`);

    const auditRemoved = await row("audit_events", null, null, 3);
    const auditAfter = await row("audit_events", null, null, 4);
    await asSuperuser(`delete from audit_events where id = ${auditRemoved}`);

    const report = await verifyAuditChains(scratch.sql);
    expect(report.ok).toBe(false);
    const found = report.tables.flatMap((t) => t.problems).map(({ table, recordId, eventId, kind }) => ({ table, recordId, eventId, kind }));
    expect(found).toEqual([
      { table: "audit_events", recordId: null, eventId: auditAfter, kind: "gap" },
      { table: "item_events", recordId: changed, eventId: changedId, kind: "hash" },
      { table: "item_events", recordId: removed, eventId: afterRemovedId, kind: "gap" },
      { table: "item_events", recordId: lastRemoved, eventId: newLastId, kind: "tail" },
      { table: "item_events", recordId: rehashed, eventId: nextId, kind: "hash" },
    ]);
    // The untouched fifth chain is not reported.
    expect(found.some((f) => f.recordId === scratchIds.items[4])).toBe(false);
  });

  it("npm run audit:verify names the broken rows and exits 1", async () => {
    const { code, out } = await runCli(scratch.url);
    const changedId = await row("item_events", "item_id", scratchIds.items[0], 2);
    expect(out).toContain(`BROKEN item_events record ${scratchIds.items[0]} event id ${changedId} (chain_seq 2) [hash]`);
    expect(out).toContain("AUDIT TRAIL BROKEN");
    expect(code).toBe(1);
  }, 120_000);

  it("the shared test database still verifies with the CLI (exit 0)", async () => {
    const { code, out } = await runCli(inject("databaseUrl"));
    expect(out).toContain("audit trail intact");
    expect(code).toBe(0);
  }, 120_000);
});
