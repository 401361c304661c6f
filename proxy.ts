// The proxy only sends anonymous visitors to the sign-in page. Every page, action and route
// handler checks authorization for itself in the data layer.
import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "./auth.config";

const { auth } = NextAuth(authConfig);

const PUBLIC = [/^\/login$/, /^\/api\/auth(\/|$)/, /^\/api\/health$/];
// Route handlers that answer an anonymous caller with 401 themselves: a redirect to the
// sign-in page would be useless to an EventSource, which must see the 401 to stop.
const SELF_GUARDED = [/^\/api\/notifications\/stream$/];

export const proxy = auth((req) => {
  const { pathname, search } = req.nextUrl;
  if (req.auth || PUBLIC.some((p) => p.test(pathname)) || SELF_GUARDED.some((p) => p.test(pathname))) return NextResponse.next();
  const url = new URL("/login", req.nextUrl);
  if (pathname !== "/") url.searchParams.set("next", pathname + search);
  return NextResponse.redirect(url);
});

// The integration API (/api/v1) is left out entirely: it authenticates by bearer token only,
// never by the session, answers 401 JSON itself, and gets no session cookies from here.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/v1(?:/|$)|.*\\.(?:svg|png|ico|woff2?)$).*)"],
};
