// The ledger's filters and paging over items placed just so (due dates and creation times are
// set directly where the data layer would refuse them, e.g. a due date in the past). Dates are
// calendar days in the organisation's time zone, not the database server's.
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { cancelItem, decideItem, proposeItem, registerItem } from "@/lib/dal/items/commands";
import { ledger, type LedgerFilter } from "@/lib/dal/items/queries";
import { unique } from "../support/db";
import { actors, deptId, inDays, registerForm, type RegisterForm } from "../support/items";

type People = Awaited<ReturnType<typeof loadPeople>>;
const loadPeople = () => actors("liufang", "zhaolei", "liminghua", "zhangweidong", "fengyu");
let p: People;

// A word only this file's items carry, to keep other files' items out of the comparisons.
const tag = `ledger${unique("t").replace(/[^a-z0-9]/g, "")}`;
const items: Record<string, number> = {};

async function make(key: string, form: RegisterForm) {
  items[key] = (await registerItem(p.liufang, await registerForm({ ...form, body: `${tag} ${form.body ?? ""}` }))).id;
  return items[key];
}

async function found(actor: Actor, filter: LedgerFilter, limit = 50): Promise<string[]> {
  const ids: number[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await ledger(actor, { ...filter, q: tag }, { before, limit });
    ids.push(...page.map((i) => i.id));
    if (page.length < limit) break;
    before = page.at(-1)!.id;
  }
  const keys = Object.entries(items);
  return ids.map((id) => keys.find(([, v]) => v === id)?.[0] ?? `?${id}`);
}

const sorted = (keys: string[]) => [...keys].sort();

beforeAll(async () => {
  p = await loadPeople();
  await make("soon", { lead: "教务处", dueOn: inDays(3), urgency: "extra_urgent" });
  await make("later", { lead: "财务处", dueOn: inDays(40) });
  const late = await make("late", { lead: "教务处", dueOn: inDays(10), urgency: "urgent" });
  await getSql()`update items set due_on = ${inDays(-3)} where id = ${late}`;
  const gone = await make("cancelledLate", { lead: "教务处", dueOn: inDays(10) });
  await cancelItem(p.liufang, gone, 1, "撤销");
  await getSql()`update items set due_on = ${inDays(-3)} where id = ${gone}`;
  const sent = await make("sent", { lead: "总务处", dueOn: inDays(20) });
  await proposeItem(p.liufang, sent, 1, "拟请阅示");
  await decideItem(p.zhangweidong, sent, 2, "approve", null);
  // Created early in the morning and late at night, organisation time.
  const early = await make("earlyToday", { lead: "教务处" });
  await getSql()`update items set created_at = ${`${inDays(0)}T00:30:00+08:00`}::timestamptz where id = ${early}`;
  const lateYesterday = await make("lateYesterday", { lead: "教务处" });
  await getSql()`update items set created_at = ${`${inDays(-1)}T23:30:00+08:00`}::timestamptz where id = ${lateYesterday}`;
});

describe("ledger filters", () => {
  it("lists every item newest first, and pages by id without repeats or gaps", async () => {
    const all = await found(p.zhaolei, {});
    expect(sorted(all)).toEqual(sorted(Object.keys(items)));
    expect(all.map((k) => items[k])).toEqual([...all.map((k) => items[k])].sort((a, b) => b - a));
    expect(await found(p.zhaolei, {}, 2)).toEqual(all);
  });

  it("by state, urgency, department and routed leader", async () => {
    expect(await found(p.zhaolei, { state: "sent" })).toEqual(["sent"]);
    expect(await found(p.zhaolei, { state: "cancelled" })).toEqual(["cancelledLate"]);
    expect(await found(p.zhaolei, { urgency: "extra_urgent" })).toEqual(["soon"]);
    expect(await found(p.zhaolei, { departmentId: await deptId("财务处") })).toEqual(["later"]);
    expect(await found(p.zhaolei, { leaderId: p.zhangweidong.id })).toEqual(["sent"]);
  });

  it("overdue: past the due date and still open", async () => {
    expect(await found(p.zhaolei, { overdue: true })).toEqual(["late"]);
    const [row] = await ledger(p.zhaolei, { q: tag, overdue: true });
    expect(row).toMatchObject({ overdue: true, dueOn: inDays(-3) });
  });

  it("due within N days, today included, overdue not", async () => {
    expect(await found(p.zhaolei, { dueWithinDays: 5 })).toEqual(["soon"]);
    expect(await found(p.zhaolei, { dueWithinDays: 2 })).toEqual([]);
  });

  it("a date range of creation days in the organisation's time zone", async () => {
    const today = sorted(await found(p.zhaolei, { from: inDays(0), to: inDays(0) }));
    expect(today).toContain("earlyToday");
    expect(today).not.toContain("lateYesterday");
    expect(await found(p.zhaolei, { from: inDays(-1), to: inDays(-1) })).toEqual(["lateYesterday"]);
  });

  it("filters never widen what a person may see", async () => {
    expect(await found(p.fengyu, {})).toEqual(["later"]);
    expect(await found(p.fengyu, { departmentId: await deptId("教务处") })).toEqual([]);
    expect(await found(p.fengyu, { overdue: true })).toEqual([]);
  });
  it("a search sorted by due date pages by (due date, id) without repeats or gaps", async () => {
    const all = await ledger(p.zhaolei, { q: tag, sort: "due" }, { limit: 500 });
    const dues = all.map((i) => `${i.dueOn}:${String(i.id).padStart(10, "0")}`);
    expect(dues).toEqual([...dues].sort());
    const paged: number[] = [];
    let after: { dueOn: string; id: number } | undefined;
    for (;;) {
      const page = await ledger(p.zhaolei, { q: tag, sort: "due" }, { after, limit: 2 });
      paged.push(...page.map((i) => i.id));
      if (page.length < 2) break;
      after = { dueOn: page.at(-1)!.dueOn, id: page.at(-1)!.id };
    }
    expect(paged).toEqual(all.map((i) => i.id));
  });
});
