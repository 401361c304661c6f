import "server-only";
import { and, asc, eq, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { departments, userRoles, users } from "@/db/schema";
import type { Role } from "@/lib/domain/roles";
import { SERVICE_ROLES } from "@/lib/domain/api/options";
import type { UserCreateInput, UserProfileInput } from "@/lib/domain/schemas";
import { hashPassword, verifyPassword } from "@/lib/password";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { authorize } from "./authz";
import { pgCode, UNIQUE_VIOLATION } from "./db-errors";
import { conflict, DomainError, notFound } from "./errors";

/** What anyone may see of a person: never the password hash or session data. */
export type UserDto = {
  id: number;
  login: string;
  name: string;
  email: string | null;
  title: string | null;
  departmentId: number;
  departmentName: string;
  roles: Role[];
  active: boolean;
  version: number;
  lastLoginAt: Date | null;
};

const columns = {
  id: users.id,
  login: users.login,
  name: users.name,
  email: users.email,
  title: users.title,
  departmentId: users.departmentId,
  departmentName: departments.name,
  active: users.active,
  version: users.version,
  lastLoginAt: users.lastLoginAt,
  roles: sql<Role[]>`coalesce((select array_agg(r.role::text order by r.role) from user_roles r where r.user_id = "users"."id"), '{}')`,
};

export type UserFilter = { q?: string; departmentId?: number; role?: Role; includeInactive?: boolean };

export async function listUsers(actor: Actor | null, filter: UserFilter = {}): Promise<UserDto[]> {
  authorize(actor, "read", "user");
  const where: SQL[] = [];
  if (!filter.includeInactive) where.push(eq(users.active, true));
  if (filter.departmentId) where.push(eq(users.departmentId, filter.departmentId));
  if (filter.role)
    where.push(inArray(users.id, getDb().select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, filter.role))));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(users.name, like), ilike(users.login, like), ilike(users.title, like))!);
  }
  const rows = await getDb()
    .select(columns)
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(and(...where))
    .orderBy(asc(departments.sortOrder), asc(users.id));
  return rows.map((r) => forReader(actor, r));
}

/**
 * Everyone may read the directory (routing needs it), but contact and sign-in details of
 * other people stay with the admins.
 */
function forReader(actor: Actor, row: UserDto): UserDto {
  if (actor.roles.includes("admin") || actor.id === row.id) return row;
  return { ...row, email: null, lastLoginAt: null };
}

export async function getUser(actor: Actor | null, id: number): Promise<UserDto> {
  authorize(actor, "read", "user");
  const [row] = await getDb().select(columns).from(users).innerJoin(departments, eq(departments.id, users.departmentId)).where(eq(users.id, id));
  if (!row) throw notFound();
  return forReader(actor, row);
}

async function assertDepartment(tx: Tx, id: number) {
  const [d] = await tx.select({ active: departments.active }).from(departments).where(eq(departments.id, id));
  if (!d || !d.active) throw new DomainError("notFound", "departmentId");
}

/** Refuses a change that would leave no active admin. Locks admin rows so two demotions cannot race. */
async function assertAnotherAdminRemains(tx: Tx, userId: number) {
  const others = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "admin")))
    .where(and(eq(users.active, true), ne(users.id, userId)))
    .for("update", { of: users });
  if (!others.length) throw new DomainError("lastAdmin");
}

async function rolesOf(tx: Tx, userId: number): Promise<Role[]> {
  return (await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId))).map((r) => r.role).sort();
}

function mapUnique(e: unknown): never {
  if (pgCode(e) === UNIQUE_VIOLATION) throw new DomainError("loginTaken", "login");
  throw e;
}

export async function createUser(actor: Actor | null, input: UserCreateInput): Promise<number> {
  authorize(actor, "create", "user");
  const passwordHash = await hashPassword(input.password);
  return getDb()
    .transaction(async (tx) => {
      await assertDepartment(tx, input.departmentId);
      const [row] = await tx
        .insert(users)
        .values({ login: input.login, name: input.name, email: input.email, title: input.title, departmentId: input.departmentId, passwordHash })
        .returning({ id: users.id });
      await tx.insert(userRoles).values(input.roles.map((role) => ({ userId: row.id, role })));
      await audit(tx, actor, {
        action: "user.create",
        entity: "user",
        entityId: row.id,
        data: { login: input.login, name: input.name, departmentId: input.departmentId, roles: input.roles },
      });
      return row.id;
    })
    .catch(mapUnique);
}

export async function updateUser(actor: Actor | null, id: number, expectedVersion: number, input: UserProfileInput): Promise<void> {
  authorize(actor, "update", "user");
  await getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id));
    if (!before) throw notFound();
    await assertDepartment(tx, input.departmentId);
    const oldRoles = await rolesOf(tx, id);
    const newRoles = [...input.roles].sort();
    // A service account holds staff roles only, as when it was created (never admin or a leader's role).
    if (before.service && newRoles.some((r) => !(SERVICE_ROLES as readonly Role[]).includes(r))) throw new DomainError("forbidden", "roles");
    const rolesChanged = oldRoles.join() !== newRoles.join();
    if (oldRoles.includes("admin") && !newRoles.includes("admin") && before.active) await assertAnotherAdminRemains(tx, id);
    const updated = await tx
      .update(users)
      .set({
        name: input.name,
        email: input.email,
        title: input.title,
        departmentId: input.departmentId,
        version: sql`${users.version} + 1`,
        // A change of roles ends open sessions, so the new rights apply at once.
        ...(rolesChanged ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
      .returning({ id: users.id });
    if (!updated.length) throw conflict();
    if (rolesChanged) {
      await tx.delete(userRoles).where(eq(userRoles.userId, id));
      await tx.insert(userRoles).values(newRoles.map((role) => ({ userId: id, role })));
    }
    await audit(tx, actor, {
      action: "user.update",
      entity: "user",
      entityId: id,
      data: {
        before: { name: before.name, email: before.email, title: before.title, departmentId: before.departmentId, roles: oldRoles },
        after: { name: input.name, email: input.email, title: input.title, departmentId: input.departmentId, roles: newRoles },
      },
    });
  });
}

export async function setUserActive(actor: Actor | null, id: number, expectedVersion: number, active: boolean): Promise<void> {
  authorize(actor, "disable", "user");
  await getDb().transaction(async (tx) => {
    if (!active && (await rolesOf(tx, id)).includes("admin")) await assertAnotherAdminRemains(tx, id);
    const updated = await tx
      .update(users)
      .set({ active, version: sql`${users.version} + 1`, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
      .returning({ id: users.id });
    if (!updated.length) {
      const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.id, id));
      throw exists ? conflict() : notFound();
    }
    await audit(tx, actor, { action: active ? "user.enable" : "user.disable", entity: "user", entityId: id });
  });
}

export async function resetPassword(actor: Actor | null, id: number, expectedVersion: number, password: string): Promise<void> {
  authorize(actor, "reset_password", "user");
  const passwordHash = await hashPassword(password);
  await getDb().transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ passwordHash, version: sql`${users.version} + 1`, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
      .returning({ id: users.id });
    if (!updated.length) throw conflict();
    await audit(tx, actor, { action: "user.reset_password", entity: "user", entityId: id });
  });
}

/** Anyone may change their own password, proving the current one; other sessions end. */
export async function changeOwnPassword(actor: Actor | null, current: string, password: string): Promise<number> {
  if (!actor) throw new DomainError("signedOut");
  const [row] = await getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!row || !(await verifyPassword(row.hash, current))) throw new DomainError("wrongPassword", "current");
  const passwordHash = await hashPassword(password);
  return getDb().transaction(async (tx) => {
    const [u] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, actor.id))
      .returning({ sv: users.sessionVersion });
    await audit(tx, actor, { action: "user.change_password", entity: "user", entityId: actor.id });
    return u.sv;
  });
}
