// Single sign-on identities become local people: by the linked subject, then the login claim,
// then a verified e-mail; never an unverified one, never a disabled or service account.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getSql } from "@/db/client";
import { userIdentities, users } from "@/db/schema";
import { listUserIdentities, removeUserIdentity, signInWithSso } from "@/lib/dal/sso";
import type { SsoClaims } from "@/lib/domain/sso";
import { actorFor, expectDomainError, insertUser, lastAuditId, unique, userRow } from "../support/db";

const ISSUER = "https://sso.example.test/realms/school";

function claims(over: Partial<SsoClaims> = {}): SsoClaims {
  return { subject: unique("sub"), login: null, email: null, emailVerified: false, name: null, ...over };
}

async function identitiesOf(userId: number) {
  return getDb().select().from(userIdentities).where(eq(userIdentities.userId, userId));
}

async function withEmail(roles: Parameters<typeof insertUser>[0]["roles"] = ["dept_staff"]) {
  const u = await insertUser({ roles });
  const email = `${unique("mail")}@school.test`;
  await getDb().update(users).set({ email }).where(eq(users.id, u.id));
  return { ...u, email };
}

async function auditData(since: number) {
  return getSql()<{ action: string; entityId: string | null; actorId: number | null; data: Record<string, unknown> }[]>`
    select action, entity_id as "entityId", actor_id as "actorId", data from audit_events where id > ${since} order by id`;
}

describe("signInWithSso", () => {
  it("matches by login name on first use, stores the link, and then matches by subject", async () => {
    const u = await insertUser({ roles: ["dept_staff"] });
    const c = claims({ login: u.login.toUpperCase().toLowerCase() });
    const since = await lastAuditId();
    expect(await signInWithSso(ISSUER, c)).toEqual({ kind: "ok", userId: u.id, sessionVersion: u.sessionVersion });
    const [link] = await identitiesOf(u.id);
    expect(link).toMatchObject({ issuer: ISSUER, subject: c.subject, matchedBy: "login" });
    expect(link.lastUsedAt).not.toBeNull();
    const events = await auditData(since);
    expect(events).toMatchObject([{ action: "auth.sign_in", entityId: String(u.id), actorId: u.id, data: { method: "sso", matchedBy: "login", linked: true } }]);
    // No token of any kind is recorded.
    expect(JSON.stringify(events)).not.toMatch(/token/i);

    // Next time the subject decides, even when the login claim now names someone else.
    const other = await insertUser({ roles: ["dept_staff"] });
    const again = await lastAuditId();
    expect(await signInWithSso(ISSUER, { ...c, login: other.login })).toMatchObject({ kind: "ok", userId: u.id });
    expect(await auditData(again)).toMatchObject([{ action: "auth.sign_in", data: { matchedBy: "subject", linked: false } }]);
    expect(await identitiesOf(other.id)).toEqual([]);
  });

  it("matches by a verified e-mail when no login claim matches", async () => {
    const u = await withEmail();
    const c = claims({ login: unique("unknown-login"), email: u.email.toUpperCase(), emailVerified: true });
    expect(await signInWithSso(ISSUER, { ...c, email: u.email })).toMatchObject({ kind: "ok", userId: u.id });
    expect(await identitiesOf(u.id)).toMatchObject([{ subject: c.subject, matchedBy: "email" }]);
  });

  it("never matches by an unverified e-mail, and audits the unmatched identity", async () => {
    const u = await withEmail();
    const c = claims({ email: u.email, emailVerified: false });
    const since = await lastAuditId();
    expect(await signInWithSso(ISSUER, c)).toEqual({ kind: "unmatched" });
    expect(await identitiesOf(u.id)).toEqual([]);
    expect(await auditData(since)).toMatchObject([
      { action: "auth.sso_unmatched", entityId: null, actorId: null, data: { issuer: ISSUER, subject: c.subject, reason: "noUser", emailVerified: false } },
    ]);
  });

  it("refuses an identity nobody in Zhongshu matches, and audits issuer and subject", async () => {
    const c = claims({ login: unique("stranger"), email: `${unique("x")}@school.test`, emailVerified: true });
    const since = await lastAuditId();
    expect(await signInWithSso(ISSUER, c)).toEqual({ kind: "unmatched" });
    expect(await auditData(since)).toMatchObject([{ action: "auth.sso_unmatched", data: { issuer: ISSUER, subject: c.subject, login: c.login } }]);
    expect(await getDb().select().from(userIdentities).where(eq(userIdentities.subject, c.subject))).toEqual([]);
  });

  it("refuses a verified e-mail that two people share", async () => {
    const a = await withEmail();
    const b = await insertUser({ roles: ["dept_staff"] });
    await getDb().update(users).set({ email: a.email }).where(eq(users.id, b.id));
    const since = await lastAuditId();
    expect(await signInWithSso(ISSUER, claims({ email: a.email, emailVerified: true }))).toEqual({ kind: "unmatched" });
    expect(await auditData(since)).toMatchObject([{ action: "auth.sso_unmatched", data: { reason: "ambiguousEmail" } }]);
  });

  it("refuses a disabled person, whether matched afresh or by a stored link, and audits it", async () => {
    const off = await insertUser({ roles: ["dept_staff"], active: false });
    const since = await lastAuditId();
    expect(await signInWithSso(ISSUER, claims({ login: off.login }))).toEqual({ kind: "disabled" });
    expect(await auditData(since)).toMatchObject([{ action: "auth.sso_refused", entityId: String(off.id), data: { reason: "disabled" } }]);
    expect(await identitiesOf(off.id)).toEqual([]);

    const u = await insertUser({ roles: ["dept_staff"] });
    const c = claims({ login: u.login });
    expect(await signInWithSso(ISSUER, c)).toMatchObject({ kind: "ok" });
    await getDb().update(users).set({ active: false }).where(eq(users.id, u.id));
    expect(await signInWithSso(ISSUER, c)).toEqual({ kind: "disabled" });
  });

  it("never signs in a service account", async () => {
    const svc = await insertUser({ roles: ["dept_staff"] });
    await getDb().update(users).set({ service: true }).where(eq(users.id, svc.id));
    const since = await lastAuditId();
    expect(await signInWithSso(ISSUER, claims({ login: svc.login }))).toEqual({ kind: "unmatched" });
    expect(await auditData(since)).toMatchObject([{ action: "auth.sso_refused", entityId: String(svc.id), data: { reason: "service_account" } }]);
  });

  it("does not let a second subject of the same issuer take over a linked person by login or e-mail", async () => {
    const u = await withEmail();
    expect(await signInWithSso(ISSUER, claims({ login: u.login }))).toMatchObject({ kind: "ok", userId: u.id });
    expect(await signInWithSso(ISSUER, claims({ login: u.login }))).toEqual({ kind: "unmatched" });
    expect(await signInWithSso(ISSUER, claims({ email: u.email, emailVerified: true }))).toEqual({ kind: "unmatched" });
    // Another issuer is another identity: it may link too.
    expect(await signInWithSso("https://other.example.test", claims({ login: u.login }))).toMatchObject({ kind: "ok", userId: u.id });
    expect(await identitiesOf(u.id)).toHaveLength(2);
  });
});

describe("linked identities for the admins", () => {
  it("lists a person's identities and removes one, changing nothing else", async () => {
    const u = await insertUser({ roles: ["dept_staff"] });
    const c = claims({ login: u.login });
    await signInWithSso(ISSUER, c);
    const admin = await actorFor("admin");
    const [identity] = await listUserIdentities(admin, u.id);
    expect(identity).toMatchObject({ issuer: ISSUER, subject: c.subject, matchedBy: "login" });
    expect(Object.keys(identity).sort()).toEqual(["id", "issuer", "lastUsedAt", "linkedAt", "matchedBy", "subject"]);

    const before = await userRow(u.id);
    // A stale version is refused.
    await expectDomainError(removeUserIdentity(admin, u.id, identity.id, before.version + 1), "conflict");
    const since = await lastAuditId();
    await removeUserIdentity(admin, u.id, identity.id, before.version);
    expect(await listUserIdentities(admin, u.id)).toEqual([]);
    expect(await auditData(since)).toMatchObject([
      { action: "user.identity_removed", entityId: String(u.id), actorId: admin.id, data: { issuer: ISSUER, subject: c.subject } },
    ]);
    const after = await userRow(u.id);
    expect(after).toEqual(before);
    // Removed already: the page was stale.
    await expectDomainError(removeUserIdentity(admin, u.id, identity.id, before.version), "conflict");
    // The next sign-in matches afresh and links again.
    expect(await signInWithSso(ISSUER, c)).toMatchObject({ kind: "ok", userId: u.id });
    expect(await identitiesOf(u.id)).toMatchObject([{ matchedBy: "login" }]);
  });

  it("refuses people who are not admins, and an identity of another person", async () => {
    const u = await insertUser({ roles: ["dept_staff"] });
    await signInWithSso(ISSUER, claims({ login: u.login }));
    const [link] = await identitiesOf(u.id);
    const staff = await actorFor(u.login);
    await expectDomainError(listUserIdentities(staff, u.id), "forbidden");
    await expectDomainError(removeUserIdentity(staff, u.id, link.id, 1), "forbidden");
    await expectDomainError(listUserIdentities(null, u.id), "signedOut");
    const admin = await actorFor("admin");
    const other = await insertUser({ roles: ["dept_staff"] });
    await expectDomainError(removeUserIdentity(admin, other.id, link.id, other.version), "conflict");
    expect(await getDb().select().from(userIdentities).where(and(eq(userIdentities.id, link.id)))).toHaveLength(1);
  });
});
