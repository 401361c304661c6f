// A fingerprint of every table of the e2e database, to prove that a request changed nothing.
// Tables are found in the catalogue, so a table added later is covered without a change here.
import type { Sql } from "postgres";

/**
 * What may change without anyone's request, or by the very act of asking: these tables (or
 * columns) are left out of the digest, or digested only by the columns their writer never updates.
 */
export type DigestScope = {
  /** Tables left out entirely. */
  skip?: readonly string[];
  /** Tables digested by these columns only. */
  columns?: Readonly<Record<string, readonly string[]>>;
  /** Rows left out, as a SQL condition per table (e.g. sign-in audit rows). */
  where?: Readonly<Record<string, string>>;
};

/**
 * Left out of every digest, each for a reason that has nothing to do with the request under test:
 * - sweep_runs: the once-an-hour bookkeeping of the background sweep (lib/scheduler.ts), written
 *   by a timer in every instance;
 * - webhook_deliveries, email_outbox: background workers retry rows in flight (attempts, status,
 *   next attempt, last error), so only the columns written with the change itself are compared.
 */
export const BACKGROUND: DigestScope = {
  skip: ["sweep_runs"],
  columns: {
    webhook_deliveries: ["id", "webhook_id", "event", "payload", "created_at"],
    email_outbox: ["id", "notification_id", "to_address", "subject", "body", "created_at"],
  },
};

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** One md5 per table (rows in a stable order), to compare before and after a request. */
export async function databaseDigest(sql: Sql, scope: DigestScope = {}): Promise<Record<string, string>> {
  const skip = new Set([...(BACKGROUND.skip ?? []), ...(scope.skip ?? [])]);
  const columns = { ...BACKGROUND.columns, ...scope.columns };
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const parts = tables
    .filter((t) => !skip.has(t.name))
    .map(({ name }) => {
      const cols = columns[name];
      const row = cols ? `concat_ws('|', ${cols.map((c) => `r.${ident(c)}::text`).join(", ")})` : "r::text";
      const where = scope.where?.[name] ? ` where ${scope.where[name]}` : "";
      return `select '${name}' as name, count(*)::text || ':' || coalesce(md5(string_agg(${row}, ',' order by ${row})), '') as digest from ${ident(name)} r${where}`;
    });
  const rows = await sql.unsafe<{ name: string; digest: string }[]>(parts.join(" union all "));
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

/** The tables whose digest differs (empty when nothing changed). */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}
