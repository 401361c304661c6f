"use client";
// The new-notice form: kind, title, Markdown text, recipients (departments, roles, people),
// the receipt and its deadline, and files. The server checks everything again; a department
// head is offered only their own department.
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, CheckboxGroup, FieldError, SubmitButton, TextArea, TextField, type Option } from "@/components/ui/form";
import { input } from "@/components/ui/styles";
import { CheckboxField } from "@/components/items/fields";
import { ACCEPTED_FILES } from "@/components/attachments/upload-form";
import { publishNoticeAction } from "@/lib/actions/notices";
import type { NoticeKind } from "@/lib/domain/notices/receipts";

export type NoticeFormProps = {
  kinds: NoticeKind[];
  departments: Option[];
  roles: Option[];
  people: Option[];
  /** A department head: their own department only. */
  headOnly: boolean;
};

export function FilesField({ name, label, hint }: { name: string; label: string; hint: string }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="file"
        multiple
        accept={ACCEPTED_FILES}
        aria-describedby={`${id}-hint`}
        className={`${input} file:mr-3 file:rounded file:border-0 file:bg-brand-50 file:px-2 file:py-1 file:text-sm file:text-brand-700`}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {hint}
      </p>
      <FieldError name={name} />
    </div>
  );
}

export function NoticeForm({ kinds, departments, roles, people, headOnly }: NoticeFormProps) {
  const t = useTranslations("notices");
  // Kept in state (not reset by an error answer), so the form keeps its shape.
  const [kind, setKind] = useState<NoticeKind>(kinds[0]);
  const announcement = kind === "announcement";
  const kindId = useId();
  return (
    <ActionForm action={publishNoticeAction} testId="notice-form">
      <div className="space-y-1">
        <label htmlFor={kindId} className="block text-sm font-medium text-slate-700">
          {t("form.kind")}
        </label>
        <select id={kindId} name="kind" value={kind} onChange={(e) => setKind(e.target.value as NoticeKind)} className={input}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
        <FieldError name="kind" />
      </div>
      {kind === "meeting" && <p className="text-xs text-slate-600">{t("form.meetingHint")}</p>}
      {announcement && <p className="text-xs text-slate-600">{t("form.announcementHint")}</p>}
      <TextField name="title" label={t("form.titleField")} required maxLength={200} />
      <TextArea name="body" label={t("form.body")} rows={10} hint={t("form.bodyHint")} />
      {!announcement && (
        <fieldset className="space-y-3 rounded-md border border-slate-200 p-3" data-testid="notice-audience">
          <legend className="px-1 text-sm font-medium text-slate-700">{t("form.audience")}</legend>
          <p className="text-xs text-slate-500">{headOnly ? t("form.headOnly") : t("form.audienceHint")}</p>
          <CheckboxGroup name="departmentIds" label={t("form.departments")} options={departments} />
          {roles.length > 0 && <CheckboxGroup name="roles" label={t("form.roles")} options={roles} />}
          <div className="max-h-64 overflow-y-auto rounded border border-slate-100 p-2">
            <CheckboxGroup name="userIds" label={t("form.people")} options={people} />
          </div>
          <FieldError name="audience" />
        </fieldset>
      )}
      {kind === "notice" && <CheckboxField name="receiptRequired" label={t("form.receiptRequired")} defaultChecked />}
      {!announcement && <TextField name="receiptDueAt" type="datetime-local" label={t("form.receiptDueAt")} hint={t("form.receiptDueHint")} />}
      <FilesField name="files" label={t("form.files")} hint={t("form.filesHint")} />
      <SubmitButton pending={t("form.pending")}>{t("form.submit")}</SubmitButton>
    </ActionForm>
  );
}
