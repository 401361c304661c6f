import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { organisationCounts, portfoliosInForce } from "@/lib/dal/homes";
import { today as orgToday } from "@/lib/clock";
import { PortfolioStateCounts } from "@/components/item-lists/portfolio-state";
import { HomeGreeting } from "@/components/home-greeting";
import { MyNoticesCard } from "@/components/notices/my-notices-card";
import { Card, EmptyState } from "@/components/ui/card";
import { RegisterItemLink } from "@/components/items/register-link";
import { OfficeRequests } from "@/components/requests/office-requests";
import { OfficeMatters } from "@/components/coordination/office-matters";

export async function generateMetadata() {
  return { title: (await getTranslations("homes"))("office") };
}

export default async function OfficeHome() {
  const actor = await requireHome("office");
  const today = orgToday();
  const [t, tl, counts, portfolio] = await Promise.all([getTranslations("home.office"), getTranslations("itemLists"), organisationCounts(actor), portfoliosInForce(actor, today)]);
  const byDeputy = new Map<string, typeof portfolio>();
  for (const p of portfolio) byDeputy.set(p.deputyName, [...(byDeputy.get(p.deputyName) ?? []), p]);
  return (
    <>
      <HomeGreeting actor={actor} title={t("title")} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("intake")} className="lg:col-span-2" actions={<RegisterItemLink />}>
          <EmptyState>{t("intakeHint")}</EmptyState>
        </Card>
        <Card title={t("org")}>
          <dl className="grid grid-cols-3 gap-2 text-center">
            {(["departments", "people", "deputies"] as const).map((k) => (
              <div key={k}>
                <dt className="text-xs text-slate-500">{t(k)}</dt>
                <dd className="text-2xl font-semibold text-brand-700">{counts[k]}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <div className="lg:col-span-3">
          <OfficeRequests actor={actor} />
        </div>
        <MyNoticesCard actor={actor} />
        <Card title={t("coordination")} className="lg:col-span-3" actions={<Link href="/coordination" className="text-sm text-brand-700 hover:underline">{t("coordination")} ›</Link>}>
          <OfficeMatters actor={actor} />
        </Card>
        <Card title={tl("portfolio.title")} className="lg:col-span-3" actions={<Link href="/office/ledger" className="text-sm text-brand-700 hover:underline">{tl("ledger.title")} ›</Link>}>
          <PortfolioStateCounts actor={actor} linkToLedger />
        </Card>
        <Card title={t("routing")} className="lg:col-span-3">
          <p className="mb-3 text-sm text-slate-600">{t("routingHint")}</p>
          <dl className="grid gap-3 sm:grid-cols-3" data-testid="routing-overview">
            {[...byDeputy].map(([deputy, lines]) => (
              <div key={deputy} className="rounded-md bg-slate-50 p-3">
                <dt className="font-medium">{deputy}</dt>
                <dd className="mt-1 text-sm text-slate-600">{lines.map((l) => l.departmentName).join("、")}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
