"use client";
import { FileUploadForm } from "@/components/attachments/upload-form";
import { uploadRequestAttachmentAction } from "@/lib/actions/requests";

/** The request's upload reads only its id (no version). */
export function RequestUploadForm({ requestId }: { requestId: number }) {
  return <FileUploadForm action={uploadRequestAttachmentAction} testId="request-attachment-upload-form" fields={{ id: requestId }} />;
}
