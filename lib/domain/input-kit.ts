// The zod pieces every form's input schema is built from. Messages are message-file keys
// ("errors.*"), so the boundary can show each error at its field in the reader's language.
import { z } from "zod";
import { isIsoDate } from "./calendar";
import { URGENCIES } from "./items/lifecycle";

/** Required text, trimmed, at most `max` characters. */
export const text = (max: number) =>
  z.string({ error: "errors.required" }).trim().min(1, { error: "errors.required" }).max(max, { error: "errors.tooLong" });

/** Optional text, trimmed, at most `max` characters; null when empty. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "errors.tooLong" })
    .optional()
    .transform((v) => v || null);

/** Optional long text (a body), trimmed, at most `max` characters; "" when absent. */
export const bodyText = (max: number) => z.string().trim().max(max, { error: "errors.tooLong" }).default("");

/** A record's or a choice's id. */
export const id = z.coerce.number({ error: "errors.required" }).int().positive({ error: "errors.required" });

/** The version of a record the reader saw. */
export const version = z.coerce.number().int().positive();

/** A record's id and the version the reader saw (the hidden fields of every action form). */
export const recordRef = z.object({ id, version });

export const isoDate = z.string({ error: "errors.required" }).trim().refine(isIsoDate, { error: "errors.date" });

export const optionalIsoDate = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || isIsoDate(v), { error: "errors.date" })
  .transform((v) => v || null);

/**
 * A checkbox group or multi-select: absent, one value or repeated fields, as a list without
 * repeats. `params` is the message for a value that is not one of `item`.
 */
export function many<T extends z.ZodType>(item: T, params?: { error: string }) {
  return z
    .union([z.array(item), item], params)
    .optional()
    .transform((v): z.output<T>[] => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v as z.output<T>[])] : [v as z.output<T>]));
}

/** A positive whole number, as a form sends it (one value of `manyIds`). */
export const positiveId = z.coerce.number().int().positive();

/** Ids from a checkbox group or multi-select. */
export const manyIds = many(positiveId);

/** A single checkbox: ticked ("on", or "true" from a hidden field) or not. */
export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");

/** One of a fixed list of values (a select or radio group). */
export const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: "errors.choose" });

export const urgency = choice(URGENCIES);
