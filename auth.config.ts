// The part of the Auth.js configuration that needs no database: shared by auth.ts and the
// proxy, which only uses it to tell signed-in visitors from anonymous ones.
import type { NextAuthConfig } from "next-auth";

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  trustHost: true,
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
