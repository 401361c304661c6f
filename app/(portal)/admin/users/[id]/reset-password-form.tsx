"use client";
import { useTranslations } from "next-intl";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/form";
import { resetPasswordAction } from "@/lib/actions/admin/users";

export function ResetPasswordForm({ id, version }: { id: number; version: number }) {
  const t = useTranslations();
  return (
    <ActionForm action={resetPasswordAction} resetOnSuccess testId="user-reset-password-form">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <TextField
        name="password"
        type="password"
        label={t("users.newPassword")}
        hint={t("users.policyHint")}
        required
        autoComplete="new-password"
        maxLength={128}
      />
      <SubmitButton variant="secondary" pending={t("users.resetting")}>
        {t("users.reset")}
      </SubmitButton>
    </ActionForm>
  );
}
