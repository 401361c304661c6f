"use client";
// One small form per life-cycle action, each with exactly the fields its server action reads.
// Every form carries the item's id and the version the reader saw, so a concurrent change is
// refused with "this item changed, reload" instead of overwriting it.
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { ActionSection } from "@/components/ui/action-section";
import { ActionForm, IdAndVersion, SelectField, SubmitButton, TextArea, type Option } from "@/components/ui/form";
import {
  cancelAction,
  closeAction,
  decideAction,
  decideExtensionAction,
  dispatchAction,
  leaderSendDirectAction,
  proposeAction,
  referToPrincipalAction,
  reportCompletionAction,
  reportProgressAction,
  requestExtensionAction,
  rerouteAction,
  returnForReworkAction,
  signForAction,
  urgeAction,
} from "@/lib/actions/items";
import { EXTENSION_REASONS } from "@/lib/domain/items/vocabulary";
import { CheckboxField, DateField, RadioGroup } from "./fields";

export type PanelAction =
  | "propose"
  | "reroute"
  | "dispatch"
  | "decide"
  | "refer_to_principal"
  | "leader_send_direct"
  | "sign_for"
  | "support_sign_for"
  | "report_progress"
  | "request_extension"
  | "decide_extension"
  | "report_completion"
  | "close"
  | "return_for_rework"
  | "urge"
  | "cancel";

export type PendingExtension = { id: number; requestedDueOn: string; requestedDueLabel: string; reason: string; note: string | null; requestedByName: string };

type Props = {
  action: PanelAction;
  id: number;
  version: number;
  today: string;
  proposal: string | null;
  leaders: Option[];
  pendingExtension: PendingExtension | null;
  /** The viewer's department supports the item (it may mark its own part done). */
  inSupport?: boolean;
};

/** A note form: the textarea `field` (required or not, as the server schema says) and one button. */
function NoteForm({
  action,
  id,
  version,
  field = "note",
  label,
  submit,
  variant = "primary",
  confirm,
  extra,
}: {
  action: Parameters<typeof ActionForm>[0]["action"];
  id: number;
  version: number;
  field?: string;
  label: string;
  submit: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: string;
  extra?: ReactNode;
}) {
  return (
    <ActionForm action={action} className="space-y-3" confirm={confirm}>
      <IdAndVersion id={id} version={version} />
      {extra}
      <TextArea name={field} label={label} rows={3} />
      <SubmitButton variant={variant}>{submit}</SubmitButton>
    </ActionForm>
  );
}

export function ItemActionForm({ action, id, version, today, proposal, leaders, pendingExtension, inSupport = false }: Props) {
  const t = useTranslations("items");
  const a = (key: string) => t(`actions.${key}`);
  switch (action) {
    case "propose":
      return (
        <ActionSection name={action} title={a("propose.title")} hint={a("propose.hint")}>
          <ActionForm action={proposeAction} className="space-y-3">
            <IdAndVersion id={id} version={version} />
            <TextArea name="proposal" label={t("proposal")} rows={4} defaultValue={proposal ?? ""} />
            <SubmitButton>{a("propose.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "reroute":
      return (
        <ActionSection name={action} title={a("reroute.title")}>
          <ActionForm action={rerouteAction} className="space-y-3">
            <IdAndVersion id={id} version={version} />
            <SelectField name="leaderId" label={a("reroute.leader")} placeholder={a("reroute.leaderPlaceholder")} options={leaders} />
            <TextArea name="note" label={a("reroute.note")} rows={2} />
            <SubmitButton variant="secondary">{a("reroute.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "dispatch":
      return (
        <ActionSection name={action} title={a("dispatch.title")} hint={a("dispatch.hint")}>
          <ActionForm action={dispatchAction} className="space-y-2" confirm={a("dispatch.confirm")}>
            <IdAndVersion id={id} version={version} />
            <SubmitButton variant="secondary">{a("dispatch.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "decide":
      // Approving is one click: a form with nothing to fill in.
      return (
        <ActionSection name={action} title={a("decide.title")}>
          <ActionForm action={decideAction} className="space-y-1" testId="approve-form">
            <IdAndVersion id={id} version={version} />
            <input type="hidden" name="decision" value="approve" />
            <SubmitButton>{a("decide.approve")}</SubmitButton>
            <p className="text-xs text-slate-500">{a("decide.approveHint")}</p>
          </ActionForm>
          <ActionForm action={decideAction} className="space-y-3 pt-2" testId="instruct-form">
            <IdAndVersion id={id} version={version} />
            <input type="hidden" name="decision" value="instruct" />
            <TextArea name="instruction" label={a("decide.instruction")} rows={4} hint={a("decide.instructHint")} />
            <SubmitButton variant="secondary">{a("decide.instruct")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "refer_to_principal":
      return (
        <ActionSection name={action} title={a("refer_to_principal.title")}>
          <NoteForm action={referToPrincipalAction} id={id} version={version} label={a("refer_to_principal.note")} submit={a("refer_to_principal.submit")} variant="secondary" />
        </ActionSection>
      );
    case "leader_send_direct":
      return (
        <ActionSection name={action} title={a("leader_send_direct.title")} hint={a("leader_send_direct.hint")}>
          <NoteForm action={leaderSendDirectAction} id={id} version={version} field="instruction" label={a("leader_send_direct.instruction")} submit={a("leader_send_direct.submit")} />
        </ActionSection>
      );
    case "sign_for":
    case "support_sign_for":
      return (
        <ActionSection name={action} title={a(`${action}.title`)} hint={a(`${action}.hint`)}>
          <ActionForm action={signForAction} className="space-y-2">
            <IdAndVersion id={id} version={version} />
            <SubmitButton>{a(`${action}.submit`)}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "report_progress":
      return (
        <ActionSection name={action} title={a("report_progress.title")}>
          <NoteForm
            action={reportProgressAction}
            id={id}
            version={version}
            label={a("report_progress.note")}
            submit={a("report_progress.submit")}
            extra={inSupport ? <CheckboxField name="partDone" label={a("report_progress.partDone")} /> : undefined}
          />
        </ActionSection>
      );
    case "request_extension":
      return (
        <ActionSection name={action} title={a("request_extension.title")}>
          <ActionForm action={requestExtensionAction} className="space-y-3">
            <IdAndVersion id={id} version={version} />
            <DateField name="requestedDueOn" label={a("request_extension.requestedDueOn")} min={today} />
            <SelectField
              name="reason"
              label={a("request_extension.reason")}
              placeholder={a("request_extension.reasonPlaceholder")}
              options={EXTENSION_REASONS.map((r) => ({ value: r, label: t(`extensionReasons.${r}`) }))}
            />
            <TextArea name="note" label={a("request_extension.note")} rows={2} />
            <SubmitButton variant="secondary">{a("request_extension.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "decide_extension":
      if (!pendingExtension) return null;
      return (
        <ActionSection name={action} title={a("decide_extension.title")}>
          <ExtensionSummary ext={pendingExtension} />
          <ActionForm action={decideExtensionAction} className="space-y-3">
            <IdAndVersion id={id} version={version} />
            <input type="hidden" name="extensionId" value={pendingExtension.id} />
            <RadioGroup
              name="approve"
              label={a("decide_extension.decision")}
              defaultValue="true"
              options={[
                { value: "true", label: a("decide_extension.approve") },
                { value: "false", label: a("decide_extension.reject") },
              ]}
            />
            <TextArea name="note" label={a("decide_extension.note")} rows={2} />
            <SubmitButton>{a("decide_extension.submit")}</SubmitButton>
          </ActionForm>
        </ActionSection>
      );
    case "report_completion":
      return (
        <ActionSection name={action} title={a("report_completion.title")}>
          <NoteForm action={reportCompletionAction} id={id} version={version} label={a("report_completion.note")} submit={a("report_completion.submit")} />
        </ActionSection>
      );
    case "close":
      return (
        <ActionSection name={action} title={a("close.title")}>
          <NoteForm action={closeAction} id={id} version={version} label={t("optionalLabel", { label: a("close.note") })} submit={a("close.submit")} />
        </ActionSection>
      );
    case "return_for_rework":
      return (
        <ActionSection name={action} title={a("return_for_rework.title")}>
          <NoteForm action={returnForReworkAction} id={id} version={version} label={a("return_for_rework.note")} submit={a("return_for_rework.submit")} variant="secondary" />
        </ActionSection>
      );
    case "urge":
      return (
        <ActionSection name={action} title={a("urge.title")}>
          <NoteForm action={urgeAction} id={id} version={version} label={t("optionalLabel", { label: a("urge.note") })} submit={a("urge.submit")} variant="secondary" />
        </ActionSection>
      );
    case "cancel":
      return (
        <ActionSection name={action} title={a("cancel.title")}>
          <NoteForm action={cancelAction} id={id} version={version} label={a("cancel.note")} submit={a("cancel.submit")} variant="danger" confirm={a("cancel.confirm")} />
        </ActionSection>
      );
  }
}

export function ExtensionSummary({ ext }: { ext: PendingExtension }) {
  const t = useTranslations("items");
  const reason = (EXTENSION_REASONS as readonly string[]).includes(ext.reason) ? t(`extensionReasons.${ext.reason}`) : ext.reason;
  return (
    <div className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="pending-extension">
      <p>{t("detail.extensionLine", { name: ext.requestedByName, date: ext.requestedDueLabel })}</p>
      <p>{t("detail.extensionReason", { reason })}</p>
      {ext.note && <p className="mt-1 whitespace-pre-wrap">{ext.note}</p>}
    </div>
  );
}
