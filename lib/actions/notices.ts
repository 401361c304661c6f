"use server";
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
import { chosenFile, chosenFiles } from "./files";
import { formAction, openCreated } from "./form";

// Notices show on the homes (cards), the lists and the detail: a change refreshes them all.
const options = { revalidate: "/" };

/** Fields: kind, title, body, departmentIds[], roles[], userIds[], receiptRequired, receiptDueAt, files[]. */
export const publishNoticeAction = formAction(noticePublishInput, async (actor, data, formData) => {
  const { id } = await publishNotice(actor, data, await chosenFiles(formData, "files"));
  openCreated(`/notices/${id}`);
});

/** Fields: id, version, title, body, receiptDueAt, departmentIds[], roles[], userIds[] (added), files[]. */
export const reviseNoticeAction = formAction(noticeReviseInput, async (actor, data, formData) => {
  await reviseNotice(actor, data, await chosenFiles(formData, "files"));
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
  await addNoticeAttachment(actor, id, version, await chosenFile(formData));
  return "notices.ok.attached";
}, options);
