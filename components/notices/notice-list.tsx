import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { MyNoticeSummary, SentNoticeSummary } from "@/lib/dal/notices/queries";
import { Badge, EmptyState } from "@/components/ui/card";
import { KindBadge, NoticeStateBadge, ReceiptStatusBadge } from "./badges";

/** My notices, unread first: kind, title, sender, deadline and where I stand. */
export async function MyNoticeList({ rows }: { rows: MyNoticeSummary[] }) {
  const [t, format] = await Promise.all([getTranslations("notices"), getFormatter()]);
  if (!rows.length) return <EmptyState>{t("list.mineEmpty")}</EmptyState>;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  return (
    <ul className="divide-y divide-slate-100" data-testid="my-notices">
      {rows.map((n) => (
        <li key={n.id} className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 py-2.5" data-testid={`notice-row-${n.id}`} data-status={n.status}>
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <KindBadge kind={n.kind} />
              {n.state === "withdrawn" && <NoticeStateBadge state={n.state} />}
              {n.revision > 1 && <Badge tone="amber">{t("list.revised")}</Badge>}
              {n.overdue && n.status !== "confirmed" && <Badge tone="seal">{t("list.overdue")}</Badge>}
            </div>
            <Link href={`/notices/${n.id}`} className={`mt-0.5 block text-brand-700 hover:underline ${n.status === "unread" ? "font-semibold" : "font-medium"}`}>
              {n.title}
            </Link>
            <p className="text-xs text-slate-500">
              {n.senderDepartmentName} · {n.senderName} · {t("list.publishedAt", { at: when(n.publishedAt) })}
              {n.receiptRequired && n.receiptDueAt && ` · ${t("list.due", { at: when(n.receiptDueAt) })}`}
            </p>
          </div>
          <div className="text-right">
            <ReceiptStatusBadge status={n.status} receiptRequired={n.receiptRequired && n.kind !== "announcement"} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Notices I manage, with their receipt counts. */
export async function SentNoticeList({ rows }: { rows: SentNoticeSummary[] }) {
  const [t, format] = await Promise.all([getTranslations("notices"), getFormatter()]);
  if (!rows.length) return <EmptyState>{t("list.sentEmpty")}</EmptyState>;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  return (
    <ul className="divide-y divide-slate-100" data-testid="sent-notices">
      {rows.map((n) => (
        <li key={n.id} className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 py-2.5" data-testid={`sent-row-${n.id}`}>
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <KindBadge kind={n.kind} />
              <NoticeStateBadge state={n.state} />
              {n.revision > 1 && <Badge tone="amber">{t("list.revised")}</Badge>}
              {n.overdue && n.counts.confirmed < n.counts.total && <Badge tone="seal">{t("list.overdue")}</Badge>}
            </div>
            <Link href={`/notices/${n.id}`} className="mt-0.5 block font-medium text-brand-700 hover:underline">
              {n.title}
            </Link>
            <p className="text-xs text-slate-500">
              {n.senderName} · {t("list.publishedAt", { at: when(n.publishedAt) })}
              {n.receiptRequired && n.receiptDueAt && ` · ${t("list.due", { at: when(n.receiptDueAt) })}`}
            </p>
          </div>
          <div className="space-y-0.5 text-right text-xs text-slate-600" data-testid="sent-counts" data-confirmed={n.counts.confirmed} data-total={n.counts.total}>
            {n.receiptRequired ? (
              <>
                <span className="block font-medium tabular-nums text-slate-800">{t("list.confirmedOf", { confirmed: n.counts.confirmed, total: n.counts.total })}</span>
                {n.counts.proxy_only > 0 && <span className="block text-amber-800">{t("list.proxyOnly", { n: n.counts.proxy_only })}</span>}
                {n.counts.unread > 0 && <span className="block">{t("list.notRead", { n: n.counts.unread })}</span>}
              </>
            ) : (
              <span>{t("list.noReceipt")}</span>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
