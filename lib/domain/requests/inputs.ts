// Input schemas for requests for instruction (请示); messages are message-file keys, as in
// ../items/inputs.ts. Text limits: the title 200 characters, the request's own texts up to
// 20,000 (background, options) or 5,000 (question, recommendation, every comment and decision).
import { z } from "zod";
import { checkbox, choice, isStorable, isoDate, listHolds, manyIds, MAX_INT, optionalIsoDate, optionalText, text, urgency, version, wholeNumber } from "../input-kit";

export const TITLE_MAX = 200;
export const LONG_TEXT_MAX = 20_000;
export const TEXT_MAX = 5_000;
export const NOTE_MAX = 500;

/** Optional text that is stored as "" when empty (the request's own columns are not null). */
const blankText = (max: number) =>
  z.string().trim().max(max, { error: "errors.tooLong" }).refine(isStorable, { error: "errors.characters" }).optional().default("");
/** Ids here refuse a non-whole number as "required" too. */
const id = wholeNumber(1, MAX_INT, "errors.required");

export const requestRef = z.object({ id, version });

/** What a department writes: creating a draft and editing it take the same fields. */
const draftFields = {
  title: text(TITLE_MAX),
  background: blankText(LONG_TEXT_MAX),
  question: text(TEXT_MAX),
  options: blankText(LONG_TEXT_MAX),
  recommendation: blankText(TEXT_MAX),
  urgency,
  wishedBy: optionalIsoDate,
};

export const requestDraftInput = z.object(draftFields);
export type RequestDraftInput = z.infer<typeof requestDraftInput>;

export const requestEditInput = requestRef.extend(draftFields);

/** The head withdraws; the reason is optional. */
export const withdrawRequestInput = requestRef.extend({ reason: optionalText(TEXT_MAX) });

/** The office returns the request for revision: its comments are required. */
export const returnRequestInput = requestRef.extend({ comment: text(TEXT_MAX) });

/** The office's proposal (拟办); ticking "major" sends it to the principal. */
export const proposeRequestInput = requestRef.extend({ proposal: text(TEXT_MAX), major: checkbox });

export const rerouteRequestInput = requestRef.extend({ leaderId: id, note: text(NOTE_MAX) });

export const requestCountersignInput = requestRef
  .extend({ leaderIds: manyIds, note: optionalText(TEXT_MAX) })
  .refine((v) => Array.isArray(v.leaderIds) && v.leaderIds.length > 0, { error: "errors.required", path: ["leaderIds"] });

export const countersignInput = requestRef.extend({ opinion: text(TEXT_MAX) });

export const REQUEST_DECISIONS = ["approve", "reject", "instruct"] as const;
export type RequestDecisionKind = (typeof REQUEST_DECISIONS)[number];

/** Approve (an optional note), reject (a reason) or instruct (批示): the last two need the text. */
export const decideRequestInput = requestRef
  .extend({ decision: choice(REQUEST_DECISIONS), text: optionalText(TEXT_MAX) })
  .refine((v) => v.decision === "approve" || v.text !== null, { error: "errors.required", path: ["text"] });

export const referRequestInput = requestRef.extend({ note: optionalText(TEXT_MAX) });

/** Turning a decision into a supervised item for one or more departments. */
export const convertRequestInput = requestRef
  .extend({
    title: text(TITLE_MAX),
    body: blankText(LONG_TEXT_MAX),
    leadDepartmentId: id,
    supportDepartmentIds: manyIds,
    dueOn: isoDate,
    urgency,
  })
  .refine((v) => !listHolds(v.supportDepartmentIds, v.leadDepartmentId), { error: "errors.supportIsLead", path: ["supportDepartmentIds"] });
export type ConvertRequestInput = z.infer<typeof convertRequestInput>;
