// The JSON shapes of /api/v1: what requests may carry (validated with these schemas) and what
// responses hold (every response object is parsed through its schema, which drops any field not
// declared here). The OpenAPI document is generated from the same schemas (lib/api/openapi.ts).
import { z } from "zod";
import { isIsoDate } from "@/lib/domain/calendar";
import { isStorable, listHolds, MAX_INT, text } from "@/lib/domain/input-kit";
import { ITEM_SOURCES, ITEM_STATES, URGENCIES } from "@/lib/domain/items/lifecycle";
import { MEETING_REPLIES, NOTICE_KINDS, NOTICE_STATES, RECEIPT_STATUSES } from "@/lib/domain/notices/receipts";
import { DEPARTMENT_KINDS, ROLES } from "@/lib/domain/roles";

// Messages are message keys ("errors.*"), translated in the error response.
const isoDate = z.string({ error: "errors.date" }).refine(isIsoDate, { error: "errors.date" }).meta({ format: "date", examples: ["2026-06-30"] });
// Ids and versions are PostgreSQL integers: a larger number is refused here, not by the database.
const positiveInt = z.number({ error: "errors.invalid" }).int({ error: "errors.invalid" }).positive({ error: "errors.invalid" }).max(MAX_INT, { error: "errors.invalid" });
/** Optional free text: trimmed, at most `max` characters, storable (no NUL, no lone surrogate). */
const freeText = (max: number) =>
  z.string({ error: "errors.invalid" }).trim().max(max, { error: "errors.tooLong" }).refine(isStorable, { error: "errors.characters" });
const dateTime = z.iso.datetime();

// ---------------------------------------------------------------------------------------
// Requests

export const itemListQuery = z.strictObject({
  state: z.enum(ITEM_STATES, { error: "errors.choose" }).optional().describe("Only items in this state."),
  overdue: z
    .enum(["true", "false"], { error: "errors.invalid" })
    .optional()
    .transform((v) => v === "true")
    .describe("true: only open items past their due date."),
  q: freeText(200).optional().describe("Words of the title or body, or an item number such as 督〔2026〕5号."),
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, { error: "errors.invalid" })
    .refine((v) => Number(v) <= MAX_INT, { error: "errors.invalid" })
    .optional()
    .describe("nextCursor of the previous page."),
  limit: z.coerce.number({ error: "errors.invalid" }).int({ error: "errors.invalid" }).min(1, { error: "errors.invalid" }).max(100, { error: "errors.invalid" }).default(50).describe("Page size, 1–100."),
});

export const itemCreateBody = z
  .strictObject({
    title: text(200),
    body: freeText(20_000).default(""),
    source: z.enum(ITEM_SOURCES, { error: "errors.choose" }),
    urgency: z.enum(URGENCIES, { error: "errors.choose" }).default("normal"),
    major: z.boolean({ error: "errors.invalid" }).default(false),
    leadDepartmentId: positiveInt,
    supportDepartmentIds: z.array(positiveInt, { error: "errors.invalid" }).max(50, { error: "errors.tooLong" }).default([]),
    supportDue: z
      .record(z.string().regex(/^[1-9][0-9]*$/), isoDate, { error: "errors.invalid" })
      .default({})
      .describe("A support department's own deadline, by department id."),
    dueOn: isoDate.optional().describe("The due date; or give dueInWorkingDays."),
    dueInWorkingDays: z.number({ error: "errors.workingDays" }).int({ error: "errors.workingDays" }).min(1, { error: "errors.workingDays" }).max(365, { error: "errors.workingDays" }).optional(),
    proposal: freeText(5_000).optional().describe("The office's proposal (拟办): the item goes before the routed leader at once (office tokens only)."),
  })
  .refine((v) => v.dueOn !== undefined || v.dueInWorkingDays !== undefined, { error: "errors.dueRequired", path: ["dueOn"] })
  .refine((v) => !listHolds(v.supportDepartmentIds, v.leadDepartmentId), { error: "errors.supportIsLead", path: ["supportDepartmentIds"] });
export type ItemCreateBody = z.output<typeof itemCreateBody>;

export const progressBody = z.strictObject({
  version: positiveInt.describe("The item's version as last read; a changed item answers 409 conflict."),
  note: text(5_000),
  partDone: z.boolean({ error: "errors.invalid" }).default(false).describe("A support department reports its own part done."),
});

export const noticeListQuery = z.strictObject({
  box: z.enum(["received", "sent", "board"], { error: "errors.choose" }).default("received").describe("received: sent to the caller; sent: those the caller manages; board: announcements."),
  limit: z.coerce.number({ error: "errors.invalid" }).int({ error: "errors.invalid" }).min(1, { error: "errors.invalid" }).max(200, { error: "errors.invalid" }).default(100),
});

export const userListQuery = z.strictObject({
  departmentId: z.coerce.number({ error: "errors.invalid" }).int({ error: "errors.invalid" }).positive({ error: "errors.invalid" }).max(MAX_INT, { error: "errors.invalid" }).optional(),
  q: freeText(100).optional().describe("Part of a name, login or title."),
});

/** The {id} of a path: digits only, as every record id in a URL (lib/http/record-id.ts), so "1e3", " 7" or "0x10" name no record. */
export const idParam = z
  .string({ error: "errors.invalid" })
  .regex(/^[1-9][0-9]{0,9}$/, { error: "errors.invalid" })
  .transform(Number)
  .refine((n) => n <= MAX_INT, { error: "errors.invalid" });

// ---------------------------------------------------------------------------------------
// Responses

export const errorResponse = z.object({
  error: z.object({
    code: z.string().describe("Stable: invalid_token, insufficient_scope, rate_limited, invalid_request, invalid_json, payload_too_large, unsupported_media_type, not_found, forbidden, conflict, wrong_state, internal_error, or a domain code (422)."),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().describe("Per field, for invalid_request and domain errors."),
  }),
});

export const itemSummary = z.object({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  state: z.enum(ITEM_STATES),
  urgency: z.enum(URGENCIES),
  major: z.boolean(),
  dueOn: isoDate,
  overdue: z.boolean(),
  leadDepartmentName: z.string(),
  routedLeaderName: z.string().nullable(),
  createdAt: dateTime,
  version: z.number().int(),
});

export const itemList = z.object({ data: z.array(itemSummary), nextCursor: z.string().nullable() });

export const itemDetail = itemSummary
  .extend({
    body: z.string(),
    source: z.enum(ITEM_SOURCES),
    proposal: z.string().nullable(),
    instruction: z.string().nullable(),
    createdByName: z.string(),
    departments: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        role: z.enum(["lead", "support"]),
        dueOn: isoDate.nullable(),
        signedAt: dateTime.nullable(),
        completedAt: dateTime.nullable(),
      }),
    ),
    timeline: z.array(
      z.object({
        at: dateTime,
        action: z.string(),
        actorName: z.string().nullable(),
        onBehalfOfName: z.string().nullable(),
        note: z.string().nullable(),
      }),
    ),
  });

export const itemCreated = z.object({
  item: itemDetail,
  proposal: z
    .object({ status: z.enum(["proposed", "failed"]), code: z.string().optional() })
    .nullable()
    .describe("With a proposal: whether it was put before the leader; when it failed the item stays a draft."),
});

export const progressResult = z.object({ id: z.number().int(), state: z.enum(ITEM_STATES), version: z.number().int() });

const receiptStatus = z.enum(RECEIPT_STATUSES);
const count = z.number().int();
const receiptCounts = z.object({ total: count, confirmed: count, proxy_only: count, confirmed_earlier: count, read: count, unread: count });

export const noticeSummary = z.object({
  id: z.number().int(),
  kind: z.enum(NOTICE_KINDS),
  title: z.string(),
  state: z.enum(NOTICE_STATES),
  revision: z.number().int(),
  publishedAt: dateTime,
  revisedAt: dateTime.nullable(),
  senderName: z.string(),
  senderDepartmentName: z.string(),
  receiptRequired: z.boolean(),
  receiptDueAt: dateTime.nullable(),
  overdue: z.boolean(),
  status: receiptStatus.optional().describe("box=received: where the caller stands."),
  counts: receiptCounts.optional().describe("box=sent: receipts on the current revision."),
});

export const noticeList = z.object({ data: z.array(noticeSummary) });

const receipt = z.object({
  status: receiptStatus,
  deliveredAt: dateTime,
  readAt: dateTime.nullable(),
  confirmedAt: dateTime.nullable(),
  proxyConfirmedAt: dateTime.nullable(),
  reply: z.enum(MEETING_REPLIES).nullable(),
  substituteName: z.string().nullable(),
  replyReason: z.string().nullable(),
  repliedAt: dateTime.nullable(),
});

export const noticeDetail = noticeSummary
  .omit({ status: true, counts: true })
  .extend({
    body: z.string(),
    version: z.number().int(),
    withdrawnAt: dateTime.nullable(),
    withdrawnReason: z.string().nullable(),
    audience: z.object({ departments: z.array(z.string()), roles: z.array(z.enum(ROLES)), people: z.array(z.string()) }),
    manages: z.boolean().describe("The caller sent the notice (or is office staff for an office notice): receipts are included."),
    mine: receipt.nullable().describe("The caller's own receipt, when they are a recipient."),
    receipts: z
      .object({
        counts: receiptCounts,
        departments: z.array(
          z.object({
            departmentId: z.number().int(),
            name: z.string(),
            signedAt: dateTime.nullable(),
            counts: receiptCounts,
            people: z.array(receipt.extend({ userId: z.number().int(), name: z.string() })),
          }),
        ),
      })
      .nullable()
      .describe("Who has read, confirmed and replied, per department: only for those who manage the notice."),
  });

export const department = z
  .object({ id: z.number().int(), name: z.string(), kind: z.enum(DEPARTMENT_KINDS), parentId: z.number().int().nullable(), sortOrder: z.number().int() });
export const departmentList = z.object({ data: z.array(department) });

export const user = z.object({
  id: z.number().int(),
  login: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  roles: z.array(z.enum(ROLES)),
  email: z.string().nullable().optional().describe("Only when the token's owner is an admin."),
});
export const userList = z.object({ data: z.array(user) });
