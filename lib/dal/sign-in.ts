import "server-only";
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInThrottle, userRoles, users } from "@/db/schema";
import { ACCOUNT_RULE, ADDRESS_RULE, afterFailure, isLocked, type ThrottleRule } from "@/lib/domain/throttle";
import { dummyHash, verifyPassword } from "@/lib/password";
import { ldapConfig, type LdapConfig } from "@/lib/sign-in-config";
import { audit } from "./audit";
import { authenticateWithDirectory, type DirectoryAnswer } from "./ldap";
import { passwordSignInEnabled } from "./settings";

export type SignInResult =
  | { kind: "ok"; userId: number; sessionVersion: number }
  /** Unknown name, wrong password, disabled or service account alike. */
  | { kind: "invalid" }
  | { kind: "throttled" }
  /** The right local password of someone who must use company sign-in now (password sign-in is off). */
  | { kind: "passwordDisabled" }
  /** The directory knows the person, Zhongshu does not (no auto-provisioning). */
  | { kind: "notProvisioned" }
  /** The directory knows the person, whose Zhongshu account is disabled. */
  | { kind: "disabled" }
  /** The directory could not be asked (down, slow, service account refused). */
  | { kind: "unavailable" };

export type CheckPasswordOptions = {
  /** The directory to ask; by default the one configured by the environment (none when unset). */
  ldap?: LdapConfig | null;
};

type LocalUser = { id: number; login: string; hash: string; active: boolean; service: boolean; sv: number; admin: boolean };

async function findUsers(where: SQL): Promise<LocalUser[]> {
  return getDb()
    .select({
      id: users.id,
      login: users.login,
      hash: users.passwordHash,
      active: users.active,
      service: users.service,
      sv: users.sessionVersion,
      admin: sql<boolean>`exists (select 1 from ${userRoles} r where r.user_id = ${users.id} and r.role = 'admin')`,
    })
    .from(users)
    .where(where);
}

/**
 * Checks a login name and password: against the LDAP directory when one is configured, and
 * against Zhongshu's own password while password sign-in is on, or for admins always (their
 * break-glass way in when the directory or single sign-on fails).
 *
 * Unknown names, wrong passwords and disabled accounts all answer "invalid" after the same
 * work, so the answer reveals nothing; failures count per account and per address, and a
 * locked key answers "throttled" without checking. Only a password the directory accepted
 * earns a more precise answer (not set up in Zhongshu, or disabled).
 */
export async function checkPassword(login: string, password: string, address: string, options: CheckPasswordOptions = {}): Promise<SignInResult> {
  const ldap = options.ldap === undefined ? ldapConfig() : options.ldap;
  const name = login.trim().toLowerCase();
  // Nothing to check, and never an empty password to a directory (an anonymous bind).
  if (!name || !password) return { kind: "invalid" };
  const keys: [string, ThrottleRule][] = [
    [`login:${name}`, ACCOUNT_RULE],
    [`ip:${address}`, ADDRESS_RULE],
  ];
  const now = new Date();
  const states = await getDb().select().from(signInThrottle).where(inArray(signInThrottle.key, keys.map(([k]) => k)));
  if (states.some((s) => isLocked(s, now))) return { kind: "throttled" };

  const [user] = await findUsers(eq(sql`lower(${users.login})`, name));
  const localAllowed = (await passwordSignInEnabled()) || !!user?.admin;

  if (ldap) {
    const answer = await authenticateWithDirectory(ldap, login, password);
    if (answer.kind === "ok") return directorySignIn(answer, name, address, now);
    if (answer.kind === "unavailable") console.error(`[zhongshu] LDAP directory unavailable: ${answer.message}`);
    // The local password only as the break-glass way in, or while local passwords are allowed.
    if (!localAllowed || !user) {
      if (answer.kind === "unavailable") {
        await getDb().transaction((tx) =>
          audit(tx, null, { action: "auth.sign_in_failed", entity: "user", entityId: user?.id ?? null, data: { login: name, address, method: "ldap", reason: "unavailable" } }),
        );
        return { kind: "unavailable" };
      }
      return failed(keys, name, address, user?.id ?? null, { method: "ldap", reason: answer.reason }, now);
    }
  }

  const ok = await verifyPassword(user?.hash ?? (await dummyHash()), password);
  if (!user || !ok || !user.active || user.service) {
    return failed(keys, name, address, user?.id ?? null, { method: "password" }, now);
  }
  if (!localAllowed) {
    // Right password, but this person must use company sign-in: tell them so (they know the password already).
    await getDb().transaction((tx) =>
      audit(tx, null, { action: "auth.sign_in_refused", entity: "user", entityId: user.id, data: { address, method: "password", reason: "password_sign_in_off" } }),
    );
    return { kind: "passwordDisabled" };
  }
  return succeeded(user, name, address, "password", now);
}

/** A password the directory accepted: the person must exist in Zhongshu, active and interactive. */
async function directorySignIn(answer: Extract<DirectoryAnswer, { kind: "ok" }>, name: string, address: string, now: Date): Promise<SignInResult> {
  let matches: LocalUser[] = answer.login ? await findUsers(eq(sql`lower(${users.login})`, answer.login.toLowerCase())) : [];
  if (!matches.length && answer.email) matches = await findUsers(eq(sql`lower(${users.email})`, answer.email.toLowerCase()));
  const data = { address, method: "ldap", dn: answer.dn, directoryLogin: answer.login, email: answer.email };
  if (matches.length !== 1) {
    await getDb().transaction((tx) =>
      audit(tx, null, { action: "auth.ldap_unmatched", entity: "user", entityId: null, data: { ...data, candidates: matches.length } }),
    );
    return { kind: "notProvisioned" };
  }
  const [user] = matches;
  if (!user.active || user.service) {
    await getDb().transaction((tx) =>
      audit(tx, null, { action: "auth.sign_in_refused", entity: "user", entityId: user.id, data: { ...data, reason: user.service ? "service_account" : "disabled" } }),
    );
    return user.service ? { kind: "invalid" } : { kind: "disabled" };
  }
  return succeeded(user, name, address, "ldap", now);
}

async function failed(
  keys: [string, ThrottleRule][],
  name: string,
  address: string,
  userId: number | null,
  extra: Record<string, unknown>,
  now: Date,
): Promise<SignInResult> {
  await getDb().transaction(async (tx) => {
    for (const [key, rule] of keys) {
      // Row lock so that concurrent failures all count.
      const [state] = await tx.select().from(signInThrottle).where(eq(signInThrottle.key, key)).for("update");
      const next = afterFailure(state, rule, now);
      await tx
        .insert(signInThrottle)
        .values({ key, ...next })
        .onConflictDoUpdate({ target: signInThrottle.key, set: next });
    }
    await audit(tx, null, { action: "auth.sign_in_failed", entity: "user", entityId: userId, data: { login: name, address, ...extra } });
  });
  return { kind: "invalid" };
}

async function succeeded(user: LocalUser, name: string, address: string, method: "password" | "ldap", now: Date): Promise<SignInResult> {
  await getDb().transaction(async (tx) => {
    await tx.delete(signInThrottle).where(eq(signInThrottle.key, `login:${name}`));
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    await audit(tx, { id: user.id }, { action: "auth.sign_in", entity: "user", entityId: user.id, data: { address, method } });
  });
  return { kind: "ok", userId: user.id, sessionVersion: user.sv };
}
