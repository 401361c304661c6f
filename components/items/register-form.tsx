"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, SelectField, SubmitButton, TextArea, TextField, useFormState, type Option } from "@/components/ui/form";
import { input } from "@/components/ui/styles";
import type { ActionState } from "@/lib/actions/form";
import { ITEM_SOURCES, URGENCIES } from "@/lib/domain/items/vocabulary";
import { CheckboxField, RadioGroup, useEchoed } from "./fields";
import { DepartmentFields } from "./department-fields";

type Action = (prev: ActionState, data: FormData) => Promise<ActionState>;

export function RegisterItemForm({ action, departments, today, canPropose }: { action: Action; departments: Option[]; today: string; canPropose: boolean }) {
  const t = useTranslations("items");
  return (
    <ActionForm action={action} className="space-y-6" testId="register-item-form">
      <fieldset className="space-y-4">
        <legend className="mb-2 text-base font-semibold text-slate-800">{t("register.basics")}</legend>
        <TextField name="title" label={t("title")} required maxLength={200} placeholder={t("register.titlePlaceholder")} />
        <TextArea name="body" label={t("body")} rows={6} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            name="source"
            label={t("source")}
            placeholder={t("register.sourcePlaceholder")}
            options={ITEM_SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))}
          />
          <RadioGroup name="urgency" label={t("urgency")} defaultValue="normal" options={URGENCIES.map((u) => ({ value: u, label: t(`urgencies.${u}`) }))} />
        </div>
        <CheckboxField name="major" label={t("major")} hint={t("majorHint")} />
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="mb-2 text-base font-semibold text-slate-800">{t("register.routing")}</legend>
        <DepartmentFields departments={departments} today={today} />
        <DueFields today={today} />
      </fieldset>

      {canPropose && <TextArea name="proposal" label={t("proposal")} rows={4} hint={t("register.proposalHint")} />}

      <SubmitButton pending={t("register.submitting")}>{t("register.submit")}</SubmitButton>
    </ActionForm>
  );
}

/** The due date as a date or as N working days on the organisation's calendar; only the chosen one is sent. */
function DueFields({ today }: { today: string }) {
  const state = useFormState();
  const days = useEchoed("dueInWorkingDays");
  return <DueFieldsInner key={state.at} today={today} initialMode={typeof days === "string" && days !== "" ? "days" : "date"} />;
}

function DueFieldsInner({ today, initialMode }: { today: string; initialMode: "date" | "days" }) {
  const t = useTranslations("items");
  const id = useId();
  const state = useFormState();
  const [mode, setMode] = useState(initialMode);
  const dueOn = useEchoed("dueOn");
  const days = useEchoed("dueInWorkingDays");
  const error = state.fieldErrors?.dueOn ?? state.fieldErrors?.dueInWorkingDays;
  return (
    <fieldset className="space-y-2" aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="block text-sm font-medium text-slate-700">{t("dueOn")}</legend>
      <div className="flex flex-wrap gap-2" role="radiogroup" aria-label={t("register.dueMode")}>
        {(["date", "days"] as const).map((m) => (
          <label key={m} className="inline-flex min-h-9 cursor-pointer items-center gap-1.5 rounded-md border border-slate-300 px-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:text-brand-700">
            <input type="radio" name={`${id}-mode`} defaultChecked={mode === m} onChange={() => setMode(m)} className="size-4 accent-brand-600" />
            {m === "date" ? t("register.dueByDate") : t("register.dueByWorkingDays")}
          </label>
        ))}
      </div>
      {mode === "date" ? (
        <input
          type="date"
          name="dueOn"
          min={today}
          aria-label={t("dueOn")}
          defaultValue={typeof dueOn === "string" ? dueOn : ""}
          aria-invalid={!!state.fieldErrors?.dueOn}
          className={`${input} sm:w-56`}
        />
      ) : (
        <div className="flex items-center gap-2">
          <input
            type="number"
            name="dueInWorkingDays"
            min={1}
            max={365}
            inputMode="numeric"
            aria-label={t("register.dueInWorkingDays")}
            aria-describedby={`${id}-days-hint`}
            defaultValue={typeof days === "string" ? days : ""}
            aria-invalid={!!state.fieldErrors?.dueInWorkingDays}
            className={`${input} w-28`}
          />
          <p id={`${id}-days-hint`} className="text-xs text-slate-500">
            {t("register.workingDaysHint")}
          </p>
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs text-seal-600" data-field-error="dueOn">
          {error}
        </p>
      )}
    </fieldset>
  );
}
