// What the data layer refuses for coordination matters, and that a refusal changes nothing: the
// authorization matrix (action × role), visibility both ways (not found on the detail and on
// every command; lists hold exactly what one can open), and bad input at its field.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSql } from "@/db/client";
import { departments } from "@/db/schema";
import { eq } from "drizzle-orm";
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
  type MatterResult,
} from "@/lib/dal/coordination/commands";
import { getMatter, listMatters } from "@/lib/dal/coordination/queries";
import { createDelegation, revokeDelegation } from "@/lib/dal/delegations";
import type { CoordinationAction } from "@/lib/domain/coordination/lifecycle";
import type { PointInput } from "@/lib/domain/coordination/inputs";
import { actorFor, expectDomainError, insertDepartment, insertUser } from "../support/db";
import { actors, deptId, inDays } from "../support/items";
import { coordinationSnapshot, matterRow, pointsForm, raise, raiseForm } from "../support/coordination";

const LOGINS = [
  "liufang",
  "zhaolei",
  "zhoumin",
  "wuting",
  "zhengkai",
  "huangwei",
  "linxue",
  "hejun",
  "hanmei",
  "tangjing",
  "liminghua",
  "zhangweidong",
  "chenjing",
  "wangjianguo",
  "admin",
  "qianjun",
] as const;
type Login = (typeof LOGINS)[number];
let p: Record<Login, Actor>;
let points: PointInput[];

beforeAll(async () => {
  p = await actors(...LOGINS);
  points = await pointsForm([{ dept: "学生处", text: "落实议定事项", dueOn: inDays(5) }]);
});

type State = "raised" | "accepted" | "in_consultation" | "escalated" | "agreed";

/** A matter raised by 教务处 naming 学生处, brought to a state; returns its id and version. */
async function matterIn(state: State): Promise<{ id: number; version: number }> {
  const id = await raise(p.zhoumin, { parties: { 学生处: "请学生处协助" } });
  let v = 1;
  if (state !== "raised") v = (await acceptMatter(p.liufang, id, v)).version;
  if (state === "in_consultation" || state === "agreed") v = (await logConsultation(p.liufang, id, v, "已沟通")).version;
  if (state === "agreed") v = (await recordAgreement(p.liufang, id, v, points)).version;
  if (state === "escalated") v = (await escalateMatter(p.liufang, id, v, { summary: "分歧", proposal: "建议" })).version;
  return { id, version: v };
}

const RUN: Record<Exclude<CoordinationAction, "raise">, { state: State; run: (a: Actor, id: number, v: number) => Promise<MatterResult> }> = {
  accept: { state: "raised", run: (a, id, v) => acceptMatter(a, id, v) },
  decline: { state: "raised", run: (a, id, v) => declineMatter(a, id, v, "不予受理") },
  state_position: { state: "accepted", run: (a, id, v) => statePosition(a, id, v, "本部门意见") },
  log_consultation: { state: "accepted", run: (a, id, v) => logConsultation(a, id, v, "沟通记录") },
  propose_meeting: { state: "accepted", run: (a, id, v) => proposeMeeting(a, id, v, "周五上午协调会") },
  record_agreement: { state: "in_consultation", run: (a, id, v) => recordAgreement(a, id, v, points) },
  escalate: { state: "in_consultation", run: (a, id, v) => escalateMatter(a, id, v, { summary: "分歧", proposal: "建议" }) },
  decide: { state: "escalated", run: (a, id, v) => decideMatter(a, id, v, "决定如下") },
  close: { state: "agreed", run: (a, id, v) => closeMatter(a, id, v, null) },
};

const OFFICE: Login[] = ["liufang", "zhaolei"];
const ALLOWED: Record<keyof typeof RUN, Login[]> = {
  accept: OFFICE,
  decline: OFFICE,
  // Heads and liaisons of every party department, the raiser's included.
  state_position: ["zhoumin", "wuting", "huangwei", "linxue"],
  log_consultation: OFFICE,
  propose_meeting: OFFICE,
  record_agreement: OFFICE,
  escalate: OFFICE,
  // The routed deputy (教务处 and 学生处 are both 李明华's).
  decide: ["liminghua"],
  close: OFFICE,
};
// Who cannot even see a matter between 教务处 and 学生处.
const INVISIBLE: Login[] = ["hanmei", "tangjing", "zhangweidong", "chenjing", "admin", "qianjun"];

describe("the authorization matrix", () => {
  for (const [action, { state, run }] of Object.entries(RUN) as [keyof typeof RUN, (typeof RUN)[keyof typeof RUN]][]) {
    it(`${action}: only ${ALLOWED[action].join(", ")}; the others refused, changing nothing`, async () => {
      const { id, version } = await matterIn(state);
      const before = await coordinationSnapshot();
      for (const login of LOGINS) {
        if (ALLOWED[action].includes(login)) continue;
        await expectDomainError(run(p[login], id, version), INVISIBLE.includes(login) ? "notFound" : "forbidden");
        expect(await coordinationSnapshot(), `${action} by ${login}`).toEqual(before);
      }
      for (const login of ALLOWED[action]) {
        const fresh = await matterIn(state);
        const result = await run(p[login], fresh.id, fresh.version);
        expect(result.version).toBe(fresh.version + 1);
      }
    });
  }

  it("raise: only department heads", async () => {
    const input = await raiseForm({ parties: { 学生处: "请协助" } });
    const before = await coordinationSnapshot();
    for (const login of ["liufang", "zhaolei", "wuting", "zhengkai", "linxue", "liminghua", "wangjianguo", "admin", "qianjun"] as const) {
      await expectDomainError(raiseMatter(p[login], input), "forbidden");
    }
    await expectDomainError(raiseMatter(null, input), "signedOut");
    expect(await coordinationSnapshot()).toEqual(before);
    expect((await raiseMatter(p.huangwei, await raiseForm({ parties: { 教务处: "请协助" } }))).number).toMatch(/^协〔\d{4}〕\d+号$/);
  });

  it("a signed-out caller gets nothing", async () => {
    const { id, version } = await matterIn("raised");
    await expectDomainError(acceptMatter(null, id, version), "signedOut");
    await expectDomainError(getMatter(null, id), "signedOut");
    await expectDomainError(listMatters(null), "signedOut");
  });

  it("a stale version is a conflict, a repeated action the wrong state", async () => {
    const { id, version } = await matterIn("raised");
    await acceptMatter(p.liufang, id, version);
    const before = await coordinationSnapshot();
    await expectDomainError(acceptMatter(p.zhaolei, id, version), "conflict");
    await expectDomainError(acceptMatter(p.zhaolei, id, version + 1), "wrongState");
    await expectDomainError(decideMatter(p.liminghua, id, version + 1, "决定"), "forbidden");
    expect(await coordinationSnapshot()).toEqual(before);
  });
});

describe("visibility", () => {
  it("a department not party to a matter gets not found on the detail and on every command", async () => {
    const states: State[] = ["raised", "accepted", "in_consultation", "escalated", "agreed"];
    for (const state of states) {
      const { id, version } = await matterIn(state);
      const before = await coordinationSnapshot();
      for (const login of INVISIBLE) {
        await expectDomainError(getMatter(p[login], id), "notFound");
        for (const { run } of Object.values(RUN)) await expectDomainError(run(p[login], id, version), "notFound");
      }
      expect(await coordinationSnapshot()).toEqual(before);
      for (const login of ["liufang", "zhaolei", "wangjianguo", "zhoumin", "wuting", "zhengkai", "huangwei", "linxue", "hejun", "liminghua"] as const) {
        expect((await getMatter(p[login], id)).id).toBe(id);
      }
    }
    await expectDomainError(getMatter(p.liufang, 2_000_000_000), "notFound");
  });

  it("the routed leader, a delegate acting for them today, and a deputy over any party see it", async () => {
    // 教务处 (李明华) and 财务处 (张卫东): escalated to the principal.
    const id = await raise(p.zhoumin, { parties: { 财务处: "请核拨经费" } });
    await acceptMatter(p.liufang, id, 1);
    await escalateMatter(p.liufang, id, 2, { summary: "分歧", proposal: "请校长定" });
    expect((await matterRow(id)).routedLeaderId).toBe(p.wangjianguo.id);
    expect((await getMatter(p.zhangweidong, id)).id).toBe(id);
    expect((await getMatter(p.liminghua, id)).id).toBe(id);
    await expectDomainError(getMatter(p.chenjing, id), "notFound");
    const delegation = await createDelegation(p.admin, { fromUserId: p.wangjianguo.id, toUserId: p.chenjing.id, startsOn: inDays(0), endsOn: inDays(3), departmentIds: [], note: null });
    try {
      const seen = await getMatter(p.chenjing, id);
      expect(seen.actions).toEqual(["decide"]);
      expect(seen.actingFor).toBe(p.wangjianguo.name);
      expect((await listMatters(p.chenjing, { scope: "open", awaitingMe: true })).map((m) => m.id)).toContain(id);
    } finally {
      await revokeDelegation(p.admin, delegation, 1);
    }
    await expectDomainError(getMatter(p.chenjing, id), "notFound");
  });

  it("the person who raised it keeps seeing it after moving to another department", async () => {
    const from = await insertDepartment();
    const head = await insertUser({ roles: ["dept_head"], departmentId: from.id });
    const id = await raise(await actorFor(head.id), { parties: { 学生处: "请协助" } });
    const to = await insertDepartment();
    await getSql()`update users set department_id = ${to.id} where id = ${head.id}`;
    const moved = await actorFor(head.id);
    expect((await getMatter(moved, id)).id).toBe(id);
    // But no longer acts for the raising department.
    expect((await getMatter(moved, id)).actions).toEqual([]);
  });

  it("every list holds exactly the matters its reader can open", async () => {
    await matterIn("escalated");
    const all = (await getSql()<{ id: number }[]>`select id from coordination_matters order by id`).map((r) => r.id);
    for (const login of LOGINS) {
      const listed = new Set((await listMatters(p[login], { scope: "all", limit: 500 })).map((m) => m.id));
      const openable = new Set<number>();
      for (const id of all) {
        const ok = await getMatter(p[login], id).then(
          () => true,
          () => false,
        );
        if (ok) openable.add(id);
      }
      expect([...listed].sort(), login).toEqual([...openable].sort());
      const open = await listMatters(p[login], { scope: "open", limit: 500 });
      for (const m of open) expect(listed.has(m.id)).toBe(true);
    }
  });

  it("sorts the office's open matters by rung, highest first, then by age", async () => {
    const open = await listMatters(p.liufang, { scope: "open", limit: 500 });
    const rank = { office: 0, meeting: 1, deputy: 2, principal: 3 };
    for (let i = 1; i < open.length; i++) {
      expect(rank[open[i - 1].rung]).toBeGreaterThanOrEqual(rank[open[i].rung]);
      if (open[i - 1].rung === open[i].rung) expect(open[i - 1].raisedOn <= open[i].raisedOn).toBe(true);
    }
    expect(open.every((m) => !["declined", "decided", "closed"].includes(m.state))).toBe(true);
    const deputyOnly = await listMatters(p.liufang, { scope: "open", rung: "deputy" });
    expect(deputyOnly.every((m) => m.rung === "deputy")).toBe(true);
  });
});

describe("bad input", () => {
  it("refuses a matter naming no other department, only its own, an unknown or inactive one, or without a need", async () => {
    const own = await deptId("教务处");
    const students = await deptId("学生处");
    const base = await raiseForm({ parties: { 学生处: "请协助" } });
    const before = await coordinationSnapshot();
    await expectDomainError(raiseMatter(p.zhoumin, { ...base, parties: [] }), "partiesRequired", "partyDepartmentIds");
    await expectDomainError(raiseMatter(p.zhoumin, { ...base, parties: [{ departmentId: own, need: "自己" }] }), "ownDepartmentOnly", "partyDepartmentIds");
    await expectDomainError(raiseMatter(p.zhoumin, { ...base, parties: [{ departmentId: students, need: "  " }] }), "needRequired", `need_${students}`);
    await expectDomainError(raiseMatter(p.zhoumin, { ...base, parties: [{ departmentId: 1_999_999_999, need: "x" }] }), "unknownDepartment", "partyDepartmentIds");
    const inactive = await insertDepartment();
    await getDb().update(departments).set({ active: false }).where(eq(departments.id, inactive.id));
    await expectDomainError(raiseMatter(p.zhoumin, { ...base, parties: [...base.parties, { departmentId: inactive.id, need: "x" }] }), "unknownDepartment", "partyDepartmentIds");
    expect(await coordinationSnapshot()).toEqual(before);
  });

  it("refuses an agreement without a consultation, without points, or with a point for a non-party, changing nothing", async () => {
    const accepted = await matterIn("accepted");
    const consulted = await matterIn("in_consultation");
    const finance = await deptId("财务处");
    const before = await coordinationSnapshot();
    await expectDomainError(recordAgreement(p.liufang, accepted.id, accepted.version, points), "consultationRequired");
    await expectDomainError(recordAgreement(p.liufang, consulted.id, consulted.version, []), "pointsRequired", "points");
    await expectDomainError(
      recordAgreement(p.liufang, consulted.id, consulted.version, [...points, { n: 2, departmentId: finance, text: "越权", dueOn: inDays(3) }]),
      "pointNotParty",
      "point_2_departmentId",
    );
    // A past due date on the second point: the first point's item is not left behind.
    await expectDomainError(
      recordAgreement(p.liufang, consulted.id, consulted.version, [...points, { n: 2, departmentId: await deptId("教务处"), text: "过期", dueOn: inDays(-1) }]),
      "dueInPast",
      "point_2_dueOn",
    );
    expect(await coordinationSnapshot()).toEqual(before);
  });

  it("refuses a decision with a point for a non-party, and missing texts at their fields", async () => {
    const escalated = await matterIn("escalated");
    const raised = await matterIn("raised");
    const consulted = await matterIn("in_consultation");
    const before = await coordinationSnapshot();
    await expectDomainError(
      decideMatter(p.liminghua, escalated.id, escalated.version, "决定", [{ n: 1, departmentId: await deptId("财务处"), text: "x", dueOn: inDays(3) }]),
      "pointNotParty",
      "point_1_departmentId",
    );
    await expectDomainError(decideMatter(p.liminghua, escalated.id, escalated.version, " "), "required", "decision");
    await expectDomainError(declineMatter(p.liufang, raised.id, raised.version, ""), "required", "reason");
    await expectDomainError(escalateMatter(p.liufang, consulted.id, consulted.version, { summary: "", proposal: "x" }), "required", "summary");
    await expectDomainError(escalateMatter(p.liufang, consulted.id, consulted.version, { summary: "x", proposal: "" }), "required", "proposal");
    await expectDomainError(logConsultation(p.liufang, consulted.id, consulted.version, ""), "required", "note");
    await expectDomainError(proposeMeeting(p.liufang, consulted.id, consulted.version, ""), "required", "note");
    expect(await coordinationSnapshot()).toEqual(before);
  });
});
