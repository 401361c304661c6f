import NextAuth, { CredentialsSignin, type NextAuthConfig, type User } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { OIDCConfig } from "next-auth/providers";
import { headers } from "next/headers";
import { NextRequest } from "next/server";
import { authConfig } from "./auth.config";
import { appConfig } from "@/lib/config";
import { clientAddress as addressOf } from "@/lib/domain/client-address";
import { checkPassword } from "@/lib/dal/sign-in";
import { endSessionsOnSignOut } from "@/lib/dal/sign-out";
import { signInWithSso } from "@/lib/dal/sso";
import { claimsFromProfile } from "@/lib/domain/sso";
import { signInSchema } from "@/lib/domain/schemas";
import { ssoConfig, type SsoConfig } from "@/lib/sign-in-config";

/** A refused password sign-in whose reason the sign-in page may tell (the code reaches signInAction). */
class CodedSignIn extends CredentialsSignin {
  constructor(code: "throttled" | "passwordDisabled" | "notProvisioned" | "disabled" | "unavailable") {
    super();
    this.code = code;
  }
}

/** The id of the single sign-on provider: its callback is <public url>/api/auth/callback/sso. */
export const SSO_PROVIDER_ID = "sso";

/**
 * Any standard OIDC provider, found by discovery from its issuer. State, nonce and PKCE are all
 * checked; the profile comes from the ID token or, when configured, the userinfo endpoint.
 */
function ssoProvider(c: SsoConfig): OIDCConfig<Record<string, unknown>> {
  return {
    id: SSO_PROVIDER_ID,
    name: c.name,
    type: "oidc",
    issuer: c.issuer,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    checks: ["pkce", "state", "nonce"],
    // false: the claims are read from the userinfo endpoint (its `sub` must equal the ID token's).
    idToken: c.profileSource === "id_token",
    authorization: { params: { scope: c.scope } },
    client: { token_endpoint_auth_method: c.clientAuth },
    // The claims as the provider gave them; who this is in Zhongshu is decided in the signIn callback.
    profile(claims) {
      return { id: typeof claims.sub === "string" ? claims.sub : String(claims.sub ?? "") };
    },
  };
}

async function clientAddress(request?: Request): Promise<string> {
  let h: Headers | undefined = request?.headers;
  if (!h) {
    try {
      h = await headers();
    } catch {
      return "local";
    }
  }
  return addressOf(h.get("x-forwarded-for"), h.get("x-real-ip"), appConfig.trustedProxies);
}

const sso = ssoConfig();

const callbacks: NextAuthConfig["callbacks"] = {
  ...authConfig.callbacks,
  /**
   * A verified single sign-on identity becomes a local person here (subject, login name or
   * verified e-mail; no self-registration), or is sent back to the sign-in page with the reason.
   * The user object then carries the local id and session version into the jwt callback, so
   * disabling the person ends this session like any other.
   */
  async signIn({ user, account, profile }) {
    if (account?.provider !== SSO_PROVIDER_ID) return true;
    if (!sso) return "/login?sso=failed";
    const claims = claimsFromProfile((profile ?? {}) as Record<string, unknown>, sso.loginClaim);
    if (!claims) return "/login?sso=failed";
    const result = await signInWithSso(sso.issuer, claims, await clientAddress());
    if (result.kind !== "ok") return `/login?sso=${result.kind}`;
    const local = user as User & { sessionVersion?: number };
    local.id = String(result.userId);
    local.sessionVersion = result.sessionVersion;
    // Only identifiers travel in the token.
    delete local.name;
    delete local.email;
    delete local.image;
    return true;
  },
};

const nextAuth = NextAuth({
  ...authConfig,
  // A failed provider round trip (state, nonce, PKCE, a provider error) lands on the sign-in page.
  pages: { ...authConfig.pages, error: "/login" },
  callbacks,
  // Every way out (the sign-out button, a password change, /api/auth/signout) ends the
  // person's sessions, so a copy of this cookie stops working too.
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token) await endSessionsOnSignOut(Number(token.uid), Number(token.sv));
    },
  },
  // A wrong password is an answer, not a server error: keep it out of the logs (it is audited).
  logger: {
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { login: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await checkPassword(parsed.data.login, parsed.data.password, await clientAddress(request));
        if (result.kind === "invalid") return null;
        if (result.kind !== "ok") throw new CodedSignIn(result.kind);
        return { id: String(result.userId), sessionVersion: result.sessionVersion } as never;
      },
    }),
    ...(sso ? [ssoProvider(sso)] : []),
  ],
});

export const { auth, signIn, signOut } = nextAuth;

/**
 * The request as the browser addressed it. Next gives route handlers the address the server is
 * bound to (e.g. http://0.0.0.0:3000), while sign-in from a server action builds its URLs from
 * the Host header: the OIDC callback must use the same origin, or the redirect URI sent with
 * the code exchange would differ from the one sent with the authorization request. (AUTH_URL,
 * when set, still overrides both.)
 */
function asAddressed(req: NextRequest): NextRequest {
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!host) return req;
  const proto = (req.headers.get("x-forwarded-proto") ?? req.nextUrl.protocol).replace(/:$/, "");
  if (proto !== "http" && proto !== "https") return req;
  try {
    const origin = new URL(`${proto}://${host}`).origin;
    if (origin === req.nextUrl.origin) return req;
    return new NextRequest(req.nextUrl.href.replace(req.nextUrl.origin, origin), req);
  } catch {
    return req;
  }
}

export const handlers = {
  GET: (req: NextRequest) => nextAuth.handlers.GET(asAddressed(req)),
  POST: (req: NextRequest) => nextAuth.handlers.POST(asAddressed(req)),
};
