import "server-only";
import { randomBytes } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { departments, userRoles, users } from "@/db/schema";
import type { ServiceAccountInput } from "@/lib/domain/api/inputs";
import type { Role } from "@/lib/domain/roles";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { pgCode, UNIQUE_VIOLATION } from "./db-errors";
import { DomainError } from "./errors";

// Service accounts: users with `service` set, for integrations. They hold API tokens (made by
// an admin) and act through them with their department and roles; they never sign in.

export type ServiceAccountDto = {
  id: number;
  login: string;
  name: string;
  title: string | null;
  departmentId: number;
  departmentName: string;
  roles: Role[];
  active: boolean;
  version: number;
};

function requireAdmin(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new DomainError("signedOut");
  if (!actor.roles.includes("admin")) throw new DomainError("forbidden");
}

export async function listServiceAccounts(actor: Actor | null): Promise<ServiceAccountDto[]> {
  requireAdmin(actor);
  return getDb()
    .select({
      id: users.id,
      login: users.login,
      name: users.name,
      title: users.title,
      departmentId: users.departmentId,
      departmentName: departments.name,
      roles: sql<Role[]>`coalesce((select array_agg(r.role::text order by r.role) from user_roles r where r.user_id = "users"."id"), '{}')`,
      active: users.active,
      version: users.version,
    })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.service, true))
    .orderBy(asc(users.login));
}

/**
 * A "password hash" no password matches: not an argon2 string at all, so verification fails
 * (and sign-in refuses service accounts before it gets there anyway).
 */
export function unusablePasswordHash(): string {
  return `!service-account:${randomBytes(24).toString("base64url")}`;
}

export async function createServiceAccount(actor: Actor | null, input: ServiceAccountInput): Promise<number> {
  requireAdmin(actor);
  try {
    return await getDb().transaction(async (tx) => {
      const [dept] = await tx.select({ active: departments.active }).from(departments).where(eq(departments.id, input.departmentId));
      if (!dept || !dept.active) throw new DomainError("unknownDepartment", "departmentId");
      const [row] = await tx
        .insert(users)
        .values({ login: input.login, name: input.name, title: input.title, departmentId: input.departmentId, passwordHash: unusablePasswordHash(), service: true })
        .returning({ id: users.id });
      await tx.insert(userRoles).values(input.roles.map((role) => ({ userId: row.id, role })));
      await audit(tx, actor, {
        action: "user.create",
        entity: "user",
        entityId: row.id,
        data: { login: input.login, name: input.name, departmentId: input.departmentId, roles: input.roles, service: true },
      });
      return row.id;
    });
  } catch (e) {
    if (pgCode(e) === UNIQUE_VIOLATION) throw new DomainError("loginTaken", "login");
    throw e;
  }
}
