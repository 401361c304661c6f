import "server-only";
import type { Reader } from "@/db/client";
import { coordinationMatters, coordinationParties } from "@/db/schema";
import type { CoordinationActorContext } from "@/lib/domain/coordination/lifecycle";
import { actingFor } from "@/lib/domain/items/routing";
import type { Actor } from "../actor";
import { delegationsTo } from "../items/context";

export type MatterRow = typeof coordinationMatters.$inferSelect;
export type PartyRow = typeof coordinationParties.$inferSelect;

export type MatterRelation = { ctx: CoordinationActorContext; onBehalfOf: number | null };

/**
 * How this person stands to this matter, as the life-cycle rules need it. Every party
 * department counts as named, the raising one included (it may state its position too). A
 * delegate acting for the routed leader today (for the raising department, or with whole
 * authority) is the routed leader, and every act done so is stamped with the leader.
 */
export async function relationToMatter(tx: Reader, actor: Actor, matter: MatterRow, parties: PartyRow[], on: string): Promise<MatterRelation> {
  let isRoutedLeader = matter.routedLeaderId !== null && matter.routedLeaderId === actor.id;
  let onBehalfOf: number | null = null;
  if (!isRoutedLeader && matter.routedLeaderId !== null) {
    const acting = actingFor(matter.routedLeaderId, on, await delegationsTo(tx, actor.id), matter.raisingDepartmentId).find((a) => a.userId === actor.id);
    if (acting) {
      isRoutedLeader = true;
      onBehalfOf = acting.onBehalfOf;
    }
  }
  return {
    ctx: {
      roles: actor.roles,
      inRaisingDepartment: actor.departmentId === matter.raisingDepartmentId,
      isNamedParty: parties.some((p) => p.departmentId === actor.departmentId),
      isRoutedLeader,
    },
    onBehalfOf,
  };
}

