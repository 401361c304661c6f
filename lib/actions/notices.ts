"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  noticeConfirmInput,
  noticeIdInput,
  noticePublishInput,
  noticeRef,
  noticeReplyInput,
  noticeReviseInput,
  noticeWithdrawInput,
} from "@/lib/domain/notices/inputs";
import {
  addNoticeAttachment,
  confirmNotice,
  publishNotice,
  replyNotice,
  reviseNotice,
  signForDepartment,
  urgeNotice,
  withdrawNotice,
} from "@/lib/dal/notices/commands";
import type { UploadFile } from "@/lib/dal/notices/attachments";
import { DomainError } from "@/lib/dal/errors";
import { formAction } from "./form";

// Notices show on the homes (cards), the lists and the detail: a change refreshes them all.
const options = { revalidate: "/" };

/** The files chosen in a form's `field` (empty pickers send a nameless empty file). */
async function filesOf(formData: FormData, field: string): Promise<UploadFile[]> {
  const out: UploadFile[] = [];
  for (const f of formData.getAll(field)) {
    // An empty picker arrives as a 0-byte part named "", "blob" or "undefined" depending on the
    // browser and the encoder; a 0-byte file the person really chose keeps its name and is refused.
    if (!(f instanceof File)) continue;
    const picked = f.size > 0 || (f.name !== "" && f.name !== "blob" && f.name !== "undefined");
    if (picked) out.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  return out;
}

/** Fields: kind, title, body, departmentIds[], roles[], userIds[], receiptRequired, receiptDueAt, files[]. */
export const publishNoticeAction = formAction(noticePublishInput, async (actor, data, formData) => {
  const { id } = await publishNotice(actor, data, await filesOf(formData, "files"));
  // redirect() throws, so formAction never reaches its own revalidation.
  revalidatePath("/", "layout");
  redirect(`/notices/${id}`);
});

/** Fields: id, version, title, body, receiptDueAt, departmentIds[], roles[], userIds[] (added), files[]. */
export const reviseNoticeAction = formAction(noticeReviseInput, async (actor, data, formData) => {
  await reviseNotice(actor, data, await filesOf(formData, "files"));
  return "notices.ok.revised";
}, options);

/** Fields: id, version, reason. */
export const withdrawNoticeAction = formAction(noticeWithdrawInput, async (actor, { id, version, reason }) => {
  await withdrawNotice(actor, id, version, reason);
  return "notices.ok.withdrawn";
}, options);

/** Fields: id, revision (the one seen; optional), onBehalfOf (optional user id). */
export const confirmNoticeAction = formAction(noticeConfirmInput, async (actor, { id, onBehalfOf, revision }) => {
  const { confirmed } = await confirmNotice(actor, id, { onBehalfOf, revision });
  if (!confirmed) return "notices.ok.alreadyConfirmed";
  return onBehalfOf && onBehalfOf !== actor.id ? "notices.ok.confirmedOnBehalf" : "notices.ok.confirmed";
}, options);

/** Fields: id, reply (attend|substitute|absent), substituteId, reason, onBehalfOf (optional), revision (optional). */
export const replyNoticeAction = formAction(noticeReplyInput, async (actor, { id, ...input }) => {
  const { replied } = await replyNotice(actor, id, input);
  return replied ? "notices.ok.replied" : "notices.ok.alreadyReplied";
}, options);

/** Fields: id. */
export const signForDepartmentAction = formAction(noticeIdInput, async (actor, { id }) => {
  const { signed } = await signForDepartment(actor, id);
  return signed ? "notices.ok.signed" : "notices.ok.alreadySigned";
}, options);

/** Fields: id. */
export const urgeNoticeAction = formAction(noticeIdInput, async (actor, { id }) => {
  await urgeNotice(actor, id);
  return "notices.ok.urged";
}, options);

/** Fields: id, version, file. Adding a file is a revision: recipients confirm again. */
export const uploadNoticeAttachmentAction = formAction(noticeRef, async (actor, { id, version }, formData) => {
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) throw new DomainError("file_empty", "file");
  await addNoticeAttachment(actor, id, version, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  return "notices.ok.attached";
}, options);
