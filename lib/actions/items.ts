"use server";
import { z } from "zod";
import {
  decisionInput,
  extensionDecisionInput,
  extensionRequestInput,
  itemEditInput,
  itemRef,
  itemRegisterInput,
  noteInput,
  optionalNoteInput,
  progressInput,
  proposeInput,
  rerouteInput,
} from "@/lib/domain/items/inputs";
import {
  cancelItem,
  closeItem,
  decideExtension,
  decideItem,
  dispatchItem,
  editItem,
  leaderSendDirect,
  proposeItem,
  referToPrincipal,
  registerItem,
  reportCompletion,
  reportProgress,
  requestExtension,
  rerouteItem,
  returnForRework,
  signFor,
  urgeItem,
} from "@/lib/dal/items/commands";
import { isOffice } from "@/lib/dal/items/context";
import { sweepNow } from "@/lib/dal/items/sweep";
import { DomainError } from "@/lib/dal/errors";
import { formAction, openCreated } from "./form";

// Every item page hangs off the portal layout (homes, inboxes, queues, the detail), so a change
// to one item refreshes them all.
const options = { revalidate: "/" };

/**
 * Registers an item; with a proposal from the office it is put before the routed leader at once.
 * That is two transactions (register, then propose): if proposing fails the item stays a draft,
 * which is a valid state the office can propose from later, and the detail page says why.
 */
export const registerItemAction = formAction(itemRegisterInput, async (actor, data) => {
  const { id } = await registerItem(actor, data);
  let failed: string | null = null;
  if (data.proposal && isOffice(actor)) {
    try {
      // A freshly registered item is at version 1.
      await proposeItem(actor, id, 1, data.proposal);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      failed = e.code;
    }
  }
  openCreated(failed ? `/items/${id}?proposeFailed=${failed}` : `/items/${id}`);
});

export const proposeAction = formAction(proposeInput, async (actor, { id, version, proposal }) => {
  await proposeItem(actor, id, version, proposal);
  return "items.ok.proposed";
}, options);

export const rerouteAction = formAction(rerouteInput, async (actor, { id, version, leaderId, note }) => {
  await rerouteItem(actor, id, version, leaderId, note);
  return "items.ok.rerouted";
}, options);

export const dispatchAction = formAction(itemRef, async (actor, { id, version }) => {
  await dispatchItem(actor, id, version);
  return "items.ok.dispatched";
}, options);

export const decideAction = formAction(decisionInput, async (actor, { id, version, decision, instruction }) => {
  await decideItem(actor, id, version, decision, instruction);
  return decision === "approve" ? "items.ok.approved" : "items.ok.instructed";
}, options);

export const referToPrincipalAction = formAction(noteInput, async (actor, { id, version, note }) => {
  await referToPrincipal(actor, id, version, note);
  return "items.ok.referred";
}, options);

export const leaderSendDirectAction = formAction(
  itemRef.extend({ instruction: optionalNoteInput.shape.note }),
  async (actor, { id, version, instruction }) => {
    await leaderSendDirect(actor, id, version, instruction);
    return "items.ok.sentDirect";
  },
  options,
);

export const signForAction = formAction(itemRef, async (actor, { id, version }) => {
  await signFor(actor, id, version);
  return "items.ok.signed";
}, options);

export const reportProgressAction = formAction(progressInput, async (actor, { id, version, note, partDone }) => {
  await reportProgress(actor, id, version, note, partDone);
  return "items.ok.progress";
}, options);

export const requestExtensionAction = formAction(extensionRequestInput, async (actor, { id, version, ...input }) => {
  await requestExtension(actor, id, version, input);
  return "items.ok.extensionRequested";
}, options);

export const decideExtensionAction = formAction(extensionDecisionInput, async (actor, { id, version, extensionId, approve, note }) => {
  await decideExtension(actor, id, version, extensionId, approve, note);
  return "items.ok.extensionDecided";
}, options);

export const reportCompletionAction = formAction(noteInput, async (actor, { id, version, note }) => {
  await reportCompletion(actor, id, version, note);
  return "items.ok.completionReported";
}, options);

export const closeAction = formAction(optionalNoteInput, async (actor, { id, version, note }) => {
  await closeItem(actor, id, version, note);
  return "items.ok.closed";
}, options);

export const returnForReworkAction = formAction(noteInput, async (actor, { id, version, note }) => {
  await returnForRework(actor, id, version, note);
  return "items.ok.returned";
}, options);

export const urgeAction = formAction(optionalNoteInput, async (actor, { id, version, note }) => {
  await urgeItem(actor, id, version, note);
  return "items.ok.urged";
}, options);

export const cancelAction = formAction(noteInput, async (actor, { id, version, note }) => {
  await cancelItem(actor, id, version, note);
  return "items.ok.cancelled";
}, options);

export const sweepNowAction = formAction(z.object({}), async (actor) => {
  await sweepNow(actor);
  return "items.ok.swept";
}, options);

export const editItemAction = formAction(itemEditInput, async (actor, { id, version, ...input }) => {
  await editItem(actor, input, id, version);
  return "items.ok.edited";
}, options);
