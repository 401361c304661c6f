// Input schemas for every form and action. Messages are message-file keys ("errors.*"), so
// the boundary can show each error at its field in the reader's language.
import { z } from "zod";
import { CALENDAR_DAY_KINDS } from "./calendar";
import { choice, id, isoDate, isStorable, manyIds, MAX_INT, optionalIsoDate, optionalText, text, wholeNumber } from "./input-kit";
import { DEPARTMENT_KINDS, HOMES, ROLES } from "./roles";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export { version } from "./input-kit";

// `.optional()` outside the union: zod 4 treats a key as optional only then, so an absent field parses.
const optionalId = z
  .union([z.literal(""), z.null(), wholeNumber(1, MAX_INT)])
  .optional()
  .transform((v) => (typeof v === "number" ? v : null));

export const password = z
  .string({ error: "errors.required" })
  .min(PASSWORD_MIN, { error: "errors.passwordTooShort" })
  .max(PASSWORD_MAX, { error: "errors.passwordTooLong" });

export const signInSchema = z.object({
  login: z.string().trim().min(1).max(64).refine(isStorable),
  password: z.string().min(1).max(PASSWORD_MAX),
});

export const departmentInput = z.object({
  name: text(60),
  kind: choice(DEPARTMENT_KINDS),
  parentId: optionalId,
  // A cleared number field sends "": the default order, as before.
  sortOrder: z
    .union([z.literal(""), wholeNumber(0, 9999)])
    .optional()
    .transform((v) => (typeof v === "number" ? v : 0)),
});
export type DepartmentInput = z.infer<typeof departmentInput>;

export const loginName = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .min(2, { error: "errors.loginFormat" })
  .max(64, { error: "errors.loginFormat" })
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: "errors.loginFormat" });

const roles = z
  .union([z.array(z.enum(ROLES)), z.enum(ROLES)], { error: "errors.roleRequired" })
  .transform((v) => [...new Set(Array.isArray(v) ? v : [v])])
  .refine((v) => v.length > 0, { error: "errors.roleRequired" });

export const userProfileInput = z.object({
  name: text(40),
  email: z
    .union([z.literal(""), z.email({ error: "errors.email" })])
    .optional()
    .transform((v) => (v ? v.toLowerCase() : null)),
  title: optionalText(60),
  departmentId: id,
  roles,
});
export const userCreateInput = userProfileInput.extend({ login: loginName, password });
export type UserCreateInput = z.infer<typeof userCreateInput>;
export type UserProfileInput = z.infer<typeof userProfileInput>;

export const passwordResetInput = z.object({ password });
export const passwordChangeInput = z
  .object({ current: z.string().min(1, { error: "errors.required" }), password, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { error: "errors.passwordMismatch", path: ["confirm"] });

export const portfolioInput = z
  .object({ deputyId: id, departmentId: id, startsOn: isoDate, endsOn: optionalIsoDate })
  .refine((v) => !v.endsOn || v.endsOn >= v.startsOn, { error: "errors.dateOrder", path: ["endsOn"] });
export type PortfolioInput = z.infer<typeof portfolioInput>;

export const delegationInput = z
  .object({
    fromUserId: id,
    toUserId: id,
    startsOn: isoDate,
    endsOn: isoDate,
    departmentIds: manyIds,
    note: optionalText(200),
  })
  .refine((v) => v.endsOn >= v.startsOn, { error: "errors.dateOrder", path: ["endsOn"] })
  .refine((v) => v.fromUserId !== v.toUserId, { error: "errors.selfDelegation", path: ["toUserId"] });
export type DelegationInput = z.infer<typeof delegationInput>;

export const calendarDayInput = z.object({
  day: isoDate,
  kind: choice([...CALENDAR_DAY_KINDS, "normal"]),
  name: optionalText(100),
});
export type CalendarDayInput = z.infer<typeof calendarDayInput>;

export const calendarImportInput = z.object({
  text: z.string().max(100_000, { error: "errors.tooLong" }).min(1, { error: "errors.required" }).refine(isStorable, { error: "errors.characters" }),
});

export const homeInput = z.object({ home: z.enum(HOMES) });
