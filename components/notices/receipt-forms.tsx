"use client";
// The small forms of a notice's detail page. Receipt forms carry the notice id and the revision
// the reader saw (a revision in between is refused: "it changed, reload"); the sender's forms
// carry the version.
import { useTranslations } from "next-intl";
import { ActionForm, HiddenFields, IdAndVersion, CheckboxGroup, SelectField, SubmitButton, TextArea, TextField, type Option } from "@/components/ui/form";
import { RadioGroup } from "@/components/items/fields";
import {
  confirmNoticeAction,
  replyNoticeAction,
  reviseNoticeAction,
  uploadNoticeAttachmentAction,
  withdrawNoticeAction,
} from "@/lib/actions/notices";
import { MEETING_REPLIES } from "@/lib/domain/notices/receipts";
import { FileUploadForm } from "@/components/attachments/upload-form";
import { FilesField } from "./notice-form";

/** One click: "I have read it" for oneself. */
export function ConfirmForm({ id, revision }: { id: number; revision: number }) {
  const t = useTranslations("notices.detail");
  return (
    <ActionForm action={confirmNoticeAction} className="space-y-2" testId="notice-confirm">
      <HiddenFields fields={{ id, revision }} />
      <SubmitButton pending={t("confirmPending")}>{t("confirm")}</SubmitButton>
      <p className="text-xs text-slate-500">{t("confirmHint")}</p>
    </ActionForm>
  );
}

/**
 * A meeting reply, for oneself or — with `onBehalfOf` options — for someone the reader may act
 * for. The substitute is chosen from the organisation's active people.
 */
export function ReplyForm({
  id,
  revision,
  people,
  current,
  onBehalfOf,
  testId = "notice-reply",
}: {
  id: number;
  revision: number;
  people: Option[];
  current?: { reply: string | null; substituteId: number | null; reason: string | null };
  onBehalfOf?: Option[];
  testId?: string;
}) {
  const t = useTranslations("notices");
  return (
    <ActionForm action={replyNoticeAction} className="space-y-3" testId={testId}>
      <HiddenFields fields={{ id, revision }} />
      {onBehalfOf && <SelectField name="onBehalfOf" label={t("detail.actForPerson")} options={onBehalfOf} placeholder={t("detail.choosePerson")} />}
      <RadioGroup name="reply" label={t("detail.reply")} options={MEETING_REPLIES.map((r) => ({ value: r, label: t(`replies.${r}`) }))} defaultValue={current?.reply ?? undefined} />
      <SelectField name="substituteId" label={t("detail.substitute")} options={people} placeholder={t("detail.choosePerson")} defaultValue={current?.substituteId ?? undefined} />
      <TextArea name="reason" label={t("detail.reason")} rows={2} defaultValue={current?.reason ?? undefined} />
      <SubmitButton variant={onBehalfOf ? "secondary" : "primary"}>{onBehalfOf ? t("detail.actForReply") : t("detail.replySubmit")}</SubmitButton>
      {!onBehalfOf && <p className="text-xs text-slate-500">{t("detail.replyHint")}</p>}
    </ActionForm>
  );
}

/** Confirming for someone else: recorded apart, never as their own. */
export function OnBehalfConfirmForm({ id, revision, targets }: { id: number; revision: number; targets: Option[] }) {
  const t = useTranslations("notices.detail");
  return (
    <ActionForm action={confirmNoticeAction} className="space-y-2" testId="notice-on-behalf">
      <HiddenFields fields={{ id, revision }} />
      <SelectField name="onBehalfOf" label={t("actForPerson")} options={targets} placeholder={t("choosePerson")} />
      <SubmitButton variant="secondary">{t("actForConfirm")}</SubmitButton>
    </ActionForm>
  );
}

export function WithdrawForm({ id, version }: { id: number; version: number }) {
  const t = useTranslations("notices.withdraw");
  return (
    <ActionForm action={withdrawNoticeAction} className="space-y-2" testId="notice-withdraw" confirm={t("confirm")}>
      <IdAndVersion id={id} version={version} />
      <p className="text-xs text-slate-500">{t("hint")}</p>
      <TextArea name="reason" label={t("reason")} rows={2} />
      <SubmitButton variant="danger">{t("submit")}</SubmitButton>
    </ActionForm>
  );
}

export type ReviseFormProps = {
  id: number;
  version: number;
  title: string;
  body: string;
  receiptRequired: boolean;
  /** The deadline as the field shows it ("YYYY-MM-DDTHH:mm", org time), or "". */
  receiptDueAt: string;
  /** Null: an announcement (no recipients to add). */
  add: { departments: Option[]; roles: Option[]; people: Option[] } | null;
};

export function ReviseForm({ id, version, title, body, receiptRequired, receiptDueAt, add }: ReviseFormProps) {
  const t = useTranslations("notices");
  return (
    <ActionForm action={reviseNoticeAction} className="space-y-3" testId="notice-revise">
      <IdAndVersion id={id} version={version} />
      <p className="text-xs text-slate-500">{t("revise.hint")}</p>
      <TextField name="title" label={t("form.titleField")} defaultValue={title} maxLength={200} />
      <TextArea name="body" label={t("form.body")} rows={8} defaultValue={body} hint={t("form.bodyHint")} />
      {receiptRequired && <TextField name="receiptDueAt" type="datetime-local" label={t("form.receiptDueAt")} defaultValue={receiptDueAt} />}
      {add && (
        <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-700">{t("revise.add")}</legend>
          <CheckboxGroup name="departmentIds" label={t("form.departments")} options={add.departments} />
          {add.roles.length > 0 && <CheckboxGroup name="roles" label={t("form.roles")} options={add.roles} />}
          <div className="max-h-48 overflow-y-auto rounded border border-slate-100 p-2">
            <CheckboxGroup name="userIds" label={t("form.people")} options={add.people} />
          </div>
        </fieldset>
      )}
      <FilesField name="files" label={t("form.files")} hint={t("form.filesHint")} />
      <SubmitButton pending={t("revise.pending")}>{t("revise.submit")}</SubmitButton>
    </ActionForm>
  );
}

export function UploadNoticeForm({ id, version }: { id: number; version: number }) {
  const t = useTranslations("notices.upload");
  return (
    <FileUploadForm
      action={uploadNoticeAttachmentAction}
      testId="notice-upload"
      fields={{ id, version }}
      className="mt-4 space-y-2"
      texts={{ file: t("file"), hint: t("hint"), pending: t("pending"), submit: t("submit") }}
    />
  );
}
