import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { RequestListEntry } from "@/lib/dal/requests/queries";
import { formatDay } from "@/components/item-lists/format";
import { Badge, EmptyState } from "@/components/ui/card";
import { RequestStateBadge, RequestUrgencyBadge } from "./badges";

/** Requests as a compact list: number, urgency, title, department, state, who it is before. */
export async function RequestList({ rows, empty, showDepartment = true }: { rows: RequestListEntry[]; empty: string; showDepartment?: boolean }) {
  const [t, format] = await Promise.all([getTranslations("requests"), getFormatter()]);
  if (!rows.length) return <EmptyState>{empty}</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="request-list">
      {rows.map((r) => (
        <li key={r.id} className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 py-2.5" data-testid={`request-${r.id}`}>
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className="text-xs tabular-nums text-slate-500">{r.number}</span>
              {r.urgency !== "normal" && <RequestUrgencyBadge urgency={r.urgency} />}
              {r.major && <Badge tone="seal">{t("fields.major")}</Badge>}
              {r.countersignPending && <Badge tone="amber">{t("list.countersignPending")}</Badge>}
            </div>
            <Link href={`/requests/${r.id}`} className="mt-0.5 block break-words font-medium text-brand-700 hover:underline">
              {r.title}
            </Link>
            <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-500">
              {showDepartment && <span>{r.departmentName}</span>}
              {r.routedLeaderName && <span>{t("list.routedTo", { name: r.routedLeaderName })}</span>}
              {r.wishedBy && <span>{t("list.wishedBy", { date: formatDay(format, r.wishedBy) })}</span>}
            </p>
          </div>
          <div className="text-right">
            <RequestStateBadge state={r.state} />
          </div>
        </li>
      ))}
    </ul>
  );
}
