// The automatic receipt reminders: the working day before the deadline and once it has passed,
// each once per person and revision however often the sweep runs, only to those who have not
// confirmed in person. The clock is moved by passing the moment, not by waiting.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/dal/actor";
import { confirmNotice, reviseNotice } from "@/lib/dal/notices/commands";
import { sweepNotices } from "@/lib/dal/notices/sweep";
import { sweepAll } from "@/lib/dal/items/sweep";
import { actors } from "../support/items";
import { events, localIn, noticeRow, notified, publish } from "../support/notices";

let a: Record<"liufang" | "zhengkai" | "wuting" | "zhoumin" | "hejun", Actor>;
let id: number;
let due: Date;

beforeAll(async () => {
  a = await actors("liufang", "zhengkai", "wuting", "zhoumin", "hejun");
  ({ id } = await publish(a.liufang, { userIds: [a.zhengkai.id, a.wuting.id, a.zhoumin.id], receiptDueAt: localIn(72) }));
  due = (await noticeRow(id)).receiptDueAt!;
  await confirmNotice(a.zhengkai, id);
  await confirmNotice(a.zhoumin, id, { onBehalfOf: a.wuting.id }); // on her behalf only: still reminded
});

const before = (ms: number) => new Date(due.getTime() - ms);
const MIN = 60_000;
const DAY = 86_400_000;

describe("sweepNotices", () => {
  it("sends nothing while the deadline is far", async () => {
    await sweepNotices(before(12 * DAY));
    expect(await notified(id, "notice_reminder")).toEqual([]);
    expect(await notified(id, "notice_overdue")).toEqual([]);
  });

  it("reminds those who have not confirmed in person, once however often it runs", async () => {
    // The stats count every notice in the database; this notice's own record is its timeline.
    const first = await sweepNotices(before(MIN));
    expect(first.noticeReminders).toBeGreaterThanOrEqual(2);
    expect(await notified(id, "notice_reminder")).toEqual([a.wuting.id, a.zhoumin.id].sort((x, y) => x - y));
    expect((await events(id, "auto_reminder")).map((e) => e.data)).toEqual([{ revision: 1, count: 2 }]);
    await sweepNotices(before(MIN));
    await sweepNotices(before(30 * MIN));
    expect(await notified(id, "notice_reminder")).toEqual([a.wuting.id, a.zhoumin.id].sort((x, y) => x - y));
    expect(await events(id, "auto_reminder")).toHaveLength(1);
    expect(await notified(id, "notice_overdue")).toEqual([]);
  });

  it("reports the deadline passed once, to those still missing", async () => {
    await confirmNotice(a.zhoumin, id);
    const stats = await sweepNotices(new Date(due.getTime() + 5 * MIN));
    expect(stats.noticeOverdue).toBeGreaterThanOrEqual(1);
    expect((await events(id, "auto_overdue")).map((e) => e.data)).toEqual([{ revision: 1, count: 1 }]);
    await sweepNotices(new Date(due.getTime() + 2 * DAY));
    expect(await notified(id, "notice_overdue")).toEqual([a.wuting.id]);
    expect(await events(id, "auto_overdue")).toHaveLength(1);
  });

  it("starts afresh on a new revision, and is part of the scheduled sweep", async () => {
    const row = await noticeRow(id);
    await reviseNotice(a.liufang, { id, version: row.version, title: `${row.title}（修改）`, body: "新正文", receiptDueAt: localIn(96), addAudience: { departmentIds: [], roles: [], userIds: [] } });
    const newDue = (await noticeRow(id)).receiptDueAt!;
    await sweepNotices(new Date(newDue.getTime() + MIN));
    // Everyone must confirm revision 2 themselves: all three are told once more.
    expect((await notified(id, "notice_overdue")).length).toBe(1 + 3);
    const stats = await sweepAll();
    expect(stats).toHaveProperty("noticeReminders");
    expect(stats).toHaveProperty("noticesDue");
  });
});
