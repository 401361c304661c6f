import { getTranslations } from "next-intl/server";
import { RUNGS, type Rung } from "@/lib/domain/coordination/ladder";

/** The four rungs, office to principal, with the matter's current one marked. */
export async function RungLadder({ rung }: { rung: Rung }) {
  const t = await getTranslations("coordination");
  const current = RUNGS.indexOf(rung);
  return (
    <ol className="flex flex-wrap items-center gap-1 text-xs" aria-label={t("detail.ladder")} data-testid="rung-ladder">
      {RUNGS.map((r, i) => (
        <li key={r} className="flex items-center gap-1" aria-current={i === current ? "step" : undefined} data-rung={r}>
          {i > 0 && (
            <span aria-hidden="true" className={i <= current ? "text-brand-600" : "text-slate-300"}>
              →
            </span>
          )}
          <span
            className={`rounded-full px-2 py-0.5 ${
              i === current ? "bg-brand-600 font-semibold text-white" : i < current ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-500"
            }`}
          >
            {t(`rungs.${r}`)}
          </span>
        </li>
      ))}
    </ol>
  );
}
