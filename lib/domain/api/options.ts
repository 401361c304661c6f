// Constants the forms show (safe in client components: no Node modules here).

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;
/** The lifetimes offered on the forms, in days. */
export const TOKEN_DAY_CHOICES = [7, 30, 90, 180, 365] as const;

/** What a service account may hold: staff roles only (never admin or a leader's role). */
export const SERVICE_ROLES = ["office_staff", "dept_liaison", "dept_staff"] as const;
