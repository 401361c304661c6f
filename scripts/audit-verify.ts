// `npm run audit:verify`: recomputes every hash chain of the audit trail and names each broken
// one (table, record, first bad event). Exit code 0 when all hold, 1 otherwise (or on error).
import postgres from "postgres";
import { auditEventsHead, reportLines, verifyAuditChains } from "../db/audit-chain";
import { openDatabase } from "./database";

async function main(): Promise<number> {
  const db = await openDatabase({ mustExist: true });
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  try {
    console.log(`checking the audit trail in ${db.where}`);
    const report = await verifyAuditChains(sql);
    const lines = reportLines(report);
    for (const line of lines.slice(0, -1)) console.log(line);
    const head = await auditEventsHead(sql);
    // Written down outside the database, this shows later whether the whole chain was rewritten.
    if (head) console.log(`audit_events head: chain_seq ${head.seq}, sha256 ${head.hash}`);
    console.log(lines.at(-1));
    return report.ok ? 0 : 1;
  } finally {
    await sql.end({ timeout: 5 });
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
