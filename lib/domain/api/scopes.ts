// What an API token may do. The caller acts as the token's owner, with the owner's roles and
// visibility, but only within these scopes.
export const SCOPES = ["items:read", "items:write", "notices:read", "org:read"] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Whether a token carrying `granted` may use an endpoint that needs `needed`. */
export function hasScope(granted: readonly string[] | undefined, needed: Scope): boolean {
  return !!granted && granted.includes(needed);
}

/** The known scopes among those stored, in the canonical order (an unknown stored one grants nothing). */
export function normalizeScopes(values: readonly string[]): Scope[] {
  const set = new Set(values);
  return SCOPES.filter((s) => set.has(s));
}
