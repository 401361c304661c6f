import "server-only";
import { and, asc, desc, eq, inArray, isNull, lte, gte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Tx } from "@/db/client";
import { delegations, portfolios, userRoles, users } from "@/db/schema";
import type { DelegationInput } from "@/lib/domain/schemas";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { authorize } from "./authz";
import { conflict, DomainError, notFound } from "./errors";

export type DelegationDto = {
  id: number;
  fromUserId: number;
  fromName: string;
  toUserId: number;
  toName: string;
  startsOn: string;
  endsOn: string;
  departmentIds: number[];
  note: string | null;
  revoked: boolean;
  version: number;
};

export async function listDelegations(actor: Actor | null): Promise<DelegationDto[]> {
  authorize(actor, "read", "delegation");
  const from = alias(users, "from_user");
  const to = alias(users, "to_user");
  const rows = await getDb()
    .select({
      id: delegations.id,
      fromUserId: delegations.fromUserId,
      fromName: from.name,
      toUserId: delegations.toUserId,
      toName: to.name,
      startsOn: delegations.startsOn,
      endsOn: delegations.endsOn,
      departmentIds: delegations.departmentIds,
      note: delegations.note,
      revokedAt: delegations.revokedAt,
      version: delegations.version,
    })
    .from(delegations)
    .innerJoin(from, eq(from.id, delegations.fromUserId))
    .innerJoin(to, eq(to.id, delegations.toUserId))
    .orderBy(desc(delegations.startsOn), asc(delegations.id));
  return rows.map(({ revokedAt, ...r }) => ({ ...r, revoked: revokedAt !== null }));
}

async function leaderRoles(tx: Tx, userId: number): Promise<string[] | null> {
  const [u] = await tx.select({ active: users.active }).from(users).where(eq(users.id, userId));
  if (!u?.active) return null;
  const rows = await tx
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), inArray(userRoles.role, ["principal", "deputy"])));
  return rows.map((r) => r.role);
}

/** Both sides are active leaders; a deputy may hand on only departments in their own portfolio. */
async function assertValid(tx: Tx, input: DelegationInput) {
  // The schema refuses this too; here it would otherwise surface as a raw CHECK violation.
  if (input.fromUserId === input.toUserId) throw new DomainError("selfDelegation", "toUserId");
  const fromRoles = await leaderRoles(tx, input.fromUserId);
  if (!fromRoles?.length) throw new DomainError("notLeader", "fromUserId");
  const toRoles = await leaderRoles(tx, input.toUserId);
  if (!toRoles?.length) throw new DomainError("notLeader", "toUserId");
  if (input.departmentIds.length && !fromRoles.includes("principal")) {
    const held = await tx
      .select({ departmentId: portfolios.departmentId })
      .from(portfolios)
      .where(
        and(
          eq(portfolios.deputyId, input.fromUserId),
          inArray(portfolios.departmentId, input.departmentIds),
          lte(portfolios.startsOn, input.endsOn),
          or(isNull(portfolios.endsOn), gte(portfolios.endsOn, input.startsOn)),
        ),
      );
    const heldIds = new Set(held.map((h) => h.departmentId));
    if (input.departmentIds.some((d) => !heldIds.has(d))) throw new DomainError("outsidePortfolio", "departmentIds");
  }
}

export async function createDelegation(actor: Actor | null, input: DelegationInput): Promise<number> {
  authorize(actor, "create", "delegation");
  return getDb().transaction(async (tx) => {
    await assertValid(tx, input);
    const [row] = await tx.insert(delegations).values(input).returning({ id: delegations.id });
    await audit(tx, actor, { action: "delegation.create", entity: "delegation", entityId: row.id, data: { ...input } });
    return row.id;
  });
}

export async function updateDelegation(actor: Actor | null, id: number, expectedVersion: number, input: DelegationInput): Promise<void> {
  authorize(actor, "update", "delegation");
  await getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(delegations).where(eq(delegations.id, id));
    if (!before) throw notFound();
    await assertValid(tx, input);
    const updated = await tx
      .update(delegations)
      .set({ ...input, version: sql`${delegations.version} + 1`, updatedAt: new Date() })
      .where(and(eq(delegations.id, id), eq(delegations.version, expectedVersion), isNull(delegations.revokedAt)))
      .returning({ id: delegations.id });
    if (!updated.length) throw conflict();
    await audit(tx, actor, { action: "delegation.update", entity: "delegation", entityId: id, data: { after: input } });
  });
}

/** Revoking keeps the record: acts already done under the delegation still point at it. */
export async function revokeDelegation(actor: Actor | null, id: number, expectedVersion: number): Promise<void> {
  authorize(actor, "delete", "delegation");
  await getDb().transaction(async (tx) => {
    const updated = await tx
      .update(delegations)
      .set({ revokedAt: new Date(), version: sql`${delegations.version} + 1`, updatedAt: new Date() })
      .where(and(eq(delegations.id, id), eq(delegations.version, expectedVersion), isNull(delegations.revokedAt)))
      .returning({ id: delegations.id });
    if (!updated.length) throw conflict();
    await audit(tx, actor, { action: "delegation.revoke", entity: "delegation", entityId: id });
  });
}
