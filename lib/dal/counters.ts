import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { itemCounters } from "@/db/schema";
import { formatItemNumber, type ItemKind } from "@/lib/domain/items/numbering";

/**
 * The next gapless number of a kind and year, inside the caller's transaction. The counter row
 * stays locked until commit: concurrent registrations queue here, and a rolled-back one leaves
 * no gap (its number is handed out again).
 */
export async function nextNumber(tx: Tx, kind: ItemKind, year: number): Promise<{ seq: number; number: string }> {
  const [{ seq }] = await tx
    .insert(itemCounters)
    .values({ kind, year, lastSeq: 1 })
    .onConflictDoUpdate({ target: [itemCounters.kind, itemCounters.year], set: { lastSeq: sql`${itemCounters.lastSeq} + 1` } })
    .returning({ seq: itemCounters.lastSeq });
  return { seq, number: formatItemNumber(kind, year, seq) };
}
