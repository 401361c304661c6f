// Search tokens for Chinese and English text. pg_trgm needs three characters, but most
// Chinese words have two, so items carry their own tokens in a GIN-indexed array: CJK
// characters as unigrams and bigrams, other text as lower-case words. A query matches when
// the item holds all of the query's tokens; adjacency is then confirmed with ILIKE.

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const RUNS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[\p{L}\p{N}]+/gu;

function normalise(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

function cjkGrams(run: string, withUnigrams: boolean): string[] {
  const chars = [...run];
  const out: string[] = withUnigrams ? [...chars] : [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Tokens stored with an item (deduplicated). */
export function documentTokens(...texts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    for (const run of normalise(text ?? "").match(RUNS) ?? []) {
      if (CJK.test(run)) for (const g of cjkGrams(run, true)) out.add(g);
      else out.add(run);
    }
  }
  return [...out];
}

/** Tokens a query needs: a one-character Chinese term as itself, longer ones as bigrams. */
export function queryTokens(query: string): string[] {
  const out = new Set<string>();
  for (const run of normalise(query).match(RUNS) ?? []) {
    if (CJK.test(run)) for (const g of [...run].length === 1 ? [run] : cjkGrams(run, false)) out.add(g);
    else out.add(run);
  }
  return [...out];
}

export type SearchPlan = {
  /** Tokens every matching item holds (GIN-indexed containment). */
  tokens: string[];
  /**
   * The text an item must contain, when the tokens alone do not prove it: a one- or
   * two-character Chinese term or a single word is exactly its token, so it needs no
   * substring check (which costs more than the index lookup on every hit).
   */
  contains: string | null;
  /** Whether the substring check must ignore case (the term has cased letters). */
  caseInsensitive: boolean;
};

export function searchPlan(query: string): SearchPlan {
  const term = normalise(query).trim();
  const raw = query.normalize("NFKC").trim();
  const tokens = queryTokens(query);
  const runs = term.match(RUNS) ?? [];
  const single = runs.length === 1 && runs[0] === term;
  const exact = single && (!CJK.test(term) || [...term].length <= 2);
  return { tokens, contains: exact ? null : raw, caseInsensitive: raw.toLowerCase() !== raw.toUpperCase() };
}
