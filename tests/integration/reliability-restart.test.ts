// PostgreSQL restarted under load. A PostgreSQL of this file's own (embedded, in a temporary
// folder, on its own port — also when the run uses DATABASE_URL's server, which a test cannot
// restart) is migrated and seeded, and the data layer is pointed at it. Workers register and
// propose items without pause; the server is stopped for a few seconds and started again.
//
// Proven: while it is down every call fails fast with the "database unavailable" error (no
// hang); after the restart calls succeed again without restarting the app; every acknowledged
// write is in the database, and nothing is half-written (an item without its registration event,
// a version without its timeline event); and the live-notification LISTEN comes back by itself.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, connect, getSql } from "@/db/client";
import { freePort, startEmbedded } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { seedDemo } from "@/db/seed";
import type { Actor } from "@/lib/dal/actor";
import { isDatabaseUnavailable } from "@/lib/dal/db-errors";
import { proposeItem, registerItem } from "@/lib/dal/items/commands";
import { LiveHub } from "@/lib/live";
import { actorFor, unique } from "../support/db";
import { registerForm } from "../support/items";

const WORKERS = 6;
const DOWN_MS = 3_000;
/** A call while the server is down must fail within this (postgres.js reconnect back-off ≤ 1 s, plus queueing). */
const FAIL_FAST_MS = 3_000;
/** Calls that start this long after the server is back must all succeed. */
const RECOVERY_MS = 3_000;

type Pg = { url: string; stop: () => Promise<void> };
type Call = { op: "register" | "propose"; title: string; itemId?: number; startedAt: number; endedAt: number; ok: boolean; error?: unknown };

const env = { url: process.env.DATABASE_URL, pool: process.env.DATABASE_POOL_MAX };
let dataDir: string;
let options: { dataDir: string; port: number; password: string; quiet: boolean };
let pg: Pg;
let hub: LiveHub;
let office: Actor;
let leader: Actor;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms: number): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms`);
    await sleep(20);
  }
  return Date.now() - start;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "zhongshu-restart-"));
  options = { dataDir, port: await freePort(), password: randomBytes(12).toString("hex"), quiet: true };
  pg = await startEmbedded(options);
  await runMigrations(pg.url);
  const seeding = connect(pg.url, 2);
  try {
    await seedDemo(seeding.db, { year: 2026 });
  } finally {
    await seeding.sql.end({ timeout: 5 });
  }
  // The data layer's one pool, now on this server (the run's database is left alone).
  await closeDb();
  process.env.DATABASE_URL = pg.url;
  process.env.DATABASE_POOL_MAX = "4";
  office = await actorFor("liufang");
  leader = await actorFor("liminghua");
  hub = new LiveHub(getSql());
  await hub.start();
});

afterAll(async () => {
  await hub?.stop();
  await closeDb();
  process.env.DATABASE_URL = env.url;
  if (env.pool === undefined) delete process.env.DATABASE_POOL_MAX;
  else process.env.DATABASE_POOL_MAX = env.pool;
  await pg?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("PostgreSQL restarted under load", () => {
  it("fails fast while down, recovers by itself, keeps every acknowledged write and half of none", { timeout: 90_000 }, async () => {
    const live: { reason: string; at: number }[] = [];
    const unsubscribe = hub.subscribe(leader.id, (reason) => live.push({ reason, at: Date.now() }));
    const calls: Call[] = [];
    let running = true;

    const record = async <T>(call: Omit<Call, "startedAt" | "endedAt" | "ok">, run: () => Promise<T>): Promise<T | undefined> => {
      const entry: Call = { ...call, startedAt: Date.now(), endedAt: 0, ok: false };
      calls.push(entry);
      try {
        const value = await run();
        entry.ok = true;
        return value;
      } catch (e) {
        entry.error = e;
        return undefined;
      } finally {
        entry.endedAt = Date.now();
      }
    };

    const worker = async (w: number) => {
      while (running) {
        const title = unique(`重启登记${w}`);
        const form = await registerForm({ lead: "教务处", title });
        const created = await record({ op: "register", title }, () => registerItem(office, form));
        if (created) await record({ op: "propose", title, itemId: created.id }, () => proposeItem(office, created.id, 1, `拟办 ${title}`));
        else await sleep(50);
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));

    await sleep(1_500);
    const stoppedAt = Date.now();
    await pg.stop();
    const stopMs = Date.now() - stoppedAt;
    await sleep(DOWN_MS);
    const restartAt = Date.now();
    pg = await startEmbedded(options);
    const upAt = Date.now();
    await sleep(RECOVERY_MS + 3_000);
    running = false;
    await Promise.all(workers);

    // Live notifications: the LISTEN is back (a resync tells open pages to re-read), and a new
    // notification reaches the leader again.
    await until(() => live.some((l) => l.reason === "resync" && l.at > upAt), 10_000);
    const relistenMs = live.find((l) => l.reason === "resync" && l.at > upAt)!.at - upAt;
    const changedBefore = live.filter((l) => l.reason === "changed").length;
    const probe = await registerItem(office, await registerForm({ lead: "教务处" }));
    await proposeItem(office, probe.id, 1, "拟请阅示");
    await until(() => live.filter((l) => l.reason === "changed").length > changedBefore, 10_000);
    unsubscribe();

    // Every failure is the typed "unavailable" one — no conflict, no unexpected error.
    const failed = calls.filter((c) => !c.ok);
    for (const c of failed) expect(isDatabaseUnavailable(c.error), String(c.error)).toBe(true);
    // Before the stop, calls succeeded.
    expect(calls.some((c) => c.ok && c.endedAt < stoppedAt)).toBe(true);
    // Calls made while it was down all failed — fast.
    const whileDown = calls.filter((c) => c.startedAt > stoppedAt + stopMs && c.startedAt < restartAt);
    expect(whileDown.length).toBeGreaterThan(WORKERS);
    expect(whileDown.filter((c) => c.endedAt < restartAt).every((c) => !c.ok)).toBe(true);
    const failMs = failed.map((c) => c.endedAt - c.startedAt).sort((a, b) => a - b);
    const slowestFailure = failMs.at(-1)!;
    expect(slowestFailure).toBeLessThan(FAIL_FAST_MS);
    // After the restart: calls succeed again, with the same pool, and soon.
    const afterUp = calls.filter((c) => c.startedAt >= upAt);
    const firstOk = Math.min(...afterUp.filter((c) => c.ok).map((c) => c.endedAt)) - upAt;
    const late = calls.filter((c) => c.startedAt >= upAt + RECOVERY_MS);
    expect(late.length).toBeGreaterThan(WORKERS);
    expect(late.filter((c) => !c.ok).map((c) => String(c.error))).toEqual([]);

    // The database holds every acknowledged write...
    const sql: postgres.Sql = getSql();
    const titles = [...new Set(calls.map((c) => c.title))];
    const rows = await sql<{ title: string; id: number; version: number; state: string; registered: number; proposed: number; lead: number }[]>`
      select i.title, i.id, i.version, i.state,
             (select count(*)::int from item_events e where e.item_id = i.id and e.action = 'register') as registered,
             (select count(*)::int from item_events e where e.item_id = i.id and e.action = 'propose') as proposed,
             (select count(*)::int from item_departments d where d.item_id = i.id and d.role = 'lead') as lead
        from items i where i.title = any(${titles})`;
    const byTitle = new Map(rows.map((r) => [r.title, r]));
    for (const c of calls.filter((x) => x.ok)) {
      const row = byTitle.get(c.title);
      expect(row, `acknowledged ${c.op} of ${c.title}`).toBeDefined();
      if (c.op === "propose") expect(row).toMatchObject({ version: 2, state: "awaiting_decision", proposed: 1 });
    }
    // ...and no write is half there: every item has its registration event and lead department,
    // and its version matches its timeline (a failed proposal is wholly there or wholly absent).
    for (const row of rows) {
      expect(row).toMatchObject({ registered: 1, lead: 1 });
      expect(row.proposed).toBe(row.version - 1);
      expect(row.state).toBe(row.proposed ? "awaiting_decision" : "draft");
    }
    // The numbers stayed gapless through it all.
    const [{ year }] = await sql<{ year: number }[]>`select max(year)::int as year from items`;
    const [numbers] = await sql<{ n: number; max: number }[]>`select count(*)::int as n, max(seq)::int as max from items where kind = 'assignment' and year = ${year}`;
    const [counter] = await sql<{ last: number }[]>`select last_seq::int as last from item_counters where kind = 'assignment' and year = ${year}`;
    expect(numbers.max).toBe(numbers.n);
    expect(counter.last).toBe(numbers.max);

    const unacknowledged = failed.filter((c) => byTitle.has(c.title) && (c.op === "register" || byTitle.get(c.title)!.proposed === 1)).length;
    console.info(
      `[restart] ${calls.length} calls (${calls.length - failed.length} acknowledged, ${failed.length} failed); ` +
        `stop took ${stopMs} ms, down ${DOWN_MS} ms, start took ${upAt - restartAt} ms; ` +
        `failures took ${failMs[Math.floor(failMs.length / 2)]} ms (median), ${slowestFailure} ms at most; first success ${firstOk} ms after the server was up; ` +
        `LISTEN back ${relistenMs} ms after the server was up; failed calls that had committed anyway: ${unacknowledged}`,
    );
  });
});
