import { getFormatter, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/dal/actor";
import { listAttachments } from "@/lib/dal/items/attachments";
import { Card, EmptyState } from "@/components/ui/card";
import { UploadForm } from "./upload-form";

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** An item's files: a list of downloads, and an upload form for those who act on the item. */
export async function AttachmentsPanel({ actor, itemId, version, canUpload }: { actor: Actor; itemId: number; version: number; canUpload: boolean }) {
  const [t, format, files] = await Promise.all([getTranslations("attachments"), getFormatter(), listAttachments(actor, itemId)]);
  return (
    <Card title={t("title")}>
      {files.length ? (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="attachments">
          {files.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <a href={`/items/${itemId}/attachments/${f.id}`} className="text-brand-600 underline-offset-2 hover:underline">
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
      {canUpload && <UploadForm itemId={itemId} version={version} />}
    </Card>
  );
}
