import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { requireHome } from "@/lib/dal/session";
import { listDepartments } from "@/lib/dal/departments";
import { getUser } from "@/lib/dal/users";
import { listUserIdentities } from "@/lib/dal/sso";
import { DomainError } from "@/lib/dal/errors";
import { setUserActiveAction, updateUserAction } from "@/lib/actions/admin/users";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { InlineAction } from "@/components/ui/form";
import { buttonClass } from "@/components/ui/styles";
import { UserForm } from "../user-form";
import { ResetPasswordForm } from "./reset-password-form";
import { IdentitiesCard } from "@/components/sign-in/identities-card";
import { parseRecordId } from "@/lib/http/record-id";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("title") };
}

function Detail({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-2">
      <dt className="shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 text-right break-words text-slate-900">{children}</dd>
    </div>
  );
}

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireHome("admin");
  const { id: raw } = await params;
  const id = parseRecordId(raw);
  if (id === null) notFound();
  const [t, format, user, departments, identities] = await Promise.all([
    getTranslations(),
    getFormatter(),
    getUser(actor, id).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === "notFound") notFound();
      throw e;
    }),
    listDepartments(actor),
    listUserIdentities(actor, id),
  ]);
  const departmentOptions = departments.map((d) => ({ value: d.id, label: d.name }));

  return (
    <>
      <PageHeader
        title={
          <span className="inline-flex flex-wrap items-center gap-2">
            {user.name}
            {user.active ? <Badge tone="green">{t("common.active")}</Badge> : <Badge>{t("common.inactive")}</Badge>}
            {user.id === actor.id && <Badge>{t("users.you")}</Badge>}
          </span>
        }
        description={[user.departmentName, user.title].filter(Boolean).join(" · ")}
        actions={
          <Link href="/admin/users" className={buttonClass("secondary")}>
            {t("users.back")}
          </Link>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("users.editTitle")} className="lg:col-span-2 lg:self-start">
          <UserForm action={updateUserAction} user={user} departments={departmentOptions} />
        </Card>
        <div className="space-y-4">
          <Card title={t("users.details")}>
            <dl className="divide-y divide-slate-100 text-sm" data-testid="user-details">
              <Detail label={t("users.login")}>
                <span className="font-mono">{user.login}</span>
              </Detail>
              <Detail label={t("users.department")}>{user.departmentName}</Detail>
              <Detail label={t("users.jobTitle")}>{user.title ?? t("common.none")}</Detail>
              <Detail label={t("users.email")}>{user.email ?? t("common.none")}</Detail>
              <Detail label={t("users.roles")}>
                <span className="inline-flex flex-wrap justify-end gap-1">
                  {user.roles.map((r) => (
                    <Badge key={r} tone={r === "admin" ? "amber" : "brand"}>
                      {t(`roles.${r}`)}
                    </Badge>
                  ))}
                </span>
              </Detail>
              <Detail label={t("users.lastLogin")}>
                {user.lastLoginAt ? (
                  <time dateTime={user.lastLoginAt.toISOString()}>{format.dateTime(user.lastLoginAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                ) : (
                  t("users.neverSignedIn")
                )}
              </Detail>
            </dl>
          </Card>
          <IdentitiesCard user={user} identities={identities} />
          <Card title={t("users.resetTitle")}>
            <p className="mb-3 text-sm text-slate-600">{t("users.resetHint")}</p>
            <ResetPasswordForm id={user.id} version={user.version} />
          </Card>
          {user.active ? (
            // Keyed apart so the other button starts fresh, without the last answer under it.
            <Card key="disable" title={t("users.disableTitle")}>
              <p className="mb-3 text-sm text-slate-600">{t("users.disableHint")}</p>
              {/* The test id wraps the button tightly (an answer shows below it only after an error). */}
              <span className="inline-block" data-testid="user-disable">
                <InlineAction
                  action={setUserActiveAction}
                  fields={{ id: user.id, version: user.version, active: "false" }}
                  variant="danger"
                  confirm={t("users.disableConfirm", { name: user.name, login: user.login })}
                >
                  {t("users.disable")}
                </InlineAction>
              </span>
            </Card>
          ) : (
            <Card key="enable" title={t("users.enableTitle")}>
              <p className="mb-3 text-sm text-slate-600">{t("users.enableHint")}</p>
              <span className="inline-block" data-testid="user-enable">
                <InlineAction action={setUserActiveAction} fields={{ id: user.id, version: user.version, active: "true" }}>
                  {t("users.enable")}
                </InlineAction>
              </span>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
