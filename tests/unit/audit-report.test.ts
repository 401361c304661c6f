import { describe, expect, it } from "vitest";
import { judgeAudit } from "@/scripts/audit-report";

const report = (counts: Record<string, number>, vulnerabilities: Record<string, unknown> = {}) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts } } });

describe("judgeAudit", () => {
  it("passes a report without high or critical findings", () => {
    expect(judgeAudit(report({ low: 2, moderate: 1 })).kind).toBe("clean");
  });
  it("fails on a high or a critical finding and names it", () => {
    const v = judgeAudit(report({ high: 1 }, { next: { name: "next", severity: "high", range: "<16.0.7" }, foo: { name: "foo", severity: "low" } }));
    expect(v).toEqual({ kind: "vulnerable", counts: expect.objectContaining({ high: 1 }), findings: ["next (high, <16.0.7)"] });
    expect(judgeAudit(report({ critical: 1 })).kind).toBe("vulnerable");
  });
  it("tells an unreachable advisory service from a clean report", () => {
    const closed = JSON.stringify({ message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk", statusCode: 405, error: { summary: "", detail: "" } });
    expect(judgeAudit(closed)).toEqual({ kind: "unreachable", reason: expect.stringContaining("405") });
    expect(judgeAudit("").kind).toBe("unreachable");
    expect(judgeAudit("npm ERR! network").kind).toBe("unreachable");
  });
});
