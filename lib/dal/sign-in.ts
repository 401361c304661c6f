import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInThrottle, users } from "@/db/schema";
import { ACCOUNT_RULE, ADDRESS_RULE, afterFailure, isLocked, type ThrottleRule } from "@/lib/domain/throttle";
import { dummyHash, verifyPassword } from "@/lib/password";
import { audit } from "./audit";

export type SignInResult = { kind: "ok"; userId: number; sessionVersion: number } | { kind: "invalid" } | { kind: "throttled" };

/**
 * Checks a login name and password. Unknown names, wrong passwords and disabled accounts
 * all answer "invalid" after the same work, so the answer reveals nothing; failures count
 * per account and per address, and a locked key answers "throttled" without checking.
 */
export async function checkPassword(login: string, password: string, address: string): Promise<SignInResult> {
  const db = getDb();
  const name = login.trim().toLowerCase();
  const keys: [string, ThrottleRule][] = [
    [`login:${name}`, ACCOUNT_RULE],
    [`ip:${address}`, ADDRESS_RULE],
  ];
  const now = new Date();
  const states = await db.select().from(signInThrottle).where(inArray(signInThrottle.key, keys.map(([k]) => k)));
  if (states.some((s) => isLocked(s, now))) return { kind: "throttled" };

  const [user] = await db
    .select({ id: users.id, hash: users.passwordHash, active: users.active, sv: users.sessionVersion })
    .from(users)
    .where(eq(sql`lower(${users.login})`, name));
  const ok = await verifyPassword(user?.hash ?? (await dummyHash()), password);

  if (!user || !ok || !user.active) {
    await db.transaction(async (tx) => {
      for (const [key, rule] of keys) {
        // Row lock so that concurrent failures all count.
        const [state] = await tx.select().from(signInThrottle).where(eq(signInThrottle.key, key)).for("update");
        const next = afterFailure(state, rule, now);
        await tx
          .insert(signInThrottle)
          .values({ key, ...next })
          .onConflictDoUpdate({ target: signInThrottle.key, set: next });
      }
      await audit(tx, null, { action: "auth.sign_in_failed", entity: "user", entityId: user?.id ?? null, data: { login: name, address } });
    });
    return { kind: "invalid" };
  }

  await db.transaction(async (tx) => {
    await tx.delete(signInThrottle).where(eq(signInThrottle.key, `login:${name}`));
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    await audit(tx, { id: user.id }, { action: "auth.sign_in", entity: "user", entityId: user.id, data: { address } });
  });
  return { kind: "ok", userId: user.id, sessionVersion: user.sv };
}
