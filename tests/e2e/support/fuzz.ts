// Hostile form input for fuzzing server actions (tests/e2e/fuzz-actions.spec.ts): per kind of
// field, values its schema must refuse ("poison"), values it may accept however odd ("noise"),
// and a poster that sends them as a browser's form would — or as no browser would.
import fc from "fast-check";
import type { APIRequestContext } from "@playwright/test";

/** A file part of a multipart form. */
export type FilePart = { file: true; name: string; type: string; bytes: Uint8Array };
export type FieldValue = string | FilePart | (string | FilePart)[];
/**
 * A form to post, in order; `undefined` leaves the field out. A list rather than an object, so
 * that names such as "__proto__" are sent as they are.
 */
export type Fields = [string, FieldValue | undefined][];

/** What a field is, as far as its schema (lib/domain/**) is concerned. */
export type Kind =
  | { t: "id"; valid: string; domain?: string[] } // a required record or choice id; domain: ids the data layer refuses
  | { t: "version"; valid: string } // a record's version: a stale one is refused by the data layer
  | { t: "seenVersion"; valid: string } // a version that may be 0 (a setting never saved)
  | { t: "optId"; valid?: string } // "" or an id
  | { t: "ids"; valid: string[]; required?: boolean } // a checkbox group of ids
  | { t: "text"; max: number }
  | { t: "optText"; max: number }
  | { t: "choice"; values: readonly string[] }
  | { t: "choices"; values: readonly string[]; required?: boolean }
  | { t: "date" }
  | { t: "optDate" }
  | { t: "dateTime" }
  | { t: "checkbox" }
  | { t: "bool" }
  | { t: "int"; min: number; max: number; optional?: boolean }
  | { t: "password" }
  | { t: "login" }
  | { t: "email" }
  | { t: "url" }
  | { t: "pointDept"; valid: string } // a row of agreed points (parsed by hand, coordination/inputs.ts)
  | { t: "pointText" }
  | { t: "pointDue" }
  | { t: "calendar" } // calendar import lines
  | { t: "calFile" } // the calendar import's file (an empty one counts as none)
  | { t: "file" } // one upload
  | { t: "files" } // an optional multi-file picker
  | { t: "free"; values?: string[] }; // read by no schema, or leniently: noise only, never poison

const MAX_INT = 2_147_483_647;

/** Text that looks like a stack trace or a source path: never generated, so that finding it in an answer means a leak. */
export const STACK_TRACE = /\n\s+at [\w.<>$[\]]+ \(|\bat Object\.|\bat async |\.(?:ts|tsx|js|mjs|cjs):\d+:\d+|\/lib\/(?:dal|actions|domain|api)\/|node_modules\/|\b(?:TypeError|RangeError|ReferenceError|SyntaxError|PostgresError|ZodError)\b/;
const harmless = (s: string) => !STACK_TRACE.test(s);

/** Strings that have broken parsers, databases and pages before; all of them are valid text. */
export const HOSTILE_STRINGS = [
  "'; DROP TABLE users; --",
  "\" OR 1=1 --",
  "1' UNION SELECT password_hash FROM users --",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "{{7*7}}${7*7}<%= 7*7 %>",
  "%00%0d%0a",
  "../../../../etc/passwd",
  "\u202Eevil.exe\u202C",
  "\u200F\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627",
  "👩‍👩‍👧‍👦🏳️‍🌈🇨🇳",
  "\uFEFFbom",
  "１２３４５",
  "e\u0301\u0301\u0301",
  "\u200B\u200C\u200D",
  "𠀀𪚥𰻞",
  "line1\r\nline2\ttab",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "null",
  "undefined",
  "NaN",
  "[object Object]",
  "-1",
  "1e3",
  "0x10",
  " 7",
  "$ACTION_ID_x",
  "$K1",
  "\\",
  "\"",
  "'",
];

/** Any text, including broken surrogates (a browser's form encoder turns them into U+FFFD). */
const anyText = (maxLength: number) => fc.string({ unit: "binary", maxLength }).filter(harmless);

/** Valid-looking, hostile text of at most `max` characters (never empty). */
export function hostileText(max: number): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
      { weight: 2, arbitrary: anyText(Math.min(max, 60)) },
      { weight: 1, arbitrary: fc.constant("长".repeat(max)) },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: Math.min(max, 30) }) },
    )
    .map((s) => s.replace(/\u0000/g, "").slice(0, max))
    .filter((s) => s.trim().length > 0 && harmless(s));
}

/** Longer than `max` characters: 1 over, or 100,000 (CJK, so 300 KB on the wire). */
const tooLong = (max: number) => fc.constantFrom("x".repeat(max + 1), "中".repeat(Math.max(max + 1, 100_000)), ` ${"a".repeat(max)}b `);

/** Text holding NUL or an unpaired surrogate in a way the transport keeps (NUL). */
const unstorable = fc.constantFrom("a\u0000b", "\u0000", "标题\u0000", "x\u0000".repeat(50));

export const ABSENT = undefined;

const NOT_A_NUMBER = ["", "abc", "-1", "0", "1.5", "1e3", " 7", "7 ", "+7", "0x10", "0b11", "0o7", "NaN", "Infinity", "-0", "99999999999999999999", "2147483648", "１２", "7\u0000", "1,000", "١٢", "[1]", "{}", "null", "true"];
const BAD_DATES = ["2026-02-30", "2026-13-01", "2026-00-10", "2026-2-3", "20260203", "2026-02-03T00:00", "0000-00-00", "0000-01-01", "２０２６-０１-０１", "2023-02-29", "-001-01-01", "275760-09-13", "1e3", "yesterday", "2026-01-01\u0000", "2026/01/01", "01/02/2026", "NaN-NaN-NaN"];
const BAD_DATE_TIMES = ["2026-02-30T10:00", "2026-01-01T24:00", "2026-01-01T10:60", "2026-01-01 10:00", "2026-01-01T10:00:00Z", "2026-01-01", "10:00", "garbage", "2026-01-01T10:00\u0000", "9999999-01-01T00:00"];
const HOSTILE_DATES = ["2099-12-31", "9999-12-31", "0100-01-01", "1970-01-01", "2024-02-29"];

/** A file that every upload refuses: empty, of an unknown type, or whose bytes are not what its name says. */
export const badFile: fc.Arbitrary<FilePart> = fc.oneof(
  fc.record({
    file: fc.constant(true as const),
    // (Never NUL or a line break in a name: that breaks the multipart part header itself, which
    // Next's body parser answers with a 500 before any of the portal's code runs.)
    name: fc.constantFrom("a.pdf", "a.png", "a.txt", "a.csv", "a.docx", "a.zip", "报告.PDF", "../../etc/passwd.txt", "a.pdf%00.exe", "a.pdf .exe", `${"长".repeat(300)}.jpg`),
    type: fc.constantFrom("application/pdf", "text/html", "image/svg+xml", "application/x-msdownload", "", "text/plain"),
    // A NUL first: no file signature starts so, and text may not hold it.
    bytes: fc.uint8Array({ maxLength: 4096 }).map((b) => Uint8Array.from([0, ...b])),
  }),
  fc.record({
    file: fc.constant(true as const),
    name: fc.constantFrom("evil.exe", "a.html", "a.svg", "a.js", "noextension", "a.", ".htaccess", "a.php"),
    type: fc.constantFrom("application/pdf", "text/plain", "application/octet-stream"),
    bytes: fc.constantFrom(Buffer.from("%PDF-1.4\n%%EOF\n"), Buffer.from("<svg onload=alert(1)>"), Buffer.from("MZ\x90\x00")).map((b) => new Uint8Array(b)),
  }),
  fc.record({ file: fc.constant(true as const), name: fc.constantFrom("empty.pdf", "空.txt"), type: fc.constant("application/pdf"), bytes: fc.constant(new Uint8Array()) }),
);

/** A file every upload accepts: used only as noise beside a poisoned field. */
export const goodFile: fc.Arbitrary<FilePart> = fc.constantFrom<FilePart>(
  { file: true, name: "note.pdf", type: "application/pdf", bytes: new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")) },
  { file: true, name: "备注.txt", type: "text/plain", bytes: new Uint8Array(Buffer.from("第一行\n第二行\n")) },
);

/** A string part where a file was expected, or a file where a string was. */
const wrongType = fc.oneof(badFile, fc.constant<FilePart>({ file: true, name: "x.txt", type: "text/plain", bytes: new Uint8Array(Buffer.from("x")) }));

/** Two values where one is expected. */
const twice = (a: fc.Arbitrary<string>) => fc.tuple(a, a).map(([x, y]) => [x, y]);

/** Values the field's schema refuses (or ABSENT, where leaving the field out is refused). */
export function poison(kind: Kind): fc.Arbitrary<FieldValue | undefined> | null {
  const num = fc.constantFrom(...NOT_A_NUMBER);
  switch (kind.t) {
    case "id":
    case "version":
      return fc.oneof(num, fc.constant(ABSENT), twice(fc.constant(kind.valid)), wrongType);
    case "seenVersion":
      return fc.oneof(fc.constantFrom(...NOT_A_NUMBER.filter((v) => v !== "0")), fc.constant(ABSENT), wrongType);
    case "optId":
      return fc.oneof(fc.constantFrom(...NOT_A_NUMBER.filter((v) => v !== "")), twice(fc.constant("1")), wrongType);
    case "ids":
      return fc.oneof(
        fc.constantFrom<FieldValue>(["1", "abc"], "0", "-3", "1e3", "2147483648", ["", "2"], " 7", "0x10"),
        ...(kind.required ? [fc.constant(ABSENT)] : []),
        fc.tuple(fc.constant(kind.valid[0] ?? "1"), badFile).map((v) => v as FieldValue),
      );
    case "text":
      return fc.oneof(fc.constantFrom("", "   ", "\r\n\t"), fc.constant(ABSENT), tooLong(kind.max), unstorable, twice(hostileText(20)), wrongType);
    case "optText":
      return fc.oneof(tooLong(kind.max), unstorable, twice(hostileText(20)), wrongType);
    case "choice":
      return fc.oneof(
        fc.constantFrom("", "__proto__", "constructor", "toString", "' OR '1'='1", "１", `${kind.values[0]}\u0000`, ` ${kind.values[0]}`, kind.values[0].toUpperCase() + "!", "null"),
        fc.constant(ABSENT),
        twice(fc.constantFrom(...kind.values)),
        wrongType,
      );
    case "choices":
      return fc.oneof(
        fc.constantFrom<FieldValue>("nope", [kind.values[0], "nope"], "__proto__", "", `${kind.values[0]} `),
        ...(kind.required ? [fc.constant(ABSENT)] : []),
        wrongType,
      );
    case "date":
      return fc.oneof(fc.constantFrom("", ...BAD_DATES), fc.constant(ABSENT), twice(fc.constant("2030-01-02")), wrongType);
    case "optDate":
      return fc.oneof(fc.constantFrom(...BAD_DATES), twice(fc.constant("2030-01-02")), wrongType);
    case "dateTime":
      return fc.oneof(fc.constantFrom(...BAD_DATE_TIMES), twice(fc.constant("2030-01-02T10:00")), wrongType);
    case "checkbox":
      return fc.oneof(fc.constantFrom("yes", "1", "ON", "on ", "checked", "true\u0000", "off"), twice(fc.constant("on")), wrongType);
    case "bool":
      return fc.oneof(fc.constantFrom("TRUE", "1", "", "yes", "false ", "0"), fc.constant(ABSENT), twice(fc.constant("true")), wrongType);
    case "int":
      return fc.oneof(
        fc.constantFrom(String(kind.min - 1), String(kind.max + 1), "1e2", " 7", "1.5", "-0", "abc", "0x10", "9".repeat(30), "１"),
        twice(fc.constant(String(kind.min))),
        wrongType,
      );
    case "password":
      return fc.oneof(fc.constantFrom("", "short", "1234567", "x".repeat(129), "中".repeat(200)), fc.constant(ABSENT), wrongType);
    case "login":
      return fc.oneof(fc.constantFrom("", "a", "-start", ".dot", "has space", "用户名", "x".repeat(65), "a/b", "a@b", "a\u0000b", "UPPER CASE"), fc.constant(ABSENT), wrongType);
    case "email":
      return fc.oneof(fc.constantFrom("not-an-email", "a@", "@b.cn", "a b@c.cn", "<script>@x.cn", "a@b@c", "a\u0000@b.cn"), twice(fc.constant("a@b.cn")), wrongType);
    case "url":
      return fc.oneof(
        fc.constantFrom("", "javascript:alert(1)", "file:///etc/passwd", "ftp://example.edu.cn/x", "http://", "//example.edu.cn", "http://user:pw@example.edu.cn/", "data:text/html,x", "http://a\u0000b/", `http://example.edu.cn/${"x".repeat(2001)}`, "not a url"),
        fc.constant(ABSENT),
        wrongType,
      );
    case "pointDept":
      return fc.constantFrom("abc", "1e3", "0x10", "-1", "0", "2147483648", "１２", "1.5");
    case "pointText":
      return fc.oneof(tooLong(5_000), unstorable);
    case "pointDue":
      return fc.constantFrom(...BAD_DATES.filter((d) => d.trim() !== ""));
    case "calendar":
      return fc.oneof(
        fc.constantFrom("2026-02-30,holiday,坏日期", "garbage", "2031-01-07,festival,未知类型", "2031-01-07,holiday,名称\u0000", "2031-01-07;holiday", ",,,", "\u0000"),
        fc.constant("2031-01-07,holiday,x\n".repeat(5000) + "bad"),
        fc.tuple(fc.constantFrom("2031-01-07,holiday,元旦"), fc.constantFrom("2031-13-01,holiday,x", "x,y,z")).map(([a, b]) => `${a}\n${b}`),
      );
    case "calFile":
      return badFile.filter((f) => f.bytes.length > 0);
    case "file":
      return fc.oneof(badFile, fc.constant(ABSENT), fc.constantFrom("a string, not a file", ""));
    case "files":
      return fc.oneof(badFile, fc.tuple(goodFile, badFile).map((v) => v as FieldValue));
    case "free":
      return null;
  }
}

/** Values the field's schema may accept, hostile as they can be (and leaving optional fields out). */
export function noise(kind: Kind): fc.Arbitrary<FieldValue | undefined> {
  switch (kind.t) {
    case "id":
      return fc.constantFrom(kind.valid, ...(kind.domain ?? []), "007", String(MAX_INT));
    case "version":
    case "seenVersion":
      return fc.constantFrom(kind.valid, "1", "2", String(MAX_INT));
    case "optId":
      return fc.constantFrom("", ABSENT, kind.valid ?? "1", String(MAX_INT));
    case "ids":
      return fc.oneof(fc.constant(kind.valid), fc.constant(ABSENT), fc.constantFrom<FieldValue>([...kind.valid, ...kind.valid], String(MAX_INT), []));
    case "text":
      return hostileText(kind.max);
    case "optText":
      return fc.oneof(hostileText(kind.max), fc.constantFrom("", "   ", ABSENT));
    case "choice":
      return fc.constantFrom(...kind.values);
    case "choices":
      return fc.oneof(fc.constantFrom(...kind.values), fc.subarray([...kind.values], { minLength: 1 }));
    case "date":
      return fc.constantFrom(...HOSTILE_DATES, " 2030-01-02 ");
    case "optDate":
      return fc.constantFrom(...HOSTILE_DATES, "", ABSENT);
    case "dateTime":
      return fc.constantFrom("2030-01-02T10:00", "9999-12-31T23:59", "0100-01-01T00:00", "", ABSENT);
    case "checkbox":
      return fc.constantFrom("on", "true", "false", "", ABSENT);
    case "bool":
      return fc.constantFrom("true", "false");
    case "int":
      return fc.constantFrom(String(kind.min), String(kind.max), `00${kind.min}`, ...(kind.optional ? [ABSENT] : []));
    case "password":
      return fc.oneof(fc.constantFrom("long-enough-password", "        ", "密码密码密码密码"), anyText(128).filter((s) => s.length >= 8));
    case "login":
      return fc.constantFrom("fuzz.user", "a1", "x-y_z.w", "z".repeat(64));
    case "email":
      return fc.constantFrom("", "fuzz@example.edu.cn", "A.B+tag@EXAMPLE.EDU.CN", ABSENT);
    case "url":
      return fc.constantFrom("http://127.0.0.1:9/hook", "https://example.edu.cn/a?b=c#d", "http://[::1]:9/", "http://例子.测试/路径");
    case "pointDept":
      return fc.constant(kind.valid);
    case "pointText":
      return hostileText(5_000);
    case "pointDue":
      return fc.constantFrom(...HOSTILE_DATES);
    case "calendar":
      return fc.constantFrom("2031-01-07,holiday,元旦", "", ABSENT);
    case "calFile":
      return fc.constantFrom<FieldValue | undefined>(ABSENT, { file: true, name: "假日.csv", type: "text/csv", bytes: new Uint8Array(Buffer.from("2031-01-08,holiday,假日\n")) });
    case "file":
      return goodFile;
    case "files":
      return fc.oneof(fc.constant(ABSENT), goodFile, fc.constant<FilePart>({ file: true, name: "", type: "application/octet-stream", bytes: new Uint8Array() }));
    case "free":
      return fc.oneof(fc.constantFrom(...(kind.values ?? []), ...HOSTILE_STRINGS, ABSENT), anyText(200), fc.constantFrom("x".repeat(100_000)));
  }
}

/** Field names no form has, with prototype-pollution and framework-looking names among them. */
const extraName = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "__defineGetter__", "hasOwnProperty", "$ACTION_ID_0", "$ACTION_REF_1", "0", "", "a[b]", "a.b", "point_999_text", "need_2147483648", "supportDue_1", "字段", "\u202Efield"),
  fc.string({ minLength: 1, maxLength: 20 }).filter((s) => harmless(s) && !/[\u0000\r\n"]/.test(s)),
);
export const extraFields: fc.Arbitrary<[string, FieldValue][]> = fc.array(
  fc.tuple(extraName, fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.array(fc.constantFrom(...HOSTILE_STRINGS), { minLength: 2, maxLength: 3 }), badFile)),
  { maxLength: 3 },
);

export type Answer = { status: number; redirect: string | null; body: string; raw: Buffer };

/**
 * POSTs `fields` to a server action as React's encodeReply does for a form: part "0" is the
 * argument list, "$K1" points at the fields "_1_*". `args` "state" is a useActionState action's
 * (previousState, formData); "form" a plain form action's (formData). Redirects are not followed.
 */
export async function postForm(
  request: APIRequestContext,
  pagePath: string,
  actionId: string,
  fields: Fields,
  opts: { args?: "state" | "form" | string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const form = new FormData();
  for (const [k, v] of fields) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) {
      if (typeof one === "string") form.append(`_1_${k}`, one);
      else form.append(`_1_${k}`, new Blob([Buffer.from(one.bytes)], { type: one.type }), one.name);
    }
  }
  const args = opts.args ?? "state";
  form.append("0", args === "state" ? JSON.stringify([{ status: "idle" }, "$K1"]) : args === "form" ? JSON.stringify(["$K1"]) : args);
  const res = await request.post(pagePath, {
    headers: { "Next-Action": actionId, Accept: "text/x-component", ...opts.headers },
    multipart: form,
    maxRedirects: 0,
    failOnStatusCode: false,
    timeout: 60_000,
  });
  const raw = await res.body();
  return { status: res.status(), redirect: res.headers()["x-action-redirect"] ?? null, body: raw.toString("utf8"), raw };
}

export type ActionStateSeen = { status: string; message?: string; fieldErrors?: Record<string, string> };

/**
 * The rows of a React Flight (RSC) answer: `<id>:<json>\n`, except text rows `<id>:T<hex byte
 * length>,<text>` that have no line end (long strings are sent so, and referenced as "$<id>").
 */
function flightRows(raw: Buffer): string[] {
  const rows: string[] = [];
  let i = 0;
  while (i < raw.length) {
    const colon = raw.indexOf(0x3a, i);
    if (colon < 0) break;
    if (raw[colon + 1] === 0x54 /* T */) {
      const comma = raw.indexOf(0x2c, colon);
      const length = parseInt(raw.toString("latin1", colon + 2, comma), 16);
      rows.push(`T${raw.toString("utf8", comma + 1, comma + 1 + length)}`);
      i = comma + 1 + length;
    } else {
      const end = raw.indexOf(0x0a, colon);
      rows.push(raw.toString("utf8", colon + 1, end < 0 ? raw.length : end));
      i = end < 0 ? raw.length : end + 1;
    }
  }
  return rows;
}

/** The action's answer (an ActionState): the Flight row that starts `{"status":`, with "$undefined" read back. */
export function actionState(raw: Buffer): ActionStateSeen | null {
  const row = flightRows(raw).find((r) => r.startsWith('{"status":'));
  if (!row) return null;
  try {
    return JSON.parse(row, (_k, v) => (v === "$undefined" ? undefined : typeof v === "string" && v.startsWith("$$") ? v.slice(1) : v)) as ActionStateSeen;
  } catch {
    return null;
  }
}

/** A short, printable account of a generated form (long values cut), for failure messages. */
export function describeFields(fields: Fields): string {
  const show = (v: string | FilePart) =>
    typeof v === "string" ? JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…(${v.length} chars)` : v) : `File(${JSON.stringify(v.name.slice(0, 40))}, ${v.type || "no type"}, ${v.bytes.length} B)`;
  return fields
    .map(([k, v]) => `${JSON.stringify(k)}: ${v === undefined ? "(absent)" : Array.isArray(v) ? `[${v.map(show).join(", ")}]` : show(v)}`)
    .join(", ");
}
