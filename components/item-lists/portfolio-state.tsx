import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/dal/actor";
import { portfolioState } from "@/lib/dal/items/queries";

// Working days without progress before an open item counts as stuck.
const STUCK_AFTER_DAYS = 5;

// Each count opens the ledger with the matching filter, for those who may use the ledger.
const LEDGER_QUERY: Record<string, string | null> = {
  open: "state=open",
  overdue: "state=open&overdue=1",
  dueThisWeek: "state=open&due=6",
  stuck: null,
  major: "state=open&major=1",
};

/** Open, overdue, due within a week, stuck and major items among those this person sees. */
export async function PortfolioStateCounts({ actor, linkToLedger }: { actor: Actor; linkToLedger: boolean }) {
  const [t, counts] = await Promise.all([getTranslations("itemLists.portfolio"), portfolioState(actor, STUCK_AFTER_DAYS)]);
  const keys = ["open", "overdue", "dueThisWeek", "stuck", "major"] as const;
  const alert = (k: (typeof keys)[number]) => (k === "overdue" || k === "stuck") && counts[k] > 0;
  return (
    <>
      <dl className="grid grid-cols-3 gap-2 text-center sm:grid-cols-5" data-testid="portfolio-state">
        {keys.map((k) => {
          const query = LEDGER_QUERY[k];
          const value = <span className={`text-2xl font-semibold tabular-nums ${alert(k) ? "text-seal-600" : "text-brand-700"}`}>{counts[k]}</span>;
          return (
            <div key={k} className="rounded-md bg-slate-50 px-1 py-2" data-testid={`portfolio-${k}`}>
              <dt className="text-xs text-slate-500">{t(k)}</dt>
              <dd>
                {linkToLedger && query ? (
                  <Link href={`/office/ledger?${query}`} className="hover:underline" aria-label={`${t(k)}: ${counts[k]}`}>
                    {value}
                  </Link>
                ) : (
                  value
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="mt-2 text-xs text-slate-500">{t("stuckHint", { days: STUCK_AFTER_DAYS })}</p>
    </>
  );
}
