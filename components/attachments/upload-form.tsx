"use client";
import { useTranslations } from "next-intl";
import { ActionForm, SubmitButton, useFormState } from "@/components/ui/form";
import { uploadAttachmentAction } from "@/lib/actions/attachments";
import { input } from "@/components/ui/styles";

function FileField() {
  const t = useTranslations("attachments");
  const state = useFormState();
  const error = state.fieldErrors?.file;
  return (
    <div className="space-y-1">
      <label htmlFor="attachment-file" className="block text-sm font-medium text-slate-700">
        {t("file")}
      </label>
      <input
        key={state.at}
        id="attachment-file"
        name="file"
        type="file"
        accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv,.md,.zip,.ofd"
        aria-invalid={!!error}
        aria-describedby={error ? "attachment-file-error" : "attachment-file-hint"}
        className={input}
      />
      {error ? (
        <p id="attachment-file-error" className="text-xs text-seal-600" data-field-error="file">
          {error}
        </p>
      ) : (
        <p id="attachment-file-hint" className="text-xs text-slate-500">
          {t("hint")}
        </p>
      )}
    </div>
  );
}

export function UploadForm({ itemId, version }: { itemId: number; version: number }) {
  const t = useTranslations("attachments");
  return (
    <ActionForm action={uploadAttachmentAction} resetOnSuccess className="mt-4 space-y-3" testId="attachment-upload-form">
      <input type="hidden" name="id" value={itemId} />
      <input type="hidden" name="version" value={version} />
      <FileField />
      <SubmitButton variant="secondary" pending={t("uploading")}>
        {t("upload")}
      </SubmitButton>
    </ActionForm>
  );
}
