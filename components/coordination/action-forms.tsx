"use client";
// One small form per life-cycle action, each with exactly the fields its server action reads.
// Every form carries the matter's id and the version the reader saw, so a concurrent change is
// refused with "this changed, reload" instead of overwriting it.
import { useId } from "react";
import { useTranslations } from "next-intl";
import { ActionSection } from "@/components/ui/action-section";
import { ActionForm, IdAndVersion, FieldError, SubmitButton, TextArea, useEchoed, useFormState, type Option } from "@/components/ui/form";
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
import { POINT_ROWS } from "@/lib/domain/coordination/limits";

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

export function MatterActionForm({ action, id, version, today, parties, myPosition }: Props) {
  const t = useTranslations("coordination");
  const a = (key: string) => t(`actions.${action}.${key}`);
  switch (action) {
    case "accept":
      return (
        <ActionSection name={action} title={a("title")} hint={a("hint")}>
          <ActionForm action={acceptCoordinationAction} className="space-y-2">
            <IdAndVersion id={id} version={version} />
            <SubmitButton>{a("submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "decline":
      return (
        <ActionSection name={action} title={a("title")}>
          <ActionForm action={declineCoordinationAction} className="space-y-3" confirm={a("confirm")}>
            <IdAndVersion id={id} version={version} />
            <TextArea name="reason" label={a("reason")} rows={3} />
            <SubmitButton variant="danger">{a("submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "state_position":
      return (
        <ActionSection name={action} title={a("title")} hint={a("hint")}>
          <ActionForm action={statePositionAction} className="space-y-3">
            <IdAndVersion id={id} version={version} />
            <TextArea name="position" label={a("position")} rows={4} defaultValue={myPosition ?? ""} />
            <SubmitButton>{a("submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "log_consultation":
    case "propose_meeting":
      return (
        <ActionSection name={action} title={a("title")} hint={action === "propose_meeting" ? a("hint") : undefined}>
          <ActionForm action={action === "log_consultation" ? logConsultationAction : proposeMeetingAction} className="space-y-3" resetOnSuccess>
            <IdAndVersion id={id} version={version} />
            <TextArea name="note" label={a("note")} rows={3} />
            <SubmitButton variant="secondary">{a("submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "record_agreement":
      return (
        <ActionSection name={action} title={a("title")} hint={a("hint")}>
          <ActionForm action={recordAgreementAction} className="space-y-3" confirm={a("confirm")}>
            <IdAndVersion id={id} version={version} />
            <PointRows parties={parties} today={today} />
            <SubmitButton>{a("submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "escalate":
      return (
        <ActionSection name={action} title={a("title")} hint={a("hint")}>
          <ActionForm action={escalateCoordinationAction} className="space-y-3">
            <IdAndVersion id={id} version={version} />
            <TextArea name="summary" label={a("summary")} rows={4} />
            <TextArea name="proposal" label={a("proposal")} rows={3} />
            <SubmitButton variant="secondary">{a("submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "decide":
      return (
        <ActionSection name={action} title={a("title")}>
          <ActionForm action={decideCoordinationAction} className="space-y-3">
            <IdAndVersion id={id} version={version} />
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
        </ActionSection>
      );
    case "close":
      return (
        <ActionSection name={action} title={a("title")}>
          <ActionForm action={closeCoordinationAction} className="space-y-3">
            <IdAndVersion id={id} version={version} />
            <TextArea name="note" label={t("optionalLabel", { label: a("note") })} rows={2} />
            <SubmitButton variant="secondary">{a("submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
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
