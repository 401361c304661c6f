/**
 * A record id from a URL segment: a positive safe integer, or null. Anything else ("abc", "1.5", "0")
 * names no record, and is answered like a missing one without asking the database.
 */
export function parseRecordId(raw: string): number | null {
  // Digits only: Number() alone would also take "1e3", " 7" or "0x10".
  if (!/^\d{1,15}$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
