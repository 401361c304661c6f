// Backup and restore of the whole database (README, "Backup and restore"):
//   npx tsx scripts/backup.ts dump <file> [--format=pg_dump|builtin]
//   npx tsx scripts/backup.ts restore <file>
// against DATABASE_URL, or the embedded PostgreSQL in ZHONGSHU_DATA_DIR (running or not).
// A restore goes into an empty database only, and ends with a check of the audit chains.
import { statSync } from "node:fs";
import path from "node:path";
import { reportLines } from "../db/audit-chain";
import { dumpDatabase, restoreDatabase, type BackupFormat } from "../db/backup";
import { openDatabase } from "./database";

const USAGE = "usage: npx tsx scripts/backup.ts dump <file> [--format=pg_dump|builtin]\n       npx tsx scripts/backup.ts restore <file>";

async function main(): Promise<number> {
  const [command, file, ...rest] = process.argv.slice(2);
  const formatArg = rest.find((a) => a.startsWith("--format="))?.slice("--format=".length);
  if ((command !== "dump" && command !== "restore") || !file || (formatArg && formatArg !== "pg_dump" && formatArg !== "builtin")) {
    console.error(USAGE);
    return 2;
  }
  const target = path.resolve(file);
  const db = await openDatabase({ mustExist: command === "dump" });
  try {
    if (command === "dump") {
      const { format, tool } = await dumpDatabase(db.url, target, { format: formatArg as BackupFormat | undefined });
      const how = format === "pg_dump" ? `pg_dump custom format, by ${tool}` : "Zhongshu's built-in format (no pg_dump as new as the server was found)";
      console.log(`backed up ${db.where} to ${target} (${(statSync(target).size / 1024).toFixed(0)} KiB, ${how})`);
      return 0;
    }
    const { format, chains } = await restoreDatabase(db.url, target);
    console.log(`restored ${target} (${format === "pg_dump" ? "pg_restore" : "built-in format"}) into ${db.where}`);
    for (const line of reportLines(chains)) console.log(line);
    return chains.ok ? 0 : 1;
  } finally {
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
