"use client";
// Raising a matter: what it is about, and for each department it names, what is needed of it.
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, FieldError, SubmitButton, TextArea, TextField, useEchoed, useFormState, type Option } from "@/components/ui/form";
import { input } from "@/components/ui/styles";
import { RadioGroup } from "@/components/items/fields";
import { raiseCoordinationAction } from "@/lib/actions/coordination";
import { TEXT_MAX, TITLE_MAX } from "@/lib/domain/coordination/limits";
import { URGENCIES } from "@/lib/domain/items/vocabulary";

export function RaiseMatterForm({ departments }: { departments: Option[] }) {
  const t = useTranslations("coordination");
  return (
    <ActionForm action={raiseCoordinationAction} className="space-y-6" testId="raise-matter-form">
      <TextField name="title" label={t("fields.title")} required maxLength={TITLE_MAX} placeholder={t("new.titlePlaceholder")} />
      <TextArea name="background" label={t("fields.background")} rows={5} />
      <RadioGroup name="urgency" label={t("fields.urgency")} defaultValue="normal" options={URGENCIES.map((u) => ({ value: u, label: t(`urgencies.${u}`) }))} />
      <Parties departments={departments} />
      <SubmitButton pending={t("new.submitting")}>{t("new.submit")}</SubmitButton>
    </ActionForm>
  );
}

/** Department checkboxes; a checked department asks what is needed of it (need_<id>). */
function Parties({ departments }: { departments: Option[] }) {
  const state = useFormState();
  const echoed = useEchoed("partyDepartmentIds");
  const initial = echoed === undefined ? [] : Array.isArray(echoed) ? echoed : [echoed];
  // Keyed by the answer so that after an error the fields start again from what was sent.
  return <PartiesInner key={state.at} departments={departments} initial={initial} />;
}

function PartiesInner({ departments, initial }: { departments: Option[]; initial: string[] }) {
  const t = useTranslations("coordination");
  const id = useId();
  const state = useFormState();
  const [chosen, setChosen] = useState(() => new Set(initial));
  const error = state.fieldErrors?.partyDepartmentIds;
  const toggle = (value: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(value);
      else next.delete(value);
      return next;
    });
  return (
    <fieldset className="space-y-2" aria-invalid={!!error} aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend className="block text-sm font-medium text-slate-700">{t("fields.parties")}</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {t("new.partiesHint")}
      </p>
      <ul className="grid gap-2 sm:grid-cols-2">
        {departments.map((d) => {
          const value = String(d.value);
          const on = chosen.has(value);
          return (
            <li key={value} className={`rounded-md border px-3 py-2 ${on ? "border-brand-600 sm:col-span-2" : "border-slate-200"}`}>
              <label className="inline-flex items-center gap-2 text-sm font-medium">
                <input
                  type="checkbox"
                  name="partyDepartmentIds"
                  value={value}
                  defaultChecked={on}
                  onChange={(e) => toggle(value, e.target.checked)}
                  className="size-4 accent-brand-600"
                />
                {d.label}
              </label>
              {on && <Need name={`need_${value}`} label={t("fields.need", { department: d.label })} />}
            </li>
          );
        })}
      </ul>
      <FieldError name="partyDepartmentIds" id={`${id}-error`} />
    </fieldset>
  );
}

function Need({ name, label }: { name: string; label: string }) {
  const id = useId();
  const echoed = useEchoed(name);
  const error = useFormState().fieldErrors?.[name];
  return (
    <div className="mt-2 space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={2}
        maxLength={TEXT_MAX}
        defaultValue={typeof echoed === "string" ? echoed : ""}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        className={input}
      />
      <FieldError name={name} id={`${id}-error`} />
    </div>
  );
}
