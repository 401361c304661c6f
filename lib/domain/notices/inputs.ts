// Input schemas for notices; messages are message-file keys, as in ../items/inputs.ts.
import { z } from "zod";
import { bodyText, checkbox, choice, id, many, MAX_INT, optionalText, positiveId, recordRef, text, wholeNumber } from "../input-kit";
import { ROLES } from "../roles";
import { isLocalDateTime } from "./deadline";
import { MEETING_REPLIES, NOTICE_KINDS } from "./receipts";

export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;
export const REASON_MAX = 1_000;

/** An optional person (a select whose empty choice means "myself" / "nobody"). */
const optionalId = z
  .union([z.literal(""), wholeNumber(1, MAX_INT)])
  .optional()
  .transform((v) => (typeof v === "number" ? v : null));
const manyIds = many(positiveId, { error: "errors.invalid" });
const manyRoles = many(z.enum(ROLES), { error: "errors.choose" });
/** A wall-clock time in the organisation's zone, as a datetime-local field sends it. */
const optionalDateTime = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || isLocalDateTime(v), { error: "errors.dateTime" })
  .transform((v) => v || null);
const revision = z
  .union([z.literal(""), wholeNumber(1, MAX_INT)])
  .optional()
  .transform((v) => (typeof v === "number" ? v : null));

export type Audience = { departmentIds: number[]; roles: (typeof ROLES)[number][]; userIds: number[] };

export const isEmptyAudience = (a: Audience) => !a.departmentIds.length && !a.roles.length && !a.userIds.length;

const audienceFields = { departmentIds: manyIds, roles: manyRoles, userIds: manyIds };

/**
 * Publishing a notice. A meeting notice always asks for a reply (its receipt); an announcement
 * (信息发布) goes to everyone and asks for none, so its audience and deadline are ignored.
 * A deadline only makes sense with a receipt; without one it is dropped.
 */
export const noticePublishInput = z
  .object({
    kind: choice(NOTICE_KINDS),
    title: text(TITLE_MAX),
    body: bodyText(BODY_MAX),
    ...audienceFields,
    receiptRequired: checkbox,
    receiptDueAt: optionalDateTime,
  })
  .transform(({ kind, title, body, departmentIds, roles, userIds, receiptRequired, receiptDueAt }) => {
    const announcement = kind === "announcement";
    const required = kind === "meeting" ? true : announcement ? false : receiptRequired;
    return {
      kind,
      title,
      body,
      audience: announcement ? { departmentIds: [], roles: [], userIds: [] } : ({ departmentIds, roles, userIds } as Audience),
      receiptRequired: required,
      receiptDueAt: required ? receiptDueAt : null,
    };
  })
  .refine((v) => v.kind === "announcement" || !isEmptyAudience(v.audience), { error: "errors.audienceEmpty", path: ["audience"] });
export type NoticePublishInput = z.infer<typeof noticePublishInput>;

export const noticeRef = recordRef;

/**
 * Revising: the text and the deadline as they should now read, and people to add (the audience
 * may grow, never shrink). The receipt requirement and the kind stay as published.
 */
export const noticeReviseInput = noticeRef
  .extend({
    title: text(TITLE_MAX),
    body: bodyText(BODY_MAX),
    receiptDueAt: optionalDateTime,
    ...audienceFields,
  })
  .transform(({ id, version, title, body, receiptDueAt, departmentIds, roles, userIds }) => ({
    id,
    version,
    title,
    body,
    receiptDueAt,
    addAudience: { departmentIds, roles, userIds } as Audience,
  }));
export type NoticeReviseInput = z.infer<typeof noticeReviseInput>;

export const noticeWithdrawInput = noticeRef.extend({ reason: text(REASON_MAX) });

/** Confirming: for oneself, or for `onBehalfOf`; `revision` is the one the reader saw. */
export const noticeConfirmInput = z.object({ id, onBehalfOf: optionalId, revision });
export type NoticeConfirmInput = z.infer<typeof noticeConfirmInput>;

/** A meeting reply: attend; send a named substitute (a user); or absent, with a reason. */
export const noticeReplyInput = z
  .object({
    id,
    reply: choice(MEETING_REPLIES),
    substituteId: optionalId,
    reason: optionalText(REASON_MAX),
    onBehalfOf: optionalId,
    revision,
  })
  .refine((v) => v.reply !== "substitute" || v.substituteId !== null, { error: "errors.required", path: ["substituteId"] })
  .refine((v) => v.reply !== "absent" || v.reason !== null, { error: "errors.required", path: ["reason"] })
  .transform((v) => ({ ...v, substituteId: v.reply === "substitute" ? v.substituteId : null, reason: v.reply === "attend" ? null : v.reason }));
export type NoticeReplyInput = z.infer<typeof noticeReplyInput>;

export const noticeIdInput = z.object({ id });
