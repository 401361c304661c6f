"use server";
// Sign-in, sign-out, language and workspace switches.
import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { signIn, signOut } from "@/auth";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n/locales";
import { HOMES, homesFor } from "@/lib/domain/roles";
import { currentActor, HOME_COOKIE } from "@/lib/dal/session";
import { safeNext } from "@/lib/http/safe-next";
import type { ActionState } from "./form";
import { postedForm } from "./posted";
import { assertSameOrigin, crossOriginRefusal } from "./same-origin";

const YEAR = 60 * 60 * 24 * 365;

/** The path of the page the form was posted from (same origin only). */
function refererPath(h: Headers): string {
  try {
    const url = new URL(h.get("referer") ?? "");
    return url.host === h.get("host") ? url.pathname + url.search : "/";
  } catch {
    return "/";
  }
}

export async function signInAction(_prev: ActionState, posted: FormData): Promise<ActionState> {
  // A foreign page could otherwise sign the visitor in as an account of its choosing.
  const refused = await crossOriginRefusal();
  if (refused) return refused;
  const formData = postedForm(posted);
  const t = await getTranslations("auth");
  const login = String(formData.get("login") ?? "");
  const password = String(formData.get("password") ?? "");
  if (!login.trim() || !password) {
    const te = await getTranslations("errors");
    return {
      status: "error",
      message: t("invalid"),
      fieldErrors: { ...(login.trim() ? {} : { login: te("required") }), ...(password ? {} : { password: te("required") }) },
      values: { login },
      at: Date.now(),
    };
  }
  try {
    await signIn("credentials", { login, password, redirect: false });
  } catch (e) {
    if (e instanceof AuthError) {
      // Refusals with a reason the visitor may know (codes set in auth.ts); anything else is "invalid".
      const code = (e as { code?: string }).code;
      const told = ["throttled", "passwordDisabled", "notProvisioned", "disabled", "unavailable"] as const;
      const key = told.find((c) => c === code) ?? "invalid";
      return { status: "error", message: t(key), values: { login }, at: Date.now() };
    }
    throw e;
  }
  redirect(safeNext(formData.get("next")));
}

export async function signOutAction(): Promise<void> {
  await assertSameOrigin();
  await signOut({ redirectTo: "/login?signedOut=1" });
}

export async function setLocaleAction(posted: FormData): Promise<void> {
  await assertSameOrigin();
  const formData = postedForm(posted);
  const locale = toLocale(String(formData.get("locale")));
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: YEAR, sameSite: "lax" });
  redirect(safeNext(formData.get("back") || refererPath(await headers())));
}

export async function switchHomeAction(posted: FormData): Promise<void> {
  await assertSameOrigin();
  const formData = postedForm(posted);
  const actor = await currentActor();
  if (!actor) redirect("/login");
  const home = String(formData.get("home"));
  const allowed = homesFor(actor.roles);
  if (!(HOMES as readonly string[]).includes(home) || !(allowed as string[]).includes(home)) redirect("/");
  (await cookies()).set(HOME_COOKIE, home, { path: "/", maxAge: YEAR, sameSite: "lax" });
  redirect(`/${home}`);
}
