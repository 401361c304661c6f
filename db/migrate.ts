import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { connect } from "./client";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Applies the committed migrations; safe to run from several instances at once (advisory lock). */
export async function runMigrations(url: string): Promise<void> {
  const { sql, db } = connect(url, 1);
  try {
    await sql`select pg_advisory_lock(727001)`;
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await sql`select pg_advisory_unlock(727001)`.catch(() => {});
    await sql.end({ timeout: 5 });
  }
}
