// Regressions from the security review of the requests, sign-in and integration-API work:
// each case failed before its fix.
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import { loadActor } from "@/lib/dal/actor";
import { createDelegation, revokeDelegation } from "@/lib/dal/delegations";
import { convertRequestToItem, decideRequest, rerouteRequest } from "@/lib/dal/requests/commands";
import { getRequest } from "@/lib/dal/requests/queries";
import { createServiceAccount } from "@/lib/dal/service-accounts";
import { getUser, updateUser } from "@/lib/dal/users";
import { actorFor, expectDomainError, insertUser, unique } from "../support/db";
import { actors, deptId, inDays } from "../support/items";
import { proposedRequest, requestRow, requestsSnapshot } from "../support/requests";

let p: Awaited<ReturnType<typeof load>>;
const load = () => actors("admin", "liufang", "zhoumin", "zhengkai");

beforeAll(async () => {
  p = await load();
});

describe("a request's decider", () => {
  it("a delegate who decided for a leader may not act as the decider once the delegation has ended", async () => {
    // Fresh leaders, so that no other test's delegation overlaps this one.
    const leader = await actorFor((await insertUser({ roles: ["deputy"] })).id);
    const stand = await actorFor((await insertUser({ roles: ["deputy"] })).id);
    const id = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang);
    await rerouteRequest(p.liufang, id, 3, leader.id, "改送分管领导。");
    const delegation = await createDelegation(p.admin, { fromUserId: leader.id, toUserId: stand.id, startsOn: inDays(0), endsOn: inDays(5), departmentIds: [], note: "出差" });
    await decideRequest(stand, id, 4, "approve", null);
    expect(await requestRow(id)).toMatchObject({ state: "approved", version: 5, decidedById: stand.id, decidedOnBehalfOfId: leader.id });
    // While the delegation holds, the delegate may still turn the decision into an item.
    expect((await getRequest(stand, id)).actions).toContain("convert_to_assignment");

    await revokeDelegation(p.admin, delegation, 1);
    expect((await getRequest(stand, id)).actions).not.toContain("convert_to_assignment");
    const before = await requestsSnapshot();
    const input = { title: "落实", body: "", leadDepartmentId: await deptId("教务处"), supportDepartmentIds: [], dueOn: inDays(10), urgency: "normal" as const };
    await expectDomainError(convertRequestToItem(stand, id, 5, input), "forbidden");
    expect(await requestsSnapshot()).toEqual(before);
    // The leader the decision was made for still may.
    expect((await getRequest(leader, id)).actions).toContain("convert_to_assignment");
  });
});

describe("service accounts", () => {
  it("an admin may not give a service account admin or a leader's role by editing it", async () => {
    const id = await createServiceAccount(p.admin, { login: unique("svc"), name: "文档系统", title: null, departmentId: await deptId("教务处"), roles: ["dept_staff"] });
    const u = await getUser(p.admin, id);
    const profile = { name: u.name, email: null, title: null, departmentId: u.departmentId };
    for (const roles of [["admin"], ["principal"], ["deputy"], ["dept_staff", "dept_head"]] as const) {
      await expectDomainError(updateUser(p.admin, id, u.version, { ...profile, roles: [...roles] }), "forbidden", "roles");
    }
    expect((await getUser(p.admin, id)).roles).toEqual(["dept_staff"]);
    // Staff roles may still change.
    await updateUser(p.admin, id, u.version, { ...profile, roles: ["dept_liaison", "dept_staff"] });
    expect((await getUser(p.admin, id)).roles).toEqual(["dept_liaison", "dept_staff"]);
  });
});

describe("service accounts", () => {
  it("have no session: a session for one is refused however it was obtained", async () => {
    const robot = await insertUser({ roles: ["dept_staff"] });
    await getSql()`update users set service = true where id = ${robot.id}`;
    expect(await loadActor(robot.id, robot.sessionVersion)).toBeNull();
  });
});


describe("a delegation limited to some departments", () => {
  it("lets the delegate see, as act on, only the leader's records of those departments", async () => {
    const { getItem } = await import("@/lib/dal/items/queries");
    const { proposeItem, registerItem } = await import("@/lib/dal/items/commands");
    const { registerForm } = await import("../support/items");
    const [liminghua, chenjing] = [await actorFor("liminghua"), await actorFor("chenjing")];
    const proposed = async (lead: string) => {
      const { id } = await registerItem(p.liufang, await registerForm({ lead }));
      await proposeItem(p.liufang, id, 1, "拟请审定。");
      return id;
    };
    const inScope = await proposed("学生处");
    const outOfScope = await proposed("教务处");
    const request = await proposedRequest(p.zhengkai, p.zhoumin, p.liufang); // 教务处's, routed to 李明华
    const delegation = await createDelegation(p.admin, {
      fromUserId: liminghua.id,
      toUserId: chenjing.id,
      startsOn: inDays(0),
      endsOn: inDays(3),
      departmentIds: [await deptId("学生处")],
      note: "代管学生工作",
    });
    try {
      expect((await getItem(chenjing, inScope)).id).toBe(inScope);
      await expectDomainError(getItem(chenjing, outOfScope), "notFound");
      await expectDomainError(getRequest(chenjing, request), "notFound");
    } finally {
      await revokeDelegation(p.admin, delegation, 1);
    }
  });
});
