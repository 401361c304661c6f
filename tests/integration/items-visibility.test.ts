// Visibility checked both ways: for people of different roles and departments, the items getItem
// lets them open are exactly the items the ledger lists for them, and over a set of items with
// varied departments both equal the rule written out here independently (parties, creator,
// routed leader, a deputy's portfolio; the office and the principal see all). Search and the
// department inbox obey the same rule.
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { DomainError } from "@/lib/dal/errors";
import { decideItem, dispatchItem, leaderSendDirect, proposeItem, registerItem, rerouteItem } from "@/lib/dal/items/commands";
import { getItem, ledger, type LedgerFilter } from "@/lib/dal/items/queries";
import { expectDomainError } from "../support/db";
import { actors, deptId, inDays, itemRow, registerForm, type RegisterForm, wholeInbox } from "../support/items";

type People = Awaited<ReturnType<typeof loadPeople>>;
const loadPeople = () =>
  actors("liufang", "zhaolei", "wangjianguo", "liminghua", "zhangweidong", "chenjing", "zhengkai", "fengyu", "yuanhui", "linxue");
let p: People;

type Spec = { key: string; form: RegisterForm; by?: keyof People; then?: (id: number) => Promise<unknown> };
type Made = { id: number; number: string; lead: number; depts: number[]; createdById: number; routedLeaderId: number | null; state: string };
const made = new Map<string, Made>();

const propose = (id: number) => proposeItem(p.liufang, id, 1, "拟请阅示");

const SPECS: Spec[] = [
  { key: "A", form: { lead: "教务处", title: "关于开展校园绿化美化活动的通知", body: "各年级配合植树。" } },
  { key: "B", form: { lead: "教务处", support: ["学生处"], title: "新学期课程安排" }, then: propose },
  {
    key: "C",
    form: { lead: "财务处", title: "下年度预算编制", body: "请财务处汇总各部门预算。" },
    then: async (id) => {
      await propose(id);
      await decideItem(p.zhangweidong, id, 2, "approve", null);
    },
  },
  { key: "D", form: { lead: "总务处", support: ["教务处"], title: "教学楼维修" }, then: propose },
  { key: "E", form: { lead: "人事处", title: "教师招聘计划" }, then: propose },
  {
    key: "F",
    form: { lead: "信息中心", title: "机房改造" },
    then: async (id) => {
      await propose(id);
      await rerouteItem(p.liufang, id, 2, p.zhangweidong.id, "涉及后勤");
    },
  },
  {
    key: "G",
    form: { lead: "保卫处", support: ["财务处"], title: "消防设施检查", body: "消防经费由财务处保障。" },
    then: async (id) => {
      await propose(id);
      await decideItem(p.zhangweidong, id, 2, "approve", null);
    },
  },
  { key: "H", form: { lead: "学生处", major: true, title: "学生安全专项整治" }, then: propose },
  { key: "I", form: { lead: "考务科", support: ["人事处"], title: "监考人员调配" }, then: propose },
  { key: "J", by: "liminghua", form: { lead: "人事处", title: "骨干教师培训" }, then: (id) => leaderSendDirect(p.liminghua, id, 1, "请人事处落实") },
  { key: "K", form: { lead: "教科研处", title: "课题结题", body: "Budget review for the research projects." }, then: (id) => dispatchItem(p.liufang, id, 1) },
];

/** Every id the ledger lists for this person, paging by id until it runs out. */
async function listed(actor: Actor, filter: LedgerFilter = {}): Promise<number[]> {
  const out: number[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await ledger(actor, filter, { before, limit: 7 });
    out.push(...page.map((i) => i.id));
    if (page.length < 7) return out.sort((a, b) => a - b);
    before = page.at(-1)!.id;
  }
}

async function opens(actor: Actor, id: number): Promise<boolean> {
  try {
    expect((await getItem(actor, id)).id).toBe(id);
    return true;
  } catch (e) {
    if (e instanceof DomainError && e.code === "notFound") return false;
    throw e;
  }
}

async function allItemIds(): Promise<number[]> {
  return (await getSql()<{ id: number }[]>`select id from items order by id`).map((r) => r.id);
}

/** The rule, written out independently of lib/dal/items/visibility.ts. */
async function oracle(actor: Actor, item: Made): Promise<boolean> {
  if (actor.roles.some((r) => r === "office_director" || r === "office_staff" || r === "principal")) return true;
  if (item.depts.includes(actor.departmentId) || item.createdById === actor.id || item.routedLeaderId === actor.id) return true;
  if (!actor.roles.includes("deputy")) return false;
  const held = await getSql()`
    select 1 from portfolios where deputy_id = ${actor.id} and department_id = ${item.lead}
      and starts_on <= ${inDays(0)} and (ends_on is null or ends_on >= ${inDays(0)})`;
  return held.length > 0;
}

const mine = () => [...made.values()];
const ofMine = (ids: number[]) => ids.filter((id) => mine().some((m) => m.id === id)).sort((a, b) => a - b);

beforeAll(async () => {
  p = await loadPeople();
  // No delegation may be running for these people, or the written-out rule would not hold.
  const running = await getSql()`
    select 1 from delegations where revoked_at is null and starts_on <= ${inDays(0)} and ends_on >= ${inDays(0)}
      and to_user_id in ${getSql()([p.liminghua.id, p.zhangweidong.id, p.chenjing.id])}`;
  expect(running).toHaveLength(0);
  for (const spec of SPECS) {
    const { id, number } = await registerItem(p[spec.by ?? "liufang"], await registerForm(spec.form));
    await spec.then?.(id);
    const row = await itemRow(id);
    const depts = await Promise.all([spec.form.lead, ...(spec.form.support ?? [])].map(deptId));
    made.set(spec.key, { id, number, lead: depts[0], depts, createdById: row.createdById, routedLeaderId: row.routedLeaderId, state: row.state });
  }
});

const VIEWERS = ["zhengkai", "fengyu", "yuanhui", "linxue", "zhangweidong", "liminghua", "chenjing", "zhaolei", "wangjianguo"] as const;

describe("what a person can open equals what their lists show", () => {
  it.each(VIEWERS)("%s: getItem over every item = ledger({}) = the rule over the test's items", async (login) => {
    const actor = p[login];
    const all = await allItemIds();
    const opened: number[] = [];
    for (const id of all) if (await opens(actor, id)) opened.push(id);
    expect(await listed(actor)).toEqual(opened);
    const expected: number[] = [];
    for (const m of mine()) if (await oracle(actor, m)) expected.push(m.id);
    expect(ofMine(opened)).toEqual(expected.sort((a, b) => a - b));
  });

  it("the office and the principal see every item; the others see some but not all of the test's items", async () => {
    const total = (await allItemIds()).length;
    expect((await listed(p.zhaolei)).length).toBe(total);
    expect((await listed(p.wangjianguo)).length).toBe(total);
    for (const login of ["zhengkai", "fengyu", "yuanhui", "zhangweidong", "liminghua", "chenjing"] as const) {
      const seen = ofMine(await listed(p[login]));
      expect(seen.length, login).toBeGreaterThan(0);
      expect(seen.length, login).toBeLessThan(mine().length);
    }
  });

  it("spot checks of the rule", async () => {
    const ids = (...keys: string[]) => keys.map((k) => made.get(k)!.id).sort((a, b) => a - b);
    // 教务处 staff: lead of A and B, support of D.
    expect(ofMine(await listed(p.zhengkai))).toEqual(ids("A", "B", "D"));
    // 财务处 staff: lead of C, support of G.
    expect(ofMine(await listed(p.fengyu))).toEqual(ids("C", "G"));
    // 人事处: lead of E and J, support of I.
    expect(ofMine(await listed(p.yuanhui))).toEqual(ids("E", "I", "J"));
    // Deputy for 总务处/财务处/保卫处: C, D, G by portfolio, F rerouted to him.
    expect(ofMine(await listed(p.zhangweidong))).toEqual(ids("C", "D", "F", "G"));
    // Deputy for 教务处/学生处/教科研处/考务科: A, B, H, I, K by portfolio, J as its creator.
    expect(ofMine(await listed(p.liminghua))).toEqual(ids("A", "B", "H", "I", "J", "K"));
    // Deputy for 人事处/信息中心: E, F (lead in portfolio, though rerouted away), J (人事处 leads it).
    expect(ofMine(await listed(p.chenjing))).toEqual(ids("E", "F", "J"));
  });
});

describe("a department not party to an item", () => {
  it("gets notFound from getItem, and does not see it in its inbox or the ledger", async () => {
    const b = made.get("B")!;
    await expectDomainError(getItem(p.fengyu, b.id), "notFound");
    expect((await wholeInbox(p.fengyu)).map((e) => e.id)).not.toContain(b.id);
    expect(await listed(p.fengyu)).not.toContain(b.id);
    // Filtering the ledger by the lead department does not widen it either: none of this test's
    // 教务处 items, and whatever else (other tests' items) it lists, fengyu can open.
    const filtered = await listed(p.fengyu, { departmentId: await deptId("教务处") });
    expect(ofMine(filtered)).toEqual([]);
    for (const id of filtered) expect(await opens(p.fengyu, id), `fengyu opens ${id}`).toBe(true);
  });

  it("an item that does not exist is notFound alike", async () => {
    await expectDomainError(getItem(p.fengyu, 2_000_000_000), "notFound");
  });

  it("the inbox holds exactly the sent items the department is party to, all of which it can open", async () => {
    for (const login of ["zhengkai", "fengyu", "yuanhui", "linxue"] as const) {
      const actor = p[login];
      const inbox = await wholeInbox(actor);
      for (const entry of inbox) expect(await opens(actor, entry.id), `${login} opens ${entry.id}`).toBe(true);
      const expected = mine()
        .filter((m) => m.depts.includes(actor.departmentId) && ["sent", "in_progress", "completion_reported"].includes(m.state))
        .map((m) => m.id)
        .sort((a, b) => a - b);
      expect(ofMine(inbox.map((e) => e.id)), login).toEqual(expected);
    }
    const fengyu = await wholeInbox(p.fengyu);
    expect(fengyu.find((e) => e.id === made.get("C")!.id)).toMatchObject({ role: "lead" });
    expect(fengyu.find((e) => e.id === made.get("G")!.id)).toMatchObject({ role: "support" });
  });
});

describe("search obeys the same rule", () => {
  const found = async (actor: Actor, q: string) => ofMine(await listed(actor, { q }));

  it("finds two-character Chinese terms in the title and the body", async () => {
    const a = made.get("A")!.id;
    const c = made.get("C")!.id;
    const g = made.get("G")!.id;
    expect(await found(p.zhaolei, "绿化")).toEqual([a]);
    expect(await found(p.zhaolei, "植树")).toEqual([a]); // body only
    expect(await found(p.zhaolei, "预算")).toEqual([c]);
    expect(await found(p.zhaolei, "消防")).toEqual([g]);
    // The characters must be adjacent: 绿 and 美 both occur in A, but not as "绿美".
    expect(await found(p.zhaolei, "绿美")).toEqual([]);
    expect(await found(p.zhaolei, "budget")).toEqual([made.get("K")!.id]);
  });

  it("finds an item by its number, in the canonical and typed forms", async () => {
    const a = made.get("A")!;
    expect(a.number).toMatch(/^督〔\d{4}〕\d+号$/);
    expect(await listed(p.zhaolei, { q: a.number })).toEqual([a.id]);
    const seq = a.number.match(/〕(\d+)号/)![1];
    const year = a.number.match(/〔(\d{4})〕/)![1];
    expect(await listed(p.zhaolei, { q: `督[${year}]${seq}号` })).toEqual([a.id]);
    expect(await listed(p.zhaolei, { q: `督（${year}）${seq}` })).toEqual([a.id]);
  });

  it("finds for each person only what they may open", async () => {
    const a = made.get("A")!;
    const c = made.get("C")!;
    // 教务处 sees A; 财务处 does not, by term or by number.
    expect(await found(p.zhengkai, "绿化")).toEqual([a.id]);
    expect(await found(p.fengyu, "绿化")).toEqual([]);
    expect(await listed(p.zhengkai, { q: a.number })).toEqual([a.id]);
    expect(await listed(p.fengyu, { q: a.number })).toEqual([]);
    expect(await found(p.fengyu, "预算")).toEqual([c.id]);
    expect(await found(p.zhengkai, "预算")).toEqual([]);
    const byId = new Map(mine().map((m) => [m.id, m]));
    for (const q of ["绿化", "预算", "消防", "招聘", "维修", a.number, c.number]) {
      // The office sees every item, so its hits are all the matches.
      const matching = await found(p.zhaolei, q);
      expect(matching.length, q).toBe(1);
      for (const login of VIEWERS) {
        const hits = await listed(p[login], { q });
        for (const id of hits) expect(await opens(p[login], id), `${login} searching ${q} opens ${id}`).toBe(true);
        const expected: number[] = [];
        for (const id of matching) if (await oracle(p[login], byId.get(id)!)) expected.push(id);
        expect(ofMine(hits), `${login} searching ${q}`).toEqual(expected);
      }
    }
  });
});
