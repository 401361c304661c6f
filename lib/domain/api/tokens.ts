// API tokens: `zs_` followed by 32 random bytes in base64url. Only the SHA-256 of a token is
// stored; the token itself is shown once, when it is created.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "zs_";
/** Characters after `zs_` kept to recognise a token in lists (6 bytes: far too few to guess the rest). */
export const PREFIX_LENGTH = 8;
export { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from "./options";

const TOKEN_PATTERN = /^zs_[A-Za-z0-9_-]{43}$/;

/** A new token: the secret to show once, its hash to store, and the prefix to list it by. */
export function generateToken(): { token: string; hash: string; prefix: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), prefix: tokenPrefix(token) };
}

/** Hex SHA-256: a token has 256 random bits, so a fast unsalted hash is enough (nothing to brute-force). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function tokenPrefix(token: string): string {
  return token.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + PREFIX_LENGTH);
}

/** Whether a string has the shape of a token (checked before any database look-up). */
export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** The token of an `Authorization: Bearer …` header, or null (any other scheme, or none). */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return m ? m[1] : null;
}

export type TokenStatus = "active" | "expired" | "revoked";

export function tokenStatus(t: { expiresAt: Date; revokedAt: Date | null }, now: Date): TokenStatus {
  if (t.revokedAt) return "revoked";
  return t.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

/** lastUsedAt is written at most once a minute per token, so that busy clients do not write on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function shouldTouch(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
}
