// The zod pieces every form's input schema is built from. Messages are message-file keys
// ("errors.*"), so the boundary can show each error at its field in the reader's language.
import { z } from "zod";
import { isIsoDate } from "./calendar";
import { URGENCIES } from "./items/lifecycle";

/** The largest PostgreSQL `integer`: every record id and version column is one. */
export const MAX_INT = 2_147_483_647;

// NUL (PostgreSQL text cannot hold it: the statement would fail) and unpaired UTF-16 surrogates
// (not characters at all; the database driver would silently turn them into U+FFFD).
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether text can be stored as it was typed. */
export const isStorable = (value: string) => !UNSTORABLE.test(value);

/** Required text, trimmed, at most `max` characters. */
export const text = (max: number) =>
  z
    .string({ error: "errors.required" })
    .trim()
    .min(1, { error: "errors.required" })
    .max(max, { error: "errors.tooLong" })
    .refine(isStorable, { error: "errors.characters" });

/** Optional text, trimmed, at most `max` characters; null when empty. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "errors.tooLong" })
    .refine(isStorable, { error: "errors.characters" })
    .optional()
    .transform((v) => v || null);

/** Optional long text (a body), trimmed, at most `max` characters; "" when absent. */
export const bodyText = (max: number) =>
  z.string().trim().max(max, { error: "errors.tooLong" }).refine(isStorable, { error: "errors.characters" }).default("");

const DIGITS = /^\d{1,16}$/;

/**
 * A whole number from `min` to `max`, as a form sends it: decimal digits only, so that "1e3",
 * " 7", "0x10", "-0" or full-width "１２" are refused instead of being read as some other number
 * (the same rule as record ids in URLs, lib/http/record-id.ts). A number from code is taken as is.
 */
export function wholeNumber(min: number, max: number, error = "errors.invalid") {
  return z.union([z.number(), z.string()], { error }).transform((v, ctx) => {
    const n = typeof v === "number" ? v : DIGITS.test(v) ? Number(v) : NaN;
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
    ctx.addIssue({ code: "custom", message: error, input: v });
    return z.NEVER;
  });
}

/**
 * Whether `list` holds `value`, for refinements across fields: zod runs an object's refinements
 * even when a field failed its own check, and that field may then hold anything that was sent.
 */
export const listHolds = (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value);

/** A record's or a choice's id. */
export const id = wholeNumber(1, MAX_INT, "errors.required");

/** The version of a record the reader saw. */
export const version = wholeNumber(1, MAX_INT);

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
export const positiveId = wholeNumber(1, MAX_INT);

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
