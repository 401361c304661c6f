// Input schemas for supervised items; messages are message-file keys, as in ../schemas.ts.
import { z } from "zod";
import { isIsoDate } from "../calendar";
import { EXTENSION_REASONS } from "./deadlines";
import { ITEM_SOURCES, URGENCIES } from "./lifecycle";

const text = (max: number) =>
  z.string({ error: "errors.required" }).trim().min(1, { error: "errors.required" }).max(max, { error: "errors.tooLong" });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "errors.tooLong" })
    .optional()
    .transform((v) => v || null);
const id = z.coerce.number({ error: "errors.required" }).int().positive({ error: "errors.required" });
const isoDate = z.string({ error: "errors.required" }).trim().refine(isIsoDate, { error: "errors.date" });
const optionalIsoDate = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || isIsoDate(v), { error: "errors.date" })
  .transform((v) => v || null);
const manyIds = z
  .union([z.array(z.coerce.number().int().positive()), z.coerce.number().int().positive()])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]));
const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");

/**
 * Registering an item. The due date is given as a date or as N working days from today;
 * support departments may carry their own sub-deadline in `supportDue_<departmentId>`.
 */
export const itemRegisterInput = z
  .object({
    title: text(200),
    body: z.string().trim().max(20_000, { error: "errors.tooLong" }).default(""),
    source: z.enum(ITEM_SOURCES, { error: "errors.choose" }),
    urgency: z.enum(URGENCIES, { error: "errors.choose" }),
    major: checkbox,
    leadDepartmentId: id,
    supportDepartmentIds: manyIds,
    dueOn: optionalIsoDate,
    dueInWorkingDays: z
      .union([z.literal(""), z.coerce.number().int({ error: "errors.workingDays" }).min(1, { error: "errors.workingDays" }).max(365, { error: "errors.workingDays" })])
      .optional()
      .transform((v) => (typeof v === "number" ? v : null)),
    proposal: optionalText(5_000),
  })
  .catchall(z.unknown())
  .refine((v) => v.dueOn !== null || v.dueInWorkingDays !== null, { error: "errors.dueRequired", path: ["dueOn"] })
  .refine((v) => !v.supportDepartmentIds.includes(v.leadDepartmentId), { error: "errors.supportIsLead", path: ["supportDepartmentIds"] })
  .transform(({ title, body, source, urgency, major, leadDepartmentId, supportDepartmentIds, dueOn, dueInWorkingDays, proposal, ...rest }) => {
    const supportDue: Record<number, string> = {};
    for (const d of supportDepartmentIds) {
      const v = rest[`supportDue_${d}`];
      if (typeof v === "string" && isIsoDate(v.trim())) supportDue[d] = v.trim();
    }
    return { title, body, source, urgency, major, leadDepartmentId, supportDepartmentIds, dueOn, dueInWorkingDays, proposal, supportDue };
  });
export type ItemRegisterInput = z.infer<typeof itemRegisterInput>;

export const itemRef = z.object({ id, version: z.coerce.number().int().positive() });

export const proposeInput = itemRef.extend({ proposal: text(5_000) });
export const rerouteInput = itemRef.extend({ leaderId: id, note: text(500) });
export const decisionInput = itemRef.extend({
  decision: z.enum(["approve", "instruct"], { error: "errors.choose" }),
  instruction: optionalText(5_000),
});
export const noteInput = itemRef.extend({ note: text(5_000) });
export const optionalNoteInput = itemRef.extend({ note: optionalText(5_000) });
/** Progress; a support department may mark its own part done with it. */
export const progressInput = noteInput.extend({ partDone: checkbox });
export const extensionRequestInput = itemRef.extend({
  requestedDueOn: isoDate,
  reason: z.enum(EXTENSION_REASONS, { error: "errors.choose" }),
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
    urgency: z.enum(URGENCIES, { error: "errors.choose" }),
    major: checkbox,
    leadDepartmentId: id,
    supportDepartmentIds: manyIds,
    dueOn: isoDate,
    note: optionalText(1_000),
  })
  .catchall(z.unknown())
  .refine((v) => !v.supportDepartmentIds.includes(v.leadDepartmentId), { error: "errors.supportIsLead", path: ["supportDepartmentIds"] })
  .transform(({ id, version, urgency, major, leadDepartmentId, supportDepartmentIds, dueOn, note, ...rest }) => {
    const supportDue: Record<number, string> = {};
    for (const d of supportDepartmentIds) {
      const v = rest[`supportDue_${d}`];
      if (typeof v === "string" && isIsoDate(v.trim())) supportDue[d] = v.trim();
    }
    return { id, version, urgency, major, leadDepartmentId, supportDepartmentIds, dueOn, note, supportDue };
  });
export type ItemEditInput = z.infer<typeof itemEditInput>;
