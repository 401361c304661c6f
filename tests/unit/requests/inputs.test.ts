import { describe, expect, it } from "vitest";
import {
  convertRequestInput,
  countersignInput,
  decideRequestInput,
  proposeRequestInput,
  referRequestInput,
  requestCountersignInput,
  requestDraftInput,
  requestEditInput,
  rerouteRequestInput,
  returnRequestInput,
  withdrawRequestInput,
} from "@/lib/domain/requests/inputs";

const draft = { title: "关于购置设备的请示", question: "是否同意？", urgency: "normal" };
const ref = { id: "7", version: "3" };

/** The message key at each failing field. */
function errors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  expect(result.success).toBe(false);
  return Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
}

describe("requestDraftInput", () => {
  it("trims, defaults the optional texts to empty and the wished-for date to null", () => {
    expect(requestDraftInput.parse({ ...draft, title: "  标题  ", wishedBy: "" })).toEqual({
      title: "标题",
      background: "",
      question: "是否同意？",
      options: "",
      recommendation: "",
      urgency: "normal",
      wishedBy: null,
    });
    expect(requestDraftInput.parse({ ...draft, wishedBy: "2026-05-01" }).wishedBy).toBe("2026-05-01");
  });

  it("requires the title, the question and the urgency", () => {
    expect(errors(requestDraftInput.safeParse({ title: " ", question: "" }))).toEqual({ title: "errors.required", question: "errors.required", urgency: "errors.choose" });
    expect(errors(requestDraftInput.safeParse({ ...draft, urgency: "whenever" }))).toEqual({ urgency: "errors.choose" });
  });

  it("limits the lengths: title 200, question and recommendation 5,000, background and options 20,000", () => {
    expect(requestDraftInput.safeParse({ ...draft, title: "字".repeat(200) }).success).toBe(true);
    expect(errors(requestDraftInput.safeParse({ ...draft, title: "字".repeat(201) }))).toEqual({ title: "errors.tooLong" });
    expect(errors(requestDraftInput.safeParse({ ...draft, question: "x".repeat(5_001) }))).toEqual({ question: "errors.tooLong" });
    expect(errors(requestDraftInput.safeParse({ ...draft, recommendation: "x".repeat(5_001) }))).toEqual({ recommendation: "errors.tooLong" });
    expect(requestDraftInput.safeParse({ ...draft, background: "x".repeat(20_000), options: "x".repeat(20_000) }).success).toBe(true);
    expect(errors(requestDraftInput.safeParse({ ...draft, background: "x".repeat(20_001), options: "x".repeat(20_001) }))).toEqual({
      background: "errors.tooLong",
      options: "errors.tooLong",
    });
  });

  it("refuses a malformed date", () => {
    expect(errors(requestDraftInput.safeParse({ ...draft, wishedBy: "2026-02-30" }))).toEqual({ wishedBy: "errors.date" });
    expect(errors(requestDraftInput.safeParse({ ...draft, wishedBy: "next week" }))).toEqual({ wishedBy: "errors.date" });
  });

  it("editing takes the id and version too", () => {
    expect(requestEditInput.parse({ ...ref, ...draft })).toMatchObject({ id: 7, version: 3, title: draft.title });
    expect(errors(requestEditInput.safeParse({ ...draft, id: "x" }))).toMatchObject({ id: "errors.required" });
  });
});

describe("office and leader inputs", () => {
  it("return needs a comment; withdraw's reason is optional", () => {
    expect(errors(returnRequestInput.safeParse({ ...ref, comment: "  " }))).toEqual({ comment: "errors.required" });
    expect(returnRequestInput.parse({ ...ref, comment: "补充材料" }).comment).toBe("补充材料");
    expect(withdrawRequestInput.parse({ ...ref, reason: "" }).reason).toBeNull();
    expect(errors(withdrawRequestInput.safeParse({ ...ref, reason: "x".repeat(5_001) }))).toEqual({ reason: "errors.tooLong" });
  });

  it("propose needs the proposal; major is a checkbox", () => {
    expect(proposeRequestInput.parse({ ...ref, proposal: "拟同意", major: "on" })).toMatchObject({ proposal: "拟同意", major: true });
    expect(proposeRequestInput.parse({ ...ref, proposal: "拟同意" }).major).toBe(false);
    expect(errors(proposeRequestInput.safeParse({ ...ref, proposal: "" }))).toEqual({ proposal: "errors.required" });
  });

  it("reroute needs a leader and a reason", () => {
    expect(errors(rerouteRequestInput.safeParse({ ...ref, leaderId: "", note: "" }))).toEqual({ leaderId: "errors.required", note: "errors.required" });
    expect(rerouteRequestInput.parse({ ...ref, leaderId: "4", note: "分管调整" })).toMatchObject({ leaderId: 4, note: "分管调整" });
  });

  it("countersign requests take one or several leaders; an opinion is required", () => {
    expect(requestCountersignInput.parse({ ...ref, leaderIds: ["3", "4", "3"] }).leaderIds).toEqual([3, 4]);
    expect(requestCountersignInput.parse({ ...ref, leaderIds: "3", note: "" })).toMatchObject({ leaderIds: [3], note: null });
    expect(errors(requestCountersignInput.safeParse({ ...ref }))).toEqual({ leaderIds: "errors.required" });
    expect(errors(countersignInput.safeParse({ ...ref, opinion: " " }))).toEqual({ opinion: "errors.required" });
  });

  it("a decision: approve with or without a note; reject and instruct need the text", () => {
    expect(decideRequestInput.parse({ ...ref, decision: "approve", text: "" })).toMatchObject({ decision: "approve", text: null });
    expect(decideRequestInput.parse({ ...ref, decision: "approve" }).text).toBeNull();
    expect(errors(decideRequestInput.safeParse({ ...ref, decision: "reject", text: "  " }))).toEqual({ text: "errors.required" });
    expect(errors(decideRequestInput.safeParse({ ...ref, decision: "instruct" }))).toEqual({ text: "errors.required" });
    expect(decideRequestInput.parse({ ...ref, decision: "instruct", text: "同意" }).text).toBe("同意");
    expect(errors(decideRequestInput.safeParse({ ...ref, decision: "maybe", text: "x" }))).toEqual({ decision: "errors.choose" });
    expect(errors(decideRequestInput.safeParse({ ...ref, decision: "instruct", text: "x".repeat(5_001) }))).toEqual({ text: "errors.tooLong" });
  });

  it("refer's note is optional", () => {
    expect(referRequestInput.parse({ ...ref }).note).toBeNull();
  });

  it("converting needs a title, a lead department, a due date and an urgency; support may not repeat the lead", () => {
    const ok = { ...ref, title: "落实", leadDepartmentId: "3", supportDepartmentIds: ["4", "5"], dueOn: "2026-06-01", urgency: "urgent" };
    expect(convertRequestInput.parse(ok)).toEqual({ id: 7, version: 3, title: "落实", body: "", leadDepartmentId: 3, supportDepartmentIds: [4, 5], dueOn: "2026-06-01", urgency: "urgent" });
    expect(errors(convertRequestInput.safeParse({ ...ok, supportDepartmentIds: ["3"] }))).toEqual({ supportDepartmentIds: "errors.supportIsLead" });
    expect(errors(convertRequestInput.safeParse({ ...ref }))).toMatchObject({ title: "errors.required", leadDepartmentId: "errors.required", dueOn: "errors.required" });
  });
});
