import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Reader } from "@/db/client";
import { requestCountersigns, requests, userRoles, users } from "@/db/schema";
import { actingFor } from "@/lib/domain/items/routing";
import type { RequestAction, RequestActorContext } from "@/lib/domain/requests/lifecycle";
import type { Actor } from "../actor";
import { delegationsTo } from "../items/context";

export type RequestRow = typeof requests.$inferSelect;
export type CountersignRow = typeof requestCountersigns.$inferSelect;

export type RequestRelation = {
  ctx: RequestActorContext;
  /** The routed leader this person acts for under a delegation (代签), if not themselves. */
  routedOnBehalfOf: number | null;
  /** The pending countersign this person would sign, and for whom when it is not their own. */
  countersign: { leaderId: number; onBehalfOf: number | null } | null;
  /** The deciding leader this person acts for (turning the decision into an item), if not themselves. */
  deciderOnBehalfOf: number | null;
};

/**
 * How this person stands to this request, as the life-cycle rules need it. Like relationTo for
 * items: a delegate whose delegation (today, covering the requesting department) comes from the
 * routed leader, a countersigner or the deciding leader stands in their place, and every act
 * done so is stamped with the leader it was done for.
 */
export async function requestRelation(tx: Reader, actor: Actor, request: RequestRow, countersigns: CountersignRow[], on: string): Promise<RequestRelation> {
  const delegs = await delegationsTo(tx, actor.id);
  const actsFor = (leaderId: number | null): { ok: boolean; onBehalfOf: number | null } => {
    if (leaderId === null) return { ok: false, onBehalfOf: null };
    if (leaderId === actor.id) return { ok: true, onBehalfOf: null };
    const acting = actingFor(leaderId, on, delegs, request.departmentId).find((a) => a.userId === actor.id);
    return acting ? { ok: true, onBehalfOf: acting.onBehalfOf } : { ok: false, onBehalfOf: null };
  };

  const routed = actsFor(request.routedLeaderId);
  const pending = countersigns.filter((c) => c.signedAt === null);
  // Their own countersign first; then one they may give for a leader who delegated to them.
  let countersign: RequestRelation["countersign"] = null;
  const mine = pending.find((c) => c.leaderId === actor.id);
  if (mine) countersign = { leaderId: mine.leaderId, onBehalfOf: null };
  else {
    for (const c of pending) {
      const a = actsFor(c.leaderId);
      if (a.ok) {
        countersign = { leaderId: c.leaderId, onBehalfOf: a.onBehalfOf };
        break;
      }
    }
  }
  // The decider is the leader the decision was made for (the delegate acted in their place).
  // Whoever stands in for that leader today may act as the decider — the delegate who decided
  // included, but only while their delegation still holds (not after it ended or was revoked).
  const deciderLeader = request.decidedOnBehalfOfId ?? request.decidedById;
  const decider = actsFor(deciderLeader);

  return {
    ctx: {
      roles: actor.roles,
      inRequestingDepartment: actor.departmentId === request.departmentId,
      isRoutedLeader: routed.ok,
      isPendingCountersigner: countersign !== null,
      hasPendingCountersigns: pending.length > 0,
      isDecider: decider.ok,
    },
    routedOnBehalfOf: routed.onBehalfOf,
    countersign,
    deciderOnBehalfOf: decider.ok ? decider.onBehalfOf : null,
  };
}

const LEADER_ACTIONS: readonly RequestAction[] = ["request_countersign", "approve", "reject", "instruct", "refer_to_principal"];

/** On whose behalf this action is done (stamped on the timeline event), or null. */
export function onBehalfOfFor(action: RequestAction, rel: RequestRelation, isOfficeActor: boolean): number | null {
  if (LEADER_ACTIONS.includes(action)) return rel.routedOnBehalfOf;
  if (action === "countersign") return rel.countersign?.onBehalfOf ?? null;
  // The office converts in its own name; the deciding leader's delegate for that leader.
  if (action === "convert_to_assignment" && !isOfficeActor) return rel.deciderOnBehalfOf;
  return null;
}


/** Active leaders (principal or deputy) among these ids. */
export async function activeLeaders(tx: Reader, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(users.id, ids), eq(users.active, true), inArray(userRoles.role, ["principal", "deputy"])));
  return new Set(rows.map((r) => r.id));
}
