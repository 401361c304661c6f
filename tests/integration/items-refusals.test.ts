// Refused item actions change nothing: each refusal raises the expected DomainError (at the
// expected field) and leaves items, their departments, counters, timeline, extension requests
// and notifications exactly as they were. And the timeline itself cannot be rewritten.
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import {
  cancelItem,
  closeItem,
  decideItem,
  dispatchItem,
  proposeItem,
  registerItem,
  reportCompletion,
  reportProgress,
  requestExtension,
  rerouteItem,
  returnForRework,
  signFor,
  urgeItem,
} from "@/lib/dal/items/commands";
import type { ErrorCode } from "@/lib/dal/errors";
import { itemRegisterInput } from "@/lib/domain/items/inputs";
import { expectDomainError, insertDepartment } from "../support/db";
import { actors, deptId, inDays, itemRow, itemsSnapshot, lastItemEventId, registerForm } from "../support/items";

type People = Awaited<ReturnType<typeof loadPeople>>;
const loadPeople = () =>
  actors("liufang", "zhaolei", "wangjianguo", "liminghua", "zhoumin", "wuting", "zhengkai", "linxue", "fengyu");
let p: People;

/** Items in the states the refusals need; each refusal reads the current version itself. */
const fx = {} as { draft: number; awaiting: number; inProgress: number; completed: number };
const version = async (id: number) => (await itemRow(id)).version;

beforeAll(async () => {
  p = await loadPeople();
  const register = async () => (await registerItem(p.liufang, await registerForm({ lead: "教务处", support: ["学生处"], dueOn: inDays(20) }))).id;
  fx.draft = await register();
  fx.awaiting = await register();
  await proposeItem(p.liufang, fx.awaiting, 1, "拟请阅示");
  fx.inProgress = await register();
  await proposeItem(p.liufang, fx.inProgress, 1, "拟请阅示");
  await decideItem(p.liminghua, fx.inProgress, 2, "approve", null);
  await signFor(p.wuting, fx.inProgress, 3);
  fx.completed = await register();
  await proposeItem(p.liufang, fx.completed, 1, "拟请阅示");
  await decideItem(p.liminghua, fx.completed, 2, "approve", null);
  await signFor(p.wuting, fx.completed, 3);
  await reportCompletion(p.zhoumin, fx.completed, 4, "已办结");
});

type Refusal = { name: string; code: ErrorCode; field?: string; run: () => Promise<unknown> };

const refusals: Refusal[] = [
  // A department member trying the office's (or a leader's) actions.
  { name: "a staff member registers an item", code: "forbidden", run: async () => registerItem(p.zhengkai, await registerForm({ lead: "教务处" })) },
  { name: "a liaison proposes a draft", code: "forbidden", run: async () => proposeItem(p.wuting, fx.draft, await version(fx.draft), "拟办") },
  { name: "a head dispatches a draft", code: "forbidden", run: async () => dispatchItem(p.zhoumin, fx.draft, await version(fx.draft)) },
  { name: "a staff member reroutes", code: "forbidden", run: async () => rerouteItem(p.zhengkai, fx.awaiting, await version(fx.awaiting), p.wangjianguo.id, "改送校长") },
  { name: "a head decides in the deputy's place", code: "forbidden", run: async () => decideItem(p.zhoumin, fx.awaiting, await version(fx.awaiting), "approve", null) },
  { name: "a head closes the item", code: "forbidden", run: async () => closeItem(p.zhoumin, fx.completed, await version(fx.completed), null) },
  { name: "a liaison returns it for rework", code: "forbidden", run: async () => returnForRework(p.wuting, fx.completed, await version(fx.completed), "返工") },
  { name: "a staff member urges", code: "forbidden", run: async () => urgeItem(p.zhengkai, fx.inProgress, await version(fx.inProgress), null) },
  { name: "office staff (not the director) cancel", code: "forbidden", run: async () => cancelItem(p.zhaolei, fx.inProgress, await version(fx.inProgress), "撤销") },
  { name: "a staff member reports completion for the lead department", code: "forbidden", run: async () => reportCompletion(p.zhengkai, fx.inProgress, await version(fx.inProgress), "完成") },
  {
    name: "the support department's liaison asks for an extension",
    code: "forbidden",
    run: async () => requestExtension(p.linxue, fx.inProgress, await version(fx.inProgress), { requestedDueOn: inDays(30), reason: "workload", note: null }),
  },
  { name: "someone of an uninvolved department reports progress", code: "notFound", run: async () => reportProgress(p.fengyu, fx.inProgress, await version(fx.inProgress), "进展") },
  { name: "someone of an uninvolved department signs for it", code: "notFound", run: async () => signFor(p.fengyu, fx.inProgress, await version(fx.inProgress)) },

  // Allowed for this person, but not in this state.
  { name: "the office closes a draft", code: "wrongState", run: async () => closeItem(p.liufang, fx.draft, await version(fx.draft), null) },
  { name: "the office proposes an item in progress", code: "wrongState", run: async () => proposeItem(p.liufang, fx.inProgress, await version(fx.inProgress), "拟办") },
  { name: "the liaison signs for a draft", code: "wrongState", run: async () => signFor(p.wuting, fx.draft, await version(fx.draft)) },
  { name: "the deputy decides an item already in progress", code: "wrongState", run: async () => decideItem(p.liminghua, fx.inProgress, await version(fx.inProgress), "approve", null) },
  { name: "the head reports completion twice", code: "wrongState", run: async () => reportCompletion(p.zhoumin, fx.completed, await version(fx.completed), "完成") },

  // A stale version (someone else acted since the page was loaded).
  { name: "the office proposes with a stale version", code: "conflict", run: async () => proposeItem(p.liufang, fx.draft, (await version(fx.draft)) + 1, "拟办") },
  { name: "progress with the version before signing", code: "conflict", run: async () => reportProgress(p.zhengkai, fx.inProgress, (await version(fx.inProgress)) - 1, "进展") },

  // Bad input.
  { name: "a due date in the past", code: "dueInPast", field: "dueOn", run: async () => registerItem(p.liufang, await registerForm({ lead: "教务处", dueOn: inDays(-1) })) },
  {
    name: "a support sub-deadline after the item's due date",
    code: "subDueOutOfRange",
    run: async () => registerItem(p.liufang, await registerForm({ lead: "教务处", support: ["学生处"], dueOn: inDays(10), supportDue: { 学生处: inDays(11) } })),
  },
  {
    name: "an unknown lead department",
    code: "unknownDepartment",
    field: "leadDepartmentId",
    run: async () => registerItem(p.liufang, { ...(await registerForm({ lead: "教务处" })), leadDepartmentId: 2_000_000_000 }),
  },
  {
    name: "an unknown support department",
    code: "unknownDepartment",
    field: "supportDepartmentIds",
    run: async () => registerItem(p.liufang, { ...(await registerForm({ lead: "教务处" })), supportDepartmentIds: [2_000_000_000] }),
  },
  {
    name: "a disabled support department",
    code: "unknownDepartment",
    field: "supportDepartmentIds",
    run: async () => {
      const gone = await insertDepartment();
      await getSql()`update departments set active = false where id = ${gone.id}`;
      return registerItem(p.liufang, { ...(await registerForm({ lead: "教务处" })), supportDepartmentIds: [gone.id] });
    },
  },
  {
    name: "an extension past a year from today",
    code: "extension_too_far",
    field: "requestedDueOn",
    run: async () => requestExtension(p.zhoumin, fx.inProgress, await version(fx.inProgress), { requestedDueOn: inDays(367), reason: "workload", note: null }),
  },
  {
    name: "an extension to a date not after the due date",
    code: "extension_not_later",
    field: "requestedDueOn",
    run: async () => requestExtension(p.zhoumin, fx.inProgress, await version(fx.inProgress), { requestedDueOn: inDays(5), reason: "workload", note: null }),
  },
  { name: "an instruction without its text", code: "required", field: "instruction", run: async () => decideItem(p.liminghua, fx.awaiting, await version(fx.awaiting), "instruct", null) },

  // Signing twice: the same person, or another signer of the department that has signed.
  { name: "the liaison signs for it again", code: "alreadySigned", run: async () => signFor(p.wuting, fx.inProgress, await version(fx.inProgress)) },
  { name: "the head signs after the liaison did", code: "alreadySigned", run: async () => signFor(p.zhoumin, fx.inProgress, await version(fx.inProgress)) },

  { name: "a signed-out caller", code: "signedOut", run: async () => reportProgress(null, fx.inProgress, await version(fx.inProgress), "进展") },
  { name: "an item that does not exist", code: "notFound", run: async () => closeItem(p.liufang, 2_000_000_000, 1, null) },
];

describe("refused item actions change nothing", () => {
  it.each(refusals)("$name → $code", async ({ run, code, field }) => {
    const before = await itemsSnapshot();
    await expectDomainError(run(), code, field);
    expect(await itemsSnapshot()).toEqual(before);
  });

  it("a support department equal to the lead is refused by the schema, at the support field", async () => {
    const lead = String(await deptId("教务处"));
    const result = itemRegisterInput.safeParse({ title: "重复部门", source: "leader", urgency: "normal", leadDepartmentId: lead, supportDepartmentIds: [lead], dueOn: inDays(10) });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ path: ["supportDepartmentIds"], message: "errors.supportIsLead" })]);
  });

  it("a support department equal to the lead that bypasses the schema is rolled back whole (no number used)", async () => {
    const input = await registerForm({ lead: "教务处" });
    const before = await itemsSnapshot();
    await expect(registerItem(p.liufang, { ...input, supportDepartmentIds: [input.leadDepartmentId] })).rejects.toThrow();
    expect(await itemsSnapshot()).toEqual(before);
  });

  it("refuses through the returned promise, never by throwing at the call", async () => {
    const v = await version(fx.awaiting);
    const before = await itemsSnapshot();
    // Not wrapped in an async function: a synchronous throw would escape expectDomainError.
    await expectDomainError(decideItem(p.liminghua, fx.awaiting, v, "instruct", null), "required", "instruction");
    await expectDomainError(signFor(null, fx.awaiting, v), "signedOut");
    expect(await itemsSnapshot()).toEqual(before);
  });

  it("a pending extension blocks a second request", async () => {
    await requestExtension(p.zhoumin, fx.inProgress, await version(fx.inProgress), { requestedDueOn: inDays(30), reason: "workload", note: null });
    const before = await itemsSnapshot();
    await expectDomainError(
      requestExtension(p.zhoumin, fx.inProgress, await version(fx.inProgress), { requestedDueOn: inDays(35), reason: "other", note: null }),
      "extensionPending",
      "requestedDueOn",
    );
    expect(await itemsSnapshot()).toEqual(before);
  });
});

describe("the item timeline is append-only", () => {
  it.each([
    ["UPDATE", (id: number) => getSql()`update item_events set action = 'tampered' where id = ${id}`],
    ["DELETE", (id: number) => getSql()`delete from item_events where id = ${id}`],
    ["UPDATE of every row", () => getSql()`update item_events set data = '{}'`],
    ["DELETE of every row", () => getSql()`delete from item_events`],
    ["TRUNCATE", () => getSql()`truncate item_events`],
  ])("refuses %s with the trigger's error", async (_, statement) => {
    const id = await lastItemEventId();
    expect(id).toBeGreaterThan(0);
    const before = await itemsSnapshot();
    await expect(statement(id)).rejects.toThrow(/append-only/);
    expect(await itemsSnapshot()).toEqual(before);
  });
});
