// Coordination matters (协调) through the data layer: every action with its timeline event
// (version + 1, one event, actor, on whose behalf), who is told, and what the two endings make —
// agreed points and a leader's decision become supervised items linked to the matter.
import { officeIds } from "../support/requests";
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import {
  acceptMatter,
  closeMatter,
  decideMatter,
  declineMatter,
  escalateMatter,
  logConsultation,
  proposeMeeting,
  raiseMatter,
  recordAgreement,
  statePosition,
} from "@/lib/dal/coordination/commands";
import { getMatter, listMatters } from "@/lib/dal/coordination/queries";
import { createDelegation, revokeDelegation } from "@/lib/dal/delegations";
import { getItem } from "@/lib/dal/items/queries";
import { expectDomainError } from "../support/db";
import { actors, deptId, inDays, wholeInbox } from "../support/items";
import {
  expectMatterStep,
  lastMatterEventId,
  lastNotificationId,
  matterEvents,
  matterRow,
  pointsForm,
  raise,
  raiseForm,
  recipients,
} from "../support/coordination";

let p: Record<
  | "zhoumin"
  | "wuting"
  | "zhengkai"
  | "huangwei"
  | "linxue"
  | "hejun"
  | "hanmei"
  | "tangjing"
  | "liufang"
  | "zhaolei"
  | "sunli"
  | "liminghua"
  | "zhangweidong"
  | "chenjing"
  | "wangjianguo"
  | "admin",
  Actor
>;

const ids = (...as: (Actor | number)[]) => [...new Set(as.map((a) => (typeof a === "number" ? a : a.id)))].sort((x, y) => x - y);

beforeAll(async () => {
  p = await actors(
    "zhoumin",
    "wuting",
    "zhengkai",
    "huangwei",
    "linxue",
    "hejun",
    "hanmei",
    "tangjing",
    "liufang",
    "zhaolei",
    "sunli",
    "liminghua",
    "zhangweidong",
    "chenjing",
    "wangjianguo",
    "admin",
  );
});

/** A matter raised by 教务处 naming 学生处 (both under the same deputy), accepted by the office. */
async function accepted(parties: Record<string, string> = { 学生处: "请学生处协助组织学生" }) {
  const id = await raise(p.zhoumin, { parties });
  await acceptMatter(p.zhaolei, id, 1);
  return id;
}

describe("raising a matter", () => {
  it("numbers it 协〔year〕N号, stores the raiser as a party, and tells the office and the named departments", async () => {
    const since = await lastNotificationId();
    const eventsBefore = await lastMatterEventId();
    const input = await raiseForm({ title: "期末考试监考人员协调", parties: { 学生处: "请安排学生干部协助考场秩序", 财务处: "请核拨监考补贴" } });
    const { id, number } = await raiseMatter(p.zhoumin, input);
    const row = await matterRow(id);
    expect(number).toBe(`协〔${row.year}〕${row.seq}号`);
    expect(row).toMatchObject({ state: "raised", rung: "office", version: 1, routedLeaderId: null, raisingDepartmentId: await deptId("教务处") });

    const parties = await getSql()<{ departmentId: number; raiser: boolean; need: string }[]>`
      select department_id as "departmentId", raiser, need from coordination_parties where matter_id = ${id} order by raiser desc, department_id`;
    expect(parties).toEqual(
      expect.arrayContaining([
        { departmentId: await deptId("教务处"), raiser: true, need: "" },
        { departmentId: await deptId("学生处"), raiser: false, need: "请安排学生干部协助考场秩序" },
        { departmentId: await deptId("财务处"), raiser: false, need: "请核拨监考补贴" },
      ]),
    );
    expect(parties).toHaveLength(3);

    const events = await matterEvents(id, eventsBefore);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "raise", actorId: p.zhoumin.id, onBehalfOfId: null, data: { number, to: "raised" } });

    // The office and the named departments' heads and liaisons — not the raiser, not staff.
    expect(await recipients(since, id, "coordination_raised")).toEqual(ids(...(await officeIds()), p.huangwei, p.linxue, p.hanmei, p.tangjing));

    // Numbers are gapless per year: the next one is N+1.
    const next = await raise(p.zhoumin, { parties: { 学生处: "另一事项" } });
    expect((await matterRow(next)).seq).toBe(row.seq + 1);
  });

  it("ignores the raiser's own department among several, and keeps one row per department", async () => {
    const own = await deptId("教务处");
    const input = await raiseForm({ parties: { 学生处: "请协助" } });
    const id = (await raiseMatter(p.zhoumin, { ...input, parties: [{ departmentId: own, need: "" }, ...input.parties, ...input.parties] })).id;
    const [{ n }] = await getSql()<{ n: number }[]>`select count(*)::int as n from coordination_parties where matter_id = ${id}`;
    expect(n).toBe(2);
  });
});

describe("the office, the parties and agreement", () => {
  it("accepts, takes positions (restated), consults, proposes a meeting, records the agreement as items, and closes", async () => {
    const id = await raise(p.zhoumin, { parties: { 学生处: "请学生处负责学生宿舍调整" } });
    let since = await lastNotificationId();
    await expectMatterStep(id, (v) => acceptMatter(p.zhaolei, id, v), { action: "accept", actor: p.zhaolei, state: "accepted" });
    expect(await recipients(since, id, "coordination_accepted")).toEqual(ids(p.zhoumin, p.wuting, p.huangwei, p.linxue));

    // A named department's liaison states its position; its head restates it: both on the record, the latest kept.
    since = await lastNotificationId();
    const first = await expectMatterStep(id, (v) => statePosition(p.linxue, id, v, "宿舍调整需后勤配合，建议分两批"), {
      action: "state_position",
      actor: p.linxue,
      state: "accepted",
    });
    expect(first.event.data).toMatchObject({ departmentId: await deptId("学生处"), position: "宿舍调整需后勤配合，建议分两批" });
    expect(await recipients(since, id, "coordination_position")).toEqual(ids(...(await officeIds()), p.zhoumin, p.wuting));
    await expectMatterStep(id, (v) => statePosition(p.huangwei, id, v, "同意分两批，第一批下周完成"), { action: "state_position", actor: p.huangwei, state: "accepted" });
    // The raising department states its own position too.
    await expectMatterStep(id, (v) => statePosition(p.zhoumin, id, v, "教务处负责调整课表"), { action: "state_position", actor: p.zhoumin, state: "accepted" });

    let detail = await getMatter(p.liufang, id);
    const students = detail.parties.find((d) => d.name === "学生处")!;
    expect(students).toMatchObject({ raiser: false, need: "请学生处负责学生宿舍调整", position: "同意分两批，第一批下周完成", positionByName: p.huangwei.name });
    expect(detail.parties[0]).toMatchObject({ name: "教务处", raiser: true, position: "教务处负责调整课表" });
    expect(detail.events.filter((e) => e.action === "state_position")).toHaveLength(3);
    expect(detail.actions).toEqual(["log_consultation", "propose_meeting", "escalate"]);

    await expectMatterStep(id, (v) => logConsultation(p.liufang, id, v, "分别电话沟通两处"), { action: "log_consultation", actor: p.liufang, state: "in_consultation" });
    await expectMatterStep(id, (v) => logConsultation(p.sunli, id, v, "再次沟通，意见趋于一致"), { action: "log_consultation", actor: p.sunli, state: "in_consultation" });
    since = await lastNotificationId();
    const meeting = await expectMatterStep(id, (v) => proposeMeeting(p.liufang, id, v, "周三下午3点，行政楼第二会议室"), {
      action: "propose_meeting",
      actor: p.liufang,
      state: "in_consultation",
    });
    expect(meeting.event.data).toMatchObject({ note: "周三下午3点，行政楼第二会议室" });
    expect(await recipients(since, id, "coordination_meeting")).toEqual(ids(p.zhoumin, p.wuting, p.huangwei, p.linxue));

    detail = await getMatter(p.liufang, id);
    expect(detail.actions).toEqual(["log_consultation", "propose_meeting", "record_agreement", "escalate"]);

    since = await lastNotificationId();
    const points = await pointsForm([
      { dept: "学生处", text: "完成第一批学生宿舍调整", dueOn: inDays(7) },
      { dept: "教务处", text: "同步调整相关班级课表", dueOn: inDays(10) },
    ]);
    const agreed = await expectMatterStep(id, (v) => recordAgreement(p.liufang, id, v, points), { action: "record_agreement", actor: p.liufang, state: "agreed" });
    const made = agreed.event.data.points as { itemId: number; number: string; departmentId: number }[];
    expect(made).toHaveLength(2);

    const linked = await getSql()<{ id: number; state: string; leadDepartmentId: number; dueOn: string; assignerId: number | null; instruction: string | null; coordinationId: number }[]>`
      select id, state, lead_department_id as "leadDepartmentId", due_on::text as "dueOn", assigner_id as "assignerId", instruction, coordination_id as "coordinationId"
      from items where coordination_id = ${id} order by id`;
    expect(linked).toEqual([
      { id: made[0].itemId, state: "sent", leadDepartmentId: await deptId("学生处"), dueOn: inDays(7), assignerId: null, instruction: null, coordinationId: id },
      { id: made[1].itemId, state: "sent", leadDepartmentId: await deptId("教务处"), dueOn: inDays(10), assignerId: null, instruction: null, coordinationId: id },
    ]);
    // Each department sees its own point as a supervised item to sign for.
    expect((await wholeInbox(p.linxue)).map((i) => i.id)).toContain(made[0].itemId);
    expect((await wholeInbox(p.wuting)).map((i) => i.id)).toContain(made[1].itemId);
    expect((await getItem(p.huangwei, made[0].itemId)).title).toBe("完成第一批学生宿舍调整");
    await expectDomainError(getItem(p.hanmei, made[0].itemId), "notFound");
    expect(await recipients(since, id, "coordination_agreed")).toEqual(ids(p.zhoumin, p.wuting, p.huangwei, p.linxue));

    detail = await getMatter(p.huangwei, id);
    expect(detail.linkedItems.map((i) => [i.id, i.departmentName, i.state, i.dueOn, i.canOpen])).toEqual([
      [made[0].itemId, "学生处", "sent", inDays(7), true],
      [made[1].itemId, "教务处", "sent", inDays(10), false],
    ]);

    since = await lastNotificationId();
    await expectMatterStep(id, (v) => closeMatter(p.zhaolei, id, v, null), { action: "close", actor: p.zhaolei, state: "closed" });
    expect(await recipients(since, id, "coordination_closed")).toEqual(ids(p.zhoumin, p.wuting, p.huangwei, p.linxue));
    expect((await getMatter(p.liufang, id)).actions).toEqual([]);
  });

  it("declines with a reason, which the raiser is told", async () => {
    const id = await raise(p.zhoumin, { parties: { 学生处: "请协助" } });
    const since = await lastNotificationId();
    const { after, event } = await expectMatterStep(id, (v) => declineMatter(p.liufang, id, v, "属于教务处职责范围，无需协调"), {
      action: "decline",
      actor: p.liufang,
      state: "declined",
    });
    expect(after.declineReason).toBe("属于教务处职责范围，无需协调");
    expect(event.data).toMatchObject({ reason: "属于教务处职责范围，无需协调" });
    expect(await recipients(since, id, "coordination_declined")).toEqual(ids(p.zhoumin, p.wuting));
    expect((await getMatter(p.zhoumin, id)).declineReason).toBe("属于教务处职责范围，无需协调");
  });
});

describe("escalation and the leader's decision", () => {
  it("goes to the deputy over both departments, who decides with points that become items under the decision", async () => {
    const id = await accepted();
    let since = await lastNotificationId();
    const { after, event } = await expectMatterStep(id, (v) => escalateMatter(p.liufang, id, v, { summary: "两处意见分歧", proposal: "建议由学生处牵头" }), {
      action: "escalate",
      actor: p.liufang,
      state: "escalated",
    });
    expect(after).toMatchObject({ routedLeaderId: p.liminghua.id, routeReason: "deputy_portfolio", rung: "deputy", summary: "两处意见分歧", proposal: "建议由学生处牵头" });
    expect(event.data).toMatchObject({ leaderId: p.liminghua.id, reason: "deputy_portfolio", summary: "两处意见分歧", proposal: "建议由学生处牵头" });
    expect(await recipients(since, id, "coordination_escalated")).toEqual([p.liminghua.id]);

    // In the deputy's decision queue; not in another deputy's.
    expect((await listMatters(p.liminghua, { scope: "open", awaitingMe: true })).map((m) => m.id)).toContain(id);
    expect((await listMatters(p.zhangweidong, { scope: "open", awaitingMe: true })).map((m) => m.id)).not.toContain(id);
    expect((await getMatter(p.liminghua, id)).actions).toEqual(["decide"]);
    // Before the leader, the office has nothing more to do.
    expect((await getMatter(p.liufang, id)).actions).toEqual([]);

    since = await lastNotificationId();
    const points = await pointsForm([{ dept: "学生处", text: "牵头制定方案并报办公室", dueOn: inDays(5) }]);
    const decided = await expectMatterStep(id, (v) => decideMatter(p.liminghua, id, v, "由学生处牵头，教务处配合", points), {
      action: "decide",
      actor: p.liminghua,
      state: "decided",
    });
    expect(decided.after).toMatchObject({ decisionText: "由学生处牵头，教务处配合", decidedById: p.liminghua.id, decidedOnBehalfOfId: null });
    const [item] = await getSql()<{ id: number; assignerId: number; instruction: string; routedLeaderId: number; leadDepartmentId: number }[]>`
      select id, assigner_id as "assignerId", instruction, routed_leader_id as "routedLeaderId", lead_department_id as "leadDepartmentId" from items where coordination_id = ${id}`;
    expect(item).toMatchObject({ assignerId: p.liminghua.id, instruction: "由学生处牵头，教务处配合", routedLeaderId: p.liminghua.id, leadDepartmentId: await deptId("学生处") });
    expect((await wholeInbox(p.huangwei)).map((i) => i.id)).toContain(item.id);
    expect(await recipients(since, id, "coordination_decided")).toEqual(ids(...(await officeIds()), p.zhoumin, p.wuting, p.huangwei, p.linxue));
    const detail = await getMatter(p.zhoumin, id);
    expect(detail).toMatchObject({ state: "decided", decisionText: "由学生处牵头，教务处配合", decidedByName: p.liminghua.name, routedLeaderName: p.liminghua.name });
  });

  it("goes to the principal when the parties fall under different deputies; it cannot be escalated twice", async () => {
    const id = await accepted({ 财务处: "请核拨经费" });
    const { after } = await expectMatterStep(id, (v) => escalateMatter(p.zhaolei, id, v, { summary: "经费来源有分歧", proposal: "请校长定" }), {
      action: "escalate",
      actor: p.zhaolei,
      state: "escalated",
    });
    expect(after).toMatchObject({ routedLeaderId: p.wangjianguo.id, routeReason: "multiple_deputies", rung: "principal" });
    await expectDomainError(escalateMatter(p.zhaolei, id, after.version, { summary: "再报", proposal: "再报" }), "wrongState");
    expect(await matterRow(id)).toEqual(after);
    // A decision without points makes no items.
    await expectMatterStep(id, (v) => decideMatter(p.wangjianguo, id, v, "由财务处从专项经费列支"), { action: "decide", actor: p.wangjianguo, state: "decided" });
    const [{ n }] = await getSql()<{ n: number }[]>`select count(*)::int as n from items where coordination_id = ${id}`;
    expect(n).toBe(0);
  });

  it("lets a delegate decide for the routed deputy, stamped on behalf of the deputy, the items assigned by the deputy", async () => {
    const delegation = await createDelegation(p.admin, { fromUserId: p.liminghua.id, toUserId: p.chenjing.id, startsOn: inDays(0), endsOn: inDays(7), departmentIds: [], note: "出差期间" });
    try {
      const id = await accepted();
      await escalateMatter(p.liufang, id, 2, { summary: "分歧", proposal: "建议" });
      const seen = await getMatter(p.chenjing, id);
      expect(seen.actingFor).toBe(p.liminghua.name);
      expect(seen.actions).toEqual(["decide"]);
      expect((await listMatters(p.chenjing, { scope: "open", awaitingMe: true })).map((m) => m.id)).toContain(id);

      const points = await pointsForm([{ dept: "教务处", text: "调整考试安排", dueOn: inDays(3) }]);
      const { after, event } = await expectMatterStep(id, (v) => decideMatter(p.chenjing, id, v, "按办公室建议办理", points), {
        action: "decide",
        actor: p.chenjing,
        state: "decided",
        onBehalfOf: p.liminghua.id,
      });
      expect(after).toMatchObject({ decidedById: p.chenjing.id, decidedOnBehalfOfId: p.liminghua.id });
      const itemId = (event.data.points as { itemId: number }[])[0].itemId;
      const [item] = await getSql()<{ assignerId: number }[]>`select assigner_id as "assignerId" from items where id = ${itemId}`;
      expect(item.assignerId).toBe(p.liminghua.id);
      const [itemEvent] = await getSql()<{ actorId: number; onBehalfOfId: number }[]>`
        select actor_id as "actorId", on_behalf_of_id as "onBehalfOfId" from item_events where item_id = ${itemId} order by id limit 1`;
      expect(itemEvent).toEqual({ actorId: p.chenjing.id, onBehalfOfId: p.liminghua.id });
      const last = (await getMatter(p.liufang, id)).events.at(-1)!;
      expect(last).toMatchObject({ action: "decide", actorName: p.chenjing.name, onBehalfOfName: p.liminghua.name });
      expect((await getMatter(p.liufang, id)).decidedOnBehalfOfName).toBe(p.liminghua.name);
    } finally {
      await revokeDelegation(p.admin, delegation, 1);
    }
  });
});
