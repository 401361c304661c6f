// Notices with receipts (DESIGN.md §4): who may act on a notice, who may confirm on someone
// else's behalf, and how a recipient's receipt is counted. Pure: the data layer gathers the
// facts (roles, delegations, rows) and asks these functions.
import { isLeader, type Role } from "../roles";

export const NOTICE_KINDS = ["notice", "meeting", "announcement"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_STATES = ["published", "withdrawn"] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

export const MEETING_REPLIES = ["attend", "substitute", "absent"] as const;
export type MeetingReply = (typeof MEETING_REPLIES)[number];

/** The sender may urge at most once in this window per notice. */
export const URGE_INTERVAL_MS = 10 * 60 * 1000;

export const isOfficeRole = (roles: readonly Role[]) => roles.includes("office_director") || roles.includes("office_staff");

// ---------------------------------------------------------------------------------------
// Confirming on someone's behalf

export type Person = { id: number; roles: readonly Role[]; departmentId: number };

/** Why someone may confirm for another person. */
export type ProxyBasis = "office_for_leader" | "delegate" | "department";

/**
 * May `actor` confirm (or reply) on `target`'s behalf? Only:
 *  - an office member for a leader (principal or deputy) — the secretary's case;
 *  - an active delegate for a leader who delegated to them today (`delegatorIds`);
 *  - a department's head or liaison for a member of their own department.
 * Never for oneself: a person's own confirmation is always their own act. Null: not allowed.
 */
export function proxyBasis(actor: Person, target: Person, delegatorIds: readonly number[]): ProxyBasis | null {
  if (actor.id === target.id) return null;
  const targetIsLeader = isLeader(target.roles);
  if (targetIsLeader && isOfficeRole(actor.roles)) return "office_for_leader";
  if (targetIsLeader && delegatorIds.includes(target.id)) return "delegate";
  if ((actor.roles.includes("dept_head") || actor.roles.includes("dept_liaison")) && actor.departmentId === target.departmentId) return "department";
  return null;
}

// ---------------------------------------------------------------------------------------
// A recipient's receipt

export type Receipt = {
  readAt: Date | null;
  confirmedAt: Date | null;
  confirmedRevision: number | null;
  proxyConfirmedAt: Date | null;
  proxyConfirmedRevision: number | null;
};

/**
 * Where a recipient stands on the notice's current revision:
 *  - confirmed: the person confirmed it themselves;
 *  - proxy_only: only someone on their behalf confirmed it (not counted as theirs);
 *  - confirmed_earlier: a confirmation exists, but for an earlier revision;
 *  - read: opened, not confirmed;
 *  - unread: not opened.
 */
export const RECEIPT_STATUSES = ["confirmed", "proxy_only", "confirmed_earlier", "read", "unread"] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

export function receiptStatus(r: Receipt, revision: number): ReceiptStatus {
  if (r.confirmedAt && r.confirmedRevision === revision) return "confirmed";
  if (r.proxyConfirmedAt && r.proxyConfirmedRevision === revision) return "proxy_only";
  if (r.confirmedAt || r.proxyConfirmedAt) return "confirmed_earlier";
  return r.readAt ? "read" : "unread";
}

/** Whether the person still has to confirm the current revision themselves (urges, reminders). */
export function needsOwnConfirmation(r: Pick<Receipt, "confirmedAt" | "confirmedRevision">, revision: number): boolean {
  return !(r.confirmedAt && r.confirmedRevision === revision);
}

export type ReceiptCounts = Record<ReceiptStatus, number> & { total: number };

export function emptyCounts(): ReceiptCounts {
  return { total: 0, confirmed: 0, proxy_only: 0, confirmed_earlier: 0, read: 0, unread: 0 };
}

/** Counts by status; every recipient falls in exactly one. */
export function countReceipts(rows: readonly Receipt[], revision: number): ReceiptCounts {
  const counts = emptyCounts();
  for (const r of rows) {
    counts.total++;
    counts[receiptStatus(r, revision)]++;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------
// What may be done with a notice now

export const NOTICE_ACTIONS = ["confirm", "reply", "sign", "urge", "revise", "withdraw"] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

export type NoticeFacts = { kind: NoticeKind; state: NoticeState; receiptRequired: boolean };

export type NoticeRelation = {
  /** The sender, or an office member for a notice the office sent. */
  manages: boolean;
  /** A recipient, or someone allowed to act for the recipient concerned. */
  mayReceipt: boolean;
  /** A head or liaison of a department with recipients. */
  maySign: boolean;
};

export type NoticeVerdict = { ok: true } | { ok: false; reason: "not_allowed" | "wrong_state" };

/**
 * The notice's life-cycle rule: a published notice may be revised, withdrawn and urged by those
 * who manage it, and receipted by its recipients; a withdrawn one is closed to everything.
 * Receipts (confirm, sign, reply, urge) exist only where a receipt is required; replies only on
 * meeting notices. "not_allowed" is about the person, "wrong_state" about the notice.
 */
export function decideNotice(notice: NoticeFacts, action: NoticeAction, rel: NoticeRelation): NoticeVerdict {
  const who = action === "revise" || action === "withdraw" || action === "urge" ? rel.manages : action === "sign" ? rel.maySign : rel.mayReceipt;
  if (!who) return { ok: false, reason: "not_allowed" };
  if (notice.state !== "published") return { ok: false, reason: "wrong_state" };
  if (action === "revise" || action === "withdraw") return { ok: true };
  if (!notice.receiptRequired || notice.kind === "announcement") return { ok: false, reason: "wrong_state" };
  if (action === "reply" && notice.kind !== "meeting") return { ok: false, reason: "wrong_state" };
  return { ok: true };
}

/** Whether an urge now is too soon after the last one. */
export function urgeTooSoon(lastUrgedAt: Date | null, at: Date): boolean {
  return !!lastUrgedAt && at.getTime() - lastUrgedAt.getTime() < URGE_INTERVAL_MS;
}

/**
 * Who may publish: the office any kind (announcements only it); a department head a notice or
 * a meeting notice to their own department (the audience is checked by the data layer).
 */
export function mayPublish(roles: readonly Role[], kind: NoticeKind): boolean {
  if (isOfficeRole(roles)) return true;
  return roles.includes("dept_head") && kind !== "announcement";
}
