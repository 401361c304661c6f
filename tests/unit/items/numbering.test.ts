import { describe, expect, it } from "vitest";
import { formatItemNumber, ITEM_KIND_PREFIX, ITEM_KINDS, parseItemNumber } from "@/lib/domain/items/numbering";

describe("formatItemNumber", () => {
  it("writes the official form", () => {
    expect(formatItemNumber("assignment", 2026, 12)).toBe("督〔2026〕12号");
    expect(formatItemNumber("assignment", 2026, 1)).toBe("督〔2026〕1号");
    expect(formatItemNumber("assignment", 2027, 100000)).toBe("督〔2027〕100000号");
    expect(formatItemNumber("assignment", 2026, 12, "zh-CN")).toBe("督〔2026〕12号");
  });

  it("has a prefix for each kind, the later kinds reserved", () => {
    expect(ITEM_KIND_PREFIX).toEqual({ assignment: "督", request: "请", coordination: "协" });
    expect(formatItemNumber("request", 2026, 3)).toBe("请〔2026〕3号");
    expect(formatItemNumber("coordination", 2026, 4)).toBe("协〔2026〕4号");
  });

  it("writes the English form for English readers", () => {
    expect(formatItemNumber("assignment", 2026, 12, "en")).toBe("ASG-2026-12");
    expect(formatItemNumber("request", 2026, 12, "en-GB")).toBe("REQ-2026-12");
    expect(formatItemNumber("coordination", 2026, 12, "EN")).toBe("CRD-2026-12");
  });

  it.each([
    [2026, 0],
    [2026, -1],
    [2026, 1.5],
    [2026, Number.NaN],
    [2026, Infinity],
    [2026, 1_000_000_000],
    [999, 1],
    [10000, 1],
    [2026.5, 1],
  ])("refuses year %s, sequence %s", (year, seq) => {
    expect(() => formatItemNumber("assignment", year, seq)).toThrow(RangeError);
  });
});

describe("parseItemNumber", () => {
  it("reads what formatItemNumber writes, in both languages", () => {
    for (const kind of ITEM_KINDS)
      for (const [year, seq] of [
        [2026, 1],
        [2026, 12],
        [2027, 999_999_999],
      ])
        for (const locale of ["zh-CN", "en"])
          expect(parseItemNumber(formatItemNumber(kind, year, seq, locale))).toEqual({
            prefix: ITEM_KIND_PREFIX[kind],
            kind,
            year,
            seq,
          });
  });

  it.each([
    "督〔2026〕12号",
    "督[2026]12号",
    "督［2026］12号",
    "督(2026)12号",
    "督（2026）12号",
    "督【2026】12号",
    "督〔2026〕12",
    "督〔2026〕012号",
    "  督 〔 2026 〕 12 号  ",
    "督〔２０２６〕１２号",
    "asg-2026-12",
    "ASG 2026 12",
    "ASG2026-12",
    "ASG-2026/12",
  ])("accepts %j as 督〔2026〕12号", (text) => {
    expect(parseItemNumber(text)).toEqual({ prefix: "督", kind: "assignment", year: 2026, seq: 12 });
  });

  it.each([
    "",
    "   ",
    "督",
    "督〔2026〕号",
    "督〔2026〕0号",
    "督〔2026〕000号",
    "督〔2026〕-1号",
    "督〔2026〕1.5号",
    "督〔2026〕12号号",
    "督〔26〕12号",
    "督〔02026〕12号",
    "督〔0226〕12号",
    "督2026〕12号",
    "督〔2026]12号",
    "督(2026〕12号",
    "督{2026}12号",
    "督〔2026〕1234567890号",
    "办〔2026〕12号",
    "〔2026〕12号",
    "督督〔2026〕12号",
    "督〔2026〕12号 extra",
    "ASG-2026",
    "ASG-26-12",
    "XYZ-2026-12",
    "ASG-2026-0",
    "ASG_2026_12",
    "12",
    "2026-12",
  ])("refuses %j", (text) => {
    expect(parseItemNumber(text)).toBeNull();
  });
});
