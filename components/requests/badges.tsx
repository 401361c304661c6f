import { getTranslations } from "next-intl/server";
import type { RequestState } from "@/lib/domain/requests/lifecycle";
import type { Urgency } from "@/lib/domain/items/lifecycle";
import { Badge } from "@/components/ui/card";
import { STATE_TONE, URGENCY_TONE } from "./describe";

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
