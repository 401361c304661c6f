// The escalation ladder on the working-day calendar, routing on escalation, and races: the
// clock is moved by passing the day to the sweep (and by setting a matter's last progress).
import { officeIds } from "../support/requests";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { exceptionsBetween } from "@/lib/dal/calendar";
import { acceptMatter, declineMatter, escalateMatter, logConsultation, recordAgreement, statePosition } from "@/lib/dal/coordination/commands";
import { sweepCoordination } from "@/lib/dal/coordination/ladder-sweep";
import { getMatter, listMatters } from "@/lib/dal/coordination/queries";
import { sweepAll } from "@/lib/dal/items/sweep";
import { addDays, addWorkingDays } from "@/lib/domain/calendar";
import { today } from "@/lib/clock";
import { actors, inDays } from "../support/items";
import { lastNotificationId, matterEvents, matterRow, notificationsSince, pointsForm, raise, recipients } from "../support/coordination";

let p: Record<"zhoumin" | "wuting" | "huangwei" | "linxue" | "hanmei" | "liufang" | "zhaolei" | "sunli" | "liminghua" | "zhangweidong" | "wangjianguo", Actor>;
const ids = (...as: (Actor | number)[]) => [...new Set(as.map((a) => (typeof a === "number" ? a : a.id)))].sort((x, y) => x - y);

// The scenario runs next year (the seeded portfolios hold from January of this year on, open-ended),
// on a calendar written here: a week-long holiday from the Thursday after the first Wednesday in
// October, and the Saturday after it worked — the shape of 国庆 and its make-up day.
const Y = Number(today().slice(0, 4)) + 1;
const dow = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
const first = (from: string, weekday: number) => {
  let d = from;
  while (dow(d) !== weekday) d = addDays(d, 1);
  return d;
};
/** A Wednesday; W(n) is n calendar days after it. */
const WED = first(`${Y}-10-01`, 3);
const W = (n: number) => addDays(WED, n);
/** A plain Monday in November, and M(n) days after it. */
const MON = first(`${Y}-11-01`, 1);
const M = (n: number) => addDays(MON, n);
const HOLIDAYS = [1, 2, 3, 4, 5, 6, 7].map(W);
const MAKE_UP = W(10); // the Saturday after

beforeAll(async () => {
  p = await actors("zhoumin", "wuting", "huangwei", "linxue", "hanmei", "liufang", "zhaolei", "sunli", "liminghua", "zhangweidong", "wangjianguo");
  type Day = { day: string; kind: string; name: string };
  const days: [Day, ...Day[]] = [{ day: MAKE_UP, kind: "workday", name: "测试调休" }, ...HOLIDAYS.map((day) => ({ day, kind: "holiday", name: "测试假期" }))];
  await getSql()`insert into calendar_days ${getSql()(days)} on conflict (day) do nothing`;
});

afterAll(async () => {
  await getSql()`delete from calendar_days where day in ${getSql()([MAKE_UP, ...HOLIDAYS] as [string, ...string[]])}`;
});

/** Moves a matter's ladder clock (and optionally its rung) as if time had passed. */
async function setClock(id: number, lastProgressOn: string, rung?: string) {
  await getSql()`update coordination_matters set last_progress_on = ${lastProgressOn}, rung = coalesce(${rung ?? null}::ladder_rung, rung) where id = ${id}`;
}

async function climbs(id: number) {
  return (await matterEvents(id)).filter((e) => e.action === "climb");
}

describe("the ladder on the working-day calendar", () => {
  // From the Wednesday: a week off, then Thu W(8) (1), Fri W(9) (2), the make-up Saturday W(10) (3).
  it("climbs one rung per 3 working days across a holiday and a make-up Saturday, once a day, up to the principal", async () => {
    const id = await raise(p.zhoumin, { parties: { 学生处: "请协助" } });
    await setClock(id, WED);
    const v0 = (await matterRow(id)).version;

    await sweepCoordination(W(7));
    await sweepCoordination(W(9));
    expect(await climbs(id)).toHaveLength(0);

    let since = await lastNotificationId();
    const stats = await sweepCoordination(W(10));
    expect(stats.coordinationClimbed).toBeGreaterThanOrEqual(1);
    let row = await matterRow(id);
    expect(row).toMatchObject({ rung: "meeting", state: "raised", lastProgressOn: W(10), version: v0 + 1, routedLeaderId: null });
    let events = await climbs(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: null, onBehalfOfId: null, data: { from: "office", to: "meeting", workingDays: 3 } });
    // The office and the parties' heads (the raiser's included) are told.
    expect(await recipients(since, id, "coordination_climbed")).toEqual(ids(...(await officeIds()), p.zhoumin, p.huangwei));

    // A second sweep the same day, and two at once, climb nothing more.
    since = await lastNotificationId();
    await Promise.all([sweepCoordination(W(10)), sweepCoordination(W(10))]);
    expect(await climbs(id)).toHaveLength(1);
    expect((await notificationsSince(since)).filter((n) => n.coordinationId === id)).toHaveLength(0);

    // From that Saturday: Mon W(12) (1), Tue W(13) (2), Wed W(14) (3) → the deputy over both departments.
    await sweepCoordination(W(13));
    expect((await matterRow(id)).rung).toBe("meeting");
    since = await lastNotificationId();
    await sweepCoordination(W(14));
    row = await matterRow(id);
    expect(row).toMatchObject({ rung: "deputy", state: "escalated", routedLeaderId: p.liminghua.id, routeReason: "deputy_portfolio", lastProgressOn: W(14) });
    expect(await recipients(since, id, "coordination_escalated")).toEqual([p.liminghua.id]);
    expect(await recipients(since, id, "coordination_climbed")).toEqual(ids(...(await officeIds()), p.zhoumin, p.huangwei, p.liminghua));
    expect((await getMatter(p.liminghua, id)).actions).toEqual(["decide"]);

    // Thu W(15) (1), Fri W(16) (2), the weekend not counted, Mon W(19) (3) → the principal.
    await sweepCoordination(W(18));
    expect((await matterRow(id)).rung).toBe("deputy");
    since = await lastNotificationId();
    await sweepCoordination(W(19));
    row = await matterRow(id);
    expect(row).toMatchObject({ rung: "principal", state: "escalated", routedLeaderId: p.wangjianguo.id, routeReason: "referred" });
    expect(await recipients(since, id, "coordination_escalated")).toEqual([p.wangjianguo.id]);
    events = await climbs(id);
    expect(events.map((e) => [e.data.from, e.data.to])).toEqual([
      ["office", "meeting"],
      ["meeting", "deputy"],
      ["deputy", "principal"],
    ]);

    // The top: nothing climbs any more, however long it stalls.
    await sweepCoordination(`${Y}-12-31`);
    expect(await climbs(id)).toHaveLength(3);
    expect((await matterRow(id)).version).toBe(v0 + 3);
  });

  it("sends a matter whose parties fall under different deputies to the principal at the deputy rung, telling the deputies concerned", async () => {
    const id = await raise(p.zhoumin, { parties: { 财务处: "请核拨经费" } });
    await acceptMatter(p.liufang, id, 1);
    await setClock(id, MON, "meeting");
    const since = await lastNotificationId();
    await sweepCoordination(M(3));
    expect(await matterRow(id)).toMatchObject({ rung: "deputy", state: "escalated", routedLeaderId: p.wangjianguo.id, routeReason: "multiple_deputies" });
    expect(await recipients(since, id, "coordination_climbed")).toEqual(ids(...(await officeIds()), p.zhoumin, p.hanmei, p.liminghua, p.zhangweidong, p.wangjianguo));
    expect(await recipients(since, id, "coordination_escalated")).toEqual([p.wangjianguo.id]);
    // At the principal rung it is already the principal's: climbed, but not escalated again.
    const again = await lastNotificationId();
    await sweepCoordination(M(8));
    expect(await matterRow(id)).toMatchObject({ rung: "principal", routedLeaderId: p.wangjianguo.id });
    expect(await recipients(again, id, "coordination_escalated")).toEqual([]);
  });

  it("restarts the clock on any person's progress", async () => {
    const on = today();
    const exceptions = await exceptionsBetween(getDb(), addDays(on, -30), addDays(on, 60));
    const id = await raise(p.zhoumin, { parties: { 学生处: "请协助" } });
    // Stalled long enough to climb today…
    await setClock(id, addDays(on, -20));
    // …but the office accepts it: progress, so the clock starts again from today.
    await acceptMatter(p.zhaolei, id, 1);
    expect((await matterRow(id)).lastProgressOn).toBe(on);
    await sweepCoordination(on);
    await sweepCoordination(addWorkingDays(on, 2, exceptions));
    expect(await climbs(id)).toHaveLength(0);
    // A position is progress too.
    await statePosition(p.linxue, id, 2, "同意");
    await sweepCoordination(addWorkingDays(on, 2, exceptions));
    expect(await climbs(id)).toHaveLength(0);
    await sweepCoordination(addWorkingDays(on, 3, exceptions));
    expect(await climbs(id)).toHaveLength(1);
    expect((await matterRow(id)).rung).toBe("meeting");

    // The office sees when it will climb next.
    const listed = (await listMatters(p.liufang, { scope: "open" })).find((m) => m.id === id)!;
    const row = await matterRow(id);
    expect(listed.climbDueOn).toBe(addWorkingDays(row.lastProgressOn, 3, exceptions));
  });

  it("honours ZHONGSHU_LADDER_DAYS and leaves ended matters alone", async () => {
    const open = await raise(p.zhoumin, { parties: { 学生处: "请协助" } });
    const declined = await raise(p.zhoumin, { parties: { 学生处: "请协助" } });
    await declineMatter(p.liufang, declined, 1, "无需协调");
    await setClock(open, MON);
    await setClock(declined, MON);
    const previous = process.env.ZHONGSHU_LADDER_DAYS;
    process.env.ZHONGSHU_LADDER_DAYS = "1";
    try {
      await sweepCoordination(M(1));
    } finally {
      if (previous === undefined) delete process.env.ZHONGSHU_LADDER_DAYS;
      else process.env.ZHONGSHU_LADDER_DAYS = previous;
    }
    expect((await matterRow(open)).rung).toBe("meeting");
    expect(await matterRow(declined)).toMatchObject({ rung: "office", state: "declined" });
  });

  it("runs in the scheduled sweep, whose stats count the matters and climbs", async () => {
    const id = await raise(p.zhoumin, { parties: { 学生处: "请协助" } });
    await setClock(id, addDays(today(), -20));
    const stats = await sweepAll(today());
    expect(stats).toMatchObject({ items: expect.any(Number), coordinationMatters: expect.any(Number), coordinationClimbed: expect.any(Number) });
    expect(stats.coordinationClimbed).toBeGreaterThanOrEqual(1);
    expect((await matterRow(id)).rung).toBe("meeting");
  });
});

describe("racing office members", () => {
  async function inConsultation() {
    const id = await raise(p.zhoumin, { parties: { 学生处: "请协助" } });
    await acceptMatter(p.liufang, id, 1);
    await logConsultation(p.liufang, id, 2, "已沟通");
    return id;
  }

  it("lets exactly one of two escalations win, with one event and one notice", async () => {
    const id = await inConsultation();
    const since = await lastNotificationId();
    const results = await Promise.allSettled([
      escalateMatter(p.liufang, id, 3, { summary: "甲", proposal: "甲" }),
      escalateMatter(p.zhaolei, id, 3, { summary: "乙", proposal: "乙" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: "conflict" });
    expect((await matterEvents(id)).filter((e) => e.action === "escalate")).toHaveLength(1);
    expect(await matterRow(id)).toMatchObject({ version: 4, state: "escalated" });
    expect(await recipients(since, id, "coordination_escalated")).toEqual([p.liminghua.id]);
  });

  it("lets exactly one of an agreement and an escalation win, and makes the agreed items once or not at all", async () => {
    for (let round = 0; round < 3; round++) {
      const id = await inConsultation();
      const points = await pointsForm([
        { dept: "学生处", text: "甲事项", dueOn: inDays(5) },
        { dept: "教务处", text: "乙事项", dueOn: inDays(5) },
      ]);
      const results = await Promise.allSettled([
        recordAgreement(p.liufang, id, 3, points),
        recordAgreement(p.sunli, id, 3, points),
        escalateMatter(p.zhaolei, id, 3, { summary: "丙", proposal: "丙" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "conflict" });
      const row = await matterRow(id);
      const [{ n }] = await getSql()<{ n: number }[]>`select count(*)::int as n from items where coordination_id = ${id}`;
      expect(n).toBe(row.state === "agreed" ? 2 : 0);
      expect((await matterEvents(id)).filter((e) => e.action === "record_agreement" || e.action === "escalate")).toHaveLength(1);
      expect(row.version).toBe(4);
    }
  });
});
