import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { userIdentities, users } from "@/db/schema";
import { decideMatch, type Candidate, type MatchedBy, type SsoClaims } from "@/lib/domain/sso";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { authorize } from "./authz";
import { conflict, notFound } from "./errors";

// Single sign-on identities: (issuer, subject) pairs linked to local people on first use.

export type SsoSignInResult = { kind: "ok"; userId: number; sessionVersion: number } | { kind: "unmatched" } | { kind: "disabled" };

const candidate = { id: users.id, active: users.active, service: users.service };

/**
 * Signs in the person behind a verified identity (the provider checked the password; Auth.js
 * checked state, nonce and PKCE). Part of the sign-in path: nobody is signed in yet. Unmatched
 * and refused identities are audited with issuer and subject, never with tokens.
 */
export async function signInWithSso(issuer: string, claims: SsoClaims, address = "local"): Promise<SsoSignInResult> {
  return getDb().transaction(async (tx) => {
    const [linked] = await tx
      .select(candidate)
      .from(userIdentities)
      .innerJoin(users, eq(users.id, userIdentities.userId))
      .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, claims.subject)));
    const [byLogin] = !linked && claims.login ? await tx.select(candidate).from(users).where(eq(sql`lower(${users.login})`, claims.login)) : [];
    const byEmail =
      !linked && claims.email && claims.emailVerified ? await tx.select(candidate).from(users).where(eq(sql`lower(${users.email})`, claims.email)) : [];
    const ids = [byLogin, ...byEmail].filter((c): c is Candidate => !!c).map((c) => c.id);
    const elsewhere = ids.length
      ? await tx
          .select({ userId: userIdentities.userId })
          .from(userIdentities)
          .where(and(eq(userIdentities.issuer, issuer), ne(userIdentities.subject, claims.subject), inArray(userIdentities.userId, ids)))
      : [];
    const decision = decideMatch({ bySubject: linked ?? null, byLogin: byLogin ?? null, byEmail, linkedElsewhere: new Set(elsewhere.map((e) => e.userId)) });
    const who = { issuer, subject: claims.subject, address };

    if (decision.kind === "unmatched") {
      await audit(tx, null, {
        action: "auth.sso_unmatched",
        entity: "user",
        entityId: null,
        data: { ...who, login: claims.login, email: claims.email, emailVerified: claims.emailVerified, reason: decision.reason },
      });
      return { kind: "unmatched" } as const;
    }
    if (decision.kind !== "matched") {
      await audit(tx, null, {
        action: "auth.sso_refused",
        entity: "user",
        entityId: decision.userId,
        data: { ...who, reason: decision.kind === "service" ? "service_account" : "disabled" },
      });
      // A service account is nobody's to sign in as: to the visitor it is simply unknown.
      return decision.kind === "service" ? ({ kind: "unmatched" } as const) : ({ kind: "disabled" } as const);
    }
    return admitted(tx, decision.userId, decision.matchedBy, who);
  });
}

async function admitted(tx: Tx, userId: number, matchedBy: MatchedBy, who: { issuer: string; subject: string; address: string }): Promise<SsoSignInResult> {
  const now = new Date();
  // Lock the person so that a concurrent disable cannot slip between this check and the session.
  const [user] = await tx.select({ sv: users.sessionVersion, active: users.active }).from(users).where(eq(users.id, userId)).for("update");
  if (!user?.active) return { kind: "disabled" };
  if (matchedBy !== "subject") {
    await tx
      .insert(userIdentities)
      .values({ userId, issuer: who.issuer, subject: who.subject, matchedBy, linkedAt: now, lastUsedAt: now })
      .onConflictDoNothing();
  }
  await tx
    .update(userIdentities)
    .set({ lastUsedAt: now })
    .where(and(eq(userIdentities.issuer, who.issuer), eq(userIdentities.subject, who.subject)));
  await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, userId));
  await audit(tx, { id: userId }, {
    action: "auth.sign_in",
    entity: "user",
    entityId: userId,
    data: { address: who.address, method: "sso", issuer: who.issuer, subject: who.subject, matchedBy, linked: matchedBy !== "subject" },
  });
  return { kind: "ok", userId, sessionVersion: user.sv };
}

export type IdentityDto = {
  id: number;
  issuer: string;
  subject: string;
  matchedBy: string;
  linkedAt: Date;
  lastUsedAt: Date | null;
};

/** A person's linked sign-in identities, for the admins. */
export async function listUserIdentities(actor: Actor | null, userId: number): Promise<IdentityDto[]> {
  authorize(actor, "update", "user");
  return getDb()
    .select({
      id: userIdentities.id,
      issuer: userIdentities.issuer,
      subject: userIdentities.subject,
      matchedBy: userIdentities.matchedBy,
      linkedAt: userIdentities.linkedAt,
      lastUsedAt: userIdentities.lastUsedAt,
    })
    .from(userIdentities)
    .where(eq(userIdentities.userId, userId))
    .orderBy(asc(userIdentities.linkedAt), asc(userIdentities.id));
}

/**
 * Unlinks an identity from a person: on their next single sign-on they are matched afresh (by
 * login name or verified e-mail), or not at all. Changes nothing else about the person.
 */
export async function removeUserIdentity(actor: Actor | null, userId: number, identityId: number, expectedVersion: number): Promise<void> {
  authorize(actor, "update", "user");
  await getDb().transaction(async (tx) => {
    const [user] = await tx.select({ version: users.version }).from(users).where(eq(users.id, userId)).for("update");
    if (!user) throw notFound();
    if (user.version !== expectedVersion) throw conflict();
    const [removed] = await tx
      .delete(userIdentities)
      .where(and(eq(userIdentities.id, identityId), eq(userIdentities.userId, userId)))
      .returning({ issuer: userIdentities.issuer, subject: userIdentities.subject, matchedBy: userIdentities.matchedBy });
    // Already removed by someone else since the page was opened.
    if (!removed) throw conflict();
    await audit(tx, actor, { action: "user.identity_removed", entity: "user", entityId: userId, data: { identityId, ...removed } });
  });
}
