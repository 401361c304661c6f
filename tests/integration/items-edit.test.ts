// Changing an item's departments, deadline or urgency before it is sent down.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/dal/actor";
import { decideItem, editItem, proposeItem, registerItem } from "@/lib/dal/items/commands";
import { getItem } from "@/lib/dal/items/queries";
import { itemEditInput } from "@/lib/domain/items/inputs";
import { expectDomainError } from "../support/db";
import { actors, deptId, eventsOf, inDays, registerForm } from "../support/items";

let p: Record<"liufang" | "liminghua" | "zhoumin" | "wangjianguo", Actor>;

beforeAll(async () => {
  p = await actors("liufang", "liminghua", "zhoumin", "wangjianguo");
});

async function awaiting() {
  const { id } = await registerItem(p.liufang, await registerForm({ lead: "教务处" }));
  await proposeItem(p.liufang, id, 1, "拟请李副校长阅示");
  return id;
}

async function editInput(id: number, version: number, over: Record<string, unknown> = {}) {
  const parsed = itemEditInput.parse({
    id: String(id),
    version: String(version),
    urgency: "urgent",
    leadDepartmentId: String(await deptId("学生处")),
    supportDepartmentIds: [String(await deptId("教务处"))],
    [`supportDue_${await deptId("教务处")}`]: inDays(5),
    dueOn: inDays(12),
    note: "改由学生处牵头",
    ...over,
  });
  const { id: _id, version: _v, ...input } = parsed;
  void _id;
  void _v;
  return input;
}

describe("editing an item before it is sent", () => {
  it("lets the deciding leader change departments, deadline and urgency, recorded before and after", async () => {
    const id = await awaiting();
    const result = await editItem(p.liminghua, await editInput(id, 2), id, 2);
    expect(result).toEqual({ version: 3, state: "awaiting_decision" });
    const item = await getItem(p.liufang, id);
    expect(item.urgency).toBe("urgent");
    expect(item.dueOn).toBe(inDays(12));
    expect(item.departments.map((d) => [d.name, d.role, d.dueOn])).toEqual([
      ["学生处", "lead", null],
      ["教务处", "support", inDays(5)],
    ]);
    const [event] = (await eventsOf(id)).filter((e) => e.action === "edit");
    expect(event.actorId).toBe(p.liminghua.id);
    expect(event.data).toMatchObject({ before: { leadDepartmentId: await deptId("教务处") }, after: { leadDepartmentId: await deptId("学生处") }, note: "改由学生处牵头" });
  });

  it("refuses a department member, a stale version, a past date, and an item already sent", async () => {
    const id = await awaiting();
    await expectDomainError(editItem(p.zhoumin, await editInput(id, 2), id, 2), "forbidden");
    await expectDomainError(editItem(p.liufang, await editInput(id, 2, { dueOn: inDays(-1) }), id, 2), "dueInPast", "dueOn");
    await editItem(p.liufang, await editInput(id, 2), id, 2);
    await expectDomainError(editItem(p.liufang, await editInput(id, 2), id, 2), "conflict");
    await decideItem(p.liminghua, id, 3, "approve", null);
    await expectDomainError(editItem(p.liufang, await editInput(id, 4), id, 4), "wrongState");
  });

  it("refuses a support department equal to the lead in the schema", async () => {
    const lead = await deptId("学生处");
    expect(() => itemEditInput.parse({ id: "1", version: "1", urgency: "normal", leadDepartmentId: String(lead), supportDepartmentIds: [String(lead)], dueOn: inDays(3) })).toThrow();
  });
});

describe("the ledger sorted by due date", () => {
  it("pages on (due date, id) without repeats or gaps", async () => {
    const { ledger } = await import("@/lib/dal/items/queries");
    const all = await ledger(p.liufang, { sort: "due" }, { limit: 500 });
    const sorted = [...all].sort((a, b) => (a.dueOn === b.dueOn ? a.id - b.id : a.dueOn < b.dueOn ? -1 : 1));
    expect(all.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
    const seen: number[] = [];
    let after: { dueOn: string; id: number } | undefined;
    for (;;) {
      const page = await ledger(p.liufang, { sort: "due" }, { after, limit: 3 });
      seen.push(...page.map((r) => r.id));
      if (page.length < 3) break;
      after = { dueOn: page[2].dueOn, id: page[2].id };
    }
    expect(seen).toEqual(all.map((r) => r.id));
  });
});
