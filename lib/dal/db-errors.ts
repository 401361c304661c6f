// PostgreSQL error codes the data layer turns into domain errors.
export function pgCode(e: unknown): string | undefined {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code ?? err?.cause?.code;
}
export function pgConstraint(e: unknown): string | undefined {
  const err = e as { constraint_name?: string; cause?: { constraint_name?: string } };
  return err?.constraint_name ?? err?.cause?.constraint_name;
}
export const UNIQUE_VIOLATION = "23505";
export const EXCLUSION_VIOLATION = "23P01";
export const CHECK_VIOLATION = "23514";

/**
 * The database could not be reached (down, restarting, connection cut): nothing was changed,
 * unless the connection broke during the commit itself — the caller reloads to see.
 * Server actions answer errors.unavailable, the API 503 `unavailable`.
 */
export { isConnectionError as isDatabaseUnavailable } from "@/db/connection-loss";
