"use client";
import { useTranslations } from "next-intl";
import { ActionForm, FileField, SubmitButton } from "@/components/ui/form";
import { uploadAttachmentAction } from "@/lib/actions/attachments";

export function UploadForm({ itemId, version }: { itemId: number; version: number }) {
  const t = useTranslations("attachments");
  return (
    <ActionForm action={uploadAttachmentAction} resetOnSuccess className="mt-4 space-y-3" testId="attachment-upload-form">
      <input type="hidden" name="id" value={itemId} />
      <input type="hidden" name="version" value={version} />
      <FileField name="file" label={t("file")} hint={t("hint")} accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv,.md,.zip,.ofd" />
      <SubmitButton variant="secondary" pending={t("uploading")}>
        {t("upload")}
      </SubmitButton>
    </ActionForm>
  );
}
