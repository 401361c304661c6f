import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { attachments, items, users } from "@/db/schema";
import { checkUpload, cleanFileName } from "@/lib/domain/files";
import { isOpen } from "@/lib/domain/items/lifecycle";
import { blobStore, maxUploadBytes } from "@/lib/storage";
import type { Actor } from "../actor";
import { DomainError, notFound } from "../errors";
import { writeTimelineEvent } from "../timeline";
import { getItem } from "./queries";
import { visibleItems } from "./visibility";
import { today } from "@/lib/clock";

export type AttachmentDto = { id: number; name: string; size: number; contentType: string; uploadedByName: string; createdAt: Date };

export async function listAttachments(actor: Actor | null, itemId: number): Promise<AttachmentDto[]> {
  if (!actor) throw new DomainError("signedOut");
  const db = getDb();
  // The visibility rule alone, not the whole item: the detail page has read that already.
  const [visible, files] = await Promise.all([
    db.select({ id: items.id }).from(items).where(and(eq(items.id, itemId), await visibleItems(db, actor, today(), { one: true }))),
    db
      .select({ id: attachments.id, name: attachments.originalName, size: attachments.size, contentType: attachments.contentType, uploadedByName: users.name, createdAt: attachments.createdAt })
      .from(attachments)
      .innerJoin(users, eq(users.id, attachments.uploadedById))
      .where(eq(attachments.itemId, itemId))
      .orderBy(asc(attachments.id)),
  ]);
  if (!visible.length) throw notFound();
  return files;
}

/**
 * Attaches a file to an open item. Whoever can see the item and act on it in any way may add
 * files; the bytes are written first under a new name, then the row and the timeline event in
 * one transaction (a failed transaction removes the orphan file).
 */
export async function addAttachment(actor: Actor | null, itemId: number, file: { name: string; bytes: Uint8Array }): Promise<number> {
  const item = await getItem(actor, itemId);
  if (!isOpen(item.state)) throw new DomainError("wrongState");
  if (item.actions.length === 0) throw new DomainError("forbidden");
  const name = cleanFileName(file.name);
  const check = checkUpload(name, file.bytes, maxUploadBytes());
  if (!check.ok) throw new DomainError(`file_${check.reason}` as never, "file");
  const storedName = randomUUID();
  await blobStore().put(storedName, file.bytes);
  try {
    return await getDb().transaction(async (tx) => {
      const [exists] = await tx.select({ id: items.id }).from(items).where(eq(items.id, itemId)).for("update");
      if (!exists) throw notFound();
      const [row] = await tx
        .insert(attachments)
        .values({ itemId, uploadedById: actor!.id, originalName: name, storedName, contentType: check.contentType, size: file.bytes.length, sha256: createHash("sha256").update(file.bytes).digest("hex") })
        .returning({ id: attachments.id });
      await writeTimelineEvent(tx, "item", itemId, actor!.id, "attach", { attachmentId: row.id, name, size: file.bytes.length });
      return row.id;
    });
  } catch (e) {
    await blobStore().remove(storedName);
    throw e;
  }
}

/** The bytes of an attachment, for those who may see its item. */
export async function readAttachment(actor: Actor | null, itemId: number, attachmentId: number) {
  await getItem(actor, itemId);
  const [row] = await getDb().select().from(attachments).where(and(eq(attachments.id, attachmentId), eq(attachments.itemId, itemId)));
  if (!row) throw notFound();
  return { name: row.originalName, contentType: row.contentType, bytes: await blobStore().get(row.storedName) };
}
