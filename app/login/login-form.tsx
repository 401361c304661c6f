"use client";
import { useTranslations } from "next-intl";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/form";
import { signInAction } from "@/lib/actions/session";

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("auth");
  return (
    <ActionForm action={signInAction} testId="login-form">
      <input type="hidden" name="next" value={next} />
      <TextField name="login" label={t("login")} autoComplete="username" required />
      <TextField name="password" label={t("password")} type="password" autoComplete="current-password" required />
      <SubmitButton pending={t("submitting")}>{t("submit")}</SubmitButton>
    </ActionForm>
  );
}
