// One visibility rule for every list, the detail and every command: lists show exactly what
// one can open, another department learns nothing, drafts stay in the department. And the
// races: two leaders deciding at once, or a withdrawal racing a decision — exactly one wins.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/dal/actor";
import { createDelegation, revokeDelegation } from "@/lib/dal/delegations";
import { DomainError } from "@/lib/dal/errors";
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
import { readRequestAttachment, listRequestAttachments } from "@/lib/dal/requests/attachments";
import { countPendingCheck, getRequest, listRequests, scopesOf, type RequestListEntry, type RequestScope } from "@/lib/dal/requests/queries";
import type { RequestState } from "@/lib/domain/requests/lifecycle";
import { expectDomainError } from "../support/db";
import { actors, deptId, inDays } from "../support/items";
import { draftForm, proposedRequest, requestEventsOf, requestRow, requestsSnapshot, submittedRequest } from "../support/requests";

type People = Awaited<ReturnType<typeof loadPeople>>;
const loadPeople = () =>
  actors("admin", "liufang", "zhaolei", "wangjianguo", "liminghua", "zhangweidong", "chenjing", "zhoumin", "wuting", "zhengkai", "hanmei", "fengyu", "huangwei", "yuanhui");
let p: People;

beforeAll(async () => {
  p = await loadPeople();
});

async function allPages(actor: Actor, scope: RequestScope, state?: RequestState, limit = 3): Promise<RequestListEntry[]> {
  const out: RequestListEntry[] = [];
  let cursor: number | undefined;
  for (;;) {
    const page = await listRequests(actor, { scope, state, cursor, limit });
    out.push(...page.rows);
    if (!page.next) return out;
    cursor = page.next;
  }
}

async function opens(actor: Actor, id: number): Promise<boolean> {
  try {
    await getRequest(actor, id);
    return true;
  } catch (e) {
    if (e instanceof DomainError && e.code === "notFound") return false;
    throw e;
  }
}

describe("visibility", () => {
  let ids: Record<string, number>;

  beforeAll(async () => {
    ids = {
      draft: (await createRequest(p.zhengkai, draftForm())).id,
      submitted: await submittedRequest(p.wuting, p.zhoumin),
      academic: await proposedRequest(p.zhengkai, p.zhoumin, p.liufang),
      financeMajor: await proposedRequest(p.fengyu, p.hanmei, p.liufang, { major: true }),
      finance: await proposedRequest(p.fengyu, p.hanmei, p.liufang),
      hr: await proposedRequest(p.yuanhui, p.yuanhui, p.liufang),
    };
    // The HR request (routed to chenjing) asks zhangweidong to countersign.
    await requestCountersign(p.chenjing, ids.hr, 3, [p.zhangweidong.id], null);
  });

  it("who sees which, both ways", async () => {
    const expected: Record<string, (keyof People)[]> = {
      draft: ["zhoumin", "wuting", "zhengkai"],
      submitted: ["zhoumin", "wuting", "zhengkai", "liufang", "zhaolei", "wangjianguo", "liminghua"],
      academic: ["zhoumin", "wuting", "zhengkai", "liufang", "zhaolei", "wangjianguo", "liminghua"],
      financeMajor: ["hanmei", "fengyu", "liufang", "zhaolei", "wangjianguo", "zhangweidong"],
      finance: ["hanmei", "fengyu", "liufang", "zhaolei", "wangjianguo", "zhangweidong"],
      hr: ["yuanhui", "liufang", "zhaolei", "wangjianguo", "chenjing", "zhangweidong"],
    };
    for (const [key, seers] of Object.entries(expected)) {
      for (const who of Object.keys(p) as (keyof People)[]) {
        expect(await opens(p[who], ids[key]), `${who} on ${key}`).toBe(seers.includes(who));
      }
    }
  });

  it("every list shows only what one can open, and everything of its kind that one can open", async () => {
    const mine = new Set(Object.values(ids));
    for (const who of Object.keys(p) as (keyof People)[]) {
      const actor = p[who];
      const listed = new Set<number>();
      for (const scope of scopesOf(actor)) {
        const rows = await allPages(actor, scope);
        const unpaged = (await listRequests(actor, { scope, limit: 200 })).rows;
        expect(rows.map((r) => r.id)).toEqual(unpaged.map((r) => r.id));
        // Newest first.
        expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => b - a));
        for (const r of rows) {
          expect(await opens(actor, r.id), `${who} lists ${r.id} in ${scope}`).toBe(true);
          listed.add(r.id);
        }
      }
      // Department members and the office find in their lists every request they can open.
      if (!actor.roles.some((r) => r === "principal" || r === "deputy")) {
        for (const id of mine) expect(listed.has(id), `${who}: ${id}`).toBe(await opens(actor, id));
      }
    }
  });

  it("the lists by scope and state", async () => {
    const dept = await allPages(p.zhengkai, "department");
    expect(dept.map((r) => r.id)).toEqual(expect.arrayContaining([ids.draft, ids.submitted, ids.academic]));
    expect(dept.every((r) => r.departmentName === "教务处")).toBe(true);
    const toCheck = await allPages(p.liufang, "office", "submitted");
    expect(toCheck.map((r) => r.id)).toContain(ids.submitted);
    expect(toCheck.every((r) => r.state === "submitted")).toBe(true);
    expect((await allPages(p.liufang, "office")).map((r) => r.id)).not.toContain(ids.draft);
    expect(await countPendingCheck(p.liufang)).toBe(toCheck.length);
    await expectDomainError(countPendingCheck(p.zhoumin), "forbidden");
    const zw = await allPages(p.zhangweidong, "leader");
    expect(zw.map((r) => r.id)).toEqual(expect.arrayContaining([ids.finance, ids.hr]));
    expect(zw.find((r) => r.id === ids.hr)?.countersignPending).toBe(true);
    expect(zw.find((r) => r.id === ids.finance)?.countersignPending).toBe(false);
    // Scopes one does not have are refused.
    await expectDomainError(listRequests(p.zhoumin, { scope: "office" }), "forbidden");
    await expectDomainError(listRequests(p.liufang, { scope: "department" }), "forbidden");
    await expectDomainError(listRequests(p.zhoumin, { scope: "leader" }), "forbidden");
    await expectDomainError(listRequests(null, { scope: "department" }), "signedOut");
  });

  it("another department gets notFound on the detail, the files and every command, and nothing changes", async () => {
    const id = ids.academic;
    const { version } = await requestRow(id);
    const before = await requestsSnapshot();
    for (const who of [p.hanmei, p.huangwei, p.fengyu] as Actor[]) {
      await expectDomainError(getRequest(who, id), "notFound");
      await expectDomainError(listRequestAttachments(who, id), "notFound");
      await expectDomainError(readRequestAttachment(who, id, 1), "notFound");
      const leadId = await deptId("财务处");
      const calls: (() => Promise<unknown>)[] = [
        () => editRequest(who, id, version, draftForm()),
        () => submitRequest(who, id, version),
        () => withdrawRequest(who, id, version, null),
        () => returnRequest(who, id, version, "x"),
        () => proposeRequest(who, id, version, "x", false),
        () => rerouteRequest(who, id, version, p.chenjing.id, "x"),
        () => requestCountersign(who, id, version, [p.chenjing.id], null),
        () => countersignRequest(who, id, version, "x"),
        () => decideRequest(who, id, version, "approve", null),
        () => decideRequest(who, id, version, "reject", "x"),
        () => decideRequest(who, id, version, "instruct", "x"),
        () => referRequestToPrincipal(who, id, version, null),
        () => convertRequestToItem(who, id, version, { title: "x", body: "", leadDepartmentId: leadId, supportDepartmentIds: [], dueOn: inDays(5), urgency: "normal" }),
      ];
      for (const call of calls) await expectDomainError(call(), "notFound");
    }
    await expectDomainError(getRequest(p.liufang, 999_999_999), "notFound");
    await expectDomainError(getRequest(null, id), "signedOut");
    expect(await requestsSnapshot()).toEqual(before);
  });
});

describe("concurrency", () => {
  it("two leaders deciding at once (the routed leader and their delegate): exactly one wins", async () => {
    const id = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
    const delegation = await createDelegation(p.admin, { fromUserId: p.liminghua.id, toUserId: p.chenjing.id, startsOn: inDays(0), endsOn: inDays(2), departmentIds: [], note: "并发" });
    try {
      const results = await Promise.allSettled([
        decideRequest(p.liminghua, id, 3, "approve", null),
        decideRequest(p.chenjing, id, 3, "reject", "不同意。"),
        decideRequest(p.liminghua, id, 3, "instruct", "按意见办。"),
        decideRequest(p.chenjing, id, 3, "approve", null),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) {
        if (r.status === "rejected") expect(["conflict", "wrongState"]).toContain((r.reason as DomainError).code);
      }
      const row = await requestRow(id);
      expect(row.version).toBe(4);
      expect(["approved", "rejected", "instructed"]).toContain(row.state);
      const decisions = (await requestEventsOf(id)).filter((e) => ["approve", "reject", "instruct"].includes(e.action));
      expect(decisions).toHaveLength(1);
    } finally {
      await revokeDelegation(p.admin, delegation, 1);
    }
  });

  it("a withdrawal racing a decision: exactly one wins, nothing half-applied", async () => {
    for (let i = 0; i < 4; i++) {
      const id = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
      const results = await Promise.allSettled([withdrawRequest(p.zhoumin, id, 3, "撤回"), decideRequest(p.liminghua, id, 3, "approve", "同意")]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const row = await requestRow(id);
      const events = (await requestEventsOf(id)).map((e) => e.action);
      if (row.state === "withdrawn") {
        expect(row).toMatchObject({ version: 4, withdrawnReason: "撤回", decidedById: null, decisionText: null });
        expect(events).not.toContain("approve");
      } else {
        expect(row).toMatchObject({ state: "approved", version: 4, withdrawnReason: null, decidedById: p.liminghua.id });
        expect(events).not.toContain("withdraw");
      }
    }
  });

  it("a stale version is a conflict", async () => {
    const id = await submittedRequest(p.zhengkai, p.zhoumin);
    const before = await requestsSnapshot();
    await expectDomainError(proposeRequest(p.liufang, id, 1, "拟办", false), "conflict");
    expect(await requestsSnapshot()).toEqual(before);
  });
});
