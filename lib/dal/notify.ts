import "server-only";
import type { Tx } from "@/db/client";
import { notifications } from "@/db/schema";

/** What a notification links to: exactly one item, request, coordination matter or notice. */
export type NotificationRef = { itemId: number } | { requestId: number } | { coordinationId: number } | { noticeId: number };

/**
 * In-app notifications, written in the caller's transaction so they exist exactly when the
 * change does. A dedupe key makes a repeated send (the scheduled sweep) a no-op. Returns how
 * many were new.
 */
export async function notifyAbout(
  tx: Tx,
  userIds: number[],
  ref: NotificationRef,
  kind: string,
  data: Record<string, unknown> = {},
  dedupe?: (userId: number) => string,
): Promise<number> {
  const unique = [...new Set(userIds)];
  if (!unique.length) return 0;
  const inserted = await tx
    .insert(notifications)
    .values(unique.map((userId) => ({ userId, ...ref, kind, data, dedupeKey: dedupe ? dedupe(userId) : null })))
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return inserted.length;
}
