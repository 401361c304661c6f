"use client";
// One small form per life-cycle action, each with exactly the fields its server action reads.
// Every form carries the matter's id and the version the reader saw, so a concurrent change is
// refused with "this changed, reload" instead of overwriting it.
import { useId, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, FieldError, SubmitButton, TextArea, useEchoed, useFormState, type Option } from "@/components/ui/form";
import { input } from "@/components/ui/styles";
import {
  acceptCoordinationAction,
  closeCoordinationAction,
  decideCoordinationAction,
  declineCoordinationAction,
  escalateCoordinationAction,
  logConsultationAction,
  proposeMeetingAction,
  recordAgreementAction,
  statePositionAction,
} from "@/lib/actions/coordination";
import type { CoordinationAction } from "@/lib/domain/coordination/lifecycle";
import { POINT_ROWS } from "@/lib/domain/coordination/inputs";

type Props = {
  action: Exclude<CoordinationAction, "raise">;
  id: number;
  version: number;
  today: string;
  /** The party departments: where agreed or decided points may go. */
  parties: Option[];
  /** The position this person's department stated last, to restate from. */
  myPosition?: string | null;
};

function Ref({ id, version }: { id: number; version: number }) {
  return (
    <>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

function Section({ name, title, hint, children }: { name: string; title: ReactNode; hint?: ReactNode; children: ReactNode }) {
  return (
    <section className="space-y-2 border-t border-slate-100 pt-4 first:border-0 first:pt-0" data-testid={`action-${name}`}>
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      {children}
    </section>
  );
}

export function MatterActionForm({ action, id, version, today, parties, myPosition }: Props) {
  const t = useTranslations("coordination");
  const a = (key: string) => t(`actions.${action}.${key}`);
  switch (action) {
    case "accept":
      return (
        <Section name={action} title={a("title")} hint={a("hint")}>
          <ActionForm action={acceptCoordinationAction} className="space-y-2">
            <Ref id={id} version={version} />
            <SubmitButton>{a("submit")}</SubmitButton>
          </ActionForm>
        </Section>
      );
    case "decline":
      return (
        <Section name={action} title={a("title")}>
          <ActionForm action={declineCoordinationAction} className="space-y-3" confirm={a("confirm")}>
            <Ref id={id} version={version} />
            <TextArea name="reason" label={a("reason")} rows={3} />
            <SubmitButton variant="danger">{a("submit")}</SubmitButton>
          </ActionForm>
        </Section>
      );
    case "state_position":
      return (
        <Section name={action} title={a("title")} hint={a("hint")}>
          <ActionForm action={statePositionAction} className="space-y-3">
            <Ref id={id} version={version} />
            <TextArea name="position" label={a("position")} rows={4} defaultValue={myPosition ?? ""} />
            <SubmitButton>{a("submit")}</SubmitButton>
          </ActionForm>
        </Section>
      );
    case "log_consultation":
    case "propose_meeting":
      return (
        <Section name={action} title={a("title")} hint={action === "propose_meeting" ? a("hint") : undefined}>
          <ActionForm action={action === "log_consultation" ? logConsultationAction : proposeMeetingAction} className="space-y-3" resetOnSuccess>
            <Ref id={id} version={version} />
            <TextArea name="note" label={a("note")} rows={3} />
            <SubmitButton variant="secondary">{a("submit")}</SubmitButton>
          </ActionForm>
        </Section>
      );
    case "record_agreement":
      return (
        <Section name={action} title={a("title")} hint={a("hint")}>
          <ActionForm action={recordAgreementAction} className="space-y-3" confirm={a("confirm")}>
            <Ref id={id} version={version} />
            <PointRows parties={parties} today={today} />
            <SubmitButton>{a("submit")}</SubmitButton>
          </ActionForm>
        </Section>
      );
    case "escalate":
      return (
        <Section name={action} title={a("title")} hint={a("hint")}>
          <ActionForm action={escalateCoordinationAction} className="space-y-3">
            <Ref id={id} version={version} />
            <TextArea name="summary" label={a("summary")} rows={4} />
            <TextArea name="proposal" label={a("proposal")} rows={3} />
            <SubmitButton variant="secondary">{a("submit")}</SubmitButton>
          </ActionForm>
        </Section>
      );
    case "decide":
      return (
        <Section name={action} title={a("title")}>
          <ActionForm action={decideCoordinationAction} className="space-y-3">
            <Ref id={id} version={version} />
            <TextArea name="decision" label={a("decision")} rows={4} />
            <details className="rounded-md border border-slate-200 px-3 py-2">
              <summary className="cursor-pointer text-sm text-brand-700">{a("pointsToggle")}</summary>
              <p className="mt-2 text-xs text-slate-500">{a("pointsHint")}</p>
              <div className="mt-2">
                <PointRows parties={parties} today={today} />
              </div>
            </details>
            <SubmitButton>{a("submit")}</SubmitButton>
          </ActionForm>
        </Section>
      );
    case "close":
      return (
        <Section name={action} title={a("title")}>
          <ActionForm action={closeCoordinationAction} className="space-y-3">
            <Ref id={id} version={version} />
            <TextArea name="note" label={t("optionalLabel", { label: a("note") })} rows={2} />
            <SubmitButton variant="secondary">{a("submit")}</SubmitButton>
          </ActionForm>
        </Section>
      );
  }
}

/**
 * A fixed set of point rows (point_<n>_departmentId, _text, _dueOn); empty rows are ignored by
 * the server, and each error shows at its own row.
 */
function PointRows({ parties, today }: { parties: Option[]; today: string }) {
  const t = useTranslations("coordination.points");
  const state = useFormState();
  const id = useId();
  const rows = Array.from({ length: POINT_ROWS }, (_, i) => i + 1);
  return (
    <fieldset className="space-y-2" aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium text-slate-700">{t("legend")}</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {t("hint")}
      </p>
      <FieldError name="points" />
      <ol className="space-y-2" key={state.at}>
        {rows.map((n) => (
          <PointRow key={n} n={n} parties={parties} today={today} />
        ))}
      </ol>
    </fieldset>
  );
}

function PointRow({ n, parties, today }: { n: number; parties: Option[]; today: string }) {
  const t = useTranslations("coordination.points");
  const id = useId();
  const state = useFormState();
  const f = (part: string) => `point_${n}_${part}`;
  const dept = useEchoed(f("departmentId"));
  const text = useEchoed(f("text"));
  const due = useEchoed(f("dueOn"));
  const err = (part: string) => state.fieldErrors?.[f(part)];
  const row = t("row", { n });
  return (
    <li className="rounded-md border border-slate-200 p-2" data-testid={`point-row-${n}`}>
      <p className="mb-1 text-xs font-medium text-slate-500" id={`${id}-row`}>
        {row}
      </p>
      <div className="grid gap-2 sm:grid-cols-[10rem_1fr_9.5rem]">
        <div>
          <label htmlFor={`${id}-d`} className="sr-only">{`${row} · ${t("department")}`}</label>
          <select
            id={`${id}-d`}
            name={f("departmentId")}
            defaultValue={typeof dept === "string" ? dept : ""}
            aria-invalid={!!err("departmentId")}
            aria-describedby={err("departmentId") ? `${id}-d-error` : undefined}
            className={input}
          >
            <option value="">{t("departmentPlaceholder")}</option>
            {parties.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
          <FieldError name={f("departmentId")} id={`${id}-d-error`} />
        </div>
        <div>
          <label htmlFor={`${id}-t`} className="sr-only">{`${row} · ${t("text")}`}</label>
          <input
            id={`${id}-t`}
            name={f("text")}
            placeholder={t("text")}
            defaultValue={typeof text === "string" ? text : ""}
            aria-invalid={!!err("text")}
            aria-describedby={err("text") ? `${id}-t-error` : undefined}
            className={input}
          />
          <FieldError name={f("text")} id={`${id}-t-error`} />
        </div>
        <div>
          <label htmlFor={`${id}-due`} className="sr-only">{`${row} · ${t("dueOn")}`}</label>
          <input
            id={`${id}-due`}
            type="date"
            name={f("dueOn")}
            min={today}
            title={t("dueOn")}
            defaultValue={typeof due === "string" ? due : ""}
            aria-invalid={!!err("dueOn")}
            aria-describedby={err("dueOn") ? `${id}-due-error` : undefined}
            className={input}
          />
          <FieldError name={f("dueOn")} id={`${id}-due-error`} />
        </div>
      </div>
    </li>
  );
}
