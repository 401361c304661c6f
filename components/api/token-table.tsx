// A person's or a service account's API tokens: never the token, only its prefix.
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, EmptyState } from "@/components/ui/card";
import { InlineAction } from "@/components/ui/form";
import { Table, Td } from "@/components/ui/table";
import type { ActionState } from "@/lib/actions/form";
import type { TokenDto } from "@/lib/dal/api-tokens";

const TONE = { active: "green", expired: "slate", revoked: "seal" } as const;

export async function TokenTable({ tokens, revoke }: { tokens: TokenDto[]; revoke: (prev: ActionState, data: FormData) => Promise<ActionState> }) {
  const [t, format] = await Promise.all([getTranslations("api"), getFormatter()]);
  if (!tokens.length) return <EmptyState>{t("tokens.none")}</EmptyState>;
  const when = (d: Date | null) => (d ? <time dateTime={d.toISOString()}>{format.dateTime(d, { dateStyle: "medium", timeStyle: "short" })}</time> : t("tokens.never"));
  return (
    <Table caption={t("tokens.list")} head={[t("tokens.name"), t("tokens.prefix"), t("tokens.scopes"), t("tokens.expiresAt"), t("tokens.lastUsedAt"), t("tokens.status"), ""]}>
      {tokens.map((tk) => (
        <tr key={tk.id} data-testid={`token-row-${tk.prefix}`} className={tk.status === "active" ? undefined : "text-slate-500"}>
          <Td>
            <span className="font-medium">{tk.name}</span>
            <span className="block text-xs text-slate-500">{t("tokens.createdBy", { name: tk.createdByName })}</span>
          </Td>
          <Td className="font-mono text-xs whitespace-nowrap">zs_{tk.prefix}…</Td>
          <Td>
            <span className="flex flex-wrap gap-1">
              {tk.scopes.map((s) => (
                <Badge key={s} tone="brand">
                  {s}
                </Badge>
              ))}
            </span>
          </Td>
          <Td className="whitespace-nowrap text-xs">{when(tk.expiresAt)}</Td>
          <Td className="whitespace-nowrap text-xs">{when(tk.lastUsedAt)}</Td>
          <Td>
            <Badge tone={TONE[tk.status]}>{t(`tokens.statuses.${tk.status}`)}</Badge>
          </Td>
          <Td>
            {tk.status !== "revoked" && (
              <InlineAction action={revoke} fields={{ id: tk.id, version: tk.version }} variant="danger" confirm={t("tokens.revokeConfirm", { name: tk.name })}>
                {t("tokens.revoke")}
              </InlineAction>
            )}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
