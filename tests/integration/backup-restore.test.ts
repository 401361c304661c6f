// Backup and restore of the whole database (db/backup.ts, scripts/backup.ts): the run's database
// is dumped and restored into a new one; every table comes back row for row (stored audit hashes
// included), with its triggers, the audit chains verify, and the data layer works on the copy —
// reads give the same answers, and a new change links onto the restored chains. The built-in
// format always runs; pg_dump's custom format when a pg_dump as new as the server is installed
// (the system PostgreSQL 15 in CI; nothing ships a pg_dump for the embedded PostgreSQL 18).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyAuditChains } from "@/db/audit-chain";
import { dumpDatabase, findPgTools, restoreDatabase, serverMajor, type BackupFormat } from "@/db/backup";
import { closeDb } from "@/db/client";
import { loadActor } from "@/lib/dal/actor";
import { listAuditEvents } from "@/lib/dal/audit";
import { getItem, ledger } from "@/lib/dal/items/queries";
import { proposeItem, registerItem } from "@/lib/dal/items/commands";
import { actorFor, userRow } from "../support/db";
import { registerForm } from "../support/items";
import { publish } from "../support/notices";
import { scratchDb, type ScratchDb } from "../support/scratch-db";

const folder = mkdtempSync(path.join(os.tmpdir(), "zhongshu-backup-test-"));
const sourceUrl = inject("databaseUrl");
const cleanup: ScratchDb[] = [];
let itemId: number;

beforeAll(async () => {
  // Some activity of this file's own, so that the copy has an item with a timeline and a notice.
  const office = await actorFor("liufang");
  itemId = (await registerItem(office, await registerForm({ lead: "教务处" }))).id;
  await proposeItem(office, itemId, 1, "拟请领导阅示");
  await publish(office, { userIds: [(await userRow("zhoumin")).id] });
});

afterAll(async () => {
  for (const db of cleanup) await db.dispose();
  rmSync(folder, { recursive: true, force: true });
});

/** Row count and digest of every table (and the applied migrations): equal means the same data. */
async function digest(url: string): Promise<Record<string, string>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`set timezone = 'UTC'`;
    const tables = await sql<{ name: string }[]>`
      select format('%I.%I', s.nspname, c.relname) as name from pg_class c join pg_namespace s on s.oid = c.relnamespace
      where s.nspname in ('public', 'drizzle') and c.relkind in ('r', 'p') order by 1`;
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await sql.unsafe<{ n: number; h: string }[]>(`select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${name} x`);
      out[name] = `${row.n}:${row.h}`;
    }
    return out;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function triggersOf(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ t: string }[]>`select tgrelid::regclass::text || '.' || tgname as t from pg_trigger where not tgisinternal order by 1`;
    return rows.map((r) => r.t);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Runs `fn` with the data layer pointed at another database, then points it back. */
async function withDatabase<T>(url: string, fn: () => Promise<T>): Promise<T> {
  await closeDb();
  process.env.DATABASE_URL = url;
  try {
    return await fn();
  } finally {
    await closeDb();
    process.env.DATABASE_URL = sourceUrl;
  }
}

/** What the data layer answers about this file's item and the audit log, as the office and the admin. */
async function dalView() {
  const office = await userRow("liufang");
  const admin = await userRow("admin");
  const officeActor = await loadActor(office.id, office.sessionVersion);
  const adminActor = await loadActor(admin.id, admin.sessionVersion);
  return {
    officeActor,
    item: await getItem(officeActor, itemId),
    ledger: (await ledger(officeActor, {}, { limit: 20 })).map((i) => i.id),
    audit: (await listAuditEvents(adminActor, { limit: 20 })).events.map((e) => e.id),
  };
}

async function roundTrip(format: BackupFormat) {
  const before = await digest(sourceUrl);
  const file = path.join(folder, `backup-${format}`);
  const dumped = await dumpDatabase(sourceUrl, file, { format });
  expect(dumped.format).toBe(format);
  // Nothing else wrote meanwhile (the integration files run one at a time).
  expect(await digest(sourceUrl)).toEqual(before);

  const target = await scratchDb({ migrate: false });
  cleanup.push(target);
  const restored = await restoreDatabase(target.url, file);
  expect(restored.format).toBe(format);
  expect(restored.chains.ok).toBe(true);
  const source = postgres(sourceUrl, { max: 1, onnotice: () => {} });
  try {
    expect(restored.chains).toEqual(await verifyAuditChains(source));
  } finally {
    await source.end({ timeout: 5 });
  }

  // Every table row for row, audit hashes and chain heads included, and every trigger.
  expect(await digest(target.url)).toEqual(before);
  expect(await triggersOf(target.url)).toEqual(await triggersOf(sourceUrl));

  // The data layer reads the same answers from the copy.
  const original = await dalView();
  const copy = await withDatabase(target.url, dalView);
  expect(copy).toEqual(original);
  expect(copy.item.events.length).toBeGreaterThanOrEqual(2);

  // And writes: a new item gets the next number, its events chain, and the audit log links on.
  await withDatabase(target.url, async () => {
    const office = await actorFor("liufang");
    const { id } = await registerItem(office, await registerForm({ lead: "教务处" }));
    await proposeItem(office, id, 1, "拟请领导阅示");
    expect(id).toBeGreaterThan(itemId);
  });
  expect((await verifyAuditChains(target.sql)).ok).toBe(true);
  // The source is untouched by all this.
  expect(await digest(sourceUrl)).toEqual(before);
}

describe("backup and restore of the whole database", () => {
  it("the built-in format: every table, trigger and audit hash comes back, and the portal works on the copy", async () => {
    await roundTrip("builtin");
  });

  it("pg_dump's custom format (pg_dump -Fc / pg_restore), where a pg_dump as new as the server exists", async (ctx) => {
    const major = await serverMajor(sourceUrl);
    const tools = await findPgTools("pg_dump");
    if (!tools.some((t) => t.major >= major)) ctx.skip(`no pg_dump for PostgreSQL ${major} here (found: ${tools.map((t) => t.major).join(", ") || "none"})`);
    await roundTrip("pg_dump");
  });

  it("refuses to restore into a database that is not empty", async () => {
    const file = path.join(folder, "refused");
    await dumpDatabase(sourceUrl, file, { format: "builtin" });
    const before = await digest(sourceUrl);
    await expect(restoreDatabase(sourceUrl, file)).rejects.toThrow(/not empty/);
    expect(await digest(sourceUrl)).toEqual(before);
  });

  it("a file that is not a backup is refused before anything is written", async () => {
    const target = await scratchDb({ migrate: false });
    cleanup.push(target);
    await expect(restoreDatabase(target.url, path.join(process.cwd(), "package.json"))).rejects.toThrow(/neither a pg_dump/);
    const [{ n }] = await target.sql<{ n: number }[]>`select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'public'`;
    expect(n).toBe(0);
  });

  it("the command: scripts/backup.ts dump, then restore into a new database, exit 0 with the chains intact", async () => {
    const file = path.join(folder, "by-command");
    const dump = await runScript(["dump", file], sourceUrl);
    expect(dump.out).toMatch(/backed up .* to /);
    expect(dump.code).toBe(0);
    const target = await scratchDb({ migrate: false });
    cleanup.push(target);
    const restore = await runScript(["restore", file], target.url);
    expect(restore.out).toContain("audit trail intact");
    expect(restore.code).toBe(0);
    expect(await digest(target.url)).toEqual(await digest(sourceUrl));
  }, 120_000);
});

function runScript(args: string[], url: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/backup.ts", ...args], { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, out }));
  });
}
