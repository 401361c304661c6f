import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Reader } from "@/db/client";
import { coordinationMatters, coordinationParties, userRoles, users } from "@/db/schema";
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

/** Active heads of these departments (the ladder tells them when a matter climbs). */
export async function headsOf(tx: Reader, departmentIds: number[]): Promise<number[]> {
  if (!departmentIds.length) return [];
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(users.departmentId, [...new Set(departmentIds)]), eq(users.active, true), eq(userRoles.role, "dept_head")));
  return rows.map((r) => r.id);
}
