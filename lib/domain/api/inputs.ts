// Form inputs of the token, service-account and webhook pages (messages are message keys, as in
// ../schemas.ts). The JSON schemas of the API itself are in lib/api/schemas.ts.
import { z } from "zod";
import { id, isStorable, optionalText, recordRef, text, wholeNumber } from "../input-kit";
import { loginName, userProfileInput } from "../schemas";
import { SCOPES } from "./scopes";
import { isWebhookUrl, WEBHOOK_EVENTS } from "./events";
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, SERVICE_ROLES } from "./options";


/** A checkbox group: absent, one value or several; at least one required. */
function choices<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.array(z.enum(values)), z.enum(values)], { error: "errors.choose" })
    .optional()
    .transform((v) => [...new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])])
    .refine((v) => v.length > 0, { error: "errors.choose" })
    .transform((v) => values.filter((x) => v.includes(x)) as T[number][]);
}

export const tokenCreateInput = z.object({
  name: text(80),
  scopes: choices(SCOPES),
  expiresInDays: wholeNumber(1, MAX_TOKEN_DAYS).default(DEFAULT_TOKEN_DAYS),
});
export type TokenCreateInput = z.infer<typeof tokenCreateInput>;

/** An admin's token for a service account. */
export const serviceTokenCreateInput = tokenCreateInput.extend({ userId: id });

export const tokenRef = recordRef;

export const serviceAccountInput = z.object({
  login: loginName,
  name: text(40),
  title: optionalText(60),
  departmentId: userProfileInput.shape.departmentId,
  roles: z
    .union([z.array(z.enum(SERVICE_ROLES)), z.enum(SERVICE_ROLES)], { error: "errors.roleRequired" })
    .optional()
    .transform((v) => [...new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])])
    .refine((v) => v.length > 0, { error: "errors.roleRequired" }),
});
export type ServiceAccountInput = z.infer<typeof serviceAccountInput>;

export const webhookCreateInput = z.object({
  name: text(80),
  url: z
    .string({ error: "errors.required" })
    .trim()
    .min(1, { error: "errors.required" })
    .max(2_000, { error: "errors.tooLong" })
    .refine(isStorable, { error: "errors.characters" })
    .refine(isWebhookUrl, { error: "errors.invalid" }),
  events: choices(WEBHOOK_EVENTS),
});
export type WebhookCreateInput = z.infer<typeof webhookCreateInput>;

export const webhookRef = recordRef;
export const webhookActiveInput = webhookRef.extend({ active: z.enum(["true", "false"]).transform((v) => v === "true") });
