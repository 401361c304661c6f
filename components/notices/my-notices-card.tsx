import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/dal/actor";
import { myNoticeCounts, myNotices } from "@/lib/dal/notices/queries";
import { Card, EmptyState } from "@/components/ui/card";
import { KindBadge, ReceiptStatusBadge } from "./badges";

const SHOWN = 5;

/**
 * For the home pages: my unread notices and those still waiting for my own confirmation (the
 * counts come from my own recipient rows, so each is a notice I can open).
 */
export async function MyNoticesCard({ actor }: { actor: Actor }) {
  const [t, counts, rows] = await Promise.all([getTranslations("notices.card"), myNoticeCounts(actor), myNotices(actor, { limit: 50 })]);
  const waiting = rows.filter((r) => r.needsAction).slice(0, SHOWN);
  return (
    <Card
      title={t("title")}
      actions={
        <Link href="/notices" className="text-sm text-brand-600 hover:underline">
          {t("all")}
        </Link>
      }
    >
      <div data-testid="my-notices-card">
        <p className="mb-2 flex gap-4 text-sm">
          <span>
            {t("unread")} <span className="font-semibold tabular-nums" data-testid="notices-unread-count">{counts.unread}</span>
          </span>
          <span>
            {t("toConfirm")} <span className="font-semibold tabular-nums" data-testid="notices-toconfirm-count">{counts.toConfirm}</span>
          </span>
        </p>
        {waiting.length ? (
          <ul className="divide-y divide-slate-100">
            {waiting.map((n) => (
              <li key={n.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                <span className="flex min-w-0 items-center gap-2">
                  <KindBadge kind={n.kind} />
                  <Link href={`/notices/${n.id}`} className="truncate text-brand-700 hover:underline">
                    {n.title}
                  </Link>
                </span>
                <ReceiptStatusBadge status={n.status} receiptRequired={n.receiptRequired} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>{t("empty")}</EmptyState>
        )}
      </div>
    </Card>
  );
}
