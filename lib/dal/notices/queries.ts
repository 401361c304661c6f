import "server-only";
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { departments, noticeDepartmentSigns, noticeEvents, noticeRecipients, notices, userRoles, users } from "@/db/schema";
import {
  countReceipts,
  decideNotice,
  isOfficeRole,
  mayPublish,
  proxyBasis,
  receiptStatus,
  type MeetingReply,
  type NoticeKind,
  type NoticeState,
  type ProxyBasis,
  type ReceiptCounts,
  type ReceiptStatus,
} from "@/lib/domain/notices/receipts";
import { ROLES, type Role } from "@/lib/domain/roles";
import { now, today } from "@/lib/clock";
import { signedIn, type Actor } from "../actor";
import { delegatorsOf } from "../items/context";
import { DomainError, notFound } from "../errors";
import { markNoticeRead } from "./commands";
import { loadVisibleNotice, manages, officeSent } from "./visibility";

const senders = alias(users, "sender");
const senderDepts = alias(departments, "sender_dept");

export type NoticeSummary = {
  id: number;
  kind: NoticeKind;
  title: string;
  state: NoticeState;
  revision: number;
  publishedAt: Date;
  revisedAt: Date | null;
  senderName: string;
  senderDepartmentName: string;
  receiptRequired: boolean;
  receiptDueAt: Date | null;
  /** Past the deadline (only meaningful while a receipt is owed). */
  overdue: boolean;
};

/** One of my notices, with where I stand on it. */
export type MyNoticeSummary = NoticeSummary & { status: ReceiptStatus; needsAction: boolean };

/** A notice I manage, with its receipt counts. */
export type SentNoticeSummary = NoticeSummary & { counts: ReceiptCounts };

const summaryColumns = {
  id: notices.id,
  kind: notices.kind,
  title: notices.title,
  state: notices.state,
  revision: notices.revision,
  publishedAt: notices.publishedAt,
  revisedAt: notices.revisedAt,
  senderName: senders.name,
  senderDepartmentName: senderDepts.name,
  receiptRequired: notices.receiptRequired,
  receiptDueAt: notices.receiptDueAt,
};

function summary<T extends Omit<NoticeSummary, "overdue">>(r: T, at: Date): T & { overdue: boolean } {
  return { ...r, overdue: r.state === "published" && r.receiptRequired && !!r.receiptDueAt && r.receiptDueAt.getTime() <= at.getTime() };
}

/**
 * The notices sent to me (my recipient rows: my part of the visibility rule), unread first,
 * then newest first.
 */
export async function myNotices(actor: Actor | null, opts: { limit?: number } = {}): Promise<MyNoticeSummary[]> {
  const me = signedIn(actor);
  const rows = await getDb()
    .select({
      ...summaryColumns,
      readAt: noticeRecipients.readAt,
      confirmedAt: noticeRecipients.confirmedAt,
      confirmedRevision: noticeRecipients.confirmedRevision,
      proxyConfirmedAt: noticeRecipients.proxyConfirmedAt,
      proxyConfirmedRevision: noticeRecipients.proxyConfirmedRevision,
    })
    .from(noticeRecipients)
    .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
    .innerJoin(senders, eq(senders.id, notices.senderId))
    .innerJoin(senderDepts, eq(senderDepts.id, notices.senderDepartmentId))
    .where(eq(noticeRecipients.userId, me.id))
    .orderBy(sql`(${noticeRecipients.readAt} is null) desc`, desc(notices.publishedAt), desc(notices.id))
    .limit(opts.limit ?? 200);
  const at = now();
  return rows.map(({ readAt, confirmedAt, confirmedRevision, proxyConfirmedAt, proxyConfirmedRevision, ...r }) => {
    const status = receiptStatus({ readAt, confirmedAt, confirmedRevision, proxyConfirmedAt, proxyConfirmedRevision }, r.revision);
    return { ...summary(r, at), status, needsAction: r.state === "published" && (readAt === null || (r.receiptRequired && status !== "confirmed")) };
  });
}

/** For the home cards: my unread notices, and those still waiting for my own confirmation. */
export async function myNoticeCounts(actor: Actor | null): Promise<{ unread: number; toConfirm: number }> {
  const me = signedIn(actor);
  const [row] = await getDb()
    .select({
      unread: sql<number>`count(*) filter (where ${noticeRecipients.readAt} is null)::int`,
      toConfirm: sql<number>`count(*) filter (where ${notices.receiptRequired} and ${notices.kind} <> 'announcement' and (${noticeRecipients.confirmedAt} is null or ${noticeRecipients.confirmedRevision} <> ${notices.revision}))::int`,
    })
    .from(noticeRecipients)
    .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
    .where(and(eq(noticeRecipients.userId, me.id), eq(notices.state, "published")));
  return { unread: row?.unread ?? 0, toConfirm: row?.toConfirm ?? 0 };
}

/**
 * The receipt counts of a notice in SQL, with the same meaning as countReceipts. Each counts
 * recipient rows only: a notice without any (an announcement) has the left join's empty row.
 */
const countColumns = {
  total: sql<number>`count(${noticeRecipients.userId})::int`,
  confirmed: sql<number>`count(${noticeRecipients.userId}) filter (where ${noticeRecipients.confirmedAt} is not null and ${noticeRecipients.confirmedRevision} = ${notices.revision})::int`,
  proxyOnly: sql<number>`count(${noticeRecipients.userId}) filter (where not (${noticeRecipients.confirmedAt} is not null and ${noticeRecipients.confirmedRevision} is not distinct from ${notices.revision}) and ${noticeRecipients.proxyConfirmedAt} is not null and ${noticeRecipients.proxyConfirmedRevision} = ${notices.revision})::int`,
  earlier: sql<number>`count(${noticeRecipients.userId}) filter (where coalesce(${noticeRecipients.confirmedRevision}, 0) <> ${notices.revision} and coalesce(${noticeRecipients.proxyConfirmedRevision}, 0) <> ${notices.revision} and (${noticeRecipients.confirmedAt} is not null or ${noticeRecipients.proxyConfirmedAt} is not null))::int`,
  read: sql<number>`count(${noticeRecipients.userId}) filter (where ${noticeRecipients.confirmedAt} is null and ${noticeRecipients.proxyConfirmedAt} is null and ${noticeRecipients.readAt} is not null)::int`,
  unread: sql<number>`count(${noticeRecipients.userId}) filter (where ${noticeRecipients.confirmedAt} is null and ${noticeRecipients.proxyConfirmedAt} is null and ${noticeRecipients.readAt} is null)::int`,
};

/**
 * The notices I manage: those I sent, and — an office member — every notice the office sent.
 * Newest first, each with its receipt counts on the current revision.
 */
export async function sentNotices(actor: Actor | null, opts: { limit?: number } = {}): Promise<SentNoticeSummary[]> {
  const me = signedIn(actor);
  const mine = isOfficeRole(me.roles) ? or(eq(notices.senderId, me.id), officeSent)! : eq(notices.senderId, me.id);
  const rows = await getDb()
    .select({ ...summaryColumns, ...countColumns })
    .from(notices)
    .innerJoin(senders, eq(senders.id, notices.senderId))
    .innerJoin(senderDepts, eq(senderDepts.id, notices.senderDepartmentId))
    .leftJoin(noticeRecipients, eq(noticeRecipients.noticeId, notices.id))
    .where(mine)
    .groupBy(notices.id, senders.name, senderDepts.name)
    .orderBy(desc(notices.publishedAt), desc(notices.id))
    .limit(opts.limit ?? 200);
  const at = now();
  return rows.map(({ total, confirmed, proxyOnly, earlier, read, unread, ...r }) => ({
    ...summary(r, at),
    counts: { total, confirmed, proxy_only: proxyOnly, confirmed_earlier: earlier, read, unread },
  }));
}

/** The notice board: the organisation-wide announcements (信息发布), newest first. */
export async function noticeBoard(actor: Actor | null, opts: { limit?: number } = {}): Promise<(NoticeSummary & { body: string })[]> {
  signedIn(actor);
  const rows = await getDb()
    .select({ ...summaryColumns, body: notices.body })
    .from(notices)
    .innerJoin(senders, eq(senders.id, notices.senderId))
    .innerJoin(senderDepts, eq(senderDepts.id, notices.senderDepartmentId))
    .where(and(eq(notices.kind, "announcement"), eq(notices.state, "published")))
    .orderBy(desc(notices.publishedAt), desc(notices.id))
    .limit(opts.limit ?? 100);
  const at = now();
  return rows.map((r) => summary(r, at));
}

// ---------------------------------------------------------------------------------------
// The detail

/** Where one recipient stands: as the reader's own receipt and as a row of the receipt board. */
export type ReceiptStanding = {
  status: ReceiptStatus;
  deliveredAt: Date;
  readAt: Date | null;
  confirmedAt: Date | null;
  confirmedRevision: number | null;
  proxyConfirmedAt: Date | null;
  proxyConfirmedByName: string | null;
  proxyConfirmedRevision: number | null;
  reply: MeetingReply | null;
  substituteName: string | null;
  replyReason: string | null;
  repliedByName: string | null;
  /** The reply was given by someone else on the person's behalf. */
  repliedOnBehalf: boolean;
};

export type MyReceipt = ReceiptStanding & { substituteId: number | null; repliedAt: Date | null };

/** A recipient someone may confirm or reply for, and where they stand. */
export type ActForEntry = { userId: number; name: string; departmentName: string; basis: ProxyBasis; status: ReceiptStatus; reply: MeetingReply | null };

export type NoticeEventDto = { id: number; at: Date; action: string; actorName: string | null; onBehalfOfName: string | null; data: Record<string, unknown> };

export type NoticeDetail = NoticeSummary & {
  body: string;
  version: number;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  audience: { departments: string[]; roles: Role[]; people: string[] };
  /** Sender, or office for an office notice: sees the board, revises, urges, withdraws. */
  manages: boolean;
  mine: MyReceipt | null;
  canConfirm: boolean;
  canReply: boolean;
  /** For a department's head or liaison when the department has recipients. */
  department: { id: number; name: string; canSign: boolean; signedAt: Date | null; signedByName: string | null } | null;
  actFor: ActForEntry[];
  events: NoticeEventDto[];
  /** Names of the people events mention (substitutes, recipients), by id. */
  names: Record<number, string>;
  lastUrgedAt: Date | null;
};

const proxyUsers = alias(users, "proxy_user");
const substitutes = alias(users, "substitute");
const repliers = alias(users, "replier");

/** Recipient rows with the names the board and the detail show. */
function recipientRows(noticeId: number, where?: ReturnType<typeof eq>) {
  return getDb()
    .select({
      userId: noticeRecipients.userId,
      name: users.name,
      title: users.title,
      departmentId: noticeRecipients.departmentId,
      departmentName: departments.name,
      departmentSort: departments.sortOrder,
      deliveredAt: noticeRecipients.deliveredAt,
      readAt: noticeRecipients.readAt,
      confirmedAt: noticeRecipients.confirmedAt,
      confirmedRevision: noticeRecipients.confirmedRevision,
      proxyConfirmedAt: noticeRecipients.proxyConfirmedAt,
      proxyConfirmedByName: proxyUsers.name,
      proxyConfirmedRevision: noticeRecipients.proxyConfirmedRevision,
      reply: noticeRecipients.reply,
      substituteId: noticeRecipients.substituteId,
      substituteName: substitutes.name,
      replyReason: noticeRecipients.replyReason,
      repliedById: noticeRecipients.repliedById,
      repliedByName: repliers.name,
      repliedAt: noticeRecipients.repliedAt,
      lastUrgedAt: noticeRecipients.lastUrgedAt,
    })
    .from(noticeRecipients)
    .innerJoin(users, eq(users.id, noticeRecipients.userId))
    .innerJoin(departments, eq(departments.id, noticeRecipients.departmentId))
    .leftJoin(proxyUsers, eq(proxyUsers.id, noticeRecipients.proxyConfirmedById))
    .leftJoin(substitutes, eq(substitutes.id, noticeRecipients.substituteId))
    .leftJoin(repliers, eq(repliers.id, noticeRecipients.repliedById))
    .where(where ? and(eq(noticeRecipients.noticeId, noticeId), where) : eq(noticeRecipients.noticeId, noticeId))
    .orderBy(asc(departments.sortOrder), asc(departments.name), asc(users.name), asc(users.id));
}

type RecipientRow = Awaited<ReturnType<typeof recipientRows>>[number];

function standing(r: RecipientRow, revision: number): ReceiptStanding {
  return {
    status: receiptStatus(r, revision),
    deliveredAt: r.deliveredAt,
    readAt: r.readAt,
    confirmedAt: r.confirmedAt,
    confirmedRevision: r.confirmedRevision,
    proxyConfirmedAt: r.proxyConfirmedAt,
    proxyConfirmedByName: r.proxyConfirmedByName,
    proxyConfirmedRevision: r.proxyConfirmedRevision,
    reply: r.reply,
    substituteName: r.substituteName,
    replyReason: r.replyReason,
    repliedByName: r.repliedByName,
    repliedOnBehalf: r.repliedById !== null && r.repliedById !== r.userId,
  };
}

function myReceipt(r: RecipientRow, revision: number): MyReceipt {
  return { ...standing(r, revision), substituteId: r.substituteId, repliedAt: r.repliedAt };
}

/** Roles of many people at once. */
async function rolesOf(userIds: number[]): Promise<Map<number, Role[]>> {
  const out = new Map<number, Role[]>();
  if (!userIds.length) return out;
  const rows = await getDb().select({ userId: userRoles.userId, role: userRoles.role }).from(userRoles).where(inArray(userRoles.userId, userIds));
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.role]);
  return out;
}

/** A notice as its reader may see it, or notFound (missing and invisible look the same). */
export async function getNotice(actor: Actor | null, id: number): Promise<NoticeDetail> {
  const me = signedIn(actor);
  const db = getDb();
  const on = today();
  const found = await loadVisibleNotice(db, me, id, on);
  if (!found) throw notFound();
  const { notice, sentByOffice } = found;
  const managing = manages(me, notice, sentByOffice);
  const [head] = await db
    .select({ senderName: users.name, senderDepartmentName: departments.name })
    .from(users)
    .innerJoin(departments, eq(departments.id, notice.senderDepartmentId))
    .where(eq(users.id, notice.senderId));

  const rows = await recipientRows(id);
  const mineRow = rows.find((r) => r.userId === me.id) ?? null;
  const receiptOpen = notice.state === "published" && notice.receiptRequired && notice.kind !== "announcement";

  // Whom this person may confirm for: recipients their role, department or delegation covers.
  const delegators = (await delegatorsOf(db, me.id, on)).map((d) => d.leaderId);
  const others = rows.filter((r) => r.userId !== me.id);
  const roles = await rolesOf(others.map((r) => r.userId));
  const currentDept = new Map(
    others.length ? (await db.select({ id: users.id, departmentId: users.departmentId }).from(users).where(inArray(users.id, others.map((r) => r.userId)))).map((u) => [u.id, u.departmentId]) : [],
  );
  const actFor: ActForEntry[] = [];
  for (const r of others) {
    const basis = proxyBasis(me, { id: r.userId, roles: roles.get(r.userId) ?? [], departmentId: currentDept.get(r.userId) ?? r.departmentId }, delegators);
    if (basis) actFor.push({ userId: r.userId, name: r.name, departmentName: r.departmentName, basis, status: receiptStatus(r, notice.revision), reply: r.reply });
  }

  // A head or liaison of a department with recipients signs for it.
  const signer = me.roles.includes("dept_head") || me.roles.includes("dept_liaison");
  let department: NoticeDetail["department"] = null;
  if (signer && rows.some((r) => r.departmentId === me.departmentId)) {
    const [sign] = await db
      .select({ signedAt: noticeDepartmentSigns.signedAt, signedByName: users.name })
      .from(noticeDepartmentSigns)
      .innerJoin(users, eq(users.id, noticeDepartmentSigns.signedById))
      .where(and(eq(noticeDepartmentSigns.noticeId, id), eq(noticeDepartmentSigns.departmentId, me.departmentId)));
    department = {
      id: me.departmentId,
      name: me.departmentName,
      canSign: decideNotice(notice, "sign", { manages: false, mayReceipt: false, maySign: true }).ok && !sign,
      signedAt: sign?.signedAt ?? null,
      signedByName: sign?.signedByName ?? null,
    };
  }

  // The timeline: all of it for those who manage the notice; otherwise the notice's own history
  // and the entries about the reader or the people they act for.
  const events = await db
    .select({ id: noticeEvents.id, at: noticeEvents.at, action: noticeEvents.action, actorId: noticeEvents.actorId, onBehalfOfId: noticeEvents.onBehalfOfId, data: noticeEvents.data })
    .from(noticeEvents)
    .where(eq(noticeEvents.noticeId, id))
    .orderBy(asc(noticeEvents.id));
  const concerns = new Set([me.id, ...actFor.map((a) => a.userId)]);
  const shown = managing
    ? events
    : events.filter(
        (e) =>
          ["publish", "revise", "withdraw"].includes(e.action) ||
          (typeof e.data.userId === "number" && concerns.has(e.data.userId)) ||
          (e.action === "department_sign" && e.data.departmentId === me.departmentId),
      );
  const nameIds = new Set<number>();
  for (const e of shown) {
    for (const v of [e.actorId, e.onBehalfOfId, e.data.userId, e.data.substituteId]) if (typeof v === "number") nameIds.add(v);
  }
  const nameRows = nameIds.size ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...nameIds])) : [];
  const names = Object.fromEntries(nameRows.map((u) => [u.id, u.name])) as Record<number, string>;

  const a = notice.audience;
  const [audienceDepts, audiencePeople] = await Promise.all([
    a.departmentIds.length ? db.select({ name: departments.name }).from(departments).where(inArray(departments.id, a.departmentIds)).orderBy(asc(departments.sortOrder)) : [],
    a.userIds.length ? db.select({ name: users.name }).from(users).where(inArray(users.id, a.userIds)).orderBy(asc(users.name)) : [],
  ]);

  const lastUrgedAt = rows.reduce<Date | null>((m, r) => (r.lastUrgedAt && (!m || r.lastUrgedAt > m) ? r.lastUrgedAt : m), null);
  return {
    ...summary(
      {
        id: notice.id,
        kind: notice.kind,
        title: notice.title,
        state: notice.state,
        revision: notice.revision,
        publishedAt: notice.publishedAt,
        revisedAt: notice.revisedAt,
        senderName: head?.senderName ?? "",
        senderDepartmentName: head?.senderDepartmentName ?? "",
        receiptRequired: notice.receiptRequired,
        receiptDueAt: notice.receiptDueAt,
      },
      now(),
    ),
    body: notice.body,
    version: notice.version,
    withdrawnAt: notice.withdrawnAt,
    withdrawnReason: notice.withdrawnReason,
    audience: { departments: audienceDepts.map((d) => d.name), roles: a.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)), people: audiencePeople.map((p) => p.name) },
    manages: managing,
    mine: mineRow ? myReceipt(mineRow, notice.revision) : null,
    canConfirm: !!mineRow && receiptOpen,
    canReply: !!mineRow && receiptOpen && notice.kind === "meeting",
    department,
    actFor: receiptOpen ? actFor : [],
    events: shown.map((e) => ({ id: e.id, at: e.at, action: e.action, actorName: e.actorId ? (names[e.actorId] ?? null) : null, onBehalfOfName: e.onBehalfOfId ? (names[e.onBehalfOfId] ?? null) : null, data: e.data })),
    names,
    lastUrgedAt: managing ? lastUrgedAt : null,
  };
}

/** The detail page's read: marks the notice read for a recipient on first open, then loads it. */
export async function openNotice(actor: Actor | null, id: number): Promise<NoticeDetail> {
  const detail = await getNotice(actor, id);
  if (detail.mine && !detail.mine.readAt) {
    await markNoticeRead(actor, id);
    return getNotice(actor, id);
  }
  return detail;
}

// ---------------------------------------------------------------------------------------
// The receipt board

export type BoardPerson = { userId: number; name: string; title: string | null } & ReceiptStanding & { lastUrgedAt: Date | null };

export type BoardDepartment = { departmentId: number; name: string; signedAt: Date | null; signedByName: string | null; counts: ReceiptCounts; people: BoardPerson[] };

export type ReceiptBoard = {
  noticeId: number;
  kind: NoticeKind;
  title: string;
  state: NoticeState;
  revision: number;
  receiptRequired: boolean;
  receiptDueAt: Date | null;
  counts: ReceiptCounts;
  departments: BoardDepartment[];
};

/**
 * Who has read, confirmed (themselves or only on their behalf), replied what, and who has not,
 * per department: for those who manage the notice. Anyone else who can see the notice is
 * refused; anyone who cannot learns nothing (notFound).
 */
export async function receiptBoard(actor: Actor | null, id: number): Promise<ReceiptBoard> {
  const me = signedIn(actor);
  const db = getDb();
  const found = await loadVisibleNotice(db, me, id, today());
  if (!found) throw notFound();
  const { notice } = found;
  if (!manages(me, notice, found.sentByOffice)) throw new DomainError("forbidden");
  const rows = await recipientRows(id);
  const signs = await db
    .select({ departmentId: noticeDepartmentSigns.departmentId, signedAt: noticeDepartmentSigns.signedAt, signedByName: users.name })
    .from(noticeDepartmentSigns)
    .innerJoin(users, eq(users.id, noticeDepartmentSigns.signedById))
    .where(eq(noticeDepartmentSigns.noticeId, id));
  const signOf = new Map(signs.map((s) => [s.departmentId, s]));
  const byDept = new Map<number, BoardDepartment>();
  for (const r of rows) {
    let d = byDept.get(r.departmentId);
    if (!d) {
      const s = signOf.get(r.departmentId);
      d = { departmentId: r.departmentId, name: r.departmentName, signedAt: s?.signedAt ?? null, signedByName: s?.signedByName ?? null, counts: countReceipts([], notice.revision), people: [] };
      byDept.set(r.departmentId, d);
    }
    d.people.push({ userId: r.userId, name: r.name, title: r.title, ...standing(r, notice.revision), lastUrgedAt: r.lastUrgedAt });
  }
  const departmentsList = [...byDept.values()];
  for (const d of departmentsList) d.counts = countReceipts(rows.filter((r) => r.departmentId === d.departmentId), notice.revision);
  return {
    noticeId: notice.id,
    kind: notice.kind,
    title: notice.title,
    state: notice.state,
    revision: notice.revision,
    receiptRequired: notice.receiptRequired,
    receiptDueAt: notice.receiptDueAt,
    counts: countReceipts(rows, notice.revision),
    departments: departmentsList,
  };
}

// ---------------------------------------------------------------------------------------
// The form

export type NoticeFormOptions = {
  kinds: NoticeKind[];
  departments: { id: number; name: string }[];
  roles: Role[];
  people: { id: number; name: string; departmentName: string }[];
};

/** What this person may address, for the new-notice form; forbidden to those who may not send. */
export async function noticeFormOptions(actor: Actor | null): Promise<NoticeFormOptions> {
  const me = signedIn(actor);
  const kinds = (["notice", "meeting", "announcement"] as const).filter((k) => mayPublish(me.roles, k));
  if (!kinds.length) throw new DomainError("forbidden");
  const office = isOfficeRole(me.roles);
  const db = getDb();
  const [depts, people] = await Promise.all([
    db
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .where(office ? eq(departments.active, true) : and(eq(departments.active, true), eq(departments.id, me.departmentId)))
      .orderBy(asc(departments.sortOrder), asc(departments.name)),
    db
      .select({ id: users.id, name: users.name, departmentName: departments.name })
      .from(users)
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(and(eq(users.active, true), eq(users.service, false), office ? undefined : eq(users.departmentId, me.departmentId)))
      .orderBy(asc(departments.sortOrder), asc(departments.name), asc(users.name)),
  ]);
  return { kinds, departments: depts, roles: office ? ROLES.filter((r) => r !== "admin") : [], people: people.filter((p) => p.id !== me.id) };
}

/** The organisation's active people (reading the organisation is open to everyone): substitutes. */
export async function activePeople(actor: Actor | null): Promise<{ id: number; name: string; departmentName: string }[]> {
  signedIn(actor);
  return getDb()
    .select({ id: users.id, name: users.name, departmentName: departments.name })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(users.active, true), eq(users.service, false)))
    .orderBy(asc(departments.sortOrder), asc(departments.name), asc(users.name));
}
