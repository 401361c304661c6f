import { getTranslations } from "next-intl/server";
import type { Rung } from "@/lib/domain/coordination/ladder";
import type { CoordinationState } from "@/lib/domain/coordination/lifecycle";
import type { Urgency } from "@/lib/domain/items/lifecycle";
import { Badge } from "@/components/ui/card";
import { URGENCY_TONE } from "@/components/item-lists/format";

const STATE_TONE: Record<CoordinationState, "slate" | "brand" | "amber" | "green" | "seal"> = {
  raised: "amber",
  accepted: "brand",
  declined: "slate",
  in_consultation: "brand",
  agreed: "green",
  escalated: "amber",
  decided: "green",
  closed: "slate",
};
const RUNG_TONE: Record<Rung, "slate" | "brand" | "amber" | "seal"> = { office: "slate", meeting: "brand", deputy: "amber", principal: "seal" };

export async function MatterStateBadge({ state }: { state: CoordinationState }) {
  const t = await getTranslations("coordination.states");
  return (
    <span data-state={state}>
      <Badge tone={STATE_TONE[state]}>{t(state)}</Badge>
    </span>
  );
}

export async function RungBadge({ rung }: { rung: Rung }) {
  const t = await getTranslations("coordination.rungs");
  return (
    <span data-rung={rung}>
      <Badge tone={RUNG_TONE[rung]}>{t(rung)}</Badge>
    </span>
  );
}

export async function MatterUrgencyBadge({ urgency }: { urgency: Urgency }) {
  const t = await getTranslations("coordination.urgencies");
  return <Badge tone={URGENCY_TONE[urgency]}>{t(urgency)}</Badge>;
}
