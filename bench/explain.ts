// What a page sends, and how PostgreSQL runs it. The server records the statements of one
// request (db/client.ts's bench hook, read through /bench-floor/queries); each is then run
// again under EXPLAIN (ANALYZE, BUFFERS) in a transaction that is rolled back, so writes leave
// nothing behind. A sequential scan over a big table the pages must reach by index fails the run.
import postgres from "postgres";

export type Statement = { query: string; params: unknown[] };

/** Tables that must never be read whole by a page (the issue's list, as they are named here). */
export const NO_SEQ_SCAN = ["items", "item_events", "request_events", "coordination_events", "notices", "notice_events", "notice_recipients", "notice_deliveries"];
/** Below this many rows a sequential scan is the planner's right choice, not a missing index. */
export const SMALL_TABLE_ROWS = 1_000;

// Background work of the server (webhook dispatcher) that may land inside a recorded request, and
// postgres.js's own type lookup on a new connection.
const BACKGROUND = /webhook_deliveries|rate_limit|pg_catalog\.pg_type/i;

/** The statements one request sent (`send` makes the request). */
export async function recordRequest(baseUrl: string, headers: Record<string, string>, send: () => Promise<Response>): Promise<Statement[]> {
  const arm = await fetch(`${baseUrl}/bench-floor/queries`, { method: "POST", headers: { ...headers, origin: baseUrl } });
  if (!arm.ok) throw new Error(`bench: the query log answered ${arm.status} (is ZHONGSHU_BENCH_COUNT_QUERIES set for the server?)`);
  const res = await send();
  await res.arrayBuffer();
  const got = (await (await fetch(`${baseUrl}/bench-floor/queries`, { headers })).json()) as { entries: Statement[] };
  return got.entries.filter((e) => !BACKGROUND.test(e.query));
}

/** Statements that are work, not transaction control. */
export function isWork(query: string): boolean {
  return /^\s*(\(?\s*select|with|insert|update|delete)\b/i.test(query);
}

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

function walk(node: PlanNode, visit: (n: PlanNode) => void) {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

export type Explained = {
  page: string;
  query: string;
  executionMs: number;
  /** relation → how it was read ("Index Scan using items_pkey", "Seq Scan", …). */
  access: string[];
  seqScans: { table: string; rows: number; fails: boolean }[];
  plan: string;
  error?: string;
};

export async function explainAll(url: string, pages: Record<string, Statement[]>): Promise<Explained[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const out: Explained[] = [];
  try {
    const sizes = new Map(
      (await sql<{ relname: string; rows: number }[]>`select relname, greatest(reltuples, 0)::bigint::int as rows from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`).map(
        (r) => [r.relname, r.rows],
      ),
    );
    for (const [page, statements] of Object.entries(pages)) {
      const seen = new Set<string>();
      for (const s of statements) {
        if (!isWork(s.query) || seen.has(s.query)) continue;
        seen.add(s.query);
        try {
          const [json, text] = await explainOne(sql, s);
          const root = (json[0] as { Plan: PlanNode; "Execution Time": number });
          const access: string[] = [];
          const seqScans: Explained["seqScans"] = [];
          walk(root.Plan, (n) => {
            if (!n["Relation Name"]) return;
            access.push(`${n["Relation Name"]}: ${n["Node Type"]}${n["Index Name"] ? ` ${n["Index Name"]}` : ""}`);
            if (n["Node Type"] === "Seq Scan" && NO_SEQ_SCAN.includes(n["Relation Name"])) {
              const rows = sizes.get(n["Relation Name"]) ?? 0;
              seqScans.push({ table: n["Relation Name"], rows, fails: rows >= SMALL_TABLE_ROWS });
            }
          });
          out.push({ page, query: s.query, executionMs: root["Execution Time"], access, seqScans, plan: text });
        } catch (e) {
          out.push({ page, query: s.query, executionMs: NaN, access: [], seqScans: [], plan: "", error: (e as Error).message });
        }
      }
    }
  } finally {
    await sql.end();
  }
  return out;
}

class Rollback extends Error {
  constructor(readonly result: [unknown[], string]) {
    super("rollback");
  }
}

/** EXPLAIN ANALYZE in JSON (for the checks) and text (for people), then roll back. */
async function explainOne(sql: postgres.Sql, s: Statement): Promise<[unknown[], string]> {
  try {
    await sql.begin(async (tx) => {
      const params = s.params as postgres.ParameterOrJSON<never>[];
      const [row] = await tx.unsafe(`explain (analyze, buffers, format json) ${s.query}`, params, { prepare: false });
      const json = (row as Record<string, unknown>)["QUERY PLAN"] as unknown[];
      const text = (await tx.unsafe(`explain (analyze, buffers) ${s.query}`, params, { prepare: false })).map((r) => (r as Record<string, string>)["QUERY PLAN"]).join("\n");
      throw new Rollback([json, text]);
    });
  } catch (e) {
    if (e instanceof Rollback) return e.result;
    throw e;
  }
  throw new Error("unreachable");
}

/** The lines printed for one page's statements. */
export function summarise(rows: Explained[]): string[] {
  return rows.map((r) => {
    const head = r.query.replace(/\s+/g, " ").slice(0, 90);
    if (r.error) return `  ! ${head}…  EXPLAIN failed: ${r.error}`;
    const flag = r.seqScans.some((s) => s.fails) ? "SEQ SCAN " : "";
    return `  ${flag}${r.executionMs.toFixed(2).padStart(8)} ms  ${head}${r.query.length > 90 ? "…" : ""}\n             ${[...new Set(r.access)].join("; ")}`;
  });
}
