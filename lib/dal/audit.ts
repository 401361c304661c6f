import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Tx } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import type { Actor } from "./actor";
import { authorize } from "./authz";

export type AuditInput = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  data?: Record<string, unknown>;
  onBehalfOfId?: number | null;
};

/**
 * Writes the audit event inside the caller's transaction, so the change and its record stand or
 * fall together. A change made through the API carries the token's id in its data.
 */
export async function audit(tx: Tx, actor: Pick<Actor, "id" | "tokenId"> | null, e: AuditInput): Promise<void> {
  const data = e.data ?? {};
  await tx.insert(auditEvents).values({
    actorId: actor?.id ?? null,
    onBehalfOfId: e.onBehalfOfId ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId == null ? null : String(e.entityId),
    data: actor?.tokenId ? { ...data, tokenId: actor.tokenId } : data,
  });
}

export type AuditEventDto = {
  id: number;
  at: Date;
  actorName: string | null;
  onBehalfOfName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  data: Record<string, unknown>;
};

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit log, newest first, one page at a time. Paged by keyset (id < before) rather than
 * OFFSET, so a page stays cheap however long the log grows and new events do not shift it.
 */
export async function listAuditEvents(
  actor: Actor | null,
  opts: { before?: number; entity?: string; limit?: number } = {},
): Promise<{ events: AuditEventDto[]; olderBefore: number | null }> {
  authorize(actor, "read", "audit");
  const limit = Math.min(Math.max(opts.limit ?? AUDIT_PAGE_SIZE, 1), 200);
  const by = alias(users, "actor_user");
  const behalf = alias(users, "behalf_user");
  const rows = await getDb()
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorName: by.name,
      onBehalfOfName: behalf.name,
      action: auditEvents.action,
      entity: auditEvents.entity,
      entityId: auditEvents.entityId,
      data: auditEvents.data,
    })
    .from(auditEvents)
    .leftJoin(by, eq(by.id, auditEvents.actorId))
    .leftJoin(behalf, eq(behalf.id, auditEvents.onBehalfOfId))
    .where(and(opts.before ? lt(auditEvents.id, opts.before) : undefined, opts.entity ? eq(auditEvents.entity, opts.entity) : undefined))
    .orderBy(desc(auditEvents.id))
    // One more than a page tells whether an older page exists.
    .limit(limit + 1);
  const events = rows.slice(0, limit);
  return { events, olderBefore: rows.length > limit ? events[events.length - 1].id : null };
}
