import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config";
import { agreementInput, decideInput, declineInput, escalateInput, optionalNoteInput, raiseMatterInput } from "@/lib/domain/coordination/inputs";

/** The field → message map a form would show. */
function errors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  expect(result.success).toBe(false);
  return Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
}

const raise = { title: " 期末监考协调 ", background: "背景", urgency: "urgent", partyDepartmentIds: ["3", "5"], need_3: " 请协助 ", need_5: "请核拨" };

describe("raiseMatterInput", () => {
  it("reads the parties with what is needed of each, trimmed", () => {
    expect(raiseMatterInput.parse(raise)).toEqual({
      title: "期末监考协调",
      background: "背景",
      urgency: "urgent",
      parties: [
        { departmentId: 3, need: "请协助" },
        { departmentId: 5, need: "请核拨" },
      ],
    });
  });

  it("takes one department as a single value, drops repeats, and leaves a missing need to the data layer", () => {
    expect(raiseMatterInput.parse({ ...raise, partyDepartmentIds: "3", need_5: undefined }).parties).toEqual([{ departmentId: 3, need: "请协助" }]);
    expect(raiseMatterInput.parse({ ...raise, partyDepartmentIds: ["3", "3"], need_3: "" }).parties).toEqual([{ departmentId: 3, need: "" }]);
    expect(raiseMatterInput.parse({ ...raise, partyDepartmentIds: undefined }).parties).toEqual([]);
  });

  it("refuses missing and too-long texts at their fields", () => {
    expect(errors(raiseMatterInput.safeParse({ ...raise, title: "  " }))).toMatchObject({ title: "errors.required" });
    expect(errors(raiseMatterInput.safeParse({ ...raise, title: "协".repeat(201) }))).toMatchObject({ title: "errors.tooLong" });
    expect(raiseMatterInput.safeParse({ ...raise, title: "协".repeat(200) }).success).toBe(true);
    expect(errors(raiseMatterInput.safeParse({ ...raise, background: "x".repeat(5001) }))).toMatchObject({ background: "errors.tooLong" });
    expect(errors(raiseMatterInput.safeParse({ ...raise, need_5: "x".repeat(5001) }))).toMatchObject({ need_5: "errors.tooLong" });
    expect(errors(raiseMatterInput.safeParse({ ...raise, urgency: "whenever" }))).toMatchObject({ urgency: "errors.choose" });
    expect(errors(raiseMatterInput.safeParse({ ...raise, partyDepartmentIds: ["abc"] }))).toHaveProperty("partyDepartmentIds");
  });
});

describe("point rows", () => {
  const ref = { id: "7", version: "3" };

  it("reads filled rows in row order and ignores empty ones", () => {
    const parsed = agreementInput.parse({
      ...ref,
      point_3_departmentId: "5",
      point_3_text: " 第三条 ",
      point_3_dueOn: "2026-12-01",
      point_1_departmentId: "4",
      point_1_text: "第一条",
      point_1_dueOn: "2026-11-30",
      point_2_departmentId: "",
      point_2_text: "  ",
      point_2_dueOn: "",
      unrelated: "x",
    });
    expect(parsed).toEqual({
      id: 7,
      version: 3,
      points: [
        { n: 1, departmentId: 4, text: "第一条", dueOn: "2026-11-30" },
        { n: 3, departmentId: 5, text: "第三条", dueOn: "2026-12-01" },
      ],
    });
    expect(agreementInput.parse(ref).points).toEqual([]);
  });

  it("names each missing or bad part of a started row", () => {
    expect(errors(agreementInput.safeParse({ ...ref, point_2_text: "只写了内容" }))).toEqual({ point_2_departmentId: "errors.required", point_2_dueOn: "errors.required" });
    expect(errors(agreementInput.safeParse({ ...ref, point_1_departmentId: "4", point_1_text: "x", point_1_dueOn: "2026-02-30" }))).toEqual({ point_1_dueOn: "errors.date" });
    expect(errors(agreementInput.safeParse({ ...ref, point_1_departmentId: "4", point_1_text: "x".repeat(5001), point_1_dueOn: "2026-12-01" }))).toEqual({ point_1_text: "errors.tooLong" });
    expect(errors(agreementInput.safeParse({ ...ref, point_1_departmentId: "abc", point_1_text: "x", point_1_dueOn: "2026-12-01" }))).toEqual({ point_1_departmentId: "errors.required" });
  });

  it("lets a decision carry points or none, and requires its text", () => {
    expect(decideInput.parse({ ...ref, decision: " 同意 " })).toEqual({ id: 7, version: 3, decision: "同意", points: [] });
    expect(decideInput.parse({ ...ref, decision: "同意", point_1_departmentId: "4", point_1_text: "办", point_1_dueOn: "2026-12-01" }).points).toHaveLength(1);
    expect(errors(decideInput.safeParse({ ...ref, decision: "" }))).toMatchObject({ decision: "errors.required" });
    expect(errors(decideInput.safeParse({ ...ref, decision: "x".repeat(5001) }))).toMatchObject({ decision: "errors.tooLong" });
  });
});

describe("the other forms", () => {
  const ref = { id: "7", version: "3" };
  it("require what each must say, up to 5000 characters", () => {
    expect(errors(declineInput.safeParse({ ...ref, reason: "" }))).toEqual({ reason: "errors.required" });
    expect(errors(escalateInput.safeParse({ ...ref, summary: "x", proposal: "" }))).toEqual({ proposal: "errors.required" });
    expect(errors(escalateInput.safeParse({ ...ref, summary: "x".repeat(5001), proposal: "y" }))).toEqual({ summary: "errors.tooLong" });
    expect(optionalNoteInput.parse({ ...ref, note: "" })).toEqual({ id: 7, version: 3, note: null });
    expect(errors(declineInput.safeParse({ id: "", version: "1", reason: "x" }))).toHaveProperty("id");
  });
});

describe("ZHONGSHU_LADDER_DAYS", () => {
  const env = (vars: Record<string, string>) => parseEnv(vars as NodeJS.ProcessEnv);
  it("defaults to 3 and accepts whole numbers 1–30", () => {
    expect(env({}).ZHONGSHU_LADDER_DAYS).toBe(3);
    expect(env({ ZHONGSHU_LADDER_DAYS: "5" }).ZHONGSHU_LADDER_DAYS).toBe(5);
    for (const bad of ["0", "31", "2.5", "abc"]) expect(() => env({ ZHONGSHU_LADDER_DAYS: bad })).toThrow(/ZHONGSHU_LADDER_DAYS: must be a whole number of working days \(1–30\)/);
  });
});
