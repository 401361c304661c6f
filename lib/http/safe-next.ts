// Where to go after signing in or switching the language: a path on this site only. The value
// comes from the query string or a form field, so anyone can set it in a link they send.
//
// A plain prefix check is not enough: browsers drop tabs and newlines from a URL and read "\"
// as "/", so "/\t/evil.example" or "/\\evil.example" passes `startsWith("/")` yet leaves the
// site. The value is therefore resolved as the browser would, and kept only when it stays on
// the same origin; the path, query and fragment of that resolution are returned (never raw
// control characters).

const BASE = "http://zhongshu.invalid";

export function safeNext(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return url.pathname + url.search + url.hash;
}
