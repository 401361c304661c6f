import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/dal/session";
import { appConfig } from "@/lib/config";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { LoginForm } from "./login-form";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  if (await currentActor()) redirect("/");
  const t = await getTranslations();
  const notice = params.expired ? t("auth.expired") : params.signedOut ? t("auth.signedOut") : params.changed ? t("auth.passwordChanged") : null;
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
        <LoginForm next={params.next ?? "/"} />
      </div>
      <LocaleSwitcher back={`/login${params.next ? `?next=${encodeURIComponent(params.next)}` : ""}`} />
    </main>
  );
}
