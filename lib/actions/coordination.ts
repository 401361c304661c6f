"use server";
import {
  agreementInput,
  declineInput,
  decideInput,
  escalateInput,
  matterRef,
  noteInput,
  optionalNoteInput,
  positionInput,
  raiseMatterInput,
} from "@/lib/domain/coordination/inputs";
import {
  acceptMatter,
  closeMatter,
  decideMatter,
  declineMatter,
  escalateMatter,
  logConsultation,
  proposeMeeting,
  raiseMatter,
  recordAgreement,
  statePosition,
} from "@/lib/dal/coordination/commands";
import { formAction, openCreated } from "./form";

// A matter shows on the homes, the lists and its own page: a change refreshes them all.
const options = { revalidate: "/" };

/** Raises a matter and opens it. */
export const raiseCoordinationAction = formAction(raiseMatterInput, async (actor, data) => {
  const { id } = await raiseMatter(actor, data);
  openCreated(`/coordination/${id}`);
});

export const acceptCoordinationAction = formAction(matterRef, async (actor, { id, version }) => {
  await acceptMatter(actor, id, version);
  return "coordination.ok.accepted";
}, options);

export const declineCoordinationAction = formAction(declineInput, async (actor, { id, version, reason }) => {
  await declineMatter(actor, id, version, reason);
  return "coordination.ok.declined";
}, options);

export const statePositionAction = formAction(positionInput, async (actor, { id, version, position }) => {
  await statePosition(actor, id, version, position);
  return "coordination.ok.position";
}, options);

export const logConsultationAction = formAction(noteInput, async (actor, { id, version, note }) => {
  await logConsultation(actor, id, version, note);
  return "coordination.ok.consultation";
}, options);

export const proposeMeetingAction = formAction(noteInput, async (actor, { id, version, note }) => {
  await proposeMeeting(actor, id, version, note);
  return "coordination.ok.meeting";
}, options);

export const recordAgreementAction = formAction(agreementInput, async (actor, { id, version, points }) => {
  await recordAgreement(actor, id, version, points);
  return "coordination.ok.agreed";
}, options);

export const escalateCoordinationAction = formAction(escalateInput, async (actor, { id, version, summary, proposal }) => {
  await escalateMatter(actor, id, version, { summary, proposal });
  return "coordination.ok.escalated";
}, options);

export const decideCoordinationAction = formAction(decideInput, async (actor, { id, version, decision, points }) => {
  await decideMatter(actor, id, version, decision, points);
  return "coordination.ok.decided";
}, options);

export const closeCoordinationAction = formAction(optionalNoteInput, async (actor, { id, version, note }) => {
  await closeMatter(actor, id, version, note);
  return "coordination.ok.closed";
}, options);
