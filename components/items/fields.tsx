"use client";
// Fields the shared form kit lacks (radios, a single checkbox, a date with a min), following its
// conventions: errors at the field from the last answer, what was typed kept after an error.
import { useId, type ReactNode } from "react";
import { FieldError, useEchoed, useFormState, type Option } from "@/components/ui/form";
import { input } from "@/components/ui/styles";

export { FieldError, useEchoed };

export function RadioGroup({ name, label, options, defaultValue, hint }: { name: string; label: ReactNode; options: Option[]; defaultValue?: string; hint?: ReactNode }) {
  const id = useId();
  const state = useFormState();
  const echoed = useEchoed(name);
  const error = state.fieldErrors?.[name];
  const checked = typeof echoed === "string" ? echoed : defaultValue;
  return (
    <fieldset className="space-y-1" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={!!error}>
      <legend className="block text-sm font-medium text-slate-700">{label}</legend>
      <div key={state.at} className="flex flex-wrap gap-2">
        {options.map((o) => (
          <label key={o.value} className="inline-flex min-h-9 cursor-pointer items-center gap-1.5 rounded-md border border-slate-300 px-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:text-brand-700">
            <input type="radio" name={name} value={o.value} defaultChecked={String(o.value) === checked} className="size-4 accent-brand-600" />
            {o.label}
          </label>
        ))}
      </div>
      {hint && !error && <p className="text-xs text-slate-500">{hint}</p>}
      <FieldError name={name} id={`${id}-error`} />
    </fieldset>
  );
}

export function CheckboxField({ name, label, hint, defaultChecked = false }: { name: string; label: ReactNode; hint?: ReactNode; defaultChecked?: boolean }) {
  const state = useFormState();
  const echoed = useEchoed(name);
  return (
    <div className="space-y-1">
      <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-700">
        <input key={state.at} type="checkbox" name={name} defaultChecked={echoed === undefined ? defaultChecked : echoed === "on"} className="size-4 accent-brand-600" />
        {label}
      </label>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      <FieldError name={name} />
    </div>
  );
}

export function DateField({ name, label, min, defaultValue, hint }: { name: string; label: ReactNode; min?: string; defaultValue?: string; hint?: ReactNode }) {
  const id = useId();
  const state = useFormState();
  const echoed = useEchoed(name);
  const error = state.fieldErrors?.[name];
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        key={state.at}
        id={id}
        type="date"
        name={name}
        min={min}
        defaultValue={(typeof echoed === "string" ? echoed : undefined) ?? defaultValue ?? ""}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={input}
      />
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError name={name} id={`${id}-error`} />
    </div>
  );
}
