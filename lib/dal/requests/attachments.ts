import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { attachments, requestCountersigns, requests, users } from "@/db/schema";
import { checkUpload, cleanFileName } from "@/lib/domain/files";
import { decide } from "@/lib/domain/requests/lifecycle";
import { blobStore, maxUploadBytes } from "@/lib/storage";
import { today } from "@/lib/clock";
import type { Actor } from "../actor";
import { DomainError, notFound } from "../errors";
import { writeTimelineEvent } from "../timeline";
import { requestRelation } from "./context";
import { visibleRequests } from "./visibility";

export type RequestAttachmentDto = { id: number; name: string; size: number; contentType: string; uploadedByName: string; createdAt: Date };

async function assertVisible(actor: Actor | null, requestId: number) {
  if (!actor) throw new DomainError("signedOut");
  const db = getDb();
  const [row] = await db.select({ id: requests.id }).from(requests).where(and(eq(requests.id, requestId), await visibleRequests(db, actor, today())));
  if (!row) throw notFound();
}

/** A request's files, for those who may see the request. `checked`: the caller already applied the rule. */
export async function listRequestAttachments(actor: Actor | null, requestId: number, opts: { checked?: boolean } = {}): Promise<RequestAttachmentDto[]> {
  if (!opts.checked) await assertVisible(actor, requestId);
  return getDb()
    .select({ id: attachments.id, name: attachments.originalName, size: attachments.size, contentType: attachments.contentType, uploadedByName: users.name, createdAt: attachments.createdAt })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedById))
    .where(eq(attachments.requestId, requestId))
    .orderBy(asc(attachments.id));
}

/**
 * Attaches a file to a request while the department may still edit it (draft or returned): the
 * same people and states as editing. The bytes are checked by content and written under a new
 * name first; the row and the timeline event follow in one transaction that re-checks the state
 * under the row lock (a failed transaction removes the orphan file).
 */
export async function addRequestAttachment(actor: Actor | null, requestId: number, file: { name: string; bytes: Uint8Array }): Promise<number> {
  if (!actor) throw new DomainError("signedOut");
  const name = cleanFileName(file.name);
  const check = checkUpload(name, file.bytes, maxUploadBytes());
  const on = today();
  const mayEdit = async (tx: Tx, lock: boolean) => {
    const q = tx.select().from(requests).where(eq(requests.id, requestId));
    const [request] = lock ? await q.for("update") : await q;
    if (!request) throw notFound();
    const [visible] = await tx.select({ id: requests.id }).from(requests).where(and(eq(requests.id, requestId), await visibleRequests(tx, actor, on)));
    if (!visible) throw notFound();
    const countersigns = await tx.select().from(requestCountersigns).where(eq(requestCountersigns.requestId, requestId));
    const { ctx } = await requestRelation(tx, actor, request, countersigns, on);
    const verdict = decide(request.state, "edit_draft", ctx);
    if (!verdict.ok) throw new DomainError(verdict.reason === "not_allowed" ? "forbidden" : "wrongState");
  };
  // Refuse before writing any bytes when the person may not attach at all.
  await getDb().transaction((tx) => mayEdit(tx, false));
  if (!check.ok) throw new DomainError(`file_${check.reason}` as never, "file");
  const storedName = randomUUID();
  await blobStore().put(storedName, file.bytes);
  try {
    return await getDb().transaction(async (tx) => {
      await mayEdit(tx, true);
      const [row] = await tx
        .insert(attachments)
        .values({ requestId, uploadedById: actor.id, originalName: name, storedName, contentType: check.contentType, size: file.bytes.length, sha256: createHash("sha256").update(file.bytes).digest("hex") })
        .returning({ id: attachments.id });
      await writeTimelineEvent(tx, "request", requestId, actor.id, "attach", { attachmentId: row.id, name, size: file.bytes.length });
      return row.id;
    });
  } catch (e) {
    await blobStore().remove(storedName);
    throw e;
  }
}

/** The bytes of a request's attachment, for those who may see the request. */
export async function readRequestAttachment(actor: Actor | null, requestId: number, attachmentId: number) {
  await assertVisible(actor, requestId);
  const [row] = await getDb().select().from(attachments).where(and(eq(attachments.id, attachmentId), eq(attachments.requestId, requestId)));
  if (!row) throw notFound();
  return { name: row.originalName, contentType: row.contentType, bytes: await blobStore().get(row.storedName) };
}
