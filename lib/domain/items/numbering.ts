// Item numbers in the style of official document numbers (文号): prefix〔year〕seq号, e.g.
// 督〔2026〕12号. The sequence is gapless per kind per year; the database hands it out, this
// module only formats and reads it back (for search, where people type it in many ways).

export const ITEM_KINDS = ["assignment", "request", "coordination"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** 督 (督办), 请 (请示), 协 (协调). Request and coordination are reserved for later kinds. */
export const ITEM_KIND_PREFIX: Record<ItemKind, string> = { assignment: "督", request: "请", coordination: "协" };

/** The English form's code, for readers of the English interface: ASG-2026-12. */
export const ITEM_KIND_CODE: Record<ItemKind, string> = { assignment: "ASG", request: "REQ", coordination: "CRD" };

const MAX_SEQ = 999_999_999;

export type ParsedItemNumber = { prefix: string; kind: ItemKind; year: number; seq: number };

/**
 * 督〔2026〕12号, or ASG-2026-12 when locale is English. No padding: official numbers are never
 * written 012 (GB/T 9704 "不编虚位").
 */
export function formatItemNumber(kind: ItemKind, year: number, seq: number, locale: string = "zh-CN"): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`bad year: ${year}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ) throw new RangeError(`bad sequence: ${seq}`);
  if (/^en\b/i.test(locale)) return `${ITEM_KIND_CODE[kind]}-${year}-${seq}`;
  return `${ITEM_KIND_PREFIX[kind]}〔${year}〕${seq}号`;
}

// The bracket pairs people type for 〔〕: the canonical hexagonal ones, square, round and
// lenticular, in half and full width. Open and close must match.
const BRACKETS: readonly [string, string][] = [
  ["〔", "〕"],
  ["[", "]"],
  ["［", "］"],
  ["(", ")"],
  ["（", "）"],
  ["【", "】"],
];

const KIND_BY_PREFIX = new Map(ITEM_KINDS.map((k) => [ITEM_KIND_PREFIX[k], k]));
const KIND_BY_CODE = new Map(ITEM_KINDS.map((k) => [ITEM_KIND_CODE[k], k]));

const ZH = /^(\S)\s*(\S)\s*([1-9]\d{3})\s*(\S)\s*(\d{1,9})\s*号?$/u;
const EN = /^([a-z]{3})[-\s]?([1-9]\d{3})[-/\s](\d{1,9})$/i;

/** Reads either form back; full-width digits and surrounding spaces are tolerated. Null if it is not a number. */
export function parseItemNumber(text: string): ParsedItemNumber | null {
  const s = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  let kind: ItemKind | undefined;
  let year: string;
  let seq: string;
  const zh = ZH.exec(s);
  const en = zh ? null : EN.exec(s);
  if (zh) {
    const [, prefix, open, y, close, n] = zh;
    kind = KIND_BY_PREFIX.get(prefix);
    if (!BRACKETS.some(([o, c]) => o === open && c === close)) return null;
    [year, seq] = [y, n];
  } else if (en) {
    kind = KIND_BY_CODE.get(en[1].toUpperCase());
    [year, seq] = [en[2], en[3]];
  } else return null;
  if (!kind || Number(seq) < 1) return null;
  return { prefix: ITEM_KIND_PREFIX[kind], kind, year: Number(year), seq: Number(seq) };
}
