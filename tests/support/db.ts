// Helpers for the integration tests: actors for seeded or new people, fresh rows with unique
// names, and snapshots that prove a refused call changed nothing.
import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { getDb, getSql } from "@/db/client";
import { departments, userRoles, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { loadActor, type Actor } from "@/lib/dal/actor";
import { DomainError, type ErrorCode } from "@/lib/dal/errors";
import type { DepartmentKind, Role } from "@/lib/domain/roles";
import { hashPassword } from "@/lib/password";

let counter = 0;
/** A name no other test (or earlier run on the same server) uses; lower-case, valid as a login. */
export function unique(prefix: string): string {
  return `${prefix}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 7)}`;
}

export async function userRow(idOrLogin: number | string) {
  const where = typeof idOrLogin === "number" ? eq(users.id, idOrLogin) : eq(sql`lower(${users.login})`, idOrLogin.toLowerCase());
  const [row] = await getDb()
    .select({ id: users.id, login: users.login, name: users.name, active: users.active, version: users.version, sessionVersion: users.sessionVersion })
    .from(users)
    .where(where);
  if (!row) throw new Error(`no user ${idOrLogin}`);
  return row;
}

/** The actor a fresh request by this person would get (their current session version). */
export async function actorFor(idOrLogin: number | string): Promise<Actor> {
  const u = await userRow(idOrLogin);
  const actor = await loadActor(u.id, u.sessionVersion);
  if (!actor) throw new Error(`user ${idOrLogin} cannot act (inactive?)`);
  return actor;
}

export async function departmentByName(name: string) {
  const [row] = await getDb().select().from(departments).where(eq(departments.name, name));
  if (!row) throw new Error(`no department ${name}`);
  return row;
}

/** A new department written directly (no audit event), for tests that must not touch seeded data. */
export async function insertDepartment(opts: { kind?: DepartmentKind; parentId?: number | null; name?: string } = {}) {
  const [row] = await getDb()
    .insert(departments)
    .values({ name: opts.name ?? unique("部门"), kind: opts.kind ?? "functional", parentId: opts.parentId ?? null })
    .returning();
  return row;
}

let demoHash: Promise<string> | undefined;

/** A new person written directly (no audit event); their password is the demo password. */
export async function insertUser(opts: { roles: Role[]; departmentId?: number; active?: boolean; login?: string }) {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  const departmentId = opts.departmentId ?? (await insertDepartment()).id;
  const login = opts.login ?? unique("u");
  const [row] = await getDb()
    .insert(users)
    .values({ login, name: login, departmentId, passwordHash: await demoHash, active: opts.active ?? true })
    .returning({ id: users.id, login: users.login, version: users.version, sessionVersion: users.sessionVersion });
  if (opts.roles.length) await getDb().insert(userRoles).values(opts.roles.map((role) => ({ userId: row.id, role })));
  return row;
}

const TABLES = ["departments", "users", "user_roles", "portfolios", "delegations", "calendar_days", "audit_events", "sign_in_throttle"];

/** Row count and a digest of every row of every table: equal snapshots mean nothing changed. */
export async function snapshot(): Promise<Record<string, string>> {
  const rows = await getSql().unsafe<{ t: string; n: number; h: string }[]>(
    TABLES.map((t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`).join(
      " union all ",
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

export async function lastAuditId(): Promise<number> {
  const [row] = await getSql()<{ id: string | null }[]>`select max(id)::text as id from audit_events`;
  return Number(row.id ?? 0);
}

export type AuditRow = { id: number; action: string; entity: string; entityId: string | null; actorId: number | null; xmin: string };

export async function auditAfter(id: number): Promise<AuditRow[]> {
  return getSql()<AuditRow[]>`
    select id::int as id, action, entity, entity_id as "entityId", actor_id as "actorId", xmin::text as xmin
    from audit_events where id > ${id} order by id`;
}

/** Awaits a call that must fail with this DomainError (and, when given, at this field). */
export async function expectDomainError(call: Promise<unknown>, code: ErrorCode, field?: string): Promise<DomainError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected DomainError "${code}"`).toBeInstanceOf(DomainError);
  const domainError = error as DomainError;
  expect(domainError.code).toBe(code);
  if (field !== undefined) expect(domainError.field).toBe(field);
  return domainError;
}
