"use client";
// Creating a service account: a login, a name, a department and staff roles; no password.
import { useTranslations } from "next-intl";
import { ActionForm, CheckboxGroup, SelectField, SubmitButton, TextField, type Option } from "@/components/ui/form";
import { createServiceAccountAction } from "@/lib/actions/api";
import { SERVICE_ROLES } from "@/lib/domain/api/options";

export function ServiceAccountForm({ departments }: { departments: Option[] }) {
  const t = useTranslations();
  return (
    <ActionForm action={createServiceAccountAction} resetOnSuccess testId="service-account-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="login" label={t("api.serviceAccounts.login")} hint={t("users.loginHint")} required maxLength={64} autoComplete="off" />
        <TextField name="name" label={t("api.serviceAccounts.name")} hint={t("api.serviceAccounts.nameHint")} required maxLength={40} autoComplete="off" />
        <SelectField name="departmentId" label={t("api.serviceAccounts.department")} placeholder={t("users.departmentPlaceholder")} options={departments} />
        <TextField name="title" label={t("api.serviceAccounts.purpose")} maxLength={60} autoComplete="off" />
      </div>
      <CheckboxGroup name="roles" label={t("api.serviceAccounts.roles")} hint={t("api.serviceAccounts.rolesHint")} options={SERVICE_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      <SubmitButton pending={t("common.saving")}>{t("api.serviceAccounts.create")}</SubmitButton>
    </ActionForm>
  );
}
