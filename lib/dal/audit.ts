import "server-only";
import type { Tx } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Actor } from "./actor";

export type AuditInput = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  data?: Record<string, unknown>;
  onBehalfOfId?: number | null;
};

/** Writes the audit event inside the caller's transaction, so the change and its record stand or fall together. */
export async function audit(tx: Tx, actor: Pick<Actor, "id"> | null, e: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: actor?.id ?? null,
    onBehalfOfId: e.onBehalfOfId ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId == null ? null : String(e.entityId),
    data: e.data ?? {},
  });
}
