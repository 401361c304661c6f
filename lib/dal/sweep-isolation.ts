import "server-only";
import type { Tx } from "@/db/client";

/**
 * Runs one record's share of a sweep in a savepoint of the sweep's transaction. If it fails,
 * everything it wrote (notifications, their NOTIFY and e-mails, webhook rows, timeline events)
 * is undone, the failure is logged, and the sweep goes on with the next record: one bad record
 * neither leaves a half-applied change nor stops everyone else's reminders. Returns the
 * function's result, or null when it failed.
 */
export async function isolated<T>(tx: Tx, what: string, id: number, fn: (sp: Tx) => Promise<T>): Promise<T | null> {
  try {
    return await tx.transaction((sp) => fn(sp));
  } catch (e) {
    console.error(`[zhongshu] sweep: ${what} ${id} skipped after an error; it is tried again on the next run`, e);
    return null;
  }
}
