import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/dal/actor";
import { decisionQueue, type QueueEntry } from "@/lib/dal/queue";
import { decideAction } from "@/lib/actions/items";
import { decideRequestAction } from "@/lib/actions/requests";
import { today } from "@/lib/clock";
import { appConfig } from "@/lib/config";
import { Badge, EmptyState } from "@/components/ui/card";
import { InlineAction } from "@/components/ui/form";
import { buttonClass } from "@/components/ui/styles";
import { DueDate, UrgencyBadge } from "./badges";
import { daysBetween, isoDayIn, truncate } from "./format";

const HREF: Record<QueueEntry["kind"], (id: number) => string> = {
  item: (id) => `/items/${id}`,
  request: (id) => `/requests/${id}`,
  countersign: (id) => `/requests/${id}`,
  coordination: (id) => `/coordination/${id}`,
};

/**
 * "Awaiting my decision": items, requests, countersigns and escalated coordination in one list,
 * by urgency, then how long each has waited (the order comes from the data layer). A proposal
 * can be approved from here in one click; anything needing words opens the record (two clicks).
 */
export async function LeaderQueue({ actor }: { actor: Actor }) {
  const [t, entries] = await Promise.all([getTranslations("itemLists"), decisionQueue(actor)]);
  if (!entries.length) return <EmptyState>{t("queue.empty")}</EmptyState>;
  const on = today();
  const reason = (r: string | null, leader: string | null) =>
    r && t.has(`routeReasons.${r}`) ? t(`routeReasons.${r}`, { leader: leader ?? "" }) : (r ?? "");
  return (
    <ul className="divide-y divide-slate-100" data-testid="leader-queue">
      {entries.map((e) => {
        const waited = Math.max(0, daysBetween(isoDayIn(e.waitingSince, appConfig.timeZone), on));
        const href = HREF[e.kind](e.id);
        const quickApprove = e.kind === "item" || (e.kind === "request" && e.pendingCountersigns === 0);
        return (
          <li key={`${e.kind}-${e.id}`} className="py-3 first:pt-0 last:pb-0" data-testid={`queue-${e.kind}-${e.id}`}>
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <Badge tone={e.kind === "item" ? "slate" : "brand"}>{t(`queue.kinds.${e.kind}`)}</Badge>
              <UrgencyBadge urgency={e.urgency} />
              {e.major && <Badge tone="seal">{t("major")}</Badge>}
              {e.onBehalfOfName && (
                <span data-testid="acting-for">
                  <Badge tone="brand">{t("queue.onBehalfOf", { name: e.onBehalfOfName })}</Badge>
                </span>
              )}
              <span className="text-xs tabular-nums text-slate-500">{e.number}</span>
            </div>
            <Link href={href} className="mt-1 block font-medium text-brand-700 hover:underline">
              {e.title}
            </Link>
            <p className="mt-1 text-sm text-slate-600">
              {t(`queue.department.${e.kind}`, { name: e.departmentName })}
              {e.kind === "countersign" ? (
                <>
                  <span aria-hidden="true" className="px-1.5 text-slate-400">·</span>
                  <span>{t("queue.countersignAsked", { name: e.leaderName ?? "" })}</span>
                </>
              ) : (
                e.routeReason && (
                  <>
                    <span aria-hidden="true" className="px-1.5 text-slate-400">·</span>
                    <span data-testid="route-reason">{reason(e.routeReason, e.leaderName)}</span>
                  </>
                )
              )}
            </p>
            {e.proposal && (
              <p className="mt-1 text-sm text-slate-700" title={e.proposal}>
                <span className="text-slate-500">{t("queue.proposal")}</span>
                {truncate(e.proposal, 80)}
              </p>
            )}
            <div className="mt-1 flex flex-wrap items-center justify-between gap-2">
              <p className="flex flex-wrap items-baseline gap-x-3 text-xs text-slate-500">
                <span>{t("queue.waiting", { days: waited })}</span>
                {e.dueOn && (
                  <span className="inline-flex items-baseline gap-1">
                    {e.kind === "item" ? t("queue.due") : t("queue.wished")} <DueDate dueOn={e.dueOn} today={on} showDays={false} />
                  </span>
                )}
                {e.pendingCountersigns > 0 && <span data-testid="pending-countersigns">{t("queue.pendingCountersigns", { count: e.pendingCountersigns })}</span>}
              </p>
              <div className="flex flex-wrap items-center gap-2">
                {quickApprove && e.kind === "item" && (
                  <InlineAction action={decideAction} fields={{ id: e.id, version: e.version, decision: "approve", instruction: "" }} variant="primary" confirm={t("queue.approveConfirm")}>
                    {t("queue.approve")}
                  </InlineAction>
                )}
                {quickApprove && e.kind === "request" && (
                  <InlineAction action={decideRequestAction} fields={{ id: e.id, version: e.version, decision: "approve", text: "" }} variant="primary" confirm={t("queue.approveConfirm")}>
                    {t("queue.approve")}
                  </InlineAction>
                )}
                <Link href={href} className={buttonClass("secondary")}>
                  {e.kind === "countersign" ? t("queue.openCountersign") : t("queue.open")}
                </Link>
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
