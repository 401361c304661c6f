import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { requireActor } from "@/lib/dal/session";
import { getUser } from "@/lib/dal/users";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { PasswordForm } from "./password-form";

export async function generateMetadata() {
  return { title: (await getTranslations("account"))("title") };
}

function Detail({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[6rem_1fr] gap-4 py-2 sm:grid-cols-[8rem_1fr]">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

export default async function AccountPage() {
  const actor = await requireActor();
  const [t, me] = await Promise.all([getTranslations(), getUser(actor, actor.id)]);
  return (
    <>
      <PageHeader title={t("account.title")} description={t("account.description")} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("account.profile")}>
          <dl className="divide-y divide-slate-100 text-sm" data-testid="account-profile">
            <Detail label={t("account.name")}>{me.name}</Detail>
            <Detail label={t("account.login")}>
              <span className="font-mono">{me.login}</span>
            </Detail>
            <Detail label={t("account.department")}>{me.departmentName}</Detail>
            <Detail label={t("account.jobTitle")}>{me.title ?? t("common.none")}</Detail>
            <Detail label={t("account.email")}>{me.email ?? t("common.none")}</Detail>
            <Detail label={t("account.roles")}>
              <span className="flex flex-wrap gap-1">
                {me.roles.map((r) => (
                  <Badge key={r} tone={r === "admin" ? "amber" : "brand"}>
                    {t(`roles.${r}`)}
                  </Badge>
                ))}
              </span>
            </Detail>
          </dl>
        </Card>
        <Card title={t("account.changePassword")}>
          <PasswordForm login={me.login} />
        </Card>
        <Card title={t("api.tokens.title")}>
          <p className="text-sm text-slate-600">{t("api.tokens.description")}</p>
          <Link href="/account/tokens" className="mt-3 inline-block text-sm text-brand-700 hover:underline" data-testid="account-tokens-link">
            {t("api.tokens.list")} ›
          </Link>
        </Card>
      </div>
    </>
  );
}
