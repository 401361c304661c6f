import { describe, expect, it } from "vitest";
import { noticePublishInput, noticeReplyInput, noticeConfirmInput, noticeReviseInput } from "@/lib/domain/notices/inputs";

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe("publishing input", () => {
  it("reads the form: audience, receipt and deadline", () => {
    const v = noticePublishInput.parse({ kind: "notice", title: " 关于期末考试的通知 ", body: "正文", departmentIds: ["3", "4", "3"], roles: "deputy", userIds: "7", receiptRequired: "on", receiptDueAt: "2026-11-20T17:00" });
    expect(v).toEqual({ kind: "notice", title: "关于期末考试的通知", body: "正文", audience: { departmentIds: [3, 4], roles: ["deputy"], userIds: [7] }, receiptRequired: true, receiptDueAt: "2026-11-20T17:00" });
  });

  it("refuses an empty audience, too long a text, a bad deadline or an unknown role", () => {
    expect(issues(noticePublishInput.safeParse({ kind: "notice", title: "x" }))).toEqual({ audience: "errors.audienceEmpty" });
    expect(issues(noticePublishInput.safeParse({ kind: "notice", title: "x".repeat(201), userIds: "1" }))).toEqual({ title: "errors.tooLong" });
    expect(issues(noticePublishInput.safeParse({ kind: "notice", title: "x", body: "y".repeat(20_001), userIds: "1" }))).toEqual({ body: "errors.tooLong" });
    expect(issues(noticePublishInput.safeParse({ kind: "notice", title: "x", userIds: "1", receiptRequired: "on", receiptDueAt: "2026-02-30T10:00" }))).toEqual({ receiptDueAt: "errors.dateTime" });
    expect(issues(noticePublishInput.safeParse({ kind: "notice", title: "x", roles: "emperor" }))).toHaveProperty("roles", "errors.choose");
    expect(issues(noticePublishInput.safeParse({ kind: "memo", title: "x", userIds: "1" }))).toHaveProperty("kind", "errors.choose");
  });

  it("makes a meeting ask for a reply and an announcement go to everyone without one", () => {
    expect(noticePublishInput.parse({ kind: "meeting", title: "x", userIds: "1" }).receiptRequired).toBe(true);
    const a = noticePublishInput.parse({ kind: "announcement", title: "x", departmentIds: "3", receiptRequired: "on", receiptDueAt: "2026-11-20T17:00" });
    expect(a.audience).toEqual({ departmentIds: [], roles: [], userIds: [] });
    expect(a.receiptRequired).toBe(false);
    expect(a.receiptDueAt).toBeNull();
    // No receipt, no deadline.
    expect(noticePublishInput.parse({ kind: "notice", title: "x", userIds: "1", receiptDueAt: "2026-11-20T17:00" }).receiptDueAt).toBeNull();
  });
});

describe("receipt inputs", () => {
  it("confirms for oneself unless a person is chosen", () => {
    expect(noticeConfirmInput.parse({ id: "5", onBehalfOf: "" })).toEqual({ id: 5, onBehalfOf: null, revision: null });
    expect(noticeConfirmInput.parse({ id: "5", onBehalfOf: "9", revision: "2" })).toEqual({ id: 5, onBehalfOf: 9, revision: 2 });
  });

  it("needs a substitute for 'substitute' and a reason for 'absent'", () => {
    expect(issues(noticeReplyInput.safeParse({ id: "1", reply: "substitute" }))).toEqual({ substituteId: "errors.required" });
    expect(issues(noticeReplyInput.safeParse({ id: "1", reply: "absent", reason: " " }))).toEqual({ reason: "errors.required" });
    expect(issues(noticeReplyInput.safeParse({ id: "1", reply: "maybe" }))).toEqual({ reply: "errors.choose" });
    // What does not belong to the reply is dropped.
    expect(noticeReplyInput.parse({ id: "1", reply: "attend", substituteId: "4", reason: "x" })).toMatchObject({ substituteId: null, reason: null });
  });

  it("reads a revision's additions", () => {
    const v = noticeReviseInput.parse({ id: "1", version: "3", title: "t", body: "", receiptDueAt: "", userIds: ["4", "5"] });
    expect(v).toEqual({ id: 1, version: 3, title: "t", body: "", receiptDueAt: null, addAudience: { departmentIds: [], roles: [], userIds: [4, 5] } });
  });
});
