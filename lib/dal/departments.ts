import "server-only";
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { departments, users } from "@/db/schema";
import type { DepartmentInput } from "@/lib/domain/schemas";
import type { DepartmentKind } from "@/lib/domain/roles";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { authorize } from "./authz";
import { pgCode, UNIQUE_VIOLATION } from "./db-errors";
import { conflict, DomainError, notFound } from "./errors";

export type DepartmentDto = {
  id: number;
  name: string;
  kind: DepartmentKind;
  parentId: number | null;
  sortOrder: number;
  active: boolean;
  version: number;
  memberCount: number;
};

const columns = {
  id: departments.id,
  name: departments.name,
  kind: departments.kind,
  parentId: departments.parentId,
  sortOrder: departments.sortOrder,
  active: departments.active,
  version: departments.version,
  // Raw, fully qualified names: inside a subquery an unqualified "id" would bind to the inner table.
  memberCount: sql<number>`(select count(*)::int from users m where m.department_id = "departments"."id" and m.active)`,
};

export async function listDepartments(actor: Actor | null, opts: { includeInactive?: boolean } = {}): Promise<DepartmentDto[]> {
  authorize(actor, "read", "department");
  return getDb()
    .select(columns)
    .from(departments)
    .where(opts.includeInactive ? undefined : eq(departments.active, true))
    .orderBy(asc(departments.sortOrder), asc(departments.id));
}

export async function getDepartment(actor: Actor | null, id: number): Promise<DepartmentDto> {
  authorize(actor, "read", "department");
  const [row] = await getDb().select(columns).from(departments).where(eq(departments.id, id));
  if (!row) throw notFound();
  return row;
}

/** Would making `parentId` the parent of `id` close a loop? */
async function assertNoCycle(tx: Tx, id: number, parentId: number | null) {
  if (parentId === null) return;
  if (parentId === id) throw new DomainError("parentCycle", "parentId");
  const rows = await tx.execute<{ id: number }>(sql`
    with recursive up(id, parent_id) as (
      select id, parent_id from departments where id = ${parentId}
      union all select d.id, d.parent_id from departments d join up on d.id = up.parent_id
    ) select id from up where id = ${id}`);
  if (rows.length) throw new DomainError("parentCycle", "parentId");
}

async function assertParentExists(tx: Tx, parentId: number | null) {
  if (parentId === null) return;
  const [p] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, parentId));
  if (!p) throw new DomainError("notFound", "parentId");
}

function mapUnique(e: unknown): never {
  if (pgCode(e) === UNIQUE_VIOLATION) throw new DomainError("departmentNameTaken", "name");
  throw e;
}

export async function createDepartment(actor: Actor | null, input: DepartmentInput): Promise<number> {
  authorize(actor, "create", "department");
  return getDb()
    .transaction(async (tx) => {
      await assertParentExists(tx, input.parentId);
      const [row] = await tx.insert(departments).values(input).returning({ id: departments.id });
      await audit(tx, actor, { action: "department.create", entity: "department", entityId: row.id, data: { ...input } });
      return row.id;
    })
    .catch(mapUnique);
}

export async function updateDepartment(actor: Actor | null, id: number, expectedVersion: number, input: DepartmentInput): Promise<void> {
  authorize(actor, "update", "department");
  await getDb()
    .transaction(async (tx) => {
      await assertParentExists(tx, input.parentId);
      await assertNoCycle(tx, id, input.parentId);
      const [before] = await tx.select().from(departments).where(eq(departments.id, id));
      if (!before) throw notFound();
      const updated = await tx
        .update(departments)
        .set({ ...input, version: sql`${departments.version} + 1`, updatedAt: new Date() })
        .where(and(eq(departments.id, id), eq(departments.version, expectedVersion)))
        .returning({ id: departments.id });
      if (!updated.length) throw conflict();
      await audit(tx, actor, {
        action: "department.update",
        entity: "department",
        entityId: id,
        data: { before: { name: before.name, kind: before.kind, parentId: before.parentId, sortOrder: before.sortOrder }, after: input },
      });
    })
    .catch(mapUnique);
}

/** Disables (or re-enables) a department; one with active members or active children stays. */
export async function setDepartmentActive(actor: Actor | null, id: number, expectedVersion: number, active: boolean): Promise<void> {
  authorize(actor, "disable", "department");
  await getDb().transaction(async (tx) => {
    if (!active) {
      const [{ n }] = await tx.select({ n: count() }).from(users).where(and(eq(users.departmentId, id), eq(users.active, true)));
      const [{ c }] = await tx
        .select({ c: count() })
        .from(departments)
        .where(and(eq(departments.parentId, id), eq(departments.active, true), ne(departments.id, id)));
      if (n > 0 || c > 0) throw new DomainError("departmentInUse");
    }
    const updated = await tx
      .update(departments)
      .set({ active, version: sql`${departments.version} + 1`, updatedAt: new Date() })
      .where(and(eq(departments.id, id), eq(departments.version, expectedVersion)))
      .returning({ id: departments.id });
    if (!updated.length) {
      const [exists] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
      throw exists ? conflict() : notFound();
    }
    await audit(tx, actor, { action: active ? "department.enable" : "department.disable", entity: "department", entityId: id });
  });
}
