// The browser-side defences every response carries. Pages get a Content-Security-Policy with a
// fresh nonce from the proxy (Next puts the nonce on its own scripts when it finds it in the
// request's policy); everything the proxy does not see (the integration API, static files) gets
// its headers from next.config.ts. No imports: next.config.ts loads this file at build time.

/** A year: long enough to matter, and what browsers' preload lists ask for. */
export const HSTS = "max-age=31536000";

/** Nothing an API answer or a file needs: JSON and downloads never run as a page. */
export const NO_CONTENT_POLICY = "default-src 'none'; base-uri 'none'; object-src 'none'; form-action 'none'; frame-ancestors 'none'";

/** On every response, pages and API alike. */
export const STATIC_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Record addresses (ids, search terms) stay inside the portal.
  { key: "Referrer-Policy", value: "same-origin" },
  // For browsers that do not know frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

export type PagePolicy = {
  nonce: string;
  /** `next dev` needs eval for its error overlay; a production build never does. */
  dev: boolean;
  /** The page arrived over HTTPS: stray http:// sub-resources are upgraded. */
  https: boolean;
  /** Origins a form may post to besides ours (the single sign-on provider's, for its redirect). */
  formTargets?: string[];
};

/**
 * A page's policy. Scripts need the request's nonce ('strict-dynamic' lets them load the rest
 * of the bundle). Styles allow 'unsafe-inline': React writes style attributes (bar widths, for
 * example) into the HTML, which no nonce can cover; styles cannot run code.
 */
export function pagePolicy({ nonce, dev, https, formTargets = [] }: PagePolicy): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    ["form-action 'self'", ...formTargets].join(" "),
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** A fresh, unguessable nonce: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether the browser reached us over HTTPS: the TLS-terminating proxy says so in
 * X-Forwarded-Proto, believed only when a trusted proxy is configured (ZHONGSHU_TRUSTED_PROXIES).
 */
export function arrivedOverHttps(forwardedProto: string | null, trustedProxies: number): boolean {
  return trustedProxies > 0 && forwardedProto?.split(",")[0].trim().toLowerCase() === "https";
}

/** HSTS goes out when the request came over HTTPS, or the portal's public address is https. */
export function wantsHsts(https: boolean, publicUrl: string | null): boolean {
  return https || (publicUrl?.startsWith("https://") ?? false);
}

/** The origin of a URL, or null for anything that is not an absolute http(s) URL. */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.origin : null;
  } catch {
    return null;
  }
}
