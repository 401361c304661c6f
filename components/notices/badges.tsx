import { getTranslations } from "next-intl/server";
import type { NoticeKind, NoticeState, ReceiptStatus } from "@/lib/domain/notices/receipts";
import { Badge } from "@/components/ui/card";

export const STATUS_TONE: Record<ReceiptStatus, "green" | "amber" | "seal" | "slate" | "brand"> = {
  confirmed: "green",
  proxy_only: "amber",
  confirmed_earlier: "amber",
  read: "brand",
  unread: "seal",
};

/** Where a person stands on a notice; without a receipt only read / not read is meaningful. */
export async function ReceiptStatusBadge({ status, receiptRequired = true, testId }: { status: ReceiptStatus; receiptRequired?: boolean; testId?: string }) {
  const t = await getTranslations("notices");
  const label = receiptRequired ? t(`status.${status}`) : t(`readStatus.${status === "unread" ? "unread" : "read"}`);
  return (
    <span data-status={status} data-testid={testId}>
      <Badge tone={receiptRequired ? STATUS_TONE[status] : status === "unread" ? "seal" : "slate"}>{label}</Badge>
    </span>
  );
}

export async function KindBadge({ kind }: { kind: NoticeKind }) {
  const t = await getTranslations("notices.kinds");
  return (
    <span data-kind={kind}>
      <Badge tone={kind === "meeting" ? "brand" : kind === "announcement" ? "green" : "slate"}>{t(kind)}</Badge>
    </span>
  );
}

export async function NoticeStateBadge({ state }: { state: NoticeState }) {
  const t = await getTranslations("notices.states");
  return (
    <span data-state={state} data-testid="notice-state">
      <Badge tone={state === "withdrawn" ? "seal" : "green"}>{t(state)}</Badge>
    </span>
  );
}
