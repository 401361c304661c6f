import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/dal/actor";
import { leaderQueue } from "@/lib/dal/items/queries";
import { today } from "@/lib/clock";
import { appConfig } from "@/lib/config";
import { Badge, EmptyState } from "@/components/ui/card";
import { DueDate, UrgencyBadge } from "./badges";
import { daysBetween, isoDayIn, truncate } from "./format";

/** "Awaiting my decision": by urgency, then age (the order comes from the data layer). */
export async function LeaderQueue({ actor }: { actor: Actor }) {
  const [t, entries] = await Promise.all([getTranslations("itemLists"), leaderQueue(actor)]);
  if (!entries.length) return <EmptyState>{t("queue.empty")}</EmptyState>;
  const on = today();
  const reason = (r: string | null, leader: string | null) =>
    r && t.has(`routeReasons.${r}`) ? t(`routeReasons.${r}`, { leader: leader ?? "" }) : (r ?? "");
  return (
    <ul className="divide-y divide-slate-100" data-testid="leader-queue">
      {entries.map((e) => {
        const waited = Math.max(0, daysBetween(isoDayIn(e.createdAt, appConfig.timeZone), on));
        // The queue also holds items routed to leaders this person stands in for.
        const actingFor = e.routedLeaderName && e.routedLeaderName !== actor.name ? e.routedLeaderName : null;
        return (
          <li key={e.id} className="py-3 first:pt-0 last:pb-0" data-testid={`queue-item-${e.id}`}>
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <UrgencyBadge urgency={e.urgency} />
              {e.major && <Badge tone="seal">{t("major")}</Badge>}
              {actingFor && (
                <span data-testid="acting-for">
                  <Badge tone="brand">{t("queue.onBehalfOf", { name: actingFor })}</Badge>
                </span>
              )}
              <span className="text-xs tabular-nums text-slate-500">{e.number}</span>
            </div>
            <Link href={`/items/${e.id}`} className="mt-1 block font-medium text-brand-700 hover:underline">
              {e.title}
            </Link>
            <p className="mt-1 text-sm text-slate-600">
              {t("queue.lead", { name: e.leadDepartmentName })}
              {e.routeReason && (
                <>
                  <span aria-hidden="true" className="px-1.5 text-slate-400">·</span>
                  <span data-testid="route-reason">{reason(e.routeReason, e.routedLeaderName)}</span>
                </>
              )}
            </p>
            {e.proposal && (
              <p className="mt-1 text-sm text-slate-700" title={e.proposal}>
                <span className="text-slate-500">{t("queue.proposal")}</span>
                {truncate(e.proposal, 80)}
              </p>
            )}
            <p className="mt-1 flex flex-wrap items-baseline gap-x-3 text-xs text-slate-500">
              <span>{t("queue.waiting", { days: waited })}</span>
              <span className="inline-flex items-baseline gap-1">
                {t("queue.due")} <DueDate dueOn={e.dueOn} today={on} showDays={false} />
              </span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
