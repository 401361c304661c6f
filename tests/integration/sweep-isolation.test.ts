// One record that fails in the sweep (here made to fail by a trigger) is skipped with all its
// writes undone, while every other record still gets its reminders, escalations and climbs; the
// next run, once the fault is gone, catches the skipped one up.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, getSql } from "@/db/client";
import { coordinationEvents, itemEvents, notifications } from "@/db/schema";
import { decideItem, proposeItem, registerItem, signFor } from "@/lib/dal/items/commands";
import { sweepItems } from "@/lib/dal/items/sweep";
import { sweepCoordination } from "@/lib/dal/coordination/ladder-sweep";
import { today } from "@/lib/clock";
import type { Actor } from "@/lib/dal/actor";
import { actors, inDays, registerForm } from "../support/items";
import { insertUser } from "../support/db";
import { matterRow, raise } from "../support/coordination";

let p: Record<"liufang" | "liminghua" | "wuting" | "zhoumin", Actor>;
const FN = `sweep_fault_${process.pid}`;

/** A sent item of 教务处 that is 10 calendar days late. */
async function lateItem(): Promise<number> {
  const { id } = await registerItem(p.liufang, await registerForm({ lead: "教务处", dueOn: inDays(20) }));
  let v = (await proposeItem(p.liufang, id, 1, "请按期办理")).version;
  v = (await decideItem(p.liminghua, id, v, "approve", null)).version;
  await signFor(p.wuting, id, v);
  await getSql()`update items set due_on = ${inDays(-10)} where id = ${id}`;
  return id;
}

async function notificationCount(where: SQL) {
  const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(notifications).where(where);
  return row.n;
}

/** Makes every notification about this item or matter fail to insert. */
async function breakRecord(column: "item_id" | "coordination_id", id: number) {
  await getSql().unsafe(`
    create or replace function ${FN}() returns trigger language plpgsql as $$
    begin
      if new.${column} = ${Number(id)} then raise exception 'test fault for ${column} ${Number(id)}'; end if;
      return new;
    end $$`);
  await getSql().unsafe(`create trigger ${FN} before insert on notifications for each row execute function ${FN}()`);
}

async function repair() {
  await getSql().unsafe(`drop trigger if exists ${FN} on notifications`);
  await getSql().unsafe(`drop function if exists ${FN}()`);
}

beforeAll(async () => {
  p = await actors("liufang", "liminghua", "wuting", "zhoumin");
});

afterAll(repair);

describe("a record that fails in the sweep", () => {
  it("does not stop the other items, and leaves nothing half-applied", async () => {
    const bad = await lateItem();
    const good = await lateItem();
    await breakRecord("item_id", bad);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const stats = await sweepItems(today());
      expect(stats.itemErrors).toBeGreaterThanOrEqual(1);
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
      await repair();
    }
    expect(await notificationCount(and(eq(notifications.itemId, good), eq(notifications.kind, "overdue"))!)).toBeGreaterThan(0);
    expect(await notificationCount(and(eq(notifications.itemId, good), eq(notifications.kind, "escalated"))!)).toBeGreaterThan(0);
    expect(await getDb().select().from(itemEvents).where(and(eq(itemEvents.itemId, good), eq(itemEvents.action, "escalate")))).toHaveLength(1);
    // The failed item: no notification, no escalation event.
    expect(await notificationCount(and(eq(notifications.itemId, bad), inArray(notifications.kind, ["overdue", "escalated", "due_soon"]))!)).toBe(0);
    expect(await getDb().select().from(itemEvents).where(and(eq(itemEvents.itemId, bad), eq(itemEvents.action, "escalate")))).toHaveLength(0);

    // The next run catches it up, once.
    await sweepItems(today());
    await sweepItems(today());
    expect(await notificationCount(and(eq(notifications.itemId, bad), eq(notifications.kind, "overdue"))!)).toBeGreaterThan(0);
    expect(await getDb().select().from(itemEvents).where(and(eq(itemEvents.itemId, bad), eq(itemEvents.action, "escalate")))).toHaveLength(1);
    expect(await getDb().select().from(itemEvents).where(and(eq(itemEvents.itemId, good), eq(itemEvents.action, "escalate")))).toHaveLength(1);
  });

  it("does not stop the other coordination matters from climbing", async () => {
    const bad = await raise(p.zhoumin, { parties: { 学生处: "请协助" } });
    const good = await raise(p.zhoumin, { parties: { 学生处: "请协助" } });
    const stalled = inDays(-20);
    await getSql()`update coordination_matters set last_progress_on = ${stalled} where id in ${getSql()([bad, good])}`;
    await breakRecord("coordination_id", bad);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const stats = await sweepCoordination(today());
      expect(stats.coordinationErrors).toBeGreaterThanOrEqual(1);
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
      await repair();
    }
    expect((await matterRow(good)).rung).toBe("meeting");
    const failed = await matterRow(bad);
    expect(failed.rung).toBe("office");
    expect(await getDb().select().from(coordinationEvents).where(and(eq(coordinationEvents.matterId, bad), eq(coordinationEvents.action, "climb")))).toHaveLength(0);

    await sweepCoordination(today());
    expect((await matterRow(bad)).rung).toBe("meeting");
  });

  it("tells a newcomer to the office of an escalated item without escalating it twice", async () => {
    const id = await lateItem();
    await sweepItems(today());
    const escalations = () => getDb().select().from(itemEvents).where(and(eq(itemEvents.itemId, id), eq(itemEvents.action, "escalate")));
    expect(await escalations()).toHaveLength(1);
    const newcomer = await insertUser({ roles: ["office_staff"] });
    try {
      const stats = await sweepItems(today());
      expect(stats.itemErrors).toBe(0);
      expect(await notificationCount(and(eq(notifications.itemId, id), eq(notifications.kind, "escalated"), eq(notifications.userId, newcomer.id))!)).toBe(1);
      expect(await escalations()).toHaveLength(1);
    } finally {
      await getSql()`update users set active = false where id = ${newcomer.id}`;
    }
  });
});
