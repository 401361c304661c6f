import { getTranslations } from "next-intl/server";
import type { RequestState } from "@/lib/domain/requests/lifecycle";
import type { Urgency } from "@/lib/domain/items/lifecycle";
import { Badge } from "@/components/ui/card";
import { URGENCY_TONE } from "@/components/item-lists/format";
import { STATE_TONE } from "./describe";

export async function RequestStateBadge({ state }: { state: RequestState }) {
  const t = await getTranslations("requests.states");
  return (
    <span data-request-state={state}>
      <Badge tone={STATE_TONE[state]}>{t(state)}</Badge>
    </span>
  );
}

export async function RequestUrgencyBadge({ urgency }: { urgency: Urgency }) {
  const t = await getTranslations("requests.urgencies");
  return <Badge tone={URGENCY_TONE[urgency]}>{t(urgency)}</Badge>;
}
