import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/dal/actor";
import { openMattersByRung } from "@/lib/dal/coordination/queries";
import { EmptyState } from "@/components/ui/card";
import { formatDay } from "@/components/item-lists/format";
import { MatterStateBadge } from "./badges";

const PER_RUNG = 5;

/**
 * The office home's card: open matters by rung (principal first), each with its age, the working
 * days it has stalled, and the day it will climb if nothing happens.
 */
export async function OfficeMatters({ actor }: { actor: Actor }) {
  const [t, format, groups] = await Promise.all([getTranslations("coordination"), getFormatter(), openMattersByRung(actor)]);
  const total = groups.reduce((n, g) => n + g.matters.length, 0);
  if (!total) return <EmptyState>{t("home.empty")}</EmptyState>;
  return (
    <div className="space-y-4" data-testid="office-matters">
      {groups.map(({ rung, matters }) => (
        <section key={rung} aria-labelledby={`rung-${rung}`} data-rung={rung}>
          <h3 id={`rung-${rung}`} className="mb-1 flex items-center gap-2 text-sm font-semibold text-slate-700">
            {t(`rungs.${rung}`)}
            <span className="rounded-full bg-slate-100 px-2 text-xs font-normal tabular-nums text-slate-600">{matters.length}</span>
          </h3>
          {matters.length ? (
            <ul className="divide-y divide-slate-100">
              {matters.slice(0, PER_RUNG).map((m) => (
                <li key={m.id} className="grid grid-cols-[1fr_auto] gap-x-3 py-2" data-testid={`matter-${m.id}`}>
                  <div className="min-w-0">
                    <span className="me-2 text-xs tabular-nums text-slate-500">{m.number}</span>
                    <MatterStateBadge state={m.state} />
                    <Link href={`/coordination/${m.id}`} className="mt-0.5 block truncate font-medium text-brand-700 hover:underline">
                      {m.title}
                    </Link>
                    <p className="truncate text-xs text-slate-500">
                      {m.raisingDepartmentName}
                      {m.partyNames.length > 0 && ` ↔ ${m.partyNames.join("、")}`}
                    </p>
                  </div>
                  <div className="text-right text-xs tabular-nums text-slate-600">
                    <span className="block">{t("list.ageDays", { days: m.ageDays })}</span>
                    <span className={`block ${m.stalledWorkingDays >= 2 ? "font-medium text-amber-800" : ""}`}>{t("list.stalledDays", { days: m.stalledWorkingDays })}</span>
                    {m.climbDueOn && <span className="block">{t("home.climbsOn", { date: formatDay(format, m.climbDueOn) })}</span>}
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="py-1 text-xs text-slate-500">{t("list.rungEmpty")}</p>
          )}
          {matters.length > PER_RUNG && (
            <Link href={`/coordination?rung=${rung}`} className="text-xs text-brand-600 hover:underline">
              {t("home.moreCount", { count: matters.length - PER_RUNG })}
            </Link>
          )}
        </section>
      ))}
      <Link href="/coordination" className="text-sm text-brand-600 hover:underline">
        {t("home.all")}
      </Link>
    </div>
  );
}
