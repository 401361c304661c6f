// The scheduled sweep: reminders before and after the due date and escalation, each sent once
// however often (or late) the sweep runs. The clock is moved by passing the day, not by waiting.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { itemEvents, notifications } from "@/db/schema";
import { addWorkingDays } from "@/lib/domain/calendar";
import { itemRegisterInput } from "@/lib/domain/items/inputs";
import { decideItem, proposeItem, registerItem, signFor } from "@/lib/dal/items/commands";
import { sweepItems } from "@/lib/dal/items/sweep";
import { today } from "@/lib/clock";
import type { Actor } from "@/lib/dal/actor";
import { actorFor, departmentByName } from "../support/db";

let office: Actor;
let deputy: Actor;
let liaison: Actor;
let itemId: number;
let dueOn: string;

async function count(kind: string) {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.itemId, itemId), eq(notifications.kind, kind)));
  return row.n;
}

beforeAll(async () => {
  office = await actorFor("liufang");
  deputy = await actorFor("liminghua");
  liaison = await actorFor("wuting");
  const lead = await departmentByName("教务处");
  const input = itemRegisterInput.parse({ title: "催办测试：期末考试安排", source: "leader", urgency: "normal", leadDepartmentId: String(lead.id), dueInWorkingDays: "2" });
  const created = await registerItem(office, input);
  itemId = created.id;
  let v = (await proposeItem(office, itemId, 1, "请教务处按期完成")).version;
  v = (await decideItem(deputy, itemId, v, "approve", null)).version;
  await signFor(liaison, itemId, v);
  const [row] = await getDb().execute<{ due_on: string }>(sql`select due_on::text from items where id = ${itemId}`);
  dueOn = row.due_on;
});

describe("the sweep", () => {
  it("sends nothing while the due date is far", async () => {
    await sweepItems(today());
    // Due in two working days: the day-before reminder is not due yet unless today is the day before.
    expect(await count("overdue")).toBe(0);
    expect(await count("escalated")).toBe(0);
  });

  it("reminds the lead department once before the due date, however often it runs", async () => {
    await sweepItems(dueOn);
    await sweepItems(dueOn);
    const n = await count("due_soon");
    expect(n).toBeGreaterThan(0);
    await sweepItems(dueOn);
    expect(await count("due_soon")).toBe(n);
  });

  it("reminds once when late, and escalates once after N working days, catching up after downtime", async () => {
    const exceptions = new Map<string, "holiday" | "workday">();
    const firstLate = addWorkingDays(dueOn, 1, exceptions);
    await sweepItems(firstLate);
    const overdue = await count("overdue");
    expect(overdue).toBeGreaterThan(0);
    expect(await count("escalated")).toBe(0);

    // Nobody ran the sweep for a week; the first run afterwards escalates, once.
    const muchLater = addWorkingDays(dueOn, 8, exceptions);
    await Promise.all([sweepItems(muchLater), sweepItems(muchLater)].map((p) => p.catch(() => null)));
    await sweepItems(muchLater);
    expect(await count("overdue")).toBe(overdue);
    const escalations = await getDb().select().from(itemEvents).where(and(eq(itemEvents.itemId, itemId), eq(itemEvents.action, "escalate")));
    expect(escalations).toHaveLength(1);
    const leaderNotices = await getDb()
      .select()
      .from(notifications)
      .where(and(eq(notifications.itemId, itemId), eq(notifications.kind, "escalated"), eq(notifications.userId, deputy.id)));
    expect(leaderNotices).toHaveLength(1);
  });
});
