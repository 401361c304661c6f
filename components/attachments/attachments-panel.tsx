import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/dal/actor";
import { listAttachments } from "@/lib/dal/items/attachments";
import { AttachmentsCard } from "./attachments-card";
import { UploadForm } from "./upload-form";

/** An item's files: a list of downloads, and an upload form for those who act on the item. */
export async function AttachmentsPanel({ actor, itemId, version, canUpload }: { actor: Actor; itemId: number; version: number; canUpload: boolean }) {
  const [t, files] = await Promise.all([getTranslations("attachments"), listAttachments(actor, itemId)]);
  return (
    <AttachmentsCard
      title={t("title")}
      empty={t("none")}
      testId="attachments"
      downloadBase={`/items/${itemId}/attachments`}
      files={files}
      upload={canUpload && <UploadForm itemId={itemId} version={version} />}
    />
  );
}
