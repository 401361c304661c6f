// The one decision queue: a leader sees every kind of record awaiting them — items, requests,
// countersigns, escalated coordination — most urgent first, then longest waiting; nothing routed
// to someone else; and a delegate sees what falls within the delegation's scope, marked as such.
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import { createDelegation, revokeDelegation } from "@/lib/dal/delegations";
import { proposeItem, registerItem } from "@/lib/dal/items/commands";
import { acceptMatter, escalateMatter, logConsultation } from "@/lib/dal/coordination/commands";
import { countersignRequest, decideRequest, requestCountersign } from "@/lib/dal/requests/commands";
import { decisionQueue, type QueueEntry } from "@/lib/dal/queue";
import { raise } from "../support/coordination";
import { actors, inDays, registerForm } from "../support/items";
import { proposedRequest } from "../support/requests";

const load = () => actors("admin", "liufang", "zhaolei", "wangjianguo", "liminghua", "zhangweidong", "chenjing", "zhoumin", "wuting", "huangwei", "hanmei");
let p: Awaited<ReturnType<typeof load>>;
beforeAll(async () => {
  p = await load();
});

const key = (e: Pick<QueueEntry, "kind" | "id">) => `${e.kind}:${e.id}`;

async function proposedItem(lead: string, urgency: "extra_urgent" | "urgent" | "normal" = "normal") {
  const { id } = await registerItem(p.liufang, await registerForm({ lead, urgency }));
  await proposeItem(p.liufang, id, 1, "拟请审定。");
  return id;
}

/** A matter between two departments, accepted, consulted and escalated by the office. */
async function escalated(parties: Record<string, string>, raiser = p.zhoumin) {
  const id = await raise(raiser, { parties });
  await acceptMatter(p.liufang, id, 1);
  await logConsultation(p.liufang, id, 2, "分别沟通，未能一致");
  await escalateMatter(p.liufang, id, 3, { summary: "双方意见分歧", proposal: "建议由领导决定" });
  return id;
}

describe("the decision queue", () => {
  it("holds items, requests and escalated coordination routed to the leader, most urgent first, then oldest", async () => {
    const normalItem = await proposedItem("教务处");
    const request = await proposedRequest(p.wuting, p.zhoumin, p.liufang);
    const matter = await escalated({ 学生处: "请学生处配合安排场地" });
    const urgentItem = await proposedItem("教务处", "extra_urgent");

    const queue = await decisionQueue(p.liminghua);
    const keys = queue.map(key);
    for (const k of [`item:${normalItem}`, `request:${request}`, `coordination:${matter}`, `item:${urgentItem}`]) expect(keys).toContain(k);
    // The extra-urgent item comes before every normal entry, however new it is.
    expect(keys.indexOf(`item:${urgentItem}`)).toBeLessThan(keys.indexOf(`item:${normalItem}`));
    // Among equals, the longest waiting first.
    expect(keys.indexOf(`item:${normalItem}`)).toBeLessThan(keys.indexOf(`request:${request}`));
    expect(keys.indexOf(`request:${request}`)).toBeLessThan(keys.indexOf(`coordination:${matter}`));

    const entry = queue.find((e) => key(e) === `request:${request}`)!;
    expect(entry).toMatchObject({ routeReason: "deputy_portfolio", proposal: "拟请领导审定。", departmentName: "教务处", onBehalfOfName: null, pendingCountersigns: 0 });
    expect(entry.number).toMatch(/^请〔\d{4}〕\d+号$/);
    expect(queue.find((e) => key(e) === `coordination:${matter}`)).toMatchObject({ routeReason: "deputy_portfolio", proposal: "建议由领导决定", departmentName: "教务处" });

    // Nothing of it is in another leader's queue.
    const other = (await decisionQueue(p.zhangweidong)).map(key);
    for (const k of [`item:${normalItem}`, `request:${request}`, `coordination:${matter}`, `item:${urgentItem}`]) expect(other).not.toContain(k);
  });

  it("shows a countersign to the leader asked, and the request waiting on it to the deciding leader", async () => {
    const request = await proposedRequest(p.wuting, p.zhoumin, p.liufang);
    await requestCountersign(p.liminghua, request, 3, [p.zhangweidong.id], "请会签经费安排");

    const asked = (await decisionQueue(p.zhangweidong)).find((e) => key(e) === `countersign:${request}`);
    expect(asked).toMatchObject({ leaderName: p.zhangweidong.name, departmentName: "教务处" });
    const deciding = (await decisionQueue(p.liminghua)).find((e) => key(e) === `request:${request}`);
    expect(deciding?.pendingCountersigns).toBe(1);

    await countersignRequest(p.zhangweidong, request, 4, "同意，经费从专项列支。");
    expect((await decisionQueue(p.zhangweidong)).map(key)).not.toContain(`countersign:${request}`);
    expect((await decisionQueue(p.liminghua)).find((e) => key(e) === `request:${request}`)?.pendingCountersigns).toBe(0);

    // Decided: it leaves the queue.
    await decideRequest(p.liminghua, request, 5, "approve", null);
    expect((await decisionQueue(p.liminghua)).map(key)).not.toContain(`request:${request}`);
  });

  it("sends matters between departments under different deputies to the principal's queue", async () => {
    const matter = await escalated({ 财务处: "请财务处落实经费" });
    expect((await decisionQueue(p.wangjianguo)).find((e) => key(e) === `coordination:${matter}`)).toMatchObject({ routeReason: "multiple_deputies" });
    expect((await decisionQueue(p.liminghua)).map(key)).not.toContain(`coordination:${matter}`);
    expect((await decisionQueue(p.zhangweidong)).map(key)).not.toContain(`coordination:${matter}`);
  });

  it("gives a delegate what the delegation covers, marked with the leader it is for", async () => {
    const [students] = await getSql()<{ id: number }[]>`select id from departments where name = '学生处'`;
    const inScope = await proposedItem("学生处");
    const outOfScope = await proposedItem("教务处");
    const before = (await decisionQueue(p.chenjing)).map(key);
    expect(before).not.toContain(`item:${inScope}`);

    const delegation = await createDelegation(p.admin, {
      fromUserId: p.liminghua.id,
      toUserId: p.chenjing.id,
      startsOn: inDays(0),
      endsOn: inDays(7),
      departmentIds: [students.id],
      note: "代管学生工作",
    });
    try {
      const queue = await decisionQueue(p.chenjing);
      expect(queue.find((e) => key(e) === `item:${inScope}`)).toMatchObject({ onBehalfOfName: p.liminghua.name });
      expect(queue.map(key)).not.toContain(`item:${outOfScope}`);
    } finally {
      await revokeDelegation(p.admin, delegation, 1);
    }
    expect((await decisionQueue(p.chenjing)).map(key)).not.toContain(`item:${inScope}`);
  });

  it("counts the wait from when a record reached the leader, not from when it was registered", async () => {
    const { id } = await registerItem(p.liufang, await registerForm({ lead: "教务处" }));
    await getSql()`update items set created_at = created_at - interval '10 days' where id = ${id}`;
    const before = Date.now();
    await proposeItem(p.liufang, id, 1, "拟请审定。");
    const entry = (await decisionQueue(p.liminghua)).find((e) => key(e) === `item:${id}`)!;
    expect(entry.waitingSince.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("is refused to someone signed out, and empty for a department member", async () => {
    await expect(decisionQueue(null)).rejects.toMatchObject({ code: "signedOut" });
    expect(await decisionQueue(p.hanmei)).toEqual([]);
  });
});
