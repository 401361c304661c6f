// Reads `npm audit --json` output and decides whether CI may pass: any known high or
// critical advisory in a production dependency fails; an advisory service that cannot be
// reached (a closed network answers 405 or nothing) is reported, not mistaken for "clean".

export type AuditVerdict =
  | { kind: "clean"; counts: Record<string, number> }
  | { kind: "vulnerable"; counts: Record<string, number>; findings: string[] }
  | { kind: "unreachable"; reason: string };

const BLOCKING = new Set(["high", "critical"]);

type AuditJson = {
  error?: { summary?: string; detail?: string };
  message?: string;
  statusCode?: number;
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { name?: string; severity?: string; via?: unknown[]; range?: string }>;
};

export function judgeAudit(raw: string): AuditVerdict {
  let json: AuditJson;
  try {
    json = JSON.parse(raw) as AuditJson;
  } catch {
    return { kind: "unreachable", reason: "npm audit printed no JSON" };
  }
  const counts = json.metadata?.vulnerabilities;
  if (!counts) {
    const reason = json.message ?? json.error?.summary ?? (json.statusCode ? `HTTP ${json.statusCode}` : "no audit report");
    return { kind: "unreachable", reason: reason || "no audit report" };
  }
  const findings = Object.entries(json.vulnerabilities ?? {})
    .filter(([, v]) => BLOCKING.has(String(v.severity)))
    .map(([name, v]) => `${v.name ?? name} (${v.severity}${v.range ? `, ${v.range}` : ""})`);
  const blocking = [...BLOCKING].reduce((n, s) => n + (counts[s] ?? 0), 0);
  return blocking > 0 ? { kind: "vulnerable", counts, findings } : { kind: "clean", counts };
}
