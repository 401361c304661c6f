import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { MatterSummary } from "@/lib/dal/coordination/queries";
import { EmptyState } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { formatDay } from "@/components/item-lists/format";
import { MatterStateBadge, MatterUrgencyBadge, RungBadge } from "./badges";

/**
 * Matters as a table: number and title, the departments, rung and state, and their age — days
 * since raised, working days since the last progress, and the day the ladder climbs next.
 */
export async function MatterTable({ matters, caption, testId = "matter-table" }: { matters: MatterSummary[]; caption?: string; testId?: string }) {
  const [t, format] = await Promise.all([getTranslations("coordination"), getFormatter()]);
  if (!matters.length) return <EmptyState>{t("list.empty")}</EmptyState>;
  const c = (k: string) => t(`list.columns.${k}`);
  return (
    <div data-testid={testId}>
      <Table caption={caption} head={[c("title"), c("parties"), c("rung"), c("state"), c("age"), c("stalled"), c("climbsOn")]}>
        {matters.map((m) => (
          <tr key={m.id} data-testid={`matter-${m.id}`}>
            <Td>
              <span className="block text-xs tabular-nums text-slate-500">
                {m.number}
                {m.urgency !== "normal" && (
                  <span className="ms-2">
                    <MatterUrgencyBadge urgency={m.urgency} />
                  </span>
                )}
              </span>
              <Link href={`/coordination/${m.id}`} className="font-medium text-brand-700 hover:underline">
                {m.title}
              </Link>
            </Td>
            <Td className="text-xs text-slate-700">
              <span className="block">{t("list.raisedBy", { department: m.raisingDepartmentName })}</span>
              <span className="text-slate-500">{m.partyNames.join("、")}</span>
            </Td>
            <Td>
              <RungBadge rung={m.rung} />
              {m.routedLeaderName && <span className="mt-1 block text-xs text-slate-500">{m.routedLeaderName}</span>}
            </Td>
            <Td>
              <MatterStateBadge state={m.state} />
            </Td>
            <Td className="whitespace-nowrap tabular-nums">{t("list.ageDays", { days: m.ageDays })}</Td>
            <Td className={`whitespace-nowrap tabular-nums ${m.stalledWorkingDays >= 2 ? "font-medium text-amber-800" : ""}`}>
              {t("list.stalledShort", { days: m.stalledWorkingDays })}
            </Td>
            <Td className="whitespace-nowrap tabular-nums">
              {m.climbDueOn ? <time dateTime={m.climbDueOn}>{formatDay(format, m.climbDueOn)}</time> : <span className="text-slate-500">{t("list.noClimb")}</span>}
            </Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
