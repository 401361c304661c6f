// Concurrency on one PostgreSQL: registrations at once get distinct, gapless numbers (a failed
// one, even after taking a number, leaves no gap), and of many identical decisions on one item
// exactly one wins. The pool is widened for this file so the calls really overlap in the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getSql } from "@/db/client";
import { DomainError } from "@/lib/dal/errors";
import { decideItem, proposeItem, registerItem } from "@/lib/dal/items/commands";
import { formatItemNumber } from "@/lib/domain/items/numbering";
import { unique } from "../support/db";
import { actors, counterOf, eventsOf, inDays, itemRow, itemsSnapshot, lastNotificationId, notificationsAfter, registerForm } from "../support/items";

type People = Awaited<ReturnType<typeof loadPeople>>;
const loadPeople = () => actors("liufang", "zhaolei", "liminghua");
let p: People;
const poolBefore = process.env.DATABASE_POOL_MAX;

beforeAll(async () => {
  await closeDb();
  process.env.DATABASE_POOL_MAX = "24";
  p = await loadPeople();
});

afterAll(() => {
  if (poolBefore === undefined) delete process.env.DATABASE_POOL_MAX;
  else process.env.DATABASE_POOL_MAX = poolBefore;
});

const year = () => Number(inDays(0).slice(0, 4));

describe("numbering under concurrent registration", () => {
  it("20 registrations at once get 20 distinct, gapless numbers; failed ones in the same burst use none", async () => {
    const start = await counterOf(year());
    const failing = unique("回滚登记");
    // A temporary trigger fails one registration at its very last write (the timeline event),
    // i.e. after it has taken a number from the counter.
    await getSql().unsafe(`
      create or replace function zs_test_refuse_item_event() returns trigger language plpgsql as $$
      begin
        if new.action = 'register' and new.data->>'title' = '${failing}' then raise exception 'refused for the test'; end if;
        return new;
      end $$;
      create trigger zs_test_refuse_item_event before insert on item_events for each row execute function zs_test_refuse_item_event();
    `);
    try {
      const good = await Promise.all(Array.from({ length: 20 }, (_, i) => registerForm({ lead: "教务处", support: ["学生处"], title: unique(`并发登记${i}`) })));
      const unknownSupport = { ...(await registerForm({ lead: "教务处" })), supportDepartmentIds: [2_000_000_000] };
      const lateFailure = await registerForm({ lead: "教务处", title: failing });
      const calls = [
        ...good.slice(0, 10).map((input) => registerItem(p.liufang, input)),
        registerItem(p.zhaolei, unknownSupport),
        registerItem(p.zhaolei, lateFailure),
        ...good.slice(10).map((input, i) => registerItem(i % 2 ? p.liufang : p.zhaolei, input)),
      ];
      const results = await Promise.allSettled(calls);
      const rejected = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
      expect(rejected).toHaveLength(2);
      expect(rejected.some((e) => e instanceof DomainError && e.code === "unknownDepartment")).toBe(true);
      expect(rejected.some((e) => String(e?.message ?? e).includes("refused for the test") || String(e?.cause?.message).includes("refused for the test"))).toBe(true);

      const ok = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      expect(ok).toHaveLength(20);
      const rows = await Promise.all(ok.map((r) => itemRow(r.id)));
      const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => start + 1 + i));
      for (const [i, r] of ok.entries()) expect(r.number).toBe(formatItemNumber("assignment", rows[i].year, rows[i].seq));
      expect(new Set(ok.map((r) => r.number)).size).toBe(20);
      expect(await counterOf(year())).toBe(start + 20);
      // Nothing of the failed ones remains.
      expect(await getSql()`select 1 from items where title = ${failing}`).toHaveLength(0);
    } finally {
      await getSql().unsafe(`drop trigger zs_test_refuse_item_event on item_events; drop function zs_test_refuse_item_event();`);
    }
    // The next registration continues the sequence.
    const next = await registerItem(p.liufang, await registerForm({ lead: "教务处" }));
    expect((await itemRow(next.id)).seq).toBe(start + 21);
  });
});

describe("concurrent decisions on one item", () => {
  it("of 16 identical decisions with the same version exactly one wins; the rest are told to reload", async () => {
    const { id } = await registerItem(p.liufang, await registerForm({ lead: "教务处", support: ["学生处"] }));
    await proposeItem(p.liufang, id, 1, "拟请阅示");
    const before = await itemRow(id);
    expect(before).toMatchObject({ state: "awaiting_decision", version: 2, routedLeaderId: p.liminghua.id });
    const notes = await lastNotificationId();

    const results = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) => (i % 2 ? decideItem(p.liminghua, id, 2, "approve", null) : decideItem(p.liminghua, id, 2, "instruct", `批示 ${i}`))),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    expect((won[0] as PromiseFulfilledResult<unknown>).value).toEqual({ version: 3, state: "sent" });
    for (const r of results) {
      if (r.status === "fulfilled") continue;
      expect(r.reason).toBeInstanceOf(DomainError);
      expect(["conflict", "wrongState"]).toContain((r.reason as DomainError).code);
    }

    const after = await itemRow(id);
    expect(after).toMatchObject({ state: "sent", version: 3 });
    const decisions = (await eventsOf(id)).filter((e) => e.action === "approve" || e.action === "instruct");
    expect(decisions).toHaveLength(1);
    expect(decisions[0].actorId).toBe(p.liminghua.id);
    // The departments were told once, not once per attempt.
    const sent = (await notificationsAfter(notes)).filter((n) => n.itemId === id && n.kind === "sent");
    expect(sent.length).toBe(new Set(sent.map((n) => n.userId)).size);
    expect(sent).toHaveLength(4);
    // A late attempt with the old version changes nothing.
    const snapshot = await itemsSnapshot();
    await expect(decideItem(p.liminghua, id, 2, "approve", null)).rejects.toMatchObject({ code: "conflict" });
    expect(await itemsSnapshot()).toEqual(snapshot);
  });
});
