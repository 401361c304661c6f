// Checks the audit trail's hash chains (migration 0014): every event table, every chain, every
// row recomputed from the row before it. Used by `npm run audit:verify`, the backup script
// after a restore, and the tests. Reads only, in one snapshot, so that appends running
// meanwhile are either wholly in or wholly out.
import type postgres from "postgres";

/** The chained tables and the column naming each chain's record (audit_events: one chain). */
export const CHAINED_TABLES = [
  { table: "audit_events", owner: null },
  { table: "item_events", owner: "item_id" },
  { table: "request_events", owner: "request_id" },
  { table: "coordination_events", owner: "matter_id" },
  { table: "notice_events", owner: "notice_id" },
] as const;

export type ChainedTable = (typeof CHAINED_TABLES)[number]["table"];

/**
 * - `gap`: chain_seq does not follow the previous row's (events before this one were removed);
 * - `hash`: the stored hash is not sha256(previous hash || this row): this row was changed, or
 *   the row before it replaced;
 * - `tail`: the chain's last row is not the one its head records (its last events were removed,
 *   or the head was changed);
 * - `head`: a chain without a head row (the head was removed, or rows were added bypassing the
 *   trigger).
 */
export type ChainProblemKind = "gap" | "hash" | "tail" | "head";

export type ChainProblem = {
  table: ChainedTable;
  /** The chain's record (item, request, matter, notice); null for audit_events' single chain. */
  recordId: number | null;
  /** The first bad row of the chain; null when no stored row is at fault (`tail` of an emptied chain). */
  eventId: number | null;
  chainSeq: number | null;
  kind: ChainProblemKind;
  detail: string;
};

export type TableReport = { table: ChainedTable; events: number; chains: number; problems: ChainProblem[] };
export type ChainReport = { ok: boolean; tables: TableReport[] };

// Must stay equal to the canonical row of the chain trigger (audit_chain_link() in migration
// 0014). Recomputed here rather than by a function stored in the database it checks.
const CONTENT = `convert_to(jsonb_strip_nulls(to_jsonb(t) - 'chain_seq' - 'hash')::text, 'UTF8')`;

type Row = {
  kind: "count" | ChainProblemKind;
  rec: string | null;
  id: string | null;
  seq: string | null;
  other: string | null;
};

function query(table: ChainedTable, owner: string | null): string {
  const rec = owner ? `t.${owner}::bigint` : "0::bigint";
  // Rows in chain order (id breaks a tie only in a forked chain, which the unique index forbids).
  return `
    with ev as (
      select t.id, ${rec} as rec, t.chain_seq, t.hash,
             lag(t.chain_seq) over w as prev_seq, lag(t.hash) over w as prev_hash, ${CONTENT} as content
      from ${table} t
      window w as (partition by ${rec} order by t.chain_seq, t.id)
    ),
    bad as (
      select distinct on (rec) rec, id, chain_seq, prev_seq,
             case when chain_seq is distinct from coalesce(prev_seq, 0) + 1 then 'gap' else 'hash' end as kind
      from ev
      where chain_seq is distinct from coalesce(prev_seq, 0) + 1
         or hash is distinct from sha256(coalesce(prev_hash, ''::bytea) || content)
      order by rec, chain_seq, id
    ),
    tips as (
      select distinct on (rec) rec, id, chain_seq, hash from ev order by rec, chain_seq desc, id desc
    ),
    ends as (
      select coalesce(tips.rec, h.record_id) as rec, tips.id, tips.chain_seq, h.seq as head_seq,
             case when h.record_id is null then 'head'
                  when tips.rec is null or tips.chain_seq <> h.seq or tips.hash <> h.hash then 'tail' end as kind
      from tips full join (select record_id, seq, hash from audit_chain_heads where chain = '${table}') h on h.record_id = tips.rec
    )
    select 'count' as kind, null as rec, count(*)::text as id, count(distinct rec)::text as seq, null as other from ev
    union all
    select kind, rec::text, id::text, chain_seq::text, prev_seq::text from bad
    union all
    select kind, rec::text, id::text, chain_seq::text, head_seq::text from ends where kind is not null`;
}

function describe(kind: ChainProblemKind, seq: number | null, other: number | null): string {
  switch (kind) {
    case "gap":
      return other === null
        ? `the chain starts at ${seq}, not 1: its first ${Number(seq) - 1} event(s) are missing`
        : `chain_seq ${seq} follows ${other}: ${Number(seq) - other - 1} event(s) missing before this one`;
    case "hash":
      return "the stored hash does not match this event and the one before it: the event was changed, or the one before it replaced";
    case "tail":
      return seq === null
        ? `the head records ${other} event(s) but none are stored: the chain was emptied`
        : `the head records ${other} event(s) but the chain ends at ${seq}: its last events were removed, or the head was changed`;
    case "head":
      return "the chain has no head: it was removed, or events were added bypassing the chain trigger";
  }
}

const num = (v: string | null) => (v === null ? null : Number(v));

/** Verifies every chain of every event table; `ok` is false when any problem is found. */
export async function verifyAuditChains(sql: postgres.Sql): Promise<ChainReport> {
  const tables = (await sql.begin("isolation level repeatable read read only", async (tx) => {
    // The canonical text of a row's timestamps depends on the session's time zone.
    await tx.unsafe("set local timezone = 'UTC'");
    const reports: TableReport[] = [];
    for (const { table, owner } of CHAINED_TABLES) {
      const rows = await tx.unsafe<Row[]>(query(table, owner));
      const report: TableReport = { table, events: 0, chains: 0, problems: [] };
      for (const r of rows) {
        if (r.kind === "count") {
          report.events = Number(r.id);
          report.chains = Number(r.seq);
          continue;
        }
        const seq = num(r.seq);
        report.problems.push({
          table,
          recordId: owner ? num(r.rec) : null,
          eventId: num(r.id),
          chainSeq: seq,
          kind: r.kind,
          detail: describe(r.kind, seq, num(r.other)),
        });
      }
      report.problems.sort((a, b) => (a.recordId ?? 0) - (b.recordId ?? 0) || (a.chainSeq ?? 0) - (b.chainSeq ?? 0));
      reports.push(report);
    }
    return reports;
  })) as TableReport[];
  return { ok: tables.every((t) => t.problems.length === 0), tables };
}

/** The newest link of audit_events' chain: written down elsewhere, it shows later whether the whole chain was rewritten. */
export async function auditEventsHead(sql: postgres.Sql): Promise<{ seq: number; hash: string } | null> {
  const [row] = await sql<{ seq: string; hash: Buffer }[]>`select seq::text, hash from audit_chain_heads where chain = 'audit_events' and record_id = 0`;
  return row ? { seq: Number(row.seq), hash: row.hash.toString("hex") } : null;
}

/** The report as lines for a terminal: per table a count and verdict, then at most `limit` problems each. */
export function reportLines(report: ChainReport, limit = 20): string[] {
  const lines: string[] = [];
  for (const t of report.tables) {
    const broken = new Set(t.problems.map((p) => p.recordId)).size;
    const verdict = t.problems.length ? `BROKEN: ${t.problems.length} problem(s) in ${broken} chain(s)` : "ok";
    lines.push(`${t.table.padEnd(20)} ${String(t.events).padStart(9)} events in ${String(t.chains).padStart(7)} chain(s): ${verdict}`);
    for (const p of t.problems.slice(0, limit)) {
      const record = p.recordId === null ? "" : ` record ${p.recordId}`;
      const event = p.eventId === null ? "" : ` event id ${p.eventId} (chain_seq ${p.chainSeq})`;
      lines.push(`  BROKEN ${p.table}${record}${event} [${p.kind}]: ${p.detail}`);
    }
    if (t.problems.length > limit) lines.push(`  … and ${t.problems.length - limit} more in ${t.table}`);
  }
  lines.push(report.ok ? "audit trail intact" : "AUDIT TRAIL BROKEN");
  return lines;
}
