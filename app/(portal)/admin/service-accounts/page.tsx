import { getTranslations } from "next-intl/server";
import { requireHome } from "@/lib/dal/session";
import { listServiceTokens } from "@/lib/dal/api-tokens";
import { listDepartments } from "@/lib/dal/departments";
import { listServiceAccounts } from "@/lib/dal/service-accounts";
import { createServiceTokenAction, revokeServiceTokenAction } from "@/lib/actions/api";
import { setUserActiveAction } from "@/lib/actions/admin/users";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { InlineAction } from "@/components/ui/form";
import { ServiceAccountForm } from "@/components/api/service-account-form";
import { TokenForm } from "@/components/api/token-form";
import { TokenTable } from "@/components/api/token-table";

export async function generateMetadata() {
  return { title: (await getTranslations("api"))("serviceAccounts.title") };
}

/** Service accounts for integrations, each with its tokens. */
export default async function ServiceAccountsPage() {
  const actor = await requireHome("admin");
  const [t, accounts, departments] = await Promise.all([getTranslations(), listServiceAccounts(actor), listDepartments(actor)]);
  const tokens = await Promise.all(accounts.map((a) => listServiceTokens(actor, a.id)));
  return (
    <>
      <PageHeader title={t("api.serviceAccounts.title")} description={t("api.serviceAccounts.description")} />
      <div className="space-y-4">
        {accounts.length === 0 && (
          <Card>
            <EmptyState>{t("api.serviceAccounts.none")}</EmptyState>
          </Card>
        )}
        {accounts.map((a, i) => (
          <Card
            key={a.id}
            title={
              <span className="flex flex-wrap items-center gap-2">
                {a.name}
                <span className="font-mono text-xs font-normal text-slate-500">{a.login}</span>
                {a.active ? <Badge tone="green">{t("common.active")}</Badge> : <Badge>{t("common.inactive")}</Badge>}
              </span>
            }
            actions={
              <InlineAction
                action={setUserActiveAction}
                fields={{ id: a.id, version: a.version, active: a.active ? "false" : "true" }}
                variant={a.active ? "danger" : "secondary"}
                confirm={a.active ? t("api.serviceAccounts.disableConfirm", { name: a.name }) : undefined}
              >
                {a.active ? t("common.disable") : t("common.enable")}
              </InlineAction>
            }
          >
            <div data-testid={`service-account-${a.login}`} className="space-y-4">
              <p className="flex flex-wrap items-center gap-1 text-sm text-slate-600">
                {a.departmentName}
                {a.title && <span>· {a.title}</span>}
                {a.roles.map((r) => (
                  <Badge key={r} tone="brand">
                    {t(`roles.${r}`)}
                  </Badge>
                ))}
              </p>
              <TokenTable tokens={tokens[i]} revoke={revokeServiceTokenAction} />
              <details className="rounded-md border border-slate-200 p-3">
                <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("api.tokens.new")}</summary>
                <div className="mt-3 max-w-xl">
                  <TokenForm action={createServiceTokenAction} userId={a.id} testId={`service-token-form-${a.login}`} />
                </div>
              </details>
            </div>
          </Card>
        ))}
        <Card title={t("api.serviceAccounts.new")}>
          <p className="mb-4 text-sm text-slate-600">{t("api.serviceAccounts.newHint")}</p>
          <ServiceAccountForm departments={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Card>
      </div>
    </>
  );
}
