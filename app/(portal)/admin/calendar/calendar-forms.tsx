"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, SelectField, SubmitButton, TextArea, TextField, useFormState } from "@/components/ui/form";
import { input } from "@/components/ui/styles";
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

/** The file picker: its error, like every field's, comes back from the action at the field. */
function FileField({ name, label, hint }: { name: string; label: string; hint: string }) {
  const id = useId();
  const state = useFormState();
  const error = state.fieldErrors?.[name];
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        className={`${input} file:mr-3 file:rounded file:border-0 file:bg-brand-50 file:px-2 file:py-1 file:text-sm file:text-brand-700`}
      />
      {error ? (
        <p id={`${id}-error`} className="text-xs text-seal-600" data-field-error={name}>
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}

export function CalendarImportForm({ action }: { action: Action }) {
  const t = useTranslations("calendar.import");
  return (
    <ActionForm action={action} resetOnSuccess testId="calendar-import-form">
      <TextArea name="text" label={t("text")} rows={6} hint={t("textHint")} />
      <FileField name="file" label={t("file")} hint={t("fileHint")} />
      <SubmitButton pending={t("importing")}>{t("submit")}</SubmitButton>
    </ActionForm>
  );
}
