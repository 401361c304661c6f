"use client";
// The department's request: created with createRequestAction, edited (draft or returned) with
// editRequestAction, which also carries the id and the version the reader saw.
import { useTranslations } from "next-intl";
import { ActionForm, SubmitButton, TextArea, TextField } from "@/components/ui/form";
import { DateField, RadioGroup } from "@/components/items/fields";
import type { ActionState } from "@/lib/actions/form";
import { URGENCIES, type Urgency } from "@/lib/domain/items/vocabulary";

type Action = (prev: ActionState, data: FormData) => Promise<ActionState>;

export type RequestFormValues = {
  id: number;
  version: number;
  title: string;
  background: string;
  question: string;
  options: string;
  recommendation: string;
  urgency: Urgency;
  wishedBy: string | null;
};

export function RequestForm({ action, today, initial, submitLabel, pendingLabel }: { action: Action; today: string; initial?: RequestFormValues; submitLabel: string; pendingLabel?: string }) {
  const t = useTranslations("requests");
  const optional = (label: string) => t("optionalLabel", { label });
  return (
    <ActionForm action={action} className="space-y-4" testId={initial ? "edit-request-form" : "new-request-form"}>
      {initial && (
        <>
          <input type="hidden" name="id" value={initial.id} />
          <input type="hidden" name="version" value={initial.version} />
        </>
      )}
      <TextField name="title" label={t("fields.title")} required maxLength={200} defaultValue={initial?.title} placeholder={initial ? undefined : t("new.titlePlaceholder")} />
      <TextArea name="background" label={optional(t("fields.background"))} rows={5} defaultValue={initial?.background} hint={t("hints.background")} />
      <TextArea name="question" label={t("fields.question")} rows={4} defaultValue={initial?.question} hint={t("hints.question")} />
      <TextArea name="options" label={optional(t("fields.options"))} rows={4} defaultValue={initial?.options} hint={t("hints.options")} />
      <TextArea name="recommendation" label={optional(t("fields.recommendation"))} rows={3} defaultValue={initial?.recommendation} hint={t("hints.recommendation")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <RadioGroup name="urgency" label={t("fields.urgency")} defaultValue={initial?.urgency ?? "normal"} options={URGENCIES.map((u) => ({ value: u, label: t(`urgencies.${u}`) }))} />
        <DateField name="wishedBy" label={optional(t("fields.wishedBy"))} min={today} defaultValue={initial?.wishedBy ?? undefined} hint={t("hints.wishedBy")} />
      </div>
      <SubmitButton pending={pendingLabel}>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}
