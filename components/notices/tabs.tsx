import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/dal/actor";
import { isOfficeRole, mayPublish } from "@/lib/domain/notices/receipts";

/** Received / sent (for those who send) / the announcement board. */
export async function NoticeTabs({ actor, current }: { actor: Actor; current: "mine" | "sent" | "board" }) {
  const t = await getTranslations("notices.tabs");
  const tabs: { key: "mine" | "sent" | "board"; href: string; label: string }[] = [{ key: "mine", href: "/notices", label: t("mine") }];
  if (mayPublish(actor.roles, "notice")) tabs.push({ key: "sent", href: "/notices?tab=sent", label: isOfficeRole(actor.roles) ? t("sentOffice") : t("sent") });
  tabs.push({ key: "board", href: "/notices/board", label: t("board") });
  return (
    <nav aria-label={t("mine")} className="mb-4 flex flex-wrap gap-1 border-b border-slate-200" data-testid="notice-tabs">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab.key === current ? "border-brand-600 font-semibold text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
