import { getFormatter, getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { myDelegations, portfoliosInForce } from "@/lib/dal/homes";
import { today as orgToday } from "@/lib/clock";
import { HomeGreeting } from "@/components/home-greeting";
import { MyNoticesCard } from "@/components/notices/my-notices-card";
import { Card, EmptyState } from "@/components/ui/card";
import { homesFor } from "@/lib/domain/roles";
import { LeaderQueue } from "@/components/item-lists/leader-queue";
import { PortfolioStateCounts } from "@/components/item-lists/portfolio-state";

export async function generateMetadata() {
  return { title: (await getTranslations("homes"))("leadership") };
}

export default async function LeadershipHome() {
  const actor = await requireHome("leadership");
  const today = orgToday();
  const [t, tl, format, portfolio, delegations] = await Promise.all([
    getTranslations("home.leadership"),
    getTranslations("itemLists.portfolio"),
    getFormatter(),
    portfoliosInForce(actor, today, actor.id),
    myDelegations(actor, today),
  ]);
  const d = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00`), { dateStyle: "medium" });
  return (
    <>
      <HomeGreeting actor={actor} title={t("title")} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("awaiting")} className="lg:col-span-2">
          <LeaderQueue actor={actor} />
        </Card>
        <MyNoticesCard actor={actor} />
        <Card title={tl("title")} className="lg:col-span-2">
          <PortfolioStateCounts actor={actor} linkToLedger={homesFor(actor.roles).includes("office")} />
        </Card>
        <Card title={t("portfolio")}>
          {actor.roles.includes("principal") && <p className="mb-3 text-sm text-slate-600">{t("principalScope")}</p>}
          {portfolio.length ? (
            <ul className="divide-y divide-slate-100" data-testid="my-portfolio">
              {portfolio.map((p) => (
                <li key={p.departmentId} className="flex justify-between py-2 text-sm">
                  <span>{p.departmentName}</span>
                  <span className="text-slate-500">{t("members", { count: p.members })}</span>
                </li>
              ))}
            </ul>
          ) : (
            !actor.roles.includes("principal") && <EmptyState>{t("noPortfolio")}</EmptyState>
          )}
        </Card>
        <Card title={t("delegations")}>
          {delegations.length ? (
            <ul className="space-y-2 text-sm">
              {delegations.map((x) => (
                <li key={x.id}>
                  {x.toUserId === actor.id
                    ? t("delegatedToMe", { from: x.fromName, from_date: d(x.startsOn), to_date: d(x.endsOn) })
                    : t("delegatedByMe", { to: x.toName, from_date: d(x.startsOn), to_date: d(x.endsOn) })}
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState>{t("noDelegations")}</EmptyState>
          )}
        </Card>
      </div>
    </>
  );
}
