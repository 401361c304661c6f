import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/dal/actor";
import { listMatters } from "@/lib/dal/coordination/queries";
import { mayAct } from "@/lib/domain/coordination/lifecycle";
import { EmptyState } from "@/components/ui/card";
import { formatDay } from "@/components/item-lists/format";
import { MatterStateBadge, MatterUrgencyBadge, RungBadge } from "./badges";

const SHOWN = 8;

/** The department home's card: the open matters the department is party to, most pressing first. */
export async function DepartmentMatters({ actor }: { actor: Actor }) {
  const [t, format, matters] = await Promise.all([getTranslations("coordination"), getFormatter(), listMatters(actor, { scope: "open", limit: SHOWN + 1 })]);
  const canRaise = mayAct("raise", { roles: actor.roles, inRaisingDepartment: true, isNamedParty: false, isRoutedLeader: false });
  const shown = matters.slice(0, SHOWN);
  return (
    <div className="space-y-3" data-testid="department-matters">
      {shown.length ? (
        <ul className="divide-y divide-slate-100">
          {shown.map((m) => (
            <li key={m.id} className="py-2.5" data-testid={`matter-${m.id}`}>
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="text-xs tabular-nums text-slate-500">{m.number}</span>
                <MatterStateBadge state={m.state} />
                {m.rung !== "office" && <RungBadge rung={m.rung} />}
                {m.urgency !== "normal" && <MatterUrgencyBadge urgency={m.urgency} />}
              </div>
              <Link href={`/coordination/${m.id}`} className="mt-0.5 block font-medium text-brand-700 hover:underline">
                {m.title}
              </Link>
              <p className="text-xs text-slate-500">
                {t("list.raisedBy", { department: m.raisingDepartmentName })}
                {m.partyNames.length > 0 && ` · ${m.partyNames.join("、")}`}
                {m.climbDueOn && ` · ${t("home.climbsOn", { date: formatDay(format, m.climbDueOn) })}`}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t("home.empty")}</EmptyState>
      )}
      <p className="flex flex-wrap justify-between gap-2 text-sm">
        <Link href="/coordination" className="text-brand-600 hover:underline">
          {matters.length > SHOWN ? t("home.more") : t("home.all")}
        </Link>
        {canRaise && (
          <Link href="/coordination/new" className="text-brand-600 hover:underline">
            {t("list.newMatter")}
          </Link>
        )}
      </p>
    </div>
  );
}
