// The part of the Auth.js configuration that needs no database: shared by auth.ts and the
// proxy, which only uses it to tell signed-in visitors from anonymous ones.
import type { NextAuthConfig } from "next-auth";

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  trustHost: true,
  // The session cookie is HttpOnly and SameSite=Lax (Auth.js's defaults), and Secure (with the
  // __Secure- prefix) when the request came over HTTPS, which Auth.js reads from
  // X-Forwarded-Proto. An https public address makes it Secure even if the proxy omits that header.
  useSecureCookies: process.env.ZHONGSHU_PUBLIC_URL?.trim().startsWith("https://") ? true : undefined,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      // Only identifiers travel in the session; everything else is read fresh per request.
      (session as { uid?: number; sv?: number }).uid = token.uid as number;
      (session as { uid?: number; sv?: number }).sv = token.sv as number;
      return session;
    },
  },
} satisfies NextAuthConfig;
