// Requests for instruction (请示) through the data layer: every step reaches its state, bumps
// the version by one and writes exactly one timeline event (actor and on whose behalf), and
// sends its notifications. Then routing (deputy portfolio, major, referral, reroute),
// countersigning, delegation stamping and turning a decision into a supervised item.
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import { createDelegation, revokeDelegation } from "@/lib/dal/delegations";
import { getItem } from "@/lib/dal/items/queries";
import {
  convertRequestToItem,
  countersignRequest,
  createRequest,
  decideRequest,
  editRequest,
  proposeRequest,
  referRequestToPrincipal,
  requestCountersign,
  rerouteRequest,
  returnRequest,
  submitRequest,
  withdrawRequest,
} from "@/lib/dal/requests/commands";
import { getRequest, listRequests } from "@/lib/dal/requests/queries";
import { formatItemNumber } from "@/lib/domain/items/numbering";
import { expectDomainError, insertUser } from "../support/db";
import { actors, deptId, inDays } from "../support/items";
import {
  departmentPeopleIds,
  draftForm,
  expectRequestStep,
  ids,
  lastNotificationId,
  officeIds,
  proposedRequest,
  requestEventsOf,
  requestNotificationsSince,
  requestRow,
  requestsSnapshot,
  submittedRequest,
} from "../support/requests";

type People = Awaited<ReturnType<typeof loadPeople>>;
const loadPeople = () =>
  actors(
    "admin",
    "liufang",
    "zhaolei",
    "sunli",
    "wangjianguo",
    "liminghua",
    "zhangweidong",
    "chenjing",
    "zhoumin",
    "wuting",
    "zhengkai",
    "hanmei",
    "tangjing",
    "fengyu",
    "huangwei",
    "linxue",
  );
let p: People;
let office: number[];
let academicSigners: number[];
let financeSigners: number[];
let academicHeads: number[];

beforeAll(async () => {
  p = await loadPeople();
  office = await officeIds();
  academicSigners = await departmentPeopleIds(await deptId("教务处"), ["dept_head", "dept_liaison"]);
  financeSigners = await departmentPeopleIds(await deptId("财务处"), ["dept_head", "dept_liaison"]);
  academicHeads = await departmentPeopleIds(await deptId("教务处"), ["dept_head"]);
});

describe("the full path: draft → edit → submit → return → revise → resubmit → propose → countersign → instruct → convert", () => {
  let id: number;
  let number: string;

  it("a staff member drafts; it is numbered 请〔year〕N号 and only the department sees it", async () => {
    const created = await createRequest(p.zhengkai, draftForm({ title: "关于增设实验室的请示", wishedBy: inDays(20) }));
    id = created.id;
    const row = await requestRow(id);
    const [counter] = await getSql()<{ year: number; seq: number }[]>`select year, seq from requests where id = ${id}`;
    number = formatItemNumber("request", counter.year, counter.seq);
    expect(created.number).toBe(number);
    expect(number).toMatch(/^请〔\d{4}〕\d+号$/);
    expect(row).toMatchObject({ state: "draft", version: 1, createdById: p.zhengkai.id, departmentId: await deptId("教务处") });
    const [event] = await requestEventsOf(id);
    expect(event).toMatchObject({ action: "create", actorId: p.zhengkai.id, onBehalfOfId: null });
    await expectDomainError(getRequest(p.liufang, id), "notFound");
    await expectDomainError(getRequest(p.liminghua, id), "notFound");
    await expectDomainError(getRequest(p.wangjianguo, id), "notFound");
    expect((await getRequest(p.wuting, id)).actions).toEqual(["edit_draft"]);
    expect((await getRequest(p.zhoumin, id)).actions).toEqual(["edit_draft", "submit", "withdraw"]);
  });

  it("the liaison edits the draft", async () => {
    const { event, after } = await expectRequestStep(id, (v) => editRequest(p.wuting, id, v, draftForm({ title: "关于增设化学实验室的请示", wishedBy: inDays(20) })), {
      action: "edit_draft",
      actor: p.wuting,
      state: "draft",
    });
    expect(after.title).toBe("关于增设化学实验室的请示");
    expect(event.data.changed).toContain("title");
  });

  it("the head submits; the office is told", async () => {
    const notes = await lastNotificationId();
    const { after } = await expectRequestStep(id, (v) => submitRequest(p.zhoumin, id, v), { action: "submit", actor: p.zhoumin, state: "submitted" });
    expect(after.submittedAt).not.toBeNull();
    expect(await requestNotificationsSince(notes, id)).toEqual({ request_submitted: office });
    expect((await getRequest(p.liufang, id)).actions).toEqual(["return_for_revision", "propose"]);
  });

  it("the office returns it with comments; the head and the creator are told", async () => {
    const notes = await lastNotificationId();
    const { event, after } = await expectRequestStep(id, (v) => returnRequest(p.zhaolei, id, v, "请补充经费测算。"), {
      action: "return_for_revision",
      actor: p.zhaolei,
      state: "returned",
    });
    expect(after.reviewComment).toBe("请补充经费测算。");
    expect(event.data.comment).toBe("请补充经费测算。");
    expect(await requestNotificationsSince(notes, id)).toEqual({ request_returned: ids(...academicHeads, p.zhengkai) });
  });

  it("the creator revises the returned request and the head resubmits", async () => {
    await expectRequestStep(id, (v) => editRequest(p.zhengkai, id, v, draftForm({ title: "关于增设化学实验室的请示", options: "经费约 20 万元。", wishedBy: inDays(20) })), {
      action: "edit_draft",
      actor: p.zhengkai,
      state: "returned",
    });
    const { event } = await expectRequestStep(id, (v) => submitRequest(p.zhoumin, id, v), { action: "submit", actor: p.zhoumin, state: "submitted" });
    expect(event.data.resubmitted).toBe(true);
  });

  it("the office proposes; the deputy over 教务处 gets it, with the reason", async () => {
    const notes = await lastNotificationId();
    const { after, event } = await expectRequestStep(id, (v) => proposeRequest(p.liufang, id, v, "拟请李副校长审定。", false), {
      action: "propose",
      actor: p.liufang,
      state: "awaiting_decision",
    });
    expect(after).toMatchObject({ routedLeaderId: p.liminghua.id, routeReason: "deputy_portfolio", proposal: "拟请李副校长审定。", major: false });
    expect(after.routedAt).not.toBeNull();
    expect(event.data).toMatchObject({ leaderId: p.liminghua.id, reason: "deputy_portfolio" });
    expect(await requestNotificationsSince(notes, id)).toEqual({ request_awaiting_decision: [p.liminghua.id] });
    const detail = await getRequest(p.liminghua, id);
    expect(detail).toMatchObject({ routeReason: "deputy_portfolio", routedLeaderName: "李明华", proposal: "拟请李副校长审定。" });
    expect(detail.actions).toEqual(["request_countersign", "approve", "reject", "instruct", "refer_to_principal"]);
  });

  it("the routed leader asks two leaders to countersign; each is told and can see it", async () => {
    await expectDomainError(getRequest(p.chenjing, id), "notFound");
    const notes = await lastNotificationId();
    const { event } = await expectRequestStep(id, (v) => requestCountersign(p.liminghua, id, v, [p.chenjing.id, p.zhangweidong.id], "请提意见。"), {
      action: "request_countersign",
      actor: p.liminghua,
      state: "awaiting_decision",
    });
    expect(event.data.leaderIds).toEqual([p.chenjing.id, p.zhangweidong.id]);
    expect(await requestNotificationsSince(notes, id)).toEqual({ request_countersign: ids(p.chenjing, p.zhangweidong) });
    expect((await getRequest(p.chenjing, id)).actions).toEqual(["countersign"]);
    expect((await listRequests(p.chenjing, { scope: "leader" })).rows.find((r) => r.id === id)?.countersignPending).toBe(true);
  });

  it("while a countersign is pending the decision is refused with countersignPending", async () => {
    const before = await requestsSnapshot();
    const { version } = await requestRow(id);
    await expectDomainError(decideRequest(p.liminghua, id, version, "approve", null), "countersignPending");
    await expectDomainError(decideRequest(p.liminghua, id, version, "instruct", "同意。"), "countersignPending");
    expect(await requestsSnapshot()).toEqual(before);
  });

  it("each countersigner records an opinion once; the routed leader is told", async () => {
    const notes = await lastNotificationId();
    const { event } = await expectRequestStep(id, (v) => countersignRequest(p.chenjing, id, v, "同意，注意安全。"), {
      action: "countersign",
      actor: p.chenjing,
      state: "awaiting_decision",
    });
    expect(event.data).toMatchObject({ leaderId: p.chenjing.id, opinion: "同意，注意安全。" });
    expect(await requestNotificationsSince(notes, id)).toEqual({ request_countersigned: [p.liminghua.id] });
    // Once is enough: she is no longer a pending countersigner.
    const before = await requestsSnapshot();
    await expectDomainError(countersignRequest(p.chenjing, id, (await requestRow(id)).version, "再补充一句。"), "forbidden");
    expect(await requestsSnapshot()).toEqual(before);
    expect((await getRequest(p.chenjing, id)).actions).toEqual([]);
    await expectRequestStep(id, (v) => countersignRequest(p.zhangweidong, id, v, "同意。"), { action: "countersign", actor: p.zhangweidong, state: "awaiting_decision" });
    const detail = await getRequest(p.liminghua, id);
    expect(detail.countersigns.map((c) => [c.leaderName, c.opinion, c.signedOnBehalf])).toEqual([
      ["陈静", "同意，注意安全。", false],
      ["张卫东", "同意。", false],
    ]);
  });

  it("the leader instructs (批示); the department and the office are told at once", async () => {
    const notes = await lastNotificationId();
    const { after, event } = await expectRequestStep(id, (v) => decideRequest(p.liminghua, id, v, "instruct", "同意，请教务处抓紧落实。"), {
      action: "instruct",
      actor: p.liminghua,
      state: "instructed",
    });
    expect(after).toMatchObject({ decisionText: "同意，请教务处抓紧落实。", decidedById: p.liminghua.id, decidedOnBehalfOfId: null });
    expect(after.decidedAt).not.toBeNull();
    expect(event.data).toMatchObject({ decision: "instruct", text: "同意，请教务处抓紧落实。" });
    expect(await requestNotificationsSince(notes, id)).toEqual({ request_decided: ids(...academicSigners, p.zhengkai, ...office) });
  });

  it("a decided request is read-only: editing, withdrawing, deciding again are refused", async () => {
    const before = await requestsSnapshot();
    const { version } = await requestRow(id);
    await expectDomainError(editRequest(p.zhoumin, id, version, draftForm()), "wrongState");
    await expectDomainError(withdrawRequest(p.zhoumin, id, version, null), "wrongState");
    await expectDomainError(decideRequest(p.liminghua, id, version, "approve", null), "wrongState");
    await expectDomainError(returnRequest(p.liufang, id, version, "x"), "wrongState");
    expect(await requestsSnapshot()).toEqual(before);
    expect((await getRequest(p.zhoumin, id)).actions).toEqual([]);
  });

  it("the office turns the decision into a sent item for 教务处 and 学生处, linked to the request; may do it twice", async () => {
    const input = { title: "增设化学实验室", body: "落实领导批示。", leadDepartmentId: await deptId("教务处"), supportDepartmentIds: [await deptId("学生处")], dueOn: inDays(30), urgency: "urgent" as const };
    let result: Awaited<ReturnType<typeof convertRequestToItem>> | undefined;
    const { event } = await expectRequestStep(
      id,
      async (v) => {
        result = await convertRequestToItem(p.liufang, id, v, input);
        return result;
      },
      { action: "convert_to_assignment", actor: p.liufang, state: "instructed" },
    );
    expect(event.data).toMatchObject({ itemId: result!.itemId, number: result!.itemNumber });
    const [item] = await getSql()<{ state: string; requestId: number; assignerId: number; instruction: string }[]>`
      select state, request_id as "requestId", assigner_id as "assignerId", instruction from items where id = ${result!.itemId}`;
    expect(item).toEqual({ state: "sent", requestId: id, assignerId: p.liminghua.id, instruction: "同意，请教务处抓紧落实。" });
    // Both target departments can open it; the leader who decided too.
    expect((await getItem(p.zhoumin, result!.itemId)).state).toBe("sent");
    expect((await getItem(p.huangwei, result!.itemId)).state).toBe("sent");
    expect((await getItem(p.liminghua, result!.itemId)).state).toBe("sent");
    // The deciding leader converts again.
    const again = await expectRequestStep(id, (v) => convertRequestToItem(p.liminghua, id, v, { ...input, supportDepartmentIds: [] }), {
      action: "convert_to_assignment",
      actor: p.liminghua,
      state: "instructed",
    });
    expect(again.event.data.itemId).not.toBe(result!.itemId);
    const detail = await getRequest(p.zhoumin, id);
    expect(detail.linkedItems).toHaveLength(2);
    expect(detail.linkedItems[0]).toMatchObject({ id: result!.itemId, number: result!.itemNumber, title: "增设化学实验室" });
    // 学生处 sees only the item it is party to… and not the request.
    await expectDomainError(getRequest(p.huangwei, id), "notFound");
    expect(detail.events.map((e) => e.action)).toEqual([
      "create",
      "edit_draft",
      "submit",
      "return_for_revision",
      "edit_draft",
      "submit",
      "propose",
      "request_countersign",
      "countersign",
      "countersign",
      "instruct",
      "convert_to_assignment",
      "convert_to_assignment",
    ]);
  });

  it("converting is refused to a department and on a past due date (nothing created)", async () => {
    const before = await requestsSnapshot();
    const { version } = await requestRow(id);
    const input = { title: "x", body: "", leadDepartmentId: await deptId("教务处"), supportDepartmentIds: [], dueOn: inDays(5), urgency: "normal" as const };
    await expectDomainError(convertRequestToItem(p.zhoumin, id, version, input), "forbidden");
    await expectDomainError(convertRequestToItem(p.liufang, id, version, { ...input, dueOn: inDays(-1) }), "dueInPast", "dueOn");
    await expectDomainError(convertRequestToItem(p.liufang, id, version, { ...input, leadDepartmentId: 999_999 }), "unknownDepartment", "leadDepartmentId");
    expect(await requestsSnapshot()).toEqual(before);
  });
});

describe("approve and reject", () => {
  it("approve takes an optional note; reject needs a reason", async () => {
    const a = await proposedRequest(p.hanmei, p.hanmei, p.liufang);
    expect((await requestRow(a)).routedLeaderId).toBe(p.zhangweidong.id);
    const { after } = await expectRequestStep(a, (v) => decideRequest(p.zhangweidong, a, v, "approve", null), { action: "approve", actor: p.zhangweidong, state: "approved" });
    expect(after.decisionText).toBeNull();

    const r = await proposedRequest(p.fengyu, p.hanmei, p.zhaolei);
    const before = await requestsSnapshot();
    await expectDomainError(decideRequest(p.zhangweidong, r, 3, "reject", null), "required", "text");
    await expectDomainError(decideRequest(p.zhangweidong, r, 3, "reject", "   "), "required", "text");
    await expectDomainError(decideRequest(p.zhangweidong, r, 3, "instruct", ""), "required", "text");
    expect(await requestsSnapshot()).toEqual(before);
    const notes = await lastNotificationId();
    const { after: rejected } = await expectRequestStep(r, (v) => decideRequest(p.zhangweidong, r, v, "reject", "经费不足，明年再议。"), {
      action: "reject",
      actor: p.zhangweidong,
      state: "rejected",
    });
    expect(rejected.decisionText).toBe("经费不足，明年再议。");
    expect(await requestNotificationsSince(notes, r)).toEqual({ request_decided: ids(...financeSigners, p.fengyu, ...office) });
    // A rejection leaves nothing to convert.
    await expectDomainError(
      convertRequestToItem(p.liufang, r, 4, { title: "x", body: "", leadDepartmentId: await deptId("财务处"), supportDepartmentIds: [], dueOn: inDays(5), urgency: "normal" }),
      "wrongState",
    );
  });
});

describe("withdrawing", () => {
  it("the head withdraws a draft (nobody else is told) and a request awaiting decision (office and leader are told)", async () => {
    const { id: draft } = await createRequest(p.zhengkai, draftForm());
    let notes = await lastNotificationId();
    await expectRequestStep(draft, (v) => withdrawRequest(p.zhoumin, draft, v, null), { action: "withdraw", actor: p.zhoumin, state: "withdrawn" });
    expect(await requestNotificationsSince(notes, draft)).toEqual({});
    await expectDomainError(getRequest(p.liufang, draft), "notFound");

    const id = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
    notes = await lastNotificationId();
    const { after } = await expectRequestStep(id, (v) => withdrawRequest(p.zhoumin, id, v, "情况已变化。"), { action: "withdraw", actor: p.zhoumin, state: "withdrawn" });
    expect(after.withdrawnReason).toBe("情况已变化。");
    expect(await requestNotificationsSince(notes, id)).toEqual({ request_withdrawn: ids(...office, p.liminghua) });
    // A decision on a withdrawn request is refused.
    const before = await requestsSnapshot();
    await expectDomainError(decideRequest(p.liminghua, id, after.version, "approve", null), "wrongState");
    expect(await requestsSnapshot()).toEqual(before);
  });

  it("a submitted request withdrawn tells the office only", async () => {
    const id = await submittedRequest(p.wuting, p.zhoumin);
    const notes = await lastNotificationId();
    await expectRequestStep(id, (v) => withdrawRequest(p.zhoumin, id, v, null), { action: "withdraw", actor: p.zhoumin, state: "withdrawn" });
    expect(await requestNotificationsSince(notes, id)).toEqual({ request_withdrawn: office });
  });
});

describe("routing", () => {
  it("by the deputy whose portfolio holds the department; major → principal", async () => {
    const a = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
    expect(await requestRow(a)).toMatchObject({ routedLeaderId: p.liminghua.id, routeReason: "deputy_portfolio" });
    const f = await proposedRequest(p.fengyu, p.hanmei, p.liufang);
    expect(await requestRow(f)).toMatchObject({ routedLeaderId: p.zhangweidong.id, routeReason: "deputy_portfolio" });
    const m = await proposedRequest(p.fengyu, p.hanmei, p.liufang, { major: true });
    expect(await requestRow(m)).toMatchObject({ routedLeaderId: p.wangjianguo.id, routeReason: "major", major: true });
    // The deputy over 财务处 sees its requests; the one over 教务处 does not.
    expect((await getRequest(p.zhangweidong, m)).id).toBe(m);
    await expectDomainError(getRequest(p.liminghua, f), "notFound");
  });

  it("a deputy refers to the principal; the principal cannot be referred to again", async () => {
    const id = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
    const notes = await lastNotificationId();
    const { after, event } = await expectRequestStep(id, (v) => referRequestToPrincipal(p.liminghua, id, v, "涉及全校，请校长定。"), {
      action: "refer_to_principal",
      actor: p.liminghua,
      state: "awaiting_decision",
    });
    expect(after).toMatchObject({ routedLeaderId: p.wangjianguo.id, routeReason: "referred", routeNote: "涉及全校，请校长定。", major: true });
    expect(event.data).toMatchObject({ fromLeaderId: p.liminghua.id, leaderId: p.wangjianguo.id });
    expect(await requestNotificationsSince(notes, id)).toEqual({ request_awaiting_decision: [p.wangjianguo.id] });
    // The principal may not refer (the rule is a deputy's); the deputy is no longer routed.
    const before = await requestsSnapshot();
    await expectDomainError(referRequestToPrincipal(p.wangjianguo, id, after.version, null), "forbidden");
    await expectDomainError(referRequestToPrincipal(p.liminghua, id, after.version, null), "forbidden");
    expect(await requestsSnapshot()).toEqual(before);
    await expectRequestStep(id, (v) => decideRequest(p.wangjianguo, id, v, "approve", "同意。"), { action: "approve", actor: p.wangjianguo, state: "approved" });
  });

  it("a deputy acting for the principal under a delegation is told alreadyPrincipal", async () => {
    const id = await proposedRequest(p.fengyu, p.hanmei, p.liufang, { major: true });
    const delegation = await createDelegation(p.admin, { fromUserId: p.wangjianguo.id, toUserId: p.chenjing.id, startsOn: inDays(0), endsOn: inDays(3), departmentIds: [], note: "外出" });
    try {
      const before = await requestsSnapshot();
      await expectDomainError(referRequestToPrincipal(p.chenjing, id, 3, null), "alreadyPrincipal");
      expect(await requestsSnapshot()).toEqual(before);
    } finally {
      await revokeDelegation(p.admin, delegation, 1);
    }
  });

  it("the office reroutes to an active leader with a reason; a non-leader is refused at leaderId", async () => {
    const id = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
    const before = await requestsSnapshot();
    await expectDomainError(rerouteRequest(p.liufang, id, 3, p.zhoumin.id, "改派"), "notLeader", "leaderId");
    await expectDomainError(rerouteRequest(p.liminghua, id, 3, p.chenjing.id, "改派"), "forbidden");
    expect(await requestsSnapshot()).toEqual(before);
    const notes = await lastNotificationId();
    const { after, event } = await expectRequestStep(id, (v) => rerouteRequest(p.sunli, id, v, p.chenjing.id, "涉及人事编制。"), {
      action: "reroute",
      actor: p.sunli,
      state: "awaiting_decision",
    });
    expect(after).toMatchObject({ routedLeaderId: p.chenjing.id, routeReason: "rerouted", routeNote: "涉及人事编制。" });
    expect(event.data).toMatchObject({ fromLeaderId: p.liminghua.id, leaderId: p.chenjing.id, note: "涉及人事编制。" });
    expect(await requestNotificationsSince(notes, id)).toEqual({ request_awaiting_decision: [p.chenjing.id] });
    expect((await getRequest(p.chenjing, id)).actions).toContain("approve");
    expect((await getRequest(p.liminghua, id)).actions).toEqual([]);
  });
});

describe("countersign rules", () => {
  it("refuses oneself, the routed leader, a non-leader, an inactive leader and one already asked", async () => {
    const id = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
    const before = await requestsSnapshot();
    await expectDomainError(requestCountersign(p.liminghua, id, 3, [p.liminghua.id], null), "countersignSelf", "leaderIds");
    await expectDomainError(requestCountersign(p.liminghua, id, 3, [p.zhoumin.id], null), "countersignNotLeader", "leaderIds");
    await expectDomainError(requestCountersign(p.liminghua, id, 3, [p.chenjing.id, p.liufang.id], null), "countersignNotLeader", "leaderIds");
    await expectDomainError(requestCountersign(p.liminghua, id, 3, [999_999], null), "countersignNotLeader", "leaderIds");
    await expectDomainError(requestCountersign(p.liminghua, id, 3, [], null), "required", "leaderIds");
    // Only the routed leader asks.
    await expectDomainError(requestCountersign(p.liufang, id, 3, [p.chenjing.id], null), "forbidden");
    expect(await requestsSnapshot()).toEqual(before);
    await requestCountersign(p.liminghua, id, 3, [p.chenjing.id], null);
    const mid = await requestsSnapshot();
    await expectDomainError(requestCountersign(p.liminghua, id, 4, [p.chenjing.id], null), "alreadyCountersigning", "leaderIds");
    await expectDomainError(requestCountersign(p.liminghua, id, 4, [p.zhangweidong.id, p.chenjing.id], null), "alreadyCountersigning", "leaderIds");
    // A leader not asked cannot countersign.
    await expectDomainError(countersignRequest(p.zhangweidong, id, 4, "意见"), "notFound");
    expect(await requestsSnapshot()).toEqual(mid);
  });

  it("a leader who is inactive cannot be asked", async () => {
    const u = await insertUser({ roles: ["deputy"], departmentId: await deptId("校领导"), active: false });
    const id = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
    const before = await requestsSnapshot();
    await expectDomainError(requestCountersign(p.liminghua, id, 3, [u.id], null), "countersignNotLeader", "leaderIds");
    expect(await requestsSnapshot()).toEqual(before);
  });
});

describe("delegation stamping", () => {
  it("a delegate of the routed leader decides on their behalf; the department sees who and for whom", async () => {
    const id = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
    await expectDomainError(getRequest(p.chenjing, id), "notFound");
    const delegation = await createDelegation(p.admin, { fromUserId: p.liminghua.id, toUserId: p.chenjing.id, startsOn: inDays(0), endsOn: inDays(5), departmentIds: [], note: "出差" });
    try {
      const detail = await getRequest(p.chenjing, id);
      expect(detail.actingFor).toBe("李明华");
      expect((await listRequests(p.chenjing, { scope: "leader" })).rows.map((r) => r.id)).toContain(id);
      await expectRequestStep(id, (v) => requestCountersign(p.chenjing, id, v, [p.zhangweidong.id], null), {
        action: "request_countersign",
        actor: p.chenjing,
        state: "awaiting_decision",
        onBehalfOf: p.liminghua.id,
      });
      await countersignRequest(p.zhangweidong, id, 4, "同意。");
      const { after } = await expectRequestStep(id, (v) => decideRequest(p.chenjing, id, v, "instruct", "同意，代李副校长批。"), {
        action: "instruct",
        actor: p.chenjing,
        state: "instructed",
        onBehalfOf: p.liminghua.id,
      });
      expect(after).toMatchObject({ decidedById: p.chenjing.id, decidedOnBehalfOfId: p.liminghua.id });
      const seen = await getRequest(p.zhoumin, id);
      expect(seen).toMatchObject({ decidedByName: "陈静", decidedOnBehalfOfName: "李明华" });
      expect(seen.events.at(-1)).toMatchObject({ actorName: "陈静", onBehalfOfName: "李明华" });
      // The item made from it carries the leader the decision was made for.
      const { itemId } = await convertRequestToItem(p.liufang, id, 6, {
        title: "落实",
        body: "",
        leadDepartmentId: await deptId("教务处"),
        supportDepartmentIds: [],
        dueOn: inDays(10),
        urgency: "normal",
      });
      const [item] = await getSql()<{ assignerId: number }[]>`select assigner_id as "assignerId" from items where id = ${itemId}`;
      expect(item.assignerId).toBe(p.liminghua.id);
    } finally {
      await revokeDelegation(p.admin, delegation, 1);
    }
  });

  it("a delegate of a countersigner countersigns on their behalf (stamped)", async () => {
    const id = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
    await requestCountersign(p.liminghua, id, 3, [p.zhangweidong.id], null);
    const delegation = await createDelegation(p.admin, { fromUserId: p.zhangweidong.id, toUserId: p.chenjing.id, startsOn: inDays(0), endsOn: inDays(5), departmentIds: [], note: "休假" });
    try {
      const detail = await getRequest(p.chenjing, id);
      expect(detail.actions).toEqual(["countersign"]);
      expect(detail.countersignFor).toBe("张卫东");
      await expectRequestStep(id, (v) => countersignRequest(p.chenjing, id, v, "代张副校长：同意。"), {
        action: "countersign",
        actor: p.chenjing,
        state: "awaiting_decision",
        onBehalfOf: p.zhangweidong.id,
      });
      const [cs] = (await getRequest(p.liminghua, id)).countersigns;
      expect(cs).toMatchObject({ leaderName: "张卫东", opinion: "代张副校长：同意。", signedByName: "陈静", signedOnBehalf: true });
    } finally {
      await revokeDelegation(p.admin, delegation, 1);
    }
  });

  it("a revoked delegation gives nothing: the former delegate gets notFound", async () => {
    const id = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
    const delegation = await createDelegation(p.admin, { fromUserId: p.liminghua.id, toUserId: p.chenjing.id, startsOn: inDays(0), endsOn: inDays(5), departmentIds: [], note: "出差" });
    await revokeDelegation(p.admin, delegation, 1);
    const before = await requestsSnapshot();
    await expectDomainError(decideRequest(p.chenjing, id, 3, "approve", null), "notFound");
    expect(await requestsSnapshot()).toEqual(before);
  });
});
