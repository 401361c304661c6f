// Property tests of every zod input schema in lib/domain (and the API's request schemas):
// whatever a form or a client sends, safeParse never throws, and what it lets through keeps the
// promises the data layer relies on — ids are positive integers that fit a PostgreSQL integer,
// text is trimmed, within its limit and storable (no NUL, no lone surrogate), dates are real
// dates, id lists have no repeats. Schemas are found by walking the modules' exports, so a new
// schema is fuzzed without a change here.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as apiInputs from "@/lib/domain/api/inputs";
import * as coordinationInputs from "@/lib/domain/coordination/inputs";
import * as kit from "@/lib/domain/input-kit";
import * as itemInputs from "@/lib/domain/items/inputs";
import * as noticeInputs from "@/lib/domain/notices/inputs";
import * as notificationInputs from "@/lib/domain/notifications/inputs";
import * as requestInputs from "@/lib/domain/requests/inputs";
import * as schemas from "@/lib/domain/schemas";
import * as signInInputs from "@/lib/domain/sign-in/inputs";
import { idParam, itemCreateBody, itemListQuery, noticeListQuery, progressBody, userListQuery } from "@/lib/api/schemas";
import { isIsoDate } from "@/lib/domain/calendar";

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);
const RUNS = 200;
const MAX_INT = 2_147_483_647;

const MODULES: Record<string, Record<string, unknown>> = {
  "domain/schemas": schemas,
  "domain/input-kit": kit,
  "domain/api/inputs": apiInputs,
  "domain/coordination/inputs": coordinationInputs,
  "domain/items/inputs": itemInputs,
  "domain/notices/inputs": noticeInputs,
  "domain/notifications/inputs": notificationInputs,
  "domain/requests/inputs": requestInputs,
  "domain/sign-in/inputs": signInInputs,
  // The API validates JSON and query strings with these (its response schemas are not inputs).
  "api/schemas": { idParam, itemCreateBody, itemListQuery, noticeListQuery, progressBody, userListQuery },
};

const SCHEMAS = Object.entries(MODULES).flatMap(([mod, exports]) =>
  Object.entries(exports)
    .filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType)
    .map(([name, schema]) => ({ label: `${mod} › ${name}`, name, schema })),
);

// ---------------------------------------------------------------------------------------------
// Generators: per field, mostly values of the right shape (so that parses succeed often enough
// to check their output), and hostile values of any shape

type JsonSchema = { type?: string; enum?: unknown[]; const?: unknown; maxLength?: number; minLength?: number; properties?: Record<string, JsonSchema>; anyOf?: JsonSchema[]; items?: JsonSchema; minimum?: number; maximum?: number };

function inputSchema(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    return {};
  }
}

const hostileString = fc.oneof(
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "\ud800", "x\udc00y", "\u202Eevil", "１２", "1e3", " 7", "0x10", "-1", "0", "NaN", "Infinity", "2147483648", "9007199254740993", "__proto__", "constructor", "'; DROP TABLE users; --", "<script>", "2026-02-30", "0000-01-01", "2026-02-03T24:00", "on", "true", "  padded  "),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, true, false, 0, -1, 1.5, NaN, Infinity, 2 ** 31, 2 ** 53, 1e300, -0, [], {}, [[]], { toString: "x" }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constant(new File([new Uint8Array([0, 1, 2])], "x.pdf")) },
);

/** Text of about the right length: short, exactly at the limit, or one over; padded sometimes. */
function textOf(max = 100): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: "grapheme", minLength: 1, maxLength: Math.min(max, 30) }),
    fc.constantFrom("中".repeat(max), "中".repeat(max + 1), ` ${"中".repeat(Math.max(0, max - 1))} `, "  正文  "),
  );
}

const digits = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 50 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom(MAX_INT, MAX_INT + 1, Number.MAX_SAFE_INTEGER, 0, -1).map(String) }, { weight: 1, arbitrary: fc.constantFrom("1e1", " 7", "0x10", "0o7", "１") });
const date = fc.oneof(fc.date({ min: new Date("1900-01-01"), max: new Date("2200-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.constantFrom("2026-02-29", "2028-02-29", " 2030-01-02 "));

/** A plausible value for a field, guessed from its name and input JSON schema. */
function plausible(key: string, s: JsonSchema): fc.Arbitrary<unknown> {
  const options = [s, ...(s.anyOf ?? [])];
  const arrays = options.filter((o) => o.type === "array");
  const enums = [...options, ...arrays.map((a) => a.items ?? {})].flatMap((o) => [...(o.enum ?? []), ...(o.const !== undefined ? [o.const] : [])]);
  if (enums.length) return arrays.length ? fc.oneof(fc.constantFrom(...enums), fc.subarray(enums, { minLength: 1 })) : fc.constantFrom(...enums);
  if (options.some((o) => o.type === "boolean")) return fc.boolean();
  if (/Ids$/.test(key) && arrays.some((a) => a.items?.type === "integer")) return fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 4 });
  if (/Ids$/.test(key)) return fc.oneof(digits, fc.array(digits, { minLength: 1, maxLength: 4 }));
  if (key === "cursor" || key === "idParam") return digits;
  if (key === "onBehalfOf" || key === "substituteId") return fc.oneof(digits, fc.constant(""));
  if (key === "supportDue") return fc.constantFrom({}, { 3: "2030-01-01" }, { abc: "2030-01-01" }, { 3: "2026-02-30" });
  if (/(^id$|Id$|^version$|^revision$|^expiresInDays$|^sortOrder$|^dueInWorkingDays$|^limit$)/.test(key))
    return options.some((o) => o.type === "integer" || o.type === "number") && !options.some((o) => o.type === "string") ? fc.integer({ min: -1, max: 400 }) : fc.oneof(digits, fc.integer({ min: 0, max: 400 }).map(String));
  if (/On$|^day$|^wishedBy$|^dueOn$|Due$|[dD]ate$/.test(key)) return date;
  if (/At$/.test(key)) return fc.tuple(date, fc.integer({ min: 0, max: 24 })).map(([d, h]) => `${d.trim()}T${String(h).padStart(2, "0")}:30`);
  if (key === "url") return fc.constantFrom("http://127.0.0.1:9/hook", "https://example.edu.cn/x", "javascript:alert(1)", "http://a\u0000b/");
  if (key === "email") return fc.constantFrom("a@example.edu.cn", "", " A@B.CN ", "nope");
  if (key === "login") return fc.constantFrom("zhaolei", " Wang.JianGuo_2 ", "a", "用户");
  if (/password|current|confirm/.test(key)) return fc.constantFrom("long enough pw", "short", " spaced password ", "x".repeat(129));
  if (key === "text" && s.maxLength === 100_000) return fc.constantFrom("2031-01-07,holiday,元旦", "garbage", "\u0000");
  if (options.some((o) => o.type === "string")) return textOf(s.maxLength ?? 100);
  if (options.some((o) => o.type === "integer" || o.type === "number")) return fc.integer({ min: -1, max: 400 });
  return hostile;
}

const EXTRA_KEYS = ["__proto__", "constructor", "prototype", "point_1_departmentId", "point_1_text", "point_1_dueOn", "point_2_text", "need_3", "supportDue_3", "$ACTION_ID_x", "extra"];

/** An input for `schema`: an object of its fields (some left out, some hostile, some extra), or a bare value. */
function inputFor(name: string, schema: z.ZodType): fc.Arbitrary<unknown> {
  const json = inputSchema(schema);
  const props = json.properties;
  if (!props) return fc.oneof({ weight: 3, arbitrary: plausible(name, json) }, { weight: 1, arbitrary: hostile });
  const keys = Object.keys(props);
  const field = (k: string) => fc.oneof({ weight: 12, arbitrary: plausible(k, props[k]) }, { weight: 1, arbitrary: hostile }, { weight: 1, arbitrary: fc.constant(undefined) });
  return fc
    .tuple(fc.tuple(...keys.map(field)), fc.array(fc.tuple(fc.constantFrom(...EXTRA_KEYS), fc.oneof(textOf(50), date, digits, hostile)), { maxLength: 2 }))
    .map(([values, extras]) => {
      // defineProperty: "__proto__" becomes a key like the others, as formToObject and JSON.parse make it.
      const out: Record<string, unknown> = {};
      for (const [k, v] of [...extras, ...keys.map((k, i) => [k, values[i]] as const)]) {
        if (v !== undefined) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
      }
      return out;
    });
}

// ---------------------------------------------------------------------------------------------
// Invariants of a successful parse

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Kept exactly as typed: secrets are hashed, never stored or trimmed. */
const UNTRIMMED = new Set(["password", "current", "confirm"]);
/** Schemas whose id is not an integer column (notifications are bigints within JS's safe range). */
const ID_MAX: Record<string, number> = { markReadInput: Number.MAX_SAFE_INTEGER };

function problems(name: string, input: unknown, output: unknown, json: JsonSchema): string[] {
  const out: string[] = [];
  const idMax = ID_MAX[name] ?? MAX_INT;
  const walk = (value: unknown, key: string, top: boolean) => {
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value) && !Number.isFinite(value)) out.push(`${key}: ${value} is not finite`);
      if (/(^id$|Id$|^ids$|^version$|^revision$)/.test(key)) {
        if (!Number.isSafeInteger(value)) out.push(`${key}: ${value} is not a whole number`);
        const min = name === "passwordSignInInput" && key === "version" ? 0 : 1;
        if (value < min || value > idMax) out.push(`${key}: ${value} is outside ${min}…${idMax}`);
      }
    } else if (typeof value === "string") {
      if (UNSTORABLE.test(value) && !UNTRIMMED.has(key)) out.push(`${key}: ${JSON.stringify(value)} cannot be stored`);
      if (!UNTRIMMED.has(key) && value !== value.trim() && !(name === "calendarImportInput")) out.push(`${key}: ${JSON.stringify(value)} is not trimmed`);
      const max = top ? json.properties?.[key]?.maxLength : undefined;
      if (max !== undefined && value.length > max) out.push(`${key}: ${value.length} characters, more than ${max}`);
      if (/(On|^day|^wishedBy|Due)$/.test(key) && !isIsoDate(value)) out.push(`${key}: ${JSON.stringify(value)} is not a date`);
    } else if (Array.isArray(value)) {
      if (/Ids$/.test(key) && new Set(value).size !== value.length) out.push(`${key}: repeats ${JSON.stringify(value)}`);
      for (const v of value) walk(v, /Ids$/.test(key) ? "ids" : key, false);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, key === "supportDue" ? "supportDue" : k, false);
    }
  };
  if (output && typeof output === "object" && !Array.isArray(output)) for (const [k, v] of Object.entries(output)) walk(v, k, true);
  else walk(output, name === "idParam" ? "id" : name, true);
  // Nothing the caller made up comes through: no key of the output was invented by the input.
  if (output && typeof output === "object" && Object.prototype.hasOwnProperty.call(output, "__proto__")) out.push("__proto__ came through as a key");
  if (out.length) out.push(`input: ${JSON.stringify(input, (_k, v) => (typeof v === "string" && v.length > 80 ? `${v.slice(0, 80)}…` : v))}`);
  return out;
}

const ACCEPTED = new Map<string, number>();

describe("every input schema under fuzzing", () => {
  it("finds the schemas (a module without any would mean the walk is broken)", () => {
    for (const mod of Object.keys(MODULES)) expect(SCHEMAS.some((s) => s.label.startsWith(`${mod} ›`)), mod).toBe(true);
    expect(SCHEMAS.length).toBeGreaterThan(50);
  });

  it.each(SCHEMAS)("$label: safeParse never throws, and what it accepts is sound", ({ name, schema }) => {
    const json = inputSchema(schema);
    let accepted = 0;
    fc.assert(
      fc.property(inputFor(name, schema), (input) => {
        const result = schema.safeParse(input);
        if (!result.success) {
          // A refusal names fields with message keys (or zod's own message, shown as "invalid").
          for (const issue of result.error.issues) expect(typeof issue.message).toBe("string");
          return;
        }
        accepted++;
        expect(problems(name, input, result.data, json)).toEqual([]);
      }),
      { numRuns: RUNS, seed: (SEED + name.length * 7919) | 0 },
    );
    ACCEPTED.set(name, accepted);
  });

  // A schema whose generated inputs are all refused had its output checked by nothing.
  it("gets valid input through most schemas, so that their output is checked", () => {
    const never = [...ACCEPTED].filter(([, n]) => n === 0).map(([name]) => name);
    console.log(`[fuzz-inputs] seed ${SEED}; accepted per schema: ${[...ACCEPTED].map(([k, n]) => `${k}=${n}`).join(" ")}`);
    expect(never.length, `schemas no generated input got through: ${never.join(", ")}`).toBeLessThanOrEqual(Math.floor(ACCEPTED.size / 10));
  });
});
