"use client";
import { useTranslations } from "next-intl";
import { ActionForm, CheckboxGroup, SelectField, SubmitButton, TextField, type Option } from "@/components/ui/form";
import type { ActionState } from "@/lib/actions/form";
import type { UserDto } from "@/lib/dal/users";
import { ROLES } from "@/lib/domain/roles";

/** Creates a person (with login and initial password) or edits one's profile and roles. */
export function UserForm({
  action,
  user,
  departments,
}: {
  action: (prev: ActionState, data: FormData) => Promise<ActionState>;
  user?: UserDto;
  departments: Option[];
}) {
  const t = useTranslations();
  const optional = (label: string) => (
    <>
      {label} <span className="text-xs font-normal text-slate-500">{t("common.optional")}</span>
    </>
  );
  return (
    <ActionForm action={action} resetOnSuccess={!user} testId={user ? "user-edit-form" : "user-create-form"}>
      <div className="grid gap-4 sm:grid-cols-2">
        {user ? (
          <>
            <input type="hidden" name="id" value={user.id} />
            <input type="hidden" name="version" value={user.version} />
          </>
        ) : (
          <TextField name="login" label={t("users.login")} hint={t("users.loginHint")} required maxLength={64} autoComplete="off" />
        )}
        <TextField name="name" label={t("users.name")} defaultValue={user?.name} required maxLength={40} autoComplete="off" />
        <TextField name="email" type="email" label={optional(t("users.email"))} defaultValue={user?.email} maxLength={254} autoComplete="off" />
        <TextField name="title" label={optional(t("users.jobTitle"))} defaultValue={user?.title} maxLength={60} autoComplete="off" />
        <SelectField
          name="departmentId"
          label={t("users.department")}
          // A person in a department since disabled must be moved: nothing is preselected then.
          defaultValue={user && departments.some((d) => d.value === user.departmentId) ? user.departmentId : ""}
          placeholder={t("users.departmentPlaceholder")}
          options={departments}
        />
        {!user && (
          <TextField
            name="password"
            type="password"
            label={t("users.password")}
            hint={t("users.passwordHint")}
            required
            autoComplete="new-password"
            maxLength={128}
          />
        )}
        <div className="sm:col-span-2">
          <CheckboxGroup
            name="roles"
            label={t("users.roles")}
            hint={user ? t("users.editHint") : t("users.rolesHint")}
            defaultValues={user?.roles ?? []}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        </div>
      </div>
      <SubmitButton pending={user ? t("common.saving") : t("users.creating")}>{user ? t("common.save") : t("users.create")}</SubmitButton>
    </ActionForm>
  );
}
