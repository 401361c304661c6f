// Roles, homes and the one role × action × resource table that every check and the
// authorization tests are driven from.

export const ROLES = [
  "principal",
  "deputy",
  "office_director",
  "office_staff",
  "dept_head",
  "dept_liaison",
  "dept_staff",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

export const DEPARTMENT_KINDS = ["leadership", "office", "functional"] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

/** The home pages a person can switch between; each role lands on one. */
export const HOMES = ["leadership", "office", "department", "admin"] as const;
export type Home = (typeof HOMES)[number];

export const HOME_OF_ROLE: Record<Role, Home> = {
  principal: "leadership",
  deputy: "leadership",
  office_director: "office",
  office_staff: "office",
  dept_head: "department",
  dept_liaison: "department",
  dept_staff: "department",
  admin: "admin",
};

/** The homes a person with these roles may use, in a stable order. */
export function homesFor(roles: readonly Role[]): Home[] {
  const set = new Set(roles.map((r) => HOME_OF_ROLE[r]));
  return HOMES.filter((h) => set.has(h));
}

/** Where a person lands: the preferred home when they hold it, else their first. */
export function landingHome(roles: readonly Role[], preferred?: string | null): Home | null {
  const homes = homesFor(roles);
  if (preferred && (homes as string[]).includes(preferred)) return preferred as Home;
  return homes[0] ?? null;
}

export const RESOURCES = ["department", "user", "portfolio", "delegation", "calendar", "audit"] as const;
export type Resource = (typeof RESOURCES)[number];

export const ACTIONS = ["read", "create", "update", "disable", "reset_password", "delete", "import"] as const;
export type Action = (typeof ACTIONS)[number];

type Grant = Partial<Record<Action, readonly Role[]>>;

const ADMIN = ["admin"] as const;
const EVERYONE = ROLES;

/**
 * Who may do what. Anything not listed is refused. Reading the organisation (departments,
 * people, portfolios, the calendar) is open to every signed-in person because routing and
 * deadlines depend on it; changing it is the admin's alone. Delegations may also be created
 * by the leader who delegates (checked further in the data layer: only their own).
 */
export const PERMISSIONS: Record<Resource, Grant> = {
  department: { read: EVERYONE, create: ADMIN, update: ADMIN, disable: ADMIN },
  user: { read: EVERYONE, create: ADMIN, update: ADMIN, disable: ADMIN, reset_password: ADMIN },
  portfolio: { read: EVERYONE, create: ADMIN, update: ADMIN, delete: ADMIN },
  delegation: { read: EVERYONE, create: ADMIN, update: ADMIN, delete: ADMIN },
  calendar: { read: EVERYONE, update: ADMIN, import: ADMIN },
  audit: { read: ADMIN },
};

export function can(roles: readonly Role[], action: Action, resource: Resource): boolean {
  const allowed = PERMISSIONS[resource][action];
  return !!allowed && roles.some((r) => allowed.includes(r));
}

/** Every (resource, action) pair the table grants to someone: the authorization tests walk it. */
export function grantedPairs(): { resource: Resource; action: Action; roles: readonly Role[] }[] {
  return RESOURCES.flatMap((resource) =>
    ACTIONS.filter((a) => PERMISSIONS[resource][a]).map((action) => ({
      resource,
      action,
      roles: PERMISSIONS[resource][action]!,
    })),
  );
}

export function isLeader(roles: readonly Role[]): boolean {
  return roles.includes("principal") || roles.includes("deputy");
}
