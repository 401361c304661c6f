import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/dal/session";
import { listMatters } from "@/lib/dal/coordination/queries";
import { isOffice } from "@/lib/dal/items/context";
import { RUNGS, type Rung } from "@/lib/domain/coordination/ladder";
import { mayAct } from "@/lib/domain/coordination/lifecycle";
import { isLeader } from "@/lib/domain/roles";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { MatterTable } from "@/components/coordination/matter-list";

export async function generateMetadata() {
  return { title: (await getTranslations("coordination"))("title") };
}

type Search = { scope?: string; rung?: string };

/**
 * Every matter this person may open. The office (and the principal) see the open ones by rung,
 * highest first, then by age, with the day each will climb; a leader sees first what awaits
 * their decision; a department sees the matters it is party to.
 */
export default async function CoordinationPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const search = await searchParams;
  const scope = search.scope === "all" ? "all" : "open";
  const rung = (RUNGS as readonly string[]).includes(search.rung ?? "") ? (search.rung as Rung) : undefined;
  const overseer = isOffice(actor) || actor.roles.includes("principal");
  const leader = isLeader(actor.roles);
  const [t, matters, awaiting] = await Promise.all([
    getTranslations("coordination"),
    listMatters(actor, { scope, rung }),
    leader ? listMatters(actor, { scope: "open", awaitingMe: true }) : Promise.resolve([]),
  ]);
  const canRaise = mayAct("raise", { roles: actor.roles, inRaisingDepartment: true, isNamedParty: false, isRoutedLeader: false });
  const href = (next: Search) => {
    const q = new URLSearchParams();
    const s = next.scope ?? scope;
    if (s === "all") q.set("scope", "all");
    const r = "rung" in next ? next.rung : rung;
    if (r) q.set("rung", r);
    const qs = q.toString();
    return qs ? `/coordination?${qs}` : "/coordination";
  };
  const chip = (active: boolean) =>
    `rounded-full border px-3 py-1 text-sm ${active ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-300 text-slate-700 hover:bg-slate-50"}`;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={overseer ? t("description.office") : leader ? t("description.leader") : t("description.department")}
        actions={
          canRaise && (
            <Link href="/coordination/new" className={buttonClass("primary")}>
              {t("list.newMatter")}
            </Link>
          )
        }
      />
      <div className="space-y-4">
        {leader && (
          <Card title={t("list.awaitingMe")}>
            <MatterTable matters={awaiting} caption={t("list.awaitingMe")} testId="matters-awaiting-me" />
          </Card>
        )}
        <Card
          title={overseer ? t("list.byRung") : leader ? t("list.visible") : t("list.mine")}
          actions={
            <nav aria-label={t("list.filters")} className="flex flex-wrap gap-2">
              <Link href={href({ scope: "open" })} className={chip(scope === "open")} aria-current={scope === "open" ? "page" : undefined}>
                {t("list.open")}
              </Link>
              <Link href={href({ scope: "all" })} className={chip(scope === "all")} aria-current={scope === "all" ? "page" : undefined}>
                {t("list.all")}
              </Link>
              <span aria-hidden="true" className="mx-1 border-s border-slate-200" />
              <Link href={href({ rung: undefined })} className={chip(!rung)} aria-current={!rung ? "page" : undefined}>
                {t("list.allRungs")}
              </Link>
              {[...RUNGS].reverse().map((r) => (
                <Link key={r} href={href({ rung: r })} className={chip(rung === r)} aria-current={rung === r ? "page" : undefined}>
                  {t(`rungs.${r}`)}
                </Link>
              ))}
            </nav>
          }
        >
          <MatterTable matters={matters} caption={t("title")} testId="matters-list" />
        </Card>
      </div>
    </>
  );
}
