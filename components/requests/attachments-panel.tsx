import { getTranslations } from "next-intl/server";
import type { RequestAttachmentDto } from "@/lib/dal/requests/attachments";
import { AttachmentsCard } from "@/components/attachments/attachments-card";
import { RequestUploadForm } from "./upload-form";

/** A request's files: downloads for whoever sees the request; upload while the department edits it. */
export async function RequestAttachmentsPanel({ requestId, files, canUpload }: { requestId: number; files: RequestAttachmentDto[]; canUpload: boolean }) {
  const t = await getTranslations("requests.attachments");
  return (
    <AttachmentsCard
      title={t("title")}
      empty={t("none")}
      testId="request-attachments"
      downloadBase={`/requests/${requestId}/attachments`}
      files={files}
      upload={canUpload && <RequestUploadForm requestId={requestId} />}
      breakNames
    />
  );
}
