// The supervised-item life cycle through the data layer: every step checks the state it
// reaches, the version going up by one and exactly one new timeline event with the right action
// and actor (and on whose behalf), plus the notifications it sends. Then the routing rule as the
// data layer applies it: major, several deputies, reroute, referral and delegation.
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { createDelegation, revokeDelegation } from "@/lib/dal/delegations";
import {
  cancelItem,
  closeItem,
  decideExtension,
  decideItem,
  dispatchItem,
  leaderSendDirect,
  proposeItem,
  referToPrincipal,
  registerItem,
  reportCompletion,
  reportProgress,
  requestExtension,
  rerouteItem,
  returnForRework,
  signFor,
  urgeItem,
} from "@/lib/dal/items/commands";
import { getItem, leaderQueue } from "@/lib/dal/items/queries";
import { formatItemNumber } from "@/lib/domain/items/numbering";
import { expectDomainError } from "../support/db";
import {
  actors,
  deptId,
  eventsOf,
  expectStep,
  inDays,
  itemRow,
  itemsSnapshot,
  lastItemEventId,
  lastNotificationId,
  notificationsAfter,
  registerForm,
  type RegisterForm,
  wholeInbox,
} from "../support/items";

type People = Awaited<ReturnType<typeof loadPeople>>;
const loadPeople = () =>
  actors("admin", "liufang", "zhaolei", "wangjianguo", "liminghua", "zhangweidong", "chenjing", "zhoumin", "wuting", "zhengkai", "huangwei", "linxue");
let p: People;

beforeAll(async () => {
  p = await loadPeople();
});

/** Notifications sent since `since`, as kind → sorted user ids, for this item only. */
async function sentSince(since: number, itemId: number): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const n of await notificationsAfter(since)) {
    if (n.itemId !== itemId) continue;
    (out[n.kind] ??= []).push(n.userId);
  }
  for (const k of Object.keys(out)) out[k].sort((a, b) => a - b);
  return out;
}

const ids = (...people: Actor[]) => people.map((a) => a.id).sort((a, b) => a - b);

async function registered(form: RegisterForm, by: Actor = p.liufang) {
  return registerItem(by, await registerForm(form));
}

async function proposed(form: RegisterForm) {
  const { id } = await registered(form);
  await proposeItem(p.liufang, id, 1, "拟请领导阅示");
  return id;
}

describe("the full path: register → propose → instruct → sign for → progress → extension → completion → rework → close", () => {
  let id: number;
  let notes: number;
  const subDue = inDays(10);
  const due = inDays(20);
  const extended = inDays(40);

  it("the office registers a draft with a gapless number, a lead and a support department with its own sub-deadline", async () => {
    const since = await lastItemEventId();
    const input = await registerForm({
      title: "关于做好期末考试组织工作的通知",
      body: "请教务处牵头，学生处配合，做好考场安排与学生教育。",
      lead: "教务处",
      support: ["学生处"],
      supportDue: { 学生处: subDue },
      dueOn: due,
      urgency: "urgent",
    });
    const result = await registerItem(p.liufang, input);
    id = result.id;
    const row = await itemRow(id);
    expect(result.number).toBe(formatItemNumber("assignment", row.year, row.seq));
    expect(result.number).toMatch(/^督〔\d{4}〕[1-9]\d*号$/);
    expect(row).toMatchObject({ state: "draft", version: 1, dueOn: due, createdById: p.liufang.id, routedLeaderId: null, major: false });
    const depts = await getSql()<{ departmentId: number; role: string; dueOn: string | null }[]>`
      select department_id as "departmentId", role, due_on::text as "dueOn" from item_departments where item_id = ${id} order by role`;
    expect(depts).toEqual([
      { departmentId: await deptId("教务处"), role: "lead", dueOn: null },
      { departmentId: await deptId("学生处"), role: "support", dueOn: subDue },
    ]);
    const events = await eventsOf(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "register", actorId: p.liufang.id, onBehalfOfId: null, data: { number: result.number, dueOn: due } });
    expect(await lastItemEventId()).toBe(events[0].id);
    expect(events[0].id).toBeGreaterThan(since);
  });

  it("the office proposes; the routing rule sends it to the deputy over both departments", async () => {
    notes = await lastNotificationId();
    const { event, after } = await expectStep(id, (v) => proposeItem(p.liufang, id, v, "拟请李副校长阅示"), {
      action: "propose",
      actor: p.liufang,
      state: "awaiting_decision",
    });
    expect(after).toMatchObject({ routedLeaderId: p.liminghua.id, routeReason: "deputy_portfolio", proposal: "拟请李副校长阅示" });
    expect(event.data).toMatchObject({ leaderId: p.liminghua.id, reason: "deputy_portfolio", deputyIds: [p.liminghua.id] });
    expect(await sentSince(notes, id)).toEqual({ awaiting_decision: [p.liminghua.id] });
    expect((await leaderQueue(p.liminghua)).map((i) => i.id)).toContain(id);
    const detail = await getItem(p.liminghua, id);
    expect(detail.actions).toEqual(expect.arrayContaining(["approve", "instruct", "refer_to_principal"]));
    expect(detail.actingFor).toBeNull();
  });

  it("the deputy writes an instruction; the signers of both departments and the office are told", async () => {
    notes = await lastNotificationId();
    const { event, after } = await expectStep(id, (v) => decideItem(p.liminghua, id, v, "instruct", "请抓紧落实，按期办结。"), {
      action: "instruct",
      actor: p.liminghua,
      state: "sent",
    });
    expect(after).toMatchObject({ instruction: "请抓紧落实，按期办结。", assignerId: p.liminghua.id });
    expect(event.data).toMatchObject({ instruction: "请抓紧落实，按期办结。" });
    const sent = await sentSince(notes, id);
    expect(sent.sent).toEqual(ids(p.zhoumin, p.wuting, p.huangwei, p.linxue));
    expect(sent.decided).toEqual(expect.arrayContaining([p.liufang.id, p.zhaolei.id]));
    expect(Object.keys(sent).sort()).toEqual(["decided", "sent"]);
    expect((await leaderQueue(p.liminghua)).map((i) => i.id)).not.toContain(id);
    const lead = (await wholeInbox(p.wuting)).find((e) => e.id === id);
    expect(lead).toMatchObject({ role: "lead", signed: false, state: "sent" });
    const support = (await wholeInbox(p.linxue)).find((e) => e.id === id);
    expect(support).toMatchObject({ role: "support", signed: false, myDueOn: subDue });
    expect((await getItem(p.wuting, id)).actions).toContain("sign_for");
    expect((await getItem(p.linxue, id)).actions).toContain("support_sign_for");
  });

  it("the lead department's liaison signs for it: the item is in progress", async () => {
    const { event } = await expectStep(id, (v) => signFor(p.wuting, id, v), { action: "sign_for", actor: p.wuting, state: "in_progress" });
    expect(event.data).toMatchObject({ departmentId: p.wuting.departmentId });
    const [row] = await getSql()`select signed_by_id from item_departments where item_id = ${id} and department_id = ${p.wuting.departmentId} and signed_at is not null`;
    expect(row).toEqual({ signed_by_id: p.wuting.id });
    expect((await getItem(p.wuting, id)).actions).not.toContain("sign_for");
  });

  it("the support department's liaison signs for its part: recorded, the state does not move", async () => {
    const { event } = await expectStep(id, (v) => signFor(p.linxue, id, v), { action: "support_sign_for", actor: p.linxue, state: "in_progress" });
    expect(event.data).toMatchObject({ departmentId: p.linxue.departmentId, from: "in_progress", to: "in_progress" });
    expect((await wholeInbox(p.linxue)).find((e) => e.id === id)).toMatchObject({ signed: true, role: "support" });
  });

  it("a member of the lead department reports progress", async () => {
    const { event } = await expectStep(id, (v) => reportProgress(p.zhengkai, id, v, "已完成考场编排初稿。"), {
      action: "report_progress",
      actor: p.zhengkai,
      state: "in_progress",
    });
    expect(event.data).toMatchObject({ note: "已完成考场编排初稿。", departmentId: p.zhengkai.departmentId });
  });

  it("the head asks for an extension; the assigning deputy is told", async () => {
    notes = await lastNotificationId();
    const { event } = await expectStep(
      id,
      (v) => requestExtension(p.zhoumin, id, v, { requestedDueOn: extended, reason: "waiting_on_others", note: "需等待上级考务安排" }),
      { action: "request_extension", actor: p.zhoumin, state: "in_progress" },
    );
    expect(event.data).toMatchObject({ requestedDueOn: extended, reason: "waiting_on_others" });
    expect(await sentSince(notes, id)).toEqual({ extension_requested: [p.liminghua.id] });
    const detail = await getItem(p.liminghua, id);
    expect(detail.pendingExtension).toMatchObject({ requestedDueOn: extended, reason: "waiting_on_others", requestedByName: p.zhoumin.name });
    expect(detail.actions).toContain("decide_extension");
    expect((await getItem(p.zhoumin, id)).actions).not.toContain("request_extension");
  });

  it("the deputy approves it: the due date moves and the head is told", async () => {
    const pending = (await getItem(p.liminghua, id)).pendingExtension!;
    notes = await lastNotificationId();
    const { event, after } = await expectStep(id, (v) => decideExtension(p.liminghua, id, v, pending.id, true, "同意"), {
      action: "decide_extension",
      actor: p.liminghua,
      state: "in_progress",
    });
    expect(after.dueOn).toBe(extended);
    expect(event.data).toMatchObject({ extensionId: pending.id, approve: true, fromDueOn: due, toDueOn: extended });
    const [ext] = await getSql()`select status, decided_by_id from extension_requests where id = ${pending.id}`;
    expect(ext).toEqual({ status: "approved", decided_by_id: p.liminghua.id });
    expect(await sentSince(notes, id)).toEqual({ extension_approved: [p.zhoumin.id] });
    expect((await getItem(p.zhoumin, id)).pendingExtension).toBeNull();
  });

  it("the head reports completion; the office is told", async () => {
    notes = await lastNotificationId();
    await expectStep(id, (v) => reportCompletion(p.zhoumin, id, v, "考场安排完毕，考试顺利进行。"), {
      action: "report_completion",
      actor: p.zhoumin,
      state: "completion_reported",
    });
    expect((await sentSince(notes, id)).completion_reported).toEqual(expect.arrayContaining([p.liufang.id, p.zhaolei.id]));
    expect((await getItem(p.liufang, id)).actions).toEqual(expect.arrayContaining(["close", "return_for_rework"]));
  });

  it("the office returns it for rework; the lead department's signers are told", async () => {
    notes = await lastNotificationId();
    const { event } = await expectStep(id, (v) => returnForRework(p.liufang, id, v, "请补充考试情况总结。"), {
      action: "return_for_rework",
      actor: p.liufang,
      state: "in_progress",
    });
    expect(event.data).toMatchObject({ note: "请补充考试情况总结。" });
    expect(await sentSince(notes, id)).toEqual({ returned: ids(p.zhoumin, p.wuting) });
  });

  it("the head reports completion again", async () => {
    await expectStep(id, (v) => reportCompletion(p.zhoumin, id, v, "已补充总结。"), { action: "report_completion", actor: p.zhoumin, state: "completion_reported" });
  });

  it("the office verifies and closes it (销号); the timeline holds every step in order", async () => {
    notes = await lastNotificationId();
    await expectStep(id, (v) => closeItem(p.liufang, id, v, "办结"), { action: "close", actor: p.liufang, state: "closed" });
    expect(await sentSince(notes, id)).toEqual({ closed: ids(p.zhoumin, p.wuting) });
    const [{ closed }] = await getSql()`select closed_at is not null as closed from items where id = ${id}`;
    expect(closed).toBe(true);
    const detail = await getItem(p.liufang, id);
    // Registered at version 1, then eleven steps.
    expect(detail).toMatchObject({ state: "closed", version: 12, dueOn: extended, overdue: false });
    expect(detail.actions).toEqual([]);
    expect(detail.events.map((e) => [e.action, e.actorName])).toEqual([
      ["register", p.liufang.name],
      ["propose", p.liufang.name],
      ["instruct", p.liminghua.name],
      ["sign_for", p.wuting.name],
      ["support_sign_for", p.linxue.name],
      ["report_progress", p.zhengkai.name],
      ["request_extension", p.zhoumin.name],
      ["decide_extension", p.liminghua.name],
      ["report_completion", p.zhoumin.name],
      ["return_for_rework", p.liufang.name],
      ["report_completion", p.zhoumin.name],
      ["close", p.liufang.name],
    ]);
    expect(detail.events.every((e) => e.onBehalfOfName === null)).toBe(true);
    expect((await wholeInbox(p.wuting)).map((e) => e.id)).not.toContain(id);
  });
});

describe("routing as the data layer applies it", () => {
  it("sends a major item to the principal", async () => {
    const id = await proposed({ lead: "教务处", major: true });
    expect(await itemRow(id)).toMatchObject({ routedLeaderId: p.wangjianguo.id, routeReason: "major", state: "awaiting_decision" });
    expect((await leaderQueue(p.wangjianguo)).map((i) => i.id)).toContain(id);
    expect((await leaderQueue(p.liminghua)).map((i) => i.id)).not.toContain(id);
  });

  it("sends an item whose departments fall under two deputies to the principal", async () => {
    const { id } = await registered({ lead: "教务处", support: ["总务处"] });
    const { event, after } = await expectStep(id, (v) => proposeItem(p.liufang, id, v, "涉及两位分管领导"), {
      action: "propose",
      actor: p.liufang,
      state: "awaiting_decision",
    });
    expect(after).toMatchObject({ routedLeaderId: p.wangjianguo.id, routeReason: "multiple_deputies" });
    expect(event.data).toMatchObject({ reason: "multiple_deputies", deputyIds: ids(p.liminghua, p.zhangweidong) });
  });

  it("sends an item led by a department under no deputy to the principal", async () => {
    const id = await proposed({ lead: "校长办公室" });
    expect(await itemRow(id)).toMatchObject({ routedLeaderId: p.wangjianguo.id, routeReason: "no_deputy" });
  });

  it("lets the office reroute with a note, and refuses a target who is no leader", async () => {
    const id = await proposed({ lead: "教务处" });
    const before = await itemsSnapshot();
    await expectDomainError(rerouteItem(p.liufang, id, 2, p.zhoumin.id, "转周处长"), "notLeader", "leaderId");
    expect(await itemsSnapshot()).toEqual(before);

    const notes = await lastNotificationId();
    const { event, after } = await expectStep(id, (v) => rerouteItem(p.liufang, id, v, p.zhangweidong.id, "涉及后勤保障，请张副校长阅示"), {
      action: "reroute",
      actor: p.liufang,
      state: "awaiting_decision",
    });
    expect(after).toMatchObject({ routedLeaderId: p.zhangweidong.id, routeReason: "rerouted", routeNote: "涉及后勤保障，请张副校长阅示" });
    expect(event.data).toMatchObject({ fromLeaderId: p.liminghua.id, leaderId: p.zhangweidong.id, note: "涉及后勤保障，请张副校长阅示" });
    expect(await sentSince(notes, id)).toEqual({ awaiting_decision: [p.zhangweidong.id] });
    expect((await leaderQueue(p.zhangweidong)).map((i) => i.id)).toContain(id);
    expect((await leaderQueue(p.liminghua)).map((i) => i.id)).not.toContain(id);
    // The deputy it left can no longer decide it.
    await expectDomainError(decideItem(p.liminghua, id, after.version, "approve", null), "forbidden");
  });

  it("lets the routed deputy refer an item to the principal, who cannot refer it further", async () => {
    const id = await proposed({ lead: "学生处" });
    const notes = await lastNotificationId();
    const { event, after } = await expectStep(id, (v) => referToPrincipal(p.liminghua, id, v, "事关全局，请校长定夺"), {
      action: "refer_to_principal",
      actor: p.liminghua,
      state: "awaiting_decision",
    });
    expect(after).toMatchObject({ routedLeaderId: p.wangjianguo.id, routeReason: "referred", major: true, routeNote: "事关全局，请校长定夺" });
    expect(event.data).toMatchObject({ fromLeaderId: p.liminghua.id, leaderId: p.wangjianguo.id });
    expect(await sentSince(notes, id)).toEqual({ awaiting_decision: [p.wangjianguo.id] });
    expect((await getItem(p.wangjianguo, id)).actions).not.toContain("refer_to_principal");
    const before = await itemsSnapshot();
    await expectDomainError(referToPrincipal(p.wangjianguo, id, after.version, "再上报"), "forbidden");
    await expectDomainError(referToPrincipal(p.liminghua, id, after.version, "再上报"), "forbidden");
    expect(await itemsSnapshot()).toEqual(before);
    await expectStep(id, (v) => decideItem(p.wangjianguo, id, v, "approve", null), { action: "approve", actor: p.wangjianguo, state: "sent" });
    expect((await itemRow(id)).assignerId).toBe(p.wangjianguo.id);
  });

  it("lets a delegate decide for the deputy, stamped on behalf of the deputy, until the delegation is revoked", async () => {
    const delegation = await createDelegation(p.admin, {
      fromUserId: p.liminghua.id,
      toUserId: p.chenjing.id,
      startsOn: inDays(0),
      endsOn: inDays(7),
      departmentIds: [],
      note: "出差期间",
    });
    try {
      const id = await proposed({ lead: "教务处" });
      expect((await leaderQueue(p.chenjing)).map((i) => i.id)).toContain(id);
      const seen = await getItem(p.chenjing, id);
      expect(seen.actingFor).toBe(p.liminghua.name);
      expect(seen.actions).toEqual(expect.arrayContaining(["approve", "instruct"]));

      const { after } = await expectStep(id, (v) => decideItem(p.chenjing, id, v, "approve", null), {
        action: "approve",
        actor: p.chenjing,
        state: "sent",
        onBehalfOf: p.liminghua.id,
      });
      // The assigner is the leader the item was routed to, not the delegate.
      expect(after.assignerId).toBe(p.liminghua.id);
      const last = (await getItem(p.liufang, id)).events.at(-1)!;
      expect(last).toMatchObject({ action: "approve", actorName: p.chenjing.name, onBehalfOfName: p.liminghua.name });
    } finally {
      await revokeDelegation(p.admin, delegation, 1);
    }
    const id = await proposed({ lead: "教务处" });
    expect((await leaderQueue(p.chenjing)).map((i) => i.id)).not.toContain(id);
    const before = await itemsSnapshot();
    // Revoked: chenjing no longer acts for liminghua, so the item is not even visible to her.
    await expectDomainError(decideItem(p.chenjing, id, 2, "approve", null), "notFound");
    expect(await itemsSnapshot()).toEqual(before);
  });
});

describe("the other actions", () => {
  it("a leader creates an item and sends it straight down (急事急办); the office is copied", async () => {
    const { id } = await registered({ lead: "教务处", urgency: "extra_urgent" }, p.liminghua);
    const notes = await lastNotificationId();
    const { after } = await expectStep(id, (v) => leaderSendDirect(p.liminghua, id, v, "特事特办，今日落实"), {
      action: "leader_send_direct",
      actor: p.liminghua,
      state: "sent",
    });
    expect(after).toMatchObject({ routedLeaderId: p.liminghua.id, assignerId: p.liminghua.id, routeReason: "direct", instruction: "特事特办，今日落实" });
    const sent = await sentSince(notes, id);
    expect(sent.sent).toEqual(ids(p.zhoumin, p.wuting));
    expect(sent.copied).toEqual(expect.arrayContaining([p.liufang.id, p.zhaolei.id]));
  });

  it("the office dispatches a draft itself, urges it, and the director cancels it", async () => {
    const { id } = await registered({ lead: "学生处" });
    let notes = await lastNotificationId();
    const { after } = await expectStep(id, (v) => dispatchItem(p.liufang, id, v), { action: "dispatch", actor: p.liufang, state: "sent" });
    expect(after).toMatchObject({ assignerId: null, routeReason: "direct" });
    expect(await sentSince(notes, id)).toEqual({ sent: ids(p.huangwei, p.linxue) });

    notes = await lastNotificationId();
    await expectStep(id, (v) => urgeItem(p.zhaolei, id, v, "请尽快签收"), { action: "urge", actor: p.zhaolei, state: "sent" });
    expect(await sentSince(notes, id)).toEqual({ urged: ids(p.huangwei, p.linxue) });

    await expectStep(id, (v) => cancelItem(p.liufang, id, v, "情况变化，撤销"), { action: "cancel", actor: p.liufang, state: "cancelled" });
  });
});
