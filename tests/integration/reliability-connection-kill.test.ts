// A database connection cut in the middle of a change (pg_terminate_backend, as an operator or
// a failing server would): the change is all or nothing — PostgreSQL rolls back what the
// transaction had written, no timeline or audit event is left behind — the caller gets an error
// the boundaries answer with "database unavailable" (server actions: errors.unavailable; API:
// 503 `unavailable`), the process survives (postgres.js 3.4.9 used to crash it, see
// db/connection-loss.ts), and the very next call on the same pool succeeds.
//
// To cut a transaction at a known point, another connection holds a lock the change needs after
// its first writes; the change's backend waits there, is found in pg_stat_activity and
// terminated, then the lock is released.
import postgres from "postgres";
import { createTranslator } from "use-intl/core";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { z } from "zod";
import { getSql } from "@/db/client";
import { errorState, formAction, type ActionState } from "@/lib/actions/form";
import { errorResponse } from "@/lib/api/http";
import type { Actor } from "@/lib/dal/actor";
import { isDatabaseUnavailable } from "@/lib/dal/db-errors";
import { currentActor } from "@/lib/dal/session";
import { proposeItem, registerItem } from "@/lib/dal/items/commands";
import { MESSAGES } from "@/messages";
import { lastAuditId } from "../support/db";
import { actors, counterOf, inDays, itemRow, lastItemEventId, lastNotificationId, registerForm } from "../support/items";

// The action boundary outside Next: messages in English, a same-site form, the person from a stub.
vi.mock("next-intl/server", () => ({ getTranslations: async () => createTranslator({ locale: "en", messages: MESSAGES.en }) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ origin: "http://portal.test", host: "portal.test" }) }));
vi.mock("@/lib/dal/session", () => ({ currentActor: vi.fn() }));

const url = inject("databaseUrl");
let locker: postgres.Sql;
let admin: postgres.Sql;
let p: Record<"liufang", Actor>;

beforeAll(async () => {
  locker = postgres(url, { max: 1, onnotice: () => {} });
  admin = postgres(url, { max: 1, onnotice: () => {} });
  p = await actors("liufang");
});

afterAll(async () => {
  await locker.end({ timeout: 5 });
  await admin.end({ timeout: 5 });
});

/** Holds `lockStatement`'s lock in a transaction of its own until released. */
async function holdLock(lockStatement: string) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: (pid: number) => void;
  const pid = new Promise<number>((r) => (locked = r));
  const done = locker.begin(async (tx) => {
    const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
    await tx.unsafe(lockStatement);
    locked(row.pid);
    await released;
  });
  return { pid: await Promise.race([pid, done.then(() => -1)]), release: () => (release(), done) };
}

/** The backend waiting for `holder`'s lock, and the tables it has written so far (row-exclusive locks it holds). */
async function waiterBehind(holder: number): Promise<{ pid: number; query: string; written: string[] }> {
  const end = Date.now() + 10_000;
  for (;;) {
    const rows = await admin<{ pid: number; query: string }[]>`
      select pid, query from pg_stat_activity where ${holder} = any(pg_blocking_pids(pid))`;
    if (rows.length === 1) {
      const locks = await admin<{ rel: string }[]>`
        select relation::regclass::text as rel from pg_locks
         where pid = ${rows[0].pid} and granted and locktype = 'relation' and mode = 'RowExclusiveLock'`;
      return { ...rows[0], written: locks.map((l) => l.rel) };
    }
    if (Date.now() > end) throw new Error(`no single backend waits for ${holder}: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Starts `call`, cuts its connection where it waits behind `lockStatement`, and returns how it ended. */
async function cutMidway(lockStatement: string, call: () => Promise<unknown>) {
  const lock = await holdLock(lockStatement);
  const outcome = call().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  try {
    const waiter = await waiterBehind(lock.pid);
    const [{ killed }] = await admin<{ killed: boolean }[]>`select pg_terminate_backend(${waiter.pid}) as killed`;
    expect(killed).toBe(true);
    const cutAt = Date.now();
    const result = await outcome;
    return { waiter, result, failedAfterMs: Date.now() - cutAt };
  } finally {
    await lock.release();
  }
}

/** Row count and digest of the tables a change to an item may write. */
async function digest() {
  const tables = ["items", "item_departments", "item_events", "item_counters", "notifications", "webhook_deliveries", "audit_events"];
  const rows = await admin.unsafe<{ t: string; h: string }[]>(
    tables.map((t) => `select '${t}' as t, count(*) || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`).join(" union all "),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

describe("a connection cut in the middle of a change", () => {
  it("a transition cut after its item update and timeline event leaves the item as it was; the same call then succeeds", async () => {
    const { id } = await registerItem(p.liufang, await registerForm({ lead: "教务处" }));
    const before = await itemRow(id);
    const [events, audits, notes, tables] = [await lastItemEventId(), await lastAuditId(), await lastNotificationId(), await digest()];

    // The proposal notifies the leader last: with the notifications table locked, it waits there.
    const { waiter, result, failedAfterMs } = await cutMidway("lock table notifications in access exclusive mode", () =>
      proposeItem(p.liufang, id, before.version, "拟请阅示"),
    );
    expect(waiter.query).toMatch(/notifications/);
    expect(waiter.written).toEqual(expect.arrayContaining(["items", "item_events"]));
    console.info(`[kill] transition: the caller was told ${failedAfterMs} ms after its backend was terminated`);

    expect(result.ok).toBe(false);
    const error = (result as { error: unknown }).error;
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(failedAfterMs).toBeLessThan(2_000);

    // Nothing of it remains: the row, its timeline, notifications, webhooks, the audit log.
    expect(await itemRow(id)).toEqual(before);
    expect(await lastItemEventId()).toBe(events);
    expect(await lastAuditId()).toBe(audits);
    expect(await lastNotificationId()).toBe(notes);
    expect(await digest()).toEqual(tables);

    // The same pool serves the retry (the dead connection is replaced), with the version the person saw.
    expect(await proposeItem(p.liufang, id, before.version, "拟请阅示")).toEqual({ version: before.version + 1, state: "awaiting_decision" });
    // Every connection of the pool works, none was left unusable.
    const reads = await Promise.all(Array.from({ length: 12 }, () => getSql()<{ one: number }[]>`select 1 as one`));
    expect(reads.every((r) => r[0].one === 1)).toBe(true);
  });

  it("a registration cut after it took a number and wrote the item leaves no item, no event and no gap in the numbers", async () => {
    const year = Number(inDays(0).slice(0, 4));
    const counter = await counterOf(year);
    const title = `切断的登记 ${Date.now()}`;
    const input = await registerForm({ lead: "教务处", support: ["学生处"], title });
    const tables = await digest();

    // The webhook queue is the registration's last step.
    const { waiter, result } = await cutMidway("lock table webhooks in access exclusive mode", () => registerItem(p.liufang, input));
    expect(waiter.written).toEqual(expect.arrayContaining(["items", "item_departments", "item_events", "item_counters"]));
    expect(result.ok).toBe(false);
    expect(isDatabaseUnavailable((result as { error: unknown }).error)).toBe(true);

    expect(await getSql()`select 1 from items where title = ${title}`).toHaveLength(0);
    expect(await counterOf(year)).toBe(counter);
    expect(await digest()).toEqual(tables);
    const next = await registerItem(p.liufang, await registerForm({ lead: "教务处", support: ["学生处"], title: `${title} 重试` }));
    expect(next.number).toContain(`${counter + 1}号`);
  });

  it("idle connections cut under the pool are replaced on the next call", async () => {
    await Promise.all(Array.from({ length: 4 }, () => getSql()`select 1`));
    const [{ n }] = await admin<{ n: number }[]>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
         and pid not in (select pid from pg_stat_activity where query ilike 'listen %')
         and pid <> all(${[(await locker<{ pid: number }[]>`select pg_backend_pid() as pid`)[0].pid]})`;
    expect(n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 100));
    const { id } = await registerItem(p.liufang, await registerForm({ lead: "教务处" }));
    expect((await itemRow(id)).version).toBe(1);
  });
});

describe("what the person is told", () => {
  const lost = () => Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" });

  it("the server action boundary answers errors.unavailable, in both languages' files", async () => {
    expect(MESSAGES.en.errors.unavailable).toBeTruthy();
    expect(MESSAGES["zh-CN"].errors.unavailable).toBeTruthy();
    const state = await errorState(lost());
    expect(state).toMatchObject({ status: "error", message: MESSAGES.en.errors.unavailable });
    // Wrapped by drizzle ("Failed query", the driver's error as its cause) it is recognised too.
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: Object.assign(new Error("terminating connection"), { code: "57P01" }) }))).toBe(true);
    // Anything else stays "unexpected".
    expect((await errorState(new Error("boom"))).message).toBe(MESSAGES.en.errors.unexpected);
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate"), { code: "23505" }))).toBe(false);
  });

  it("a form action says so whether the database fails while reading who is asking or in the change", async () => {
    const action = formAction(z.object({ title: z.string() }), async () => {
      throw lost();
    });
    const form = new FormData();
    form.set("title", "标题");
    vi.mocked(currentActor).mockRejectedValueOnce(lost());
    const first: ActionState = await action({ status: "idle" }, form);
    expect(first).toMatchObject({ status: "error", message: MESSAGES.en.errors.unavailable });
    vi.mocked(currentActor).mockResolvedValueOnce(p.liufang);
    const second = await action({ status: "idle" }, form);
    expect(second).toMatchObject({ status: "error", message: MESSAGES.en.errors.unavailable, values: { title: "标题" } });
  });

  it("the API answers 503 with the stable code `unavailable` and a Retry-After", async () => {
    const en = errorResponse(lost(), "en");
    expect(en.status).toBe(503);
    expect(en.headers.get("retry-after")).toBe("5");
    expect(await en.json()).toEqual({ error: { code: "unavailable", message: MESSAGES.en.errors.unavailable } });
    const zh = errorResponse(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), "zh-CN");
    expect(zh.status).toBe(503);
    expect(await zh.json()).toEqual({ error: { code: "unavailable", message: MESSAGES["zh-CN"].errors.unavailable } });
  });
});
