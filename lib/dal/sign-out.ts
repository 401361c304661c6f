import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { audit } from "./audit";

/**
 * Signing out ends the person's sessions for good. A session is a signed cookie that stays
 * valid until it expires, so deleting it in this browser is not enough: a copy (another tab's
 * export, a stolen cookie) would still work. Bumping the session version makes every cookie
 * issued so far refuse to load (loadActor), on every device — the one revocation a stateless
 * session allows. Nothing happens when the cookie's version is stale already (the session had
 * ended: password change, disabling), so such a sign-out writes no audit event.
 */
export async function endSessionsOnSignOut(userId: number, sessionVersion: number): Promise<boolean> {
  if (!Number.isInteger(userId) || userId <= 0 || !Number.isInteger(sessionVersion)) return false;
  return getDb().transaction(async (tx) => {
    const ended = await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion)))
      .returning({ id: users.id });
    if (!ended.length) return false;
    await audit(tx, { id: userId }, { action: "auth.sign_out", entity: "user", entityId: userId });
    return true;
  });
}
