import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/styles";

export default async function Forbidden() {
  const t = await getTranslations();
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-xl font-semibold" data-testid="forbidden">{t("errors.forbiddenPage")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("errors.forbiddenHint")}</p>
      <Link href="/" className={`${buttonClass("secondary")} mt-6`}>{t("nav.home")}</Link>
    </main>
  );
}
