import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { userRoles, users } from "@/db/schema";
import type { Actor } from "../actor";
import { authorize } from "../authz";
import { DomainError } from "../errors";
import { isOffice } from "./context";

export type LeaderOption = { id: number; name: string; title: string | null; principal: boolean };

/** Active principal and deputies, principal first: whom the office may reroute an item to. */
export async function listLeaders(actor: Actor | null): Promise<LeaderOption[]> {
  if (!actor) throw new DomainError("signedOut");
  if (!isOffice(actor)) throw new DomainError("forbidden");
  const rows = await getDb()
    .select({ id: users.id, name: users.name, title: users.title, role: userRoles.role })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.active, true), inArray(userRoles.role, ["principal", "deputy"])))
    .orderBy(asc(users.id));
  const byId = new Map<number, LeaderOption>();
  for (const r of rows) {
    const prev = byId.get(r.id);
    byId.set(r.id, { id: r.id, name: r.name, title: r.title, principal: (prev?.principal ?? false) || r.role === "principal" });
  }
  return [...byId.values()].sort((a, b) => Number(b.principal) - Number(a.principal) || a.id - b.id);
}

/** Names of people an item's timeline refers to by id (leaders routed to); the directory is open to all. */
export async function namesOf(actor: Actor | null, ids: number[]): Promise<Map<number, string>> {
  authorize(actor, "read", "user");
  const unique = [...new Set(ids)].filter((id) => Number.isInteger(id) && id > 0);
  if (!unique.length) return new Map();
  const rows = await getDb().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
