"use client";
// Creating an API token: name, scopes and lifetime; the token is shown once in the answer.
import { useTranslations } from "next-intl";
import { ActionForm, CheckboxGroup, SelectField, SubmitButton, TextField } from "@/components/ui/form";
import type { ActionState } from "@/lib/actions/form";
import { DEFAULT_TOKEN_DAYS, TOKEN_DAY_CHOICES } from "@/lib/domain/api/options";
import { SCOPES } from "@/lib/domain/api/scopes";
import { ShownOnce } from "./shown-once";

export function TokenForm({ action, userId, testId = "token-create-form" }: { action: (prev: ActionState, data: FormData) => Promise<ActionState>; userId?: number; testId?: string }) {
  const t = useTranslations("api");
  return (
    <ActionForm action={action} resetOnSuccess testId={testId}>
      {userId !== undefined && <input type="hidden" name="userId" value={userId} />}
      <TextField name="name" label={t("tokens.name")} hint={t("tokens.nameHint")} required maxLength={80} autoComplete="off" />
      <CheckboxGroup
        name="scopes"
        label={t("tokens.scopes")}
        hint={t("tokens.scopesHint")}
        options={SCOPES.map((s) => ({ value: s, label: `${s} · ${t(`scopes.${s.replace(":", "_")}`)}` }))}
      />
      <SelectField
        name="expiresInDays"
        label={t("tokens.expiresIn")}
        defaultValue={DEFAULT_TOKEN_DAYS}
        options={TOKEN_DAY_CHOICES.map((d) => ({ value: d, label: t("tokens.days", { days: d }) }))}
      />
      <SubmitButton pending={t("tokens.creating")}>{t("tokens.create")}</SubmitButton>
      <ShownOnce label={t("tokens.shownOnce")} hint={t("tokens.shownOnceHint")} />
    </ActionForm>
  );
}
