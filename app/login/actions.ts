"use server";
// Company sign-in: off to the single sign-on provider, back at /api/auth/callback/sso.
import { signIn, SSO_PROVIDER_ID } from "@/auth";
import { ssoPublic } from "@/lib/sign-in-config";
import { redirect } from "next/navigation";
import { safeNext } from "@/lib/http/safe-next";

export async function ssoSignInAction(formData: FormData): Promise<void> {
  if (!ssoPublic()) redirect("/login");
  // Redirects to the provider (state, nonce and PKCE verifier go along in short-lived cookies).
  await signIn(SSO_PROVIDER_ID, { redirectTo: safeNext(formData.get("next")) });
}
