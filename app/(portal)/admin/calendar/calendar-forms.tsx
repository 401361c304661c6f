"use client";
import { useTranslations } from "next-intl";
import { ActionForm, FileField, SelectField, SubmitButton, TextArea, TextField } from "@/components/ui/form";
import type { ActionState } from "@/lib/actions/form";

type Action = (prev: ActionState, data: FormData) => Promise<ActionState>;

export function CalendarDayForm({ action, day, kind, name }: { action: Action; day: string; kind: string; name: string }) {
  const t = useTranslations("calendar");
  const tc = useTranslations("common");
  return (
    <ActionForm action={action} testId="calendar-day-form">
      <TextField name="day" type="date" label={t("day.day")} defaultValue={day} required />
      <SelectField
        name="kind"
        label={t("day.kind")}
        defaultValue={kind}
        options={(["holiday", "workday", "normal"] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        hint={t("day.kindHint")}
      />
      <TextField name="name" label={t("day.name")} defaultValue={name} placeholder={t("day.namePlaceholder")} maxLength={100} />
      <SubmitButton pending={tc("saving")}>{tc("save")}</SubmitButton>
    </ActionForm>
  );
}

export function CalendarImportForm({ action }: { action: Action }) {
  const t = useTranslations("calendar.import");
  return (
    <ActionForm action={action} resetOnSuccess testId="calendar-import-form">
      <TextArea name="text" label={t("text")} rows={6} hint={t("textHint")} />
      <FileField name="file" label={t("file")} hint={t("fileHint")} accept=".csv,.txt,text/csv,text/plain" />
      <SubmitButton pending={t("importing")}>{t("submit")}</SubmitButton>
    </ActionForm>
  );
}
