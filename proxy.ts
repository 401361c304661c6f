// The proxy only sends anonymous visitors to the sign-in page and sets the page headers (the
// Content-Security-Policy with a per-request nonce, HSTS). It guards nothing: every page, action
// and route handler checks authorization for itself in the data layer, so a request that skips
// the proxy (or a matcher that misses a path) reaches no data it may not see.
import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authConfig } from "./auth.config";
import { appConfig } from "./lib/config";
import { arrivedOverHttps, HSTS, newNonce, originOf, pagePolicy, wantsHsts } from "./lib/http/security-headers";

const { auth } = NextAuth(authConfig);

const PUBLIC = [/^\/login$/, /^\/api\/auth(\/|$)/, /^\/api\/health$/];
// Route handlers that answer an anonymous caller with 401 themselves: a redirect to the
// sign-in page would be useless to an EventSource, which must see the 401 to stop.
const SELF_GUARDED = [/^\/api\/notifications\/stream$/];

/** The request as the page renders it (with the policy, where Next finds the nonce) and the headers of the answer. */
function securityHeaders(req: NextRequest): { request: Headers; response: Headers } {
  const request = new Headers(req.headers);
  const response = new Headers();
  const https = arrivedOverHttps(req.headers.get("x-forwarded-proto"), appConfig.trustedProxies);
  if (wantsHsts(https, appConfig.publicUrl)) response.set("Strict-Transport-Security", HSTS);
  // Route handlers under /api get the no-content policy from next.config.ts.
  if (!req.nextUrl.pathname.startsWith("/api/")) {
    const sso = originOf(process.env.ZHONGSHU_SSO_ISSUER);
    const policy = pagePolicy({ nonce: newNonce(), dev: process.env.NODE_ENV === "development", https, formTargets: sso ? [sso] : [] });
    request.set("Content-Security-Policy", policy);
    response.set("Content-Security-Policy", policy);
  }
  return { request, response };
}

export const proxy = auth((req) => {
  const { pathname, search } = req.nextUrl;
  const headers = securityHeaders(req);
  let res: NextResponse;
  if (req.auth || PUBLIC.some((p) => p.test(pathname)) || SELF_GUARDED.some((p) => p.test(pathname))) {
    res = NextResponse.next({ request: { headers: headers.request } });
  } else {
    const url = new URL("/login", req.nextUrl);
    if (pathname !== "/") url.searchParams.set("next", pathname + search);
    res = NextResponse.redirect(url);
  }
  headers.response.forEach((value, key) => res.headers.set(key, value));
  return res;
});

// The integration API (/api/v1) is left out entirely: it authenticates by bearer token only,
// never by the session, answers 401 JSON itself, and gets no session cookies from here. Its
// headers, and those of static files, come from next.config.ts.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/v1(?:/|$)|.*\\.(?:svg|png|ico|woff2?)$).*)"],
};
