import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { requireHome } from "@/lib/dal/session";
import { getSignInSettings } from "@/lib/dal/settings";
import { setPasswordSignInAction } from "@/lib/actions/admin/sign-in";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { InlineAction } from "@/components/ui/form";

export async function generateMetadata() {
  return { title: (await getTranslations("signInSettings"))("title") };
}

function Method({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="flex flex-wrap justify-between gap-2 py-2">
      <dt className="text-slate-600">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default async function SettingsPage() {
  const actor = await requireHome("admin");
  const [t, format, settings] = await Promise.all([getTranslations("signInSettings"), getFormatter(), getSignInSettings(actor)]);
  const { passwordSignIn: password, sso, ldap } = settings;
  const external = !!sso || ldap;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("methods")} className="lg:self-start">
          <dl className="divide-y divide-slate-100 text-sm" data-testid="sign-in-methods">
            <Method label={t("sso")}>
              {sso ? <Badge tone="green">{t("ssoConfigured", { name: sso.name })}</Badge> : <Badge>{t("notConfigured")}</Badge>}
            </Method>
            <Method label={t("ldap")}>{ldap ? <Badge tone="green">{t("configured")}</Badge> : <Badge>{t("notConfigured")}</Badge>}</Method>
          </dl>
        </Card>
        <Card title={t("passwordTitle")}>
          <div className="space-y-3 text-sm" data-testid="password-sign-in">
            <p className="font-medium text-slate-800">{password.enabled ? t("passwordOn") : t("passwordOff")}</p>
            <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-800">{t("breakGlass")}</p>
            {ldap && <p className="text-slate-600">{t("withLdap")}</p>}
            {password.enabled && !external && <p className="text-slate-600">{t("needsExternal")}</p>}
            {password.updatedAt && password.updatedByName && (
              <p className="text-xs text-slate-500">
                {t("lastChange", { name: password.updatedByName, at: format.dateTime(password.updatedAt, { dateStyle: "medium", timeStyle: "short" }) })}
              </p>
            )}
            {/* Offered even without SSO/LDAP when off, so that it can always be turned back on; the data layer refuses "off" without another way in. */}
            {password.enabled ? (
              <InlineAction
                key="off"
                action={setPasswordSignInAction}
                fields={{ version: password.version, enabled: "false" }}
                variant="danger"
                confirm={t("turnOffConfirm")}
              >
                {t("turnOff")}
              </InlineAction>
            ) : (
              <InlineAction key="on" action={setPasswordSignInAction} fields={{ version: password.version, enabled: "true" }}>
                {t("turnOn")}
              </InlineAction>
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
