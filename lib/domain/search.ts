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
