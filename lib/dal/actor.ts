import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { departments, userRoles, users } from "@/db/schema";
import type { DepartmentKind, Role } from "@/lib/domain/roles";
import type { Scope } from "@/lib/domain/api/scopes";
import { DomainError } from "./errors";

/** The signed-in person as every check sees them: read fresh from the database per request. */
export type Actor = {
  id: number;
  login: string;
  name: string;
  departmentId: number;
  departmentName: string;
  departmentKind: DepartmentKind;
  roles: Role[];
  /** Set when the caller is an API client: the token it used (stamped on every write it makes). */
  tokenId?: number;
  /** With tokenId: what the token allows (the API checks them; the data layer still applies the owner's rights). */
  scopes?: readonly Scope[];
};

/** The signed-in person, or the `signedOut` refusal every data-layer function starts with. */
export function signedIn(actor: Actor | null): Actor {
  if (!actor) throw new DomainError("signedOut");
  return actor;
}

/** The actor from their user rows, one per role (a left join on user_roles: none for no role). */
export function actorFromRows(
  rows: { id: number; login: string; name: string; departmentId: number; departmentName: string; departmentKind: DepartmentKind; role: Role | null }[],
): Actor {
  const first = rows[0];
  return {
    id: first.id,
    login: first.login,
    name: first.name,
    departmentId: first.departmentId,
    departmentName: first.departmentName,
    departmentKind: first.departmentKind,
    roles: rows.flatMap((r) => (r.role ? [r.role] : [])),
  };
}

/**
 * Loads the person behind a session, or null when the session no longer holds: the user was
 * disabled, or their password or roles changed since it was issued (session version).
 */
export async function loadActor(userId: number, sessionVersion: number): Promise<Actor | null> {
  if (!Number.isInteger(userId) || userId <= 0) return null;
  const rows = await getDb()
    .select({
      id: users.id,
      login: users.login,
      name: users.name,
      active: users.active,
      sessionVersion: users.sessionVersion,
      departmentId: users.departmentId,
      departmentName: departments.name,
      departmentKind: departments.kind,
      service: users.service,
      role: userRoles.role,
    })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(users.id, userId));
  const first = rows[0];
  // A service account acts only through its API tokens, never through a session.
  if (!first || !first.active || first.service || first.sessionVersion !== sessionVersion) return null;
  return actorFromRows(rows);
}
