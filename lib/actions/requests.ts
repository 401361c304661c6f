"use server";
import {
  convertRequestInput,
  countersignInput,
  decideRequestInput,
  proposeRequestInput,
  referRequestInput,
  requestCountersignInput,
  requestDraftInput,
  requestEditInput,
  requestRef,
  rerouteRequestInput,
  returnRequestInput,
  withdrawRequestInput,
} from "@/lib/domain/requests/inputs";
import {
  convertRequestToItem,
  countersignRequest,
  createRequest,
  decideRequest,
  editRequest,
  proposeRequest,
  referRequestToPrincipal,
  requestCountersign,
  rerouteRequest,
  returnRequest,
  submitRequest,
  withdrawRequest,
} from "@/lib/dal/requests/commands";
import { addRequestAttachment } from "@/lib/dal/requests/attachments";
import { chosenFile, uploadTargetInput } from "./files";
import { formAction, openCreated } from "./form";

// Requests show on the homes, the queue, the lists and the detail: a change refreshes them all.
const options = { revalidate: "/" };

/** Saves a new draft and opens it (attachments are added there). */
export const createRequestAction = formAction(requestDraftInput, async (actor, data) => {
  const { id } = await createRequest(actor, data);
  openCreated(`/requests/${id}`);
});

export const editRequestAction = formAction(requestEditInput, async (actor, { id, version, ...input }) => {
  await editRequest(actor, id, version, input);
  return "requests.ok.edited";
}, options);

export const submitRequestAction = formAction(requestRef, async (actor, { id, version }) => {
  await submitRequest(actor, id, version);
  return "requests.ok.submitted";
}, options);

export const withdrawRequestAction = formAction(withdrawRequestInput, async (actor, { id, version, reason }) => {
  await withdrawRequest(actor, id, version, reason);
  return "requests.ok.withdrawn";
}, options);

export const returnRequestAction = formAction(returnRequestInput, async (actor, { id, version, comment }) => {
  await returnRequest(actor, id, version, comment);
  return "requests.ok.returned";
}, options);

export const proposeRequestAction = formAction(proposeRequestInput, async (actor, { id, version, proposal, major }) => {
  await proposeRequest(actor, id, version, proposal, major);
  return "requests.ok.proposed";
}, options);

export const rerouteRequestAction = formAction(rerouteRequestInput, async (actor, { id, version, leaderId, note }) => {
  await rerouteRequest(actor, id, version, leaderId, note);
  return "requests.ok.rerouted";
}, options);

export const requestCountersignAction = formAction(requestCountersignInput, async (actor, { id, version, leaderIds, note }) => {
  await requestCountersign(actor, id, version, leaderIds, note);
  return "requests.ok.countersignRequested";
}, options);

export const countersignAction = formAction(countersignInput, async (actor, { id, version, opinion }) => {
  await countersignRequest(actor, id, version, opinion);
  return "requests.ok.countersigned";
}, options);

/** Also posted by the leader's unified queue (decision=approve, one click). */
export const decideRequestAction = formAction(decideRequestInput, async (actor, { id, version, decision, text }) => {
  await decideRequest(actor, id, version, decision, text);
  return `requests.ok.${decision}`;
}, options);

export const referRequestAction = formAction(referRequestInput, async (actor, { id, version, note }) => {
  await referRequestToPrincipal(actor, id, version, note);
  return "requests.ok.referred";
}, options);

export const convertRequestAction = formAction(convertRequestInput, async (actor, { id, version, ...input }) => {
  await convertRequestToItem(actor, id, version, input);
  return "requests.ok.converted";
}, options);

export const uploadRequestAttachmentAction = formAction(uploadTargetInput, async (actor, { id }, formData) => {
  await addRequestAttachment(actor, id, await chosenFile(formData));
  return "attachments.uploaded";
}, options);
