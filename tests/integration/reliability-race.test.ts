// Races on one record: 32 people (or tabs) apply the same change with the version they all saw.
// Exactly one wins; every other is told "this changed, reload" (conflict); the version rises by
// one and the timeline gains one event. Run once with a pool as wide as the burst (all 32
// transactions wait in PostgreSQL on the row lock at the same time) and once with a pool of 2
// (they queue in the driver instead): either way every attempt resolves — none hangs.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { DomainError } from "@/lib/dal/errors";
import { proposeItem, registerItem } from "@/lib/dal/items/commands";
import { confirmNotice } from "@/lib/dal/notices/commands";
import { decideRequest } from "@/lib/dal/requests/commands";
import { actors, deptId, eventsOf, itemRow, lastItemEventId, registerForm } from "../support/items";
import { events, publish, recipient } from "../support/notices";
import { proposedRequest, requestEventsOf, requestRow } from "../support/requests";

const BURST = 32;
const poolBefore = process.env.DATABASE_POOL_MAX;
let p: Record<"liufang" | "zhengkai" | "zhoumin" | "liminghua", Actor>;
let watcher: postgres.Sql;

/** Points the data layer at a fresh pool of `max` connections. */
async function usePool(max: number) {
  await closeDb();
  process.env.DATABASE_POOL_MAX = String(max);
}

/**
 * Runs the burst while another connection samples how many backends of this database wait on
 * a lock: the proof that the attempts really met in PostgreSQL, not one after another.
 */
async function burst<T>(attempt: (i: number) => Promise<T>) {
  let maxWaiting = 0;
  let running = true;
  const sampling = (async () => {
    while (running) {
      const [{ n }] = await watcher<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
      maxWaiting = Math.max(maxWaiting, n);
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  const started = Date.now();
  const results = await Promise.allSettled(Array.from({ length: BURST }, (_, i) => attempt(i)));
  const ms = Date.now() - started;
  running = false;
  await sampling;
  const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  return { won, lost, ms, maxWaiting };
}

function expectAllConflicts(lost: unknown[]) {
  expect(lost).toHaveLength(BURST - 1);
  for (const e of lost) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("conflict");
  }
}

beforeAll(async () => {
  p = await actors("liufang", "zhengkai", "zhoumin", "liminghua");
  watcher = postgres(inject("databaseUrl"), { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await watcher.end({ timeout: 5 });
  await closeDb();
  if (poolBefore === undefined) delete process.env.DATABASE_POOL_MAX;
  else process.env.DATABASE_POOL_MAX = poolBefore;
});

describe.each([
  { pool: BURST + 1, where: "all waiting in PostgreSQL on the row lock" },
  { pool: 2, where: "queued in a pool of 2" },
])("$pool connections ($where)", ({ pool }) => {
  beforeAll(() => usePool(pool));

  it("32 identical proposals on one supervised item: one wins, 31 conflicts, version + 1, one timeline event", async () => {
    const { id } = await registerItem(p.liufang, await registerForm({ lead: "教务处" }));
    const before = await itemRow(id);
    const since = await lastItemEventId();

    const { won, lost, ms, maxWaiting } = await burst((i) => proposeItem(p.liufang, id, before.version, `拟办意见 ${i}`));
    console.info(`[race] item, pool ${pool}: ${BURST} attempts settled in ${ms} ms; at most ${maxWaiting} waited on a lock at once`);
    if (pool > BURST) expect(maxWaiting).toBeGreaterThan(1);

    expect(won).toEqual([{ version: before.version + 1, state: "awaiting_decision" }]);
    expectAllConflicts(lost);
    const after = await itemRow(id);
    expect(after).toMatchObject({ version: before.version + 1, state: "awaiting_decision" });
    // One event in the whole database (the files run one at a time), and it is the winner's.
    const [{ n }] = await getSql()<{ n: number }[]>`select count(*)::int as n from item_events where id > ${since}`;
    expect(n).toBe(1);
    const [event] = await eventsOf(id, since);
    expect(event).toMatchObject({ action: "propose", actorId: p.liufang.id });
    expect(event.data.proposal).toBe(after.proposal);
    // The leader was told once, not once per attempt.
    const told = await getSql()`select 1 from notifications where item_id = ${id} and kind = 'awaiting_decision'`;
    expect(told).toHaveLength(1);
  });

  it("32 identical decisions on one request: one wins, 31 conflicts, version + 1, one decision event", async () => {
    const id = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
    const before = await requestRow(id);
    expect(before).toMatchObject({ state: "awaiting_decision", routedLeaderId: p.liminghua.id });
    const eventsBefore = (await requestEventsOf(id)).length;

    const { won, lost, ms, maxWaiting } = await burst((i) => decideRequest(p.liminghua, id, before.version, i % 2 ? "approve" : "instruct", `批示 ${i}`));
    console.info(`[race] request, pool ${pool}: ${BURST} attempts settled in ${ms} ms; at most ${maxWaiting} waited on a lock at once`);

    expect(won).toHaveLength(1);
    expect(won[0].version).toBe(before.version + 1);
    expectAllConflicts(lost);
    const after = await requestRow(id);
    expect(after.version).toBe(before.version + 1);
    expect(after.state).toBe(won[0].state);
    const added = (await requestEventsOf(id)).slice(eventsBefore);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ actorId: p.liminghua.id, data: { text: after.decisionText } });
    const told = await getSql()<{ userId: number }[]>`select user_id as "userId" from notifications where request_id = ${id} and kind = 'request_decided'`;
    expect(told.length).toBeGreaterThan(0);
    expect(new Set(told.map((r) => r.userId)).size).toBe(told.length);
  });

  it("32 confirmations of one notice by one reader at once: one confirmation, one confirm event, one read event", async () => {
    const { id } = await publish(p.liufang, { departmentIds: [await deptId("教务处")] });
    const { won, lost, ms } = await burst(() => confirmNotice(p.zhengkai, id, { revision: 1 }));
    console.info(`[race] notice confirmation, pool ${pool}: ${BURST} attempts settled in ${ms} ms`);

    expect(lost).toEqual([]);
    expect(won.filter((r) => r.confirmed)).toHaveLength(1);
    expect(won.filter((r) => !r.confirmed)).toHaveLength(BURST - 1);
    expect((await events(id, "confirm")).filter((e) => e.actorId === p.zhengkai.id)).toHaveLength(1);
    expect((await events(id, "read")).filter((e) => e.actorId === p.zhengkai.id)).toHaveLength(1);
    expect((await recipient(id, p.zhengkai.id)).confirmedRevision).toBe(1);
  });
});
