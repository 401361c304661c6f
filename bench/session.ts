// Signed-in requests without the sign-in form: an Auth.js session cookie minted with the
// server's AUTH_SECRET, holding what auth.config.ts's jwt callback puts in a real one (the
// user id and the session version that loadActor checks).
import { encode } from "next-auth/jwt";

/** The session cookie's name over plain HTTP (Auth.js uses it as the key-derivation salt too). */
export const SESSION_COOKIE = "authjs.session-token";

export async function sessionCookie(secret: string, user: { id: number; sv: number }): Promise<string> {
  return encode({ token: { sub: String(user.id), uid: user.id, sv: user.sv }, secret, salt: SESSION_COOKIE, maxAge: 12 * 60 * 60 });
}

export function cookieHeader(value: string): Record<string, string> {
  return { cookie: `${SESSION_COOKIE}=${value}` };
}
