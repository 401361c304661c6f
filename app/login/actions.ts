"use server";
// Company sign-in: off to the single sign-on provider, back at /api/auth/callback/sso.
import { signIn, SSO_PROVIDER_ID } from "@/auth";
import { ssoPublic } from "@/lib/sign-in-config";
import { redirect } from "next/navigation";
import { safeNext } from "@/lib/http/safe-next";
import { assertSameOrigin } from "@/lib/actions/same-origin";
import { postedForm } from "@/lib/actions/posted";

export async function ssoSignInAction(formData: FormData): Promise<void> {
  await assertSameOrigin();
  if (!ssoPublic()) redirect("/login");
  // Redirects to the provider (state, nonce and PKCE verifier go along in short-lived cookies).
  await signIn(SSO_PROVIDER_ID, { redirectTo: safeNext(postedForm(formData).get("next")) });
}
