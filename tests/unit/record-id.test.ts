import { describe, expect, it } from "vitest";
import { parseRecordId } from "@/lib/http/record-id";

describe("parseRecordId", () => {
  it("takes a positive whole number written in digits", () => {
    expect(parseRecordId("1")).toBe(1);
    expect(parseRecordId("4242")).toBe(4242);
  });
  it("refuses anything else, which names no record", () => {
    for (const raw of ["", "0", "-1", "1.5", "abc", "1e3", " 7", "0x10", "9".repeat(16)]) expect(parseRecordId(raw), raw).toBeNull();
  });
});
