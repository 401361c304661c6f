"use client";
import type { ComponentProps } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, FileField, HiddenFields, SubmitButton } from "@/components/ui/form";
import { uploadAttachmentAction } from "@/lib/actions/attachments";

/** The extensions the server accepts (lib/domain/files.ts), so the browser's picker offers only those. */
export const ACCEPTED_FILES = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv,.md,.zip,.ofd";

type UploadTexts = { file: string; hint: string; pending: string; submit: string };

/**
 * One file up to a record: `fields` name the record (its id, and the version the reader saw where the
 * kind has one). The texts are the shared `attachments` ones unless the kind brings its own.
 */
export function FileUploadForm({
  action,
  testId,
  fields,
  className = "mt-4 space-y-3",
  texts,
}: {
  action: ComponentProps<typeof ActionForm>["action"];
  testId: string;
  fields: Record<string, string | number>;
  className?: string;
  texts?: UploadTexts;
}) {
  const t = useTranslations("attachments");
  const { file, hint, pending, submit } = texts ?? { file: t("file"), hint: t("hint"), pending: t("uploading"), submit: t("upload") };
  return (
    <ActionForm action={action} resetOnSuccess className={className} testId={testId}>
      <HiddenFields fields={fields} />
      <FileField name="file" label={file} hint={hint} accept={ACCEPTED_FILES} />
      <SubmitButton variant="secondary" pending={pending}>
        {submit}
      </SubmitButton>
    </ActionForm>
  );
}

export function UploadForm({ itemId, version }: { itemId: number; version: number }) {
  return <FileUploadForm action={uploadAttachmentAction} testId="attachment-upload-form" fields={{ id: itemId, version }} />;
}
