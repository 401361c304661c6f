"use client";
// The lead department and the support departments (each with its own optional sub-deadline), in
// a module of their own: the item page's edit form uses them without loading the register form.
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { useFormState, type Option } from "@/components/ui/form";
import { input } from "@/components/ui/styles";
import { FieldError, useEchoed } from "./fields";

/** Lead and support departments with per-department sub-deadlines (also used by the edit form). */
export function DepartmentFields({ departments, today, initial }: { departments: Option[]; today: string; initial?: { lead: string; support: string[] } }) {
  const state = useFormState();
  const lead = useEchoed("leadDepartmentId");
  const support = useEchoed("supportDepartmentIds");
  const initialSupport = support === undefined ? (initial?.support ?? []) : Array.isArray(support) ? support : [support];
  const initialLead = typeof lead === "string" ? lead : (initial?.lead ?? "");
  // Keyed by the answer so that after an error the fields start again from what was sent.
  return <DepartmentFieldsInner key={state.at} departments={departments} today={today} initialLead={initialLead} initialSupport={initialSupport} />;
}

function DepartmentFieldsInner({
  departments,
  today,
  initialLead,
  initialSupport,
}: {
  departments: Option[];
  today: string;
  initialLead: string;
  initialSupport: string[];
}) {
  const t = useTranslations("items");
  const id = useId();
  const state = useFormState();
  // Uncontrolled inputs that report their changes: React resets a form after each answer, which
  // would leave controlled inputs out of step with their state.
  const [lead, setLead] = useState(initialLead);
  const [support, setSupport] = useState(() => new Set(initialSupport));
  const leadError = state.fieldErrors?.leadDepartmentId;
  const supportError = state.fieldErrors?.supportDepartmentIds;
  const toggle = (value: string, on: boolean) =>
    setSupport((prev) => {
      const next = new Set(prev);
      if (on) next.add(value);
      else next.delete(value);
      return next;
    });
  return (
    <>
      <div className="space-y-1">
        <label htmlFor={`${id}-lead`} className="block text-sm font-medium text-slate-700">
          {t("lead")}
        </label>
        <select
          id={`${id}-lead`}
          name="leadDepartmentId"
          defaultValue={initialLead}
          onChange={(e) => setLead(e.target.value)}
          aria-invalid={!!leadError}
          aria-describedby={leadError ? `${id}-lead-error` : undefined}
          className={input}
        >
          <option value="">{t("register.leadPlaceholder")}</option>
          {departments.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
        <FieldError name="leadDepartmentId" id={`${id}-lead-error`} />
      </div>
      <fieldset className="space-y-2" aria-invalid={!!supportError} aria-describedby={supportError ? `${id}-support-error` : `${id}-support-hint`}>
        <legend className="block text-sm font-medium text-slate-700">{t("support")}</legend>
        <p id={`${id}-support-hint`} className="text-xs text-slate-500">
          {t("register.supportHint")}
        </p>
        <ul className="grid grid-cols-2 gap-2">
          {departments.map((d) => {
            const value = String(d.value);
            const isLead = value === lead;
            const checked = support.has(value) && !isLead;
            const dueName = `supportDue_${value}`;
            return (
              <li key={value} className="flex min-h-10 flex-wrap items-center gap-2 rounded-md border border-slate-200 px-2 py-1">
                <label className={`inline-flex flex-1 items-center gap-1.5 text-sm ${isLead ? "text-slate-400" : ""}`}>
                  <input
                    key={String(isLead)}
                    type="checkbox"
                    name="supportDepartmentIds"
                    value={value}
                    defaultChecked={checked}
                    disabled={isLead}
                    onChange={(e) => toggle(value, e.target.checked)}
                    className="size-4 accent-brand-600"
                  />
                  {d.label}
                </label>
                {checked && (
                  <SupportDue name={dueName} label={t("subDue")} department={d.label} today={today} />
                )}
                <FieldError name={dueName} />
              </li>
            );
          })}
        </ul>
        <FieldError name="supportDepartmentIds" id={`${id}-support-error`} />
      </fieldset>
    </>
  );
}

function SupportDue({ name, label, department, today }: { name: string; label: string; department: string; today: string }) {
  const echoed = useEchoed(name);
  const error = useFormState().fieldErrors?.[name];
  return (
    <input
      type="date"
      name={name}
      min={today}
      defaultValue={typeof echoed === "string" ? echoed : ""}
      aria-label={`${department} · ${label}`}
      title={label}
      aria-invalid={!!error}
      className={`${input} py-1 sm:w-auto`}
    />
  );
}
