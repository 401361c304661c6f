import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "./auth.config";
import { checkPassword } from "@/lib/dal/sign-in";
import { signInSchema } from "@/lib/domain/schemas";

export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
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
        const ip = clientAddress(request);
        const result = await checkPassword(parsed.data.login, parsed.data.password, ip);
        if (result.kind === "throttled") throw new ThrottledSignIn();
        if (result.kind !== "ok") return null;
        return { id: String(result.userId), sessionVersion: result.sessionVersion } as never;
      },
    }),
  ],
});

function clientAddress(request: Request | undefined): string {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request?.headers.get("x-real-ip") || "local";
}
