import { getFormatter, getTranslations } from "next-intl/server";
import type { IdentityDto } from "@/lib/dal/sso";
import { removeIdentityAction } from "@/lib/actions/admin/sign-in";
import { Card, EmptyState } from "@/components/ui/card";
import { InlineAction } from "@/components/ui/form";

/** A person's linked single sign-on identities, each with a remove button (admin user page). */
export async function IdentitiesCard({ user, identities }: { user: { id: number; name: string; version: number }; identities: IdentityDto[] }) {
  const [t, format] = await Promise.all([getTranslations("identities"), getFormatter()]);
  const when = (d: Date) => <time dateTime={d.toISOString()}>{format.dateTime(d, { dateStyle: "medium", timeStyle: "short" })}</time>;
  return (
    <Card title={t("title")}>
      <p className="mb-3 text-sm text-slate-600">{t("hint")}</p>
      {identities.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="user-identities">
          {identities.map((i) => (
            <li key={i.id} className="space-y-1 py-2" data-testid={`identity-${i.subject}`}>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                <dt className="text-slate-500">{t("issuer")}</dt>
                <dd className="font-mono text-xs break-all">{i.issuer}</dd>
                <dt className="text-slate-500">{t("subject")}</dt>
                <dd className="font-mono text-xs break-all">{i.subject}</dd>
                <dt className="text-slate-500">{t("matchedBy")}</dt>
                <dd>{["subject", "login", "email"].includes(i.matchedBy) ? t(`by.${i.matchedBy as "subject" | "login" | "email"}`) : i.matchedBy}</dd>
                <dt className="text-slate-500">{t("linkedAt")}</dt>
                <dd>{when(i.linkedAt)}</dd>
                <dt className="text-slate-500">{t("lastUsedAt")}</dt>
                <dd>{i.lastUsedAt ? when(i.lastUsedAt) : t("never")}</dd>
              </dl>
              <InlineAction
                action={removeIdentityAction}
                fields={{ id: user.id, version: user.version, identityId: i.id }}
                variant="danger"
                confirm={t("removeConfirm", { name: user.name })}
              >
                {t("remove")}
              </InlineAction>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
