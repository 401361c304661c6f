import { getFormatter, getTranslations } from "next-intl/server";
import type { ItemState, Urgency } from "@/lib/domain/items/lifecycle";
import { Badge } from "@/components/ui/card";
import { STATE_TONE, URGENCY_TONE, daysBetween, formatDay } from "./format";

export async function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const t = await getTranslations("itemLists.urgency");
  return (
    <span data-urgency={urgency}>
      <Badge tone={URGENCY_TONE[urgency]}>{t(urgency)}</Badge>
    </span>
  );
}

export async function StateBadge({ state }: { state: ItemState }) {
  const t = await getTranslations("itemLists.states");
  return <Badge tone={STATE_TONE[state]}>{t(state)}</Badge>;
}

/**
 * A due date with how far off it is: red "overdue N days" once past (while the item is open),
 * "due today", or "N days left".
 */
export async function DueDate({ dueOn, today, open = true, showDays = true }: { dueOn: string; today: string; open?: boolean; showDays?: boolean }) {
  const [t, format] = await Promise.all([getTranslations("itemLists.due"), getFormatter()]);
  const left = daysBetween(today, dueOn);
  const overdue = open && left < 0;
  return (
    <span className={`whitespace-nowrap tabular-nums ${overdue ? "font-medium text-seal-600" : ""}`} data-overdue={overdue || undefined}>
      <time dateTime={dueOn}>{formatDay(format, dueOn)}</time>
      {showDays && open && (
        <span className={`block text-xs ${overdue ? "text-seal-600" : left <= 1 ? "text-amber-800" : "text-slate-500"}`}>
          {overdue ? t("overdue", { days: -left }) : left === 0 ? t("today") : t("left", { days: left })}
        </span>
      )}
    </span>
  );
}
