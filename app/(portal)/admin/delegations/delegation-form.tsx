"use client";
import { useTranslations } from "next-intl";
import { ActionForm, CheckboxGroup, SelectField, SubmitButton, TextField, type Option } from "@/components/ui/form";
import type { ActionState } from "@/lib/actions/form";

export function DelegationForm({
  action,
  leaders,
  departments,
  today,
}: {
  action: (prev: ActionState, data: FormData) => Promise<ActionState>;
  leaders: Option[];
  departments: Option[];
  today: string;
}) {
  const t = useTranslations();
  return (
    <ActionForm action={action} resetOnSuccess testId="delegation-create-form">
      <SelectField name="fromUserId" label={t("delegations.from")} placeholder={t("delegations.chooseLeader")} options={leaders} hint={t("delegations.fromHint")} />
      <SelectField name="toUserId" label={t("delegations.to")} placeholder={t("delegations.chooseLeader")} options={leaders} />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-1 2xl:grid-cols-2">
        <TextField name="startsOn" type="date" label={t("delegations.startsOn")} defaultValue={today} required />
        <TextField name="endsOn" type="date" label={t("delegations.endsOn")} required />
      </div>
      <CheckboxGroup name="departmentIds" label={t("delegations.scope")} options={departments} hint={t("delegations.scopeHint")} />
      <TextField name="note" label={t("delegations.note")} placeholder={t("delegations.notePlaceholder")} maxLength={200} />
      <SubmitButton pending={t("common.saving")}>{t("delegations.create")}</SubmitButton>
    </ActionForm>
  );
}
