import { getFormatter, getTranslations } from "next-intl/server";
import type { RequestAttachmentDto } from "@/lib/dal/requests/attachments";
import { Card, EmptyState } from "@/components/ui/card";
import { RequestUploadForm } from "./upload-form";

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A request's files: downloads for whoever sees the request; upload while the department edits it. */
export async function RequestAttachmentsPanel({ requestId, files, canUpload }: { requestId: number; files: RequestAttachmentDto[]; canUpload: boolean }) {
  const [t, format] = await Promise.all([getTranslations("requests.attachments"), getFormatter()]);
  return (
    <Card title={t("title")}>
      {files.length ? (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="request-attachments">
          {files.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <a href={`/requests/${requestId}/attachments/${f.id}`} className="break-all text-brand-600 underline-offset-2 hover:underline">
                {f.name}
              </a>
              <span className="text-xs text-slate-500">
                {size(f.size)} · {f.uploadedByName} · {format.dateTime(f.createdAt, { dateStyle: "short", timeStyle: "short" })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t("none")}</EmptyState>
      )}
      {canUpload && <RequestUploadForm requestId={requestId} />}
    </Card>
  );
}
