"use client";
// Forms post to server actions with useActionState; fields read the last answer from context
// so that each error shows at its field, announced to screen readers, and what was typed stays.
import { createContext, useActionState, useContext, useId, useEffect, useRef, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/form";
import { buttonClass, input, type ButtonVariant } from "./styles";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

const StateContext = createContext<ActionState>({ status: "idle" });

export function ActionForm({
  action,
  children,
  className = "space-y-4",
  resetOnSuccess = false,
  confirm,
  testId,
}: {
  action: Action;
  children: ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  confirm?: string;
  testId?: string;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (resetOnSuccess && state.status === "ok") ref.current?.reset();
  }, [state, resetOnSuccess]);
  return (
    <StateContext.Provider value={state}>
      <form
        ref={ref}
        action={formAction}
        className={className}
        noValidate
        data-testid={testId}
        onSubmit={confirm ? (e) => !window.confirm(confirm) && e.preventDefault() : undefined}
      >
        {children}
        <FormStatus />
      </form>
    </StateContext.Provider>
  );
}

export function useFormState(): ActionState {
  return useContext(StateContext);
}

function FormStatus() {
  const state = useFormState();
  const t = useTranslations("common");
  return (
    <div aria-live="polite" role="status" className="min-h-0 text-sm">
      {state.status === "error" && state.message && (
        <p className="rounded-md bg-seal-50 px-3 py-2 text-seal-600" data-testid="form-error">
          {state.message}
          {state.message && state.fieldErrors === undefined && /reload|重新加载/.test(state.message) && (
            <button type="button" className="ml-2 underline" onClick={() => window.location.reload()}>
              {t("reload")}
            </button>
          )}
        </p>
      )}
      {state.status === "ok" && state.message && (
        <p className="rounded-md bg-green-50 px-3 py-2 text-green-700" data-testid="form-ok">
          {state.message}
        </p>
      )}
    </div>
  );
}

function echoed(state: ActionState, name: string): string | string[] | undefined {
  return state.status === "error" ? state.values?.[name] : undefined;
}

function FieldShell({
  id,
  label,
  name,
  hint,
  children,
}: {
  id: string;
  label: ReactNode;
  name: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  const state = useFormState();
  const error = state.fieldErrors?.[name];
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs text-seal-600" data-field-error={name}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  name,
  label,
  defaultValue,
  type = "text",
  hint,
  required,
  autoComplete,
  placeholder,
  maxLength,
}: {
  name: string;
  label: ReactNode;
  defaultValue?: string | number | null;
  type?: string;
  hint?: ReactNode;
  required?: boolean;
  autoComplete?: string;
  placeholder?: string;
  maxLength?: number;
}) {
  const id = useId();
  const state = useFormState();
  const error = state.fieldErrors?.[name];
  const value = echoed(state, name);
  return (
    <FieldShell id={id} label={label} name={name} hint={hint}>
      <input
        key={state.at}
        id={id}
        name={name}
        type={type}
        defaultValue={type === "password" ? undefined : ((typeof value === "string" ? value : undefined) ?? defaultValue ?? "")}
        required={required}
        autoComplete={autoComplete}
        placeholder={placeholder}
        maxLength={maxLength}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={input}
      />
    </FieldShell>
  );
}

export function TextArea({ name, label, defaultValue, rows = 6, hint }: { name: string; label: ReactNode; defaultValue?: string; rows?: number; hint?: ReactNode }) {
  const id = useId();
  const state = useFormState();
  const error = state.fieldErrors?.[name];
  const value = echoed(state, name);
  return (
    <FieldShell id={id} label={label} name={name} hint={hint}>
      <textarea
        key={state.at}
        id={id}
        name={name}
        rows={rows}
        defaultValue={(typeof value === "string" ? value : undefined) ?? defaultValue ?? ""}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={`${input} font-mono`}
      />
    </FieldShell>
  );
}

export type Option = { value: string | number; label: string };

export function SelectField({
  name,
  label,
  options,
  defaultValue,
  placeholder,
  hint,
}: {
  name: string;
  label: ReactNode;
  options: Option[];
  defaultValue?: string | number | null;
  placeholder?: string;
  hint?: ReactNode;
}) {
  const id = useId();
  const state = useFormState();
  const error = state.fieldErrors?.[name];
  const value = echoed(state, name);
  return (
    <FieldShell id={id} label={label} name={name} hint={hint}>
      <select
        key={state.at}
        id={id}
        name={name}
        defaultValue={String((typeof value === "string" ? value : undefined) ?? defaultValue ?? "")}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        className={input}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxGroup({
  name,
  label,
  options,
  defaultValues = [],
  hint,
}: {
  name: string;
  label: ReactNode;
  options: Option[];
  defaultValues?: (string | number)[];
  hint?: ReactNode;
}) {
  const id = useId();
  const state = useFormState();
  const error = state.fieldErrors?.[name];
  const value = echoed(state, name);
  const checked = new Set(
    (value === undefined ? defaultValues : Array.isArray(value) ? value : [value]).map(String),
  );
  return (
    <fieldset className="space-y-1" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={!!error}>
      <legend className="block text-sm font-medium text-slate-700">{label}</legend>
      <div key={state.at} className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="inline-flex items-center gap-1.5 text-sm">
            <input type="checkbox" name={name} value={o.value} defaultChecked={checked.has(String(o.value))} className="size-4 accent-brand-600" />
            {o.label}
          </label>
        ))}
      </div>
      {hint && !error && <p className="text-xs text-slate-500">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="text-xs text-seal-600" data-field-error={name}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A file picker; its error comes back from the action at the field, like every other's. */
export function FileField({ name, label, hint, accept }: { name: string; label: ReactNode; hint?: ReactNode; accept?: string }) {
  const id = useId();
  const state = useFormState();
  const error = state.fieldErrors?.[name];
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        key={state.at}
        id={id}
        name={name}
        type="file"
        accept={accept}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={`${input} file:mr-3 file:rounded file:border-0 file:bg-brand-50 file:px-2 file:py-1 file:text-sm file:text-brand-700`}
      />
      {error ? (
        <p id={`${id}-error`} className="text-xs text-seal-600" data-field-error={name}>
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

/** The value submitted last time, when the answer was an error (so the form keeps it). */
export function useEchoed(name: string): string | string[] | undefined {
  return echoed(useFormState(), name);
}

/** A field's error from the last answer, for fields built outside this kit. */
export function FieldError({ name, id }: { name: string; id?: string }) {
  const error = useFormState().fieldErrors?.[name];
  if (!error) return null;
  return (
    <p id={id} className="text-xs text-seal-600" data-field-error={name}>
      {error}
    </p>
  );
}

export function SubmitButton({ children, pending, variant = "primary" }: { children: ReactNode; pending?: ReactNode; variant?: ButtonVariant }) {
  const status = useFormStatus();
  return (
    <button type="submit" disabled={status.pending} aria-busy={status.pending} className={buttonClass(variant)}>
      {status.pending && pending ? pending : children}
    </button>
  );
}

/** A one-button form (disable, revoke …) for a row: `fields` go in as hidden inputs; its answer shows beside it. */
export function InlineAction({
  action,
  fields,
  children,
  variant = "secondary",
  confirm,
}: {
  action: Action;
  fields: Record<string, string | number>;
  children: ReactNode;
  variant?: ButtonVariant;
  confirm?: string;
}) {
  return (
    <ActionForm action={action} className="inline-flex flex-col items-start gap-1" confirm={confirm}>
      <HiddenFields fields={fields} />
      <SubmitButton variant={variant}>{children}</SubmitButton>
    </ActionForm>
  );
}

/** Hidden inputs, one per entry: what the server action needs but the reader does not type. */
export function HiddenFields({ fields }: { fields: Record<string, string | number> }) {
  return (
    <>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

/**
 * The record's id and the version the reader saw: the data layer refuses a change made to an older
 * version ("this changed, reload") instead of overwriting what someone else did in between.
 */
export function IdAndVersion({ id, version }: { id: number; version: number }) {
  return <HiddenFields fields={{ id, version }} />;
}
