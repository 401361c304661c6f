import { getLocale, getTranslations } from "next-intl/server";
import { LOCALES } from "@/lib/i18n/locales";
import { setLocaleAction } from "@/lib/actions/session";

/** Plain forms: the switch works without JavaScript, and keeps the reader on the same page. */
export async function LocaleSwitcher({ back }: { back?: string }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("locale")]);
  return (
    <nav aria-label={t("switchTo")} className="flex items-center gap-1 text-sm">
      {LOCALES.map((l) => (
        <form key={l} action={setLocaleAction}>
          <input type="hidden" name="locale" value={l} />
          {back && <input type="hidden" name="back" value={back} />}
          <button
            type="submit"
            lang={l}
            aria-current={l === locale ? "true" : undefined}
            className={`rounded px-2 py-1 ${l === locale ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
            data-testid={`locale-${l}`}
          >
            {t(l)}
          </button>
        </form>
      ))}
    </nav>
  );
}
