import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { attachments, users } from "@/db/schema";
import { checkUpload, cleanFileName } from "@/lib/domain/files";
import { today } from "@/lib/clock";
import { blobStore, maxUploadBytes } from "@/lib/storage";
import type { Actor } from "../actor";
import { DomainError, notFound } from "../errors";
import { loadVisibleNotice } from "./visibility";

export type UploadFile = { name: string; bytes: Uint8Array };

/** A file checked and written to the store, waiting for its row (or for removal on failure). */
export type PreparedFile = { name: string; storedName: string; contentType: string; size: number; sha256: string };

export type NoticeAttachmentDto = { id: number; name: string; size: number; contentType: string; uploadedByName: string; createdAt: Date };

/**
 * Checks every file (not empty, within the size limit, a known type whose content matches its
 * name) before any is stored, then writes the bytes under new names. A refusal names `field`.
 */
export async function prepareFiles(files: UploadFile[], field = "files"): Promise<PreparedFile[]> {
  const checked = files.map((f) => {
    const name = cleanFileName(f.name);
    const check = checkUpload(name, f.bytes, maxUploadBytes());
    if (!check.ok) throw new DomainError(`file_${check.reason}` as never, field);
    return { name, bytes: f.bytes, contentType: check.contentType };
  });
  const prepared: PreparedFile[] = [];
  try {
    for (const f of checked) {
      const storedName = randomUUID();
      await blobStore().put(storedName, f.bytes);
      prepared.push({ name: f.name, storedName, contentType: f.contentType, size: f.bytes.length, sha256: createHash("sha256").update(f.bytes).digest("hex") });
    }
  } catch (e) {
    await discardFiles(prepared);
    throw e;
  }
  return prepared;
}

/** Removes stored bytes whose transaction failed (no orphan files). */
export async function discardFiles(prepared: PreparedFile[]): Promise<void> {
  await Promise.all(prepared.map((p) => blobStore().remove(p.storedName)));
}

/** The attachment rows, in the caller's transaction. */
export async function insertNoticeAttachments(tx: Tx, noticeId: number, actor: Actor, prepared: PreparedFile[]): Promise<{ id: number; name: string; size: number }[]> {
  if (!prepared.length) return [];
  const rows = await tx
    .insert(attachments)
    .values(prepared.map((p) => ({ noticeId, uploadedById: actor.id, originalName: p.name, storedName: p.storedName, contentType: p.contentType, size: p.size, sha256: p.sha256 })))
    .returning({ id: attachments.id, name: attachments.originalName, size: attachments.size });
  return rows;
}

/** The notice's files, for those who may see the notice. */
export async function listNoticeAttachments(actor: Actor | null, noticeId: number): Promise<NoticeAttachmentDto[]> {
  if (!actor) throw new DomainError("signedOut");
  const db = getDb();
  if (!(await loadVisibleNotice(db, actor, noticeId, today()))) throw notFound();
  return db
    .select({ id: attachments.id, name: attachments.originalName, size: attachments.size, contentType: attachments.contentType, uploadedByName: users.name, createdAt: attachments.createdAt })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedById))
    .where(eq(attachments.noticeId, noticeId))
    .orderBy(asc(attachments.id));
}

/** The bytes of a notice's attachment, for those who may see the notice. */
export async function readNoticeAttachment(actor: Actor | null, noticeId: number, attachmentId: number) {
  if (!actor) throw new DomainError("signedOut");
  const db = getDb();
  if (!(await loadVisibleNotice(db, actor, noticeId, today()))) throw notFound();
  if (!Number.isSafeInteger(attachmentId) || attachmentId <= 0) throw notFound();
  const [row] = await db.select().from(attachments).where(and(eq(attachments.id, attachmentId), eq(attachments.noticeId, noticeId)));
  if (!row) throw notFound();
  return { name: row.originalName, contentType: row.contentType, bytes: await blobStore().get(row.storedName) };
}
