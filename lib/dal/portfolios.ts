import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Tx } from "@/db/client";
import { departments, portfolios, userRoles, users } from "@/db/schema";
import type { PortfolioInput } from "@/lib/domain/schemas";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { authorize } from "./authz";
import { CHECK_VIOLATION, EXCLUSION_VIOLATION, pgCode } from "./db-errors";
import { conflict, DomainError, notFound } from "./errors";

export type PortfolioDto = {
  id: number;
  deputyId: number;
  deputyName: string;
  departmentId: number;
  departmentName: string;
  startsOn: string;
  endsOn: string | null;
  version: number;
};

export async function listPortfolios(actor: Actor | null): Promise<PortfolioDto[]> {
  authorize(actor, "read", "portfolio");
  return getDb()
    .select({
      id: portfolios.id,
      deputyId: portfolios.deputyId,
      deputyName: users.name,
      departmentId: portfolios.departmentId,
      departmentName: departments.name,
      startsOn: portfolios.startsOn,
      endsOn: portfolios.endsOn,
      version: portfolios.version,
    })
    .from(portfolios)
    .innerJoin(users, eq(users.id, portfolios.deputyId))
    .innerJoin(departments, eq(departments.id, portfolios.departmentId))
    .orderBy(asc(users.id), asc(departments.sortOrder), asc(portfolios.startsOn));
}

async function assertDeputy(tx: Tx, userId: number) {
  const deputy = alias(userRoles, "deputy_role");
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(deputy, and(eq(deputy.userId, users.id), eq(deputy.role, "deputy")))
    .where(and(eq(users.id, userId), eq(users.active, true)));
  if (!row) throw new DomainError("notDeputy", "deputyId");
}

async function assertDepartment(tx: Tx, id: number) {
  const [d] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.id, id), eq(departments.active, true)));
  if (!d) throw new DomainError("notFound", "departmentId");
}

function mapConstraint(e: unknown): never {
  if (pgCode(e) === EXCLUSION_VIOLATION) throw new DomainError("portfolioOverlap", "startsOn");
  if (pgCode(e) === CHECK_VIOLATION) throw new DomainError("conflict", "endsOn");
  throw e;
}

export async function createPortfolio(actor: Actor | null, input: PortfolioInput): Promise<number> {
  authorize(actor, "create", "portfolio");
  return getDb()
    .transaction(async (tx) => {
      await assertDeputy(tx, input.deputyId);
      await assertDepartment(tx, input.departmentId);
      const [row] = await tx.insert(portfolios).values(input).returning({ id: portfolios.id });
      await audit(tx, actor, { action: "portfolio.create", entity: "portfolio", entityId: row.id, data: { ...input } });
      return row.id;
    })
    .catch(mapConstraint);
}

export async function updatePortfolio(actor: Actor | null, id: number, expectedVersion: number, input: PortfolioInput): Promise<void> {
  authorize(actor, "update", "portfolio");
  await getDb()
    .transaction(async (tx) => {
      const [before] = await tx.select().from(portfolios).where(eq(portfolios.id, id));
      if (!before) throw notFound();
      await assertDeputy(tx, input.deputyId);
      await assertDepartment(tx, input.departmentId);
      const updated = await tx
        .update(portfolios)
        .set({ ...input, version: sql`${portfolios.version} + 1`, updatedAt: new Date() })
        .where(and(eq(portfolios.id, id), eq(portfolios.version, expectedVersion)))
        .returning({ id: portfolios.id });
      if (!updated.length) throw conflict();
      await audit(tx, actor, {
        action: "portfolio.update",
        entity: "portfolio",
        entityId: id,
        data: { before: { deputyId: before.deputyId, departmentId: before.departmentId, startsOn: before.startsOn, endsOn: before.endsOn }, after: input },
      });
    })
    .catch(mapConstraint);
}

export async function deletePortfolio(actor: Actor | null, id: number, expectedVersion: number): Promise<void> {
  authorize(actor, "delete", "portfolio");
  await getDb().transaction(async (tx) => {
    const [gone] = await tx
      .delete(portfolios)
      .where(and(eq(portfolios.id, id), eq(portfolios.version, expectedVersion)))
      .returning();
    if (!gone) throw conflict();
    await audit(tx, actor, {
      action: "portfolio.delete",
      entity: "portfolio",
      entityId: id,
      data: { deputyId: gone.deputyId, departmentId: gone.departmentId, startsOn: gone.startsOn, endsOn: gone.endsOn },
    });
  });
}
