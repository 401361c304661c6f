import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/dal/session";
import { passwordSignInEnabled } from "@/lib/dal/settings";
import { appConfig } from "@/lib/config";
import { ldapConfig, ssoPublic } from "@/lib/sign-in-config";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { buttonClass } from "@/components/ui/styles";
import { LoginForm } from "./login-form";
import { ssoSignInAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("title") };
}

/** Why single sign-on sent the visitor back (set by the signIn callback in auth.ts, or Auth.js's ?error=). */
function ssoProblem(params: Record<string, string | undefined>): "notProvisioned" | "disabled" | "ssoFailed" | null {
  if (params.sso === "unmatched") return "notProvisioned";
  if (params.sso === "disabled") return "disabled";
  if (params.sso || params.error) return "ssoFailed";
  return null;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  if (await currentActor()) redirect("/");
  const t = await getTranslations();
  const notice = params.expired ? t("auth.expired") : params.signedOut ? t("auth.signedOut") : params.changed ? t("auth.passwordChanged") : null;
  const problem = ssoProblem(params);
  const sso = ssoPublic();
  const directory = ldapConfig() !== null;
  // With password sign-in off and no directory, the form stays for the admins' break-glass use only.
  const formOpen = !sso || directory || (await passwordSignInEnabled());
  const next = params.next ?? "/";
  const form = (
    <>
      {directory && <p className="mb-3 text-sm text-slate-600">{t("auth.directoryHint")}</p>}
      <LoginForm next={next} />
    </>
  );
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 px-4 py-10">
      <div className="text-center">
        <p className="text-3xl font-bold tracking-wide text-brand-700">{t("common.appName")}</p>
        <p className="mt-1 text-sm text-slate-600">
          {appConfig.orgName} · {t("common.appTagline")}
        </p>
      </div>
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-1 text-lg font-semibold">{t("auth.title")}</h1>
        <p className="mb-4 text-sm text-slate-600">{t("auth.subtitle")}</p>
        {notice && (
          <p role="status" className="mb-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
            {notice}
          </p>
        )}
        {problem && (
          <p role="alert" data-testid="sso-error" className="mb-4 rounded-md bg-seal-50 px-3 py-2 text-sm text-seal-600">
            {t(`auth.${problem}`)}
          </p>
        )}
        {sso && (
          <form action={ssoSignInAction} className="mb-2 space-y-2" data-testid="sso-form">
            <input type="hidden" name="next" value={next} />
            <button type="submit" className={buttonClass("primary", "w-full")} data-testid="sso-sign-in">
              {t("auth.ssoButton", { name: sso.name })}
            </button>
            <p className="text-center text-xs text-slate-500">{t("auth.ssoHint")}</p>
          </form>
        )}
        {!sso ? (
          form
        ) : formOpen ? (
          <>
            <p className="my-4 flex items-center gap-3 text-xs text-slate-500 before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">
              {t("auth.or")}
            </p>
            {form}
          </>
        ) : (
          <details className="mt-4 rounded-md border border-slate-200 px-3 py-2" data-testid="break-glass">
            <summary className="cursor-pointer text-sm font-medium text-slate-700">{t("auth.breakGlass")}</summary>
            <p className="my-3 text-sm text-slate-600">{t("auth.breakGlassHint")}</p>
            {form}
          </details>
        )}
      </div>
      <LocaleSwitcher back={`/login${params.next ? `?next=${encodeURIComponent(params.next)}` : ""}`} />
    </main>
  );
}
