// Who is calling /api/v1: the owner of the bearer token, with the token's id and scopes.
// Only the Authorization header counts; session cookies are ignored, so a browser session can
// never be used (or forged across sites) against the API.
import "server-only";
import type { Actor } from "@/lib/dal/actor";
import { authenticateToken } from "@/lib/dal/api-tokens";
import { bearerToken } from "@/lib/domain/api/tokens";

/** The token's owner as an Actor (with tokenId and scopes), or null: no, unknown, expired or revoked token, or a disabled owner. */
export async function apiActor(request: Request): Promise<Actor | null> {
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) return null;
  return authenticateToken(token);
}
