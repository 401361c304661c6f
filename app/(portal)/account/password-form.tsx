"use client";
import { useTranslations } from "next-intl";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/form";
import { changePasswordAction } from "@/lib/actions/account";

export function PasswordForm({ login }: { login: string }) {
  const t = useTranslations("account");
  return (
    <ActionForm action={changePasswordAction} testId="password-change-form">
      {/* Lets password managers tie the new password to the right account. */}
      <input type="text" name="username" value={login} autoComplete="username" readOnly hidden />
      <TextField name="current" type="password" label={t("current")} required autoComplete="current-password" maxLength={128} />
      <TextField name="password" type="password" label={t("new")} hint={t("passwordHint")} required autoComplete="new-password" maxLength={128} />
      <TextField name="confirm" type="password" label={t("confirm")} required autoComplete="new-password" maxLength={128} />
      <p className="text-xs text-slate-500">{t("changeNote")}</p>
      <SubmitButton pending={t("changing")}>{t("changePassword")}</SubmitButton>
    </ActionForm>
  );
}
