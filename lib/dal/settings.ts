import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { orgSettings, users } from "@/db/schema";
import { ldapConfig, ssoPublic } from "@/lib/sign-in-config";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { pgCode, UNIQUE_VIOLATION } from "./db-errors";
import { conflict, DomainError } from "./errors";

// Organisation settings an admin changes (table org_settings, one row per key, versioned).
// A key without a row holds its default at version 0.

export const PASSWORD_SIGN_IN = "password_sign_in";

type Db = ReturnType<typeof getDb> | Tx; // the pool or a transaction

function asEnabled(value: unknown): boolean {
  // Anything but an explicit { enabled: false } leaves local passwords on.
  return !(value && typeof value === "object" && (value as { enabled?: unknown }).enabled === false);
}

/**
 * Whether Zhongshu's own passwords are accepted for everyone. For the sign-in path, before
 * anyone is signed in: it reveals nothing the sign-in page does not show.
 */
export async function passwordSignInEnabled(db: Db = getDb()): Promise<boolean> {
  const [row] = await db.select({ value: orgSettings.value }).from(orgSettings).where(eq(orgSettings.key, PASSWORD_SIGN_IN));
  return asEnabled(row?.value);
}

export type SignInSettingsDto = {
  passwordSignIn: { enabled: boolean; version: number; updatedAt: Date | null; updatedByName: string | null };
  sso: { name: string } | null;
  ldap: boolean;
};

function requireAdmin(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new DomainError("signedOut");
  if (!actor.roles.includes("admin")) throw new DomainError("forbidden");
}

export async function getSignInSettings(actor: Actor | null): Promise<SignInSettingsDto> {
  requireAdmin(actor);
  const [row] = await getDb()
    .select({ value: orgSettings.value, version: orgSettings.version, updatedAt: orgSettings.updatedAt, updatedByName: users.name })
    .from(orgSettings)
    .leftJoin(users, eq(users.id, orgSettings.updatedById))
    .where(eq(orgSettings.key, PASSWORD_SIGN_IN));
  return {
    passwordSignIn: row
      ? { enabled: asEnabled(row.value), version: row.version, updatedAt: row.updatedAt, updatedByName: row.updatedByName }
      : { enabled: true, version: 0, updatedAt: null, updatedByName: null },
    sso: ssoPublic(),
    ldap: ldapConfig() !== null,
  };
}

/**
 * Turns password sign-in on or off for the organisation. Off needs another way in (single
 * sign-on or the directory); admins keep their password as a break-glass way in either way.
 */
export async function setPasswordSignIn(actor: Actor | null, enabled: boolean, expectedVersion: number): Promise<void> {
  requireAdmin(actor);
  await getDb()
    .transaction(async (tx) => {
      const [row] = await tx.select().from(orgSettings).where(eq(orgSettings.key, PASSWORD_SIGN_IN)).for("update");
      if ((row?.version ?? 0) !== expectedVersion) throw conflict();
      if (!enabled && !ssoPublic() && !ldapConfig()) throw new DomainError("noExternalSignIn", "enabled");
      const value = { enabled };
      const now = new Date();
      if (!row) {
        await tx.insert(orgSettings).values({ key: PASSWORD_SIGN_IN, value, version: 1, updatedById: actor.id, updatedAt: now });
      } else {
        const updated = await tx
          .update(orgSettings)
          .set({ value, version: sql`${orgSettings.version} + 1`, updatedById: actor.id, updatedAt: now })
          .where(and(eq(orgSettings.key, PASSWORD_SIGN_IN), eq(orgSettings.version, expectedVersion)))
          .returning({ key: orgSettings.key });
        if (!updated.length) throw conflict();
      }
      await audit(tx, actor, {
        action: "settings.password_sign_in",
        entity: "org_setting",
        entityId: PASSWORD_SIGN_IN,
        data: { enabled, was: asEnabled(row?.value) },
      });
    })
    .catch((e: unknown) => {
      // Two admins creating the row at once: the second saw a version that no longer holds.
      if (pgCode(e) === UNIQUE_VIOLATION) throw conflict();
      throw e;
    });
}
