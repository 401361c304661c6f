"use client";
import { useTranslations } from "next-intl";
import { ActionForm, FileField, SubmitButton } from "@/components/ui/form";
import { uploadRequestAttachmentAction } from "@/lib/actions/requests";

export function RequestUploadForm({ requestId }: { requestId: number }) {
  const t = useTranslations("attachments");
  return (
    <ActionForm action={uploadRequestAttachmentAction} resetOnSuccess className="mt-4 space-y-3" testId="request-attachment-upload-form">
      <input type="hidden" name="id" value={requestId} />
      <FileField name="file" label={t("file")} hint={t("hint")} accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv,.md,.zip,.ofd" />
      <SubmitButton variant="secondary" pending={t("uploading")}>
        {t("upload")}
      </SubmitButton>
    </ActionForm>
  );
}
