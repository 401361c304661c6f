// Input schemas for supervised items; messages are message-file keys, as in ../schemas.ts.
import { z } from "zod";
import { isIsoDate } from "../calendar";
import { bodyText, checkbox, choice, id, isoDate, listHolds, manyIds, optionalIsoDate, optionalText, recordRef, text, urgency, wholeNumber } from "../input-kit";
import { EXTENSION_REASONS } from "./deadlines";
import { ITEM_SOURCES } from "./lifecycle";

/** A support department's own deadline, sent as `supportDue_<departmentId>` (a bad date is ignored). */
function supportDueOf(supportDepartmentIds: number[], fields: Record<string, unknown>): Record<number, string> {
  const supportDue: Record<number, string> = {};
  for (const d of supportDepartmentIds) {
    const v = fields[`supportDue_${d}`];
    if (typeof v === "string" && isIsoDate(v.trim())) supportDue[d] = v.trim();
  }
  return supportDue;
}

/**
 * Registering an item. The due date is given as a date or as N working days from today;
 * support departments may carry their own sub-deadline in `supportDue_<departmentId>`.
 */
export const itemRegisterInput = z
  .object({
    title: text(200),
    body: bodyText(20_000),
    source: choice(ITEM_SOURCES),
    urgency,
    major: checkbox,
    leadDepartmentId: id,
    supportDepartmentIds: manyIds,
    dueOn: optionalIsoDate,
    dueInWorkingDays: z
      .union([z.literal(""), wholeNumber(1, 365, "errors.workingDays")])
      .optional()
      .transform((v) => (typeof v === "number" ? v : null)),
    proposal: optionalText(5_000),
  })
  .catchall(z.unknown())
  .refine((v) => v.dueOn !== null || v.dueInWorkingDays !== null, { error: "errors.dueRequired", path: ["dueOn"] })
  .refine((v) => !listHolds(v.supportDepartmentIds, v.leadDepartmentId), { error: "errors.supportIsLead", path: ["supportDepartmentIds"] })
  .transform(({ title, body, source, urgency, major, leadDepartmentId, supportDepartmentIds, dueOn, dueInWorkingDays, proposal, ...rest }) => ({
    title,
    body,
    source,
    urgency,
    major,
    leadDepartmentId,
    supportDepartmentIds,
    dueOn,
    dueInWorkingDays,
    proposal,
    supportDue: supportDueOf(supportDepartmentIds, rest),
  }));
export type ItemRegisterInput = z.infer<typeof itemRegisterInput>;

export const itemRef = recordRef;

export const proposeInput = itemRef.extend({ proposal: text(5_000) });
export const rerouteInput = itemRef.extend({ leaderId: id, note: text(500) });
export const decisionInput = itemRef.extend({
  decision: choice(["approve", "instruct"]),
  instruction: optionalText(5_000),
});
export const noteInput = itemRef.extend({ note: text(5_000) });
export const optionalNoteInput = itemRef.extend({ note: optionalText(5_000) });
/** Progress; a support department may mark its own part done with it. */
export const progressInput = noteInput.extend({ partDone: checkbox });
export const extensionRequestInput = itemRef.extend({
  requestedDueOn: isoDate,
  reason: choice(EXTENSION_REASONS),
  note: optionalText(1_000),
});
export const extensionDecisionInput = itemRef.extend({
  extensionId: id,
  approve: z.enum(["true", "false"]).transform((v) => v === "true"),
  note: optionalText(1_000),
});

/** Changing the departments, the deadline or the urgency before the item is sent down. */
export const itemEditInput = itemRef
  .extend({
    urgency,
    major: checkbox,
    leadDepartmentId: id,
    supportDepartmentIds: manyIds,
    dueOn: isoDate,
    note: optionalText(1_000),
  })
  .catchall(z.unknown())
  .refine((v) => !listHolds(v.supportDepartmentIds, v.leadDepartmentId), { error: "errors.supportIsLead", path: ["supportDepartmentIds"] })
  .transform(({ id, version, urgency, major, leadDepartmentId, supportDepartmentIds, dueOn, note, ...rest }) => ({
    id,
    version,
    urgency,
    major,
    leadDepartmentId,
    supportDepartmentIds,
    dueOn,
    note,
    supportDue: supportDueOf(supportDepartmentIds, rest),
  }));
export type ItemEditInput = z.infer<typeof itemEditInput>;
