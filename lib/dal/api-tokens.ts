import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { apiTokens, departments, userRoles, users } from "@/db/schema";
import { now } from "@/lib/clock";
import type { TokenCreateInput } from "@/lib/domain/api/inputs";
import { normalizeScopes, type Scope } from "@/lib/domain/api/scopes";
import { generateToken, hashToken, looksLikeToken, MAX_TOKEN_DAYS, shouldTouch, tokenStatus, type TokenStatus } from "@/lib/domain/api/tokens";
import { actorFromRows, type Actor } from "./actor";
import { audit } from "./audit";
import { conflict, DomainError, notFound } from "./errors";

// API tokens: created by a person for themselves, or by an admin for a service account. Only
// the SHA-256 of a token is stored; the token is returned once by the create functions.

export type TokenDto = {
  id: number;
  name: string;
  prefix: string;
  scopes: Scope[];
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  createdByName: string;
  status: TokenStatus;
  version: number;
};

const creator = alias(users, "token_creator");

async function tokensOf(userId: number): Promise<TokenDto[]> {
  const rows = await getDb()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      createdAt: apiTokens.createdAt,
      createdByName: creator.name,
      version: apiTokens.version,
    })
    .from(apiTokens)
    .innerJoin(creator, eq(creator.id, apiTokens.createdById))
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.id));
  const at = now();
  return rows.map((r) => ({ ...r, scopes: normalizeScopes(r.scopes), status: tokenStatus(r, at) }));
}

/** The signed-in person's own tokens (never the hash). */
export async function listMyTokens(actor: Actor | null): Promise<TokenDto[]> {
  if (!actor) throw new DomainError("signedOut");
  return tokensOf(actor.id);
}

/** A service account's tokens, for an admin. */
export async function listServiceTokens(actor: Actor | null, userId: number): Promise<TokenDto[]> {
  requireAdmin(actor);
  await serviceAccount(userId);
  return tokensOf(userId);
}

function requireAdmin(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new DomainError("signedOut");
  if (!actor.roles.includes("admin")) throw new DomainError("forbidden");
}

async function serviceAccount(userId: number) {
  const [u] = await getDb().select({ id: users.id, service: users.service }).from(users).where(eq(users.id, userId));
  if (!u || !u.service) throw notFound();
  return u;
}

async function insertToken(actor: Actor, ownerId: number, input: TokenCreateInput): Promise<{ id: number; token: string }> {
  const days = input.expiresInDays;
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) throw new DomainError("required", "expiresInDays");
  const scopes = normalizeScopes(input.scopes);
  if (!scopes.length) throw new DomainError("required", "scopes");
  const { token, hash, prefix } = generateToken();
  const expiresAt = new Date(now().getTime() + days * 86_400_000);
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: ownerId, name: input.name, prefix, tokenHash: hash, scopes, expiresAt, createdById: actor.id })
      .returning({ id: apiTokens.id });
    await audit(tx, actor, { action: "api_token.create", entity: "api_token", entityId: row.id, data: { ownerId, name: input.name, prefix, scopes, expiresAt: expiresAt.toISOString() } });
    return { id: row.id, token };
  });
}

/** A token for oneself; the token is in the answer, once. */
export async function createMyToken(actor: Actor | null, input: TokenCreateInput): Promise<{ id: number; token: string }> {
  if (!actor) throw new DomainError("signedOut");
  // A token of a token would outlive the scopes it was granted: the API cannot mint tokens.
  if (actor.tokenId) throw new DomainError("forbidden");
  return insertToken(actor, actor.id, input);
}

/** An admin's token for a service account; the token is in the answer, once. */
export async function createServiceToken(actor: Actor | null, userId: number, input: TokenCreateInput): Promise<{ id: number; token: string }> {
  requireAdmin(actor);
  if (actor.tokenId) throw new DomainError("forbidden");
  await serviceAccount(userId);
  return insertToken(actor, userId, input);
}

/** Revokes a token: its owner may, and an admin may revoke any. Refused at once on the next request. */
export async function revokeToken(actor: Actor | null, id: number, expectedVersion: number): Promise<void> {
  if (!actor) throw new DomainError("signedOut");
  await getDb().transaction(async (tx) => {
    const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for("update");
    if (!row || (row.userId !== actor.id && !actor.roles.includes("admin"))) throw notFound();
    if (row.version !== expectedVersion) throw conflict();
    if (row.revokedAt) throw new DomainError("wrongState");
    await tx
      .update(apiTokens)
      .set({ revokedAt: now(), version: sql`${apiTokens.version} + 1` })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.version, expectedVersion)));
    await audit(tx, actor, { action: "api_token.revoke", entity: "api_token", entityId: id, data: { ownerId: row.userId, name: row.name, prefix: row.prefix } });
  });
}

/**
 * The person behind a bearer token, as an Actor stamped with the token's id and scopes, or null
 * when the token is malformed, unknown, expired or revoked, or its owner is disabled. (This is
 * where an API caller's actor comes from, as loadActor is for a session.)
 *
 * The token is found by its SHA-256 through the unique index. No constant-time comparison is
 * needed: the timing of the look-up depends only on the hash of what the caller sent, and
 * learning how much of some hash matches gives no way to build a token with a wanted hash.
 */
export async function authenticateToken(token: string): Promise<Actor | null> {
  if (!looksLikeToken(token)) return null;
  const rows = await getDb()
    .select({
      tokenId: apiTokens.id,
      scopes: apiTokens.scopes,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      id: users.id,
      login: users.login,
      name: users.name,
      active: users.active,
      departmentId: users.departmentId,
      departmentName: departments.name,
      departmentKind: departments.kind,
      role: userRoles.role,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(apiTokens.tokenHash, hashToken(token)));
  const first = rows[0];
  const at = now();
  if (!first || !first.active || tokenStatus(first, at) !== "active") return null;
  if (shouldTouch(first.lastUsedAt, at)) {
    // At most one write a minute per token; several instances racing here write the same minute.
    await getDb()
      .update(apiTokens)
      .set({ lastUsedAt: at })
      .where(and(eq(apiTokens.id, first.tokenId), sql`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < ${new Date(at.getTime() - 60_000).toISOString()}::timestamptz)`));
  }
  return { ...actorFromRows(rows), tokenId: first.tokenId, scopes: normalizeScopes(first.scopes) };
}
