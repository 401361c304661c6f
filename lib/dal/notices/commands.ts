import "server-only";
import { enqueueWebhookEvent } from "../webhooks";
import { and, eq, inArray, isNull, max, ne, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { departments, noticeDepartmentSigns, noticeRecipients, notices, userRoles, users } from "@/db/schema";
import { localDateTime, zonedInstant } from "@/lib/domain/notices/deadline";
import { isEmptyAudience, type Audience, type NoticePublishInput, type NoticeReplyInput, type NoticeReviseInput } from "@/lib/domain/notices/inputs";
import {
  decideNotice,
  isOfficeRole,
  mayPublish,
  needsOwnConfirmation,
  proxyBasis,
  urgeTooSoon,
  type NoticeAction,
  type NoticeRelation,
  type ProxyBasis,
} from "@/lib/domain/notices/receipts";
import type { Role } from "@/lib/domain/roles";
import { documentTokens } from "@/lib/domain/search";
import { now, today } from "@/lib/clock";
import { appConfig } from "@/lib/config";
import type { Actor } from "../actor";
import { delegatorsOf } from "../items/context";
import { notifyAbout } from "../notify";
import { conflict, DomainError, notFound } from "../errors";
import { timelineWriter, type EventData } from "../timeline";
import { discardFiles, insertNoticeAttachments, prepareFiles, type UploadFile } from "./attachments";
import { loadVisibleNotice, manages, type NoticeRow } from "./visibility";

const writeEvent = timelineWriter("notice");

/** In-app notifications about a notice; see notifyAbout. */
export function notifyNotice(tx: Tx, userIds: number[], noticeId: number, kind: string, data: EventData = {}, dedupe?: (userId: number) => string): Promise<number> {
  return notifyAbout(tx, userIds, { noticeId }, kind, data, dedupe);
}

// ---------------------------------------------------------------------------------------
// The audience

/**
 * Checks a chosen audience: departments and people must exist and be active; a department head
 * (not the office) may address only their own department — the whole of it or some of its
 * members — and no roles (a role reaches across the organisation).
 */
async function assertAudience(tx: Tx, actor: Actor, audience: Audience): Promise<void> {
  const office = isOfficeRole(actor.roles);
  if (!office) {
    if (audience.roles.length || audience.departmentIds.some((d) => d !== actor.departmentId)) throw new DomainError("forbidden");
  }
  if (audience.departmentIds.length) {
    const found = await tx.select({ id: departments.id }).from(departments).where(and(inArray(departments.id, audience.departmentIds), eq(departments.active, true)));
    if (found.length !== audience.departmentIds.length) throw new DomainError("unknownDepartment", "departmentIds");
  }
  if (audience.userIds.length) {
    const found = await tx.select({ id: users.id, departmentId: users.departmentId }).from(users).where(and(inArray(users.id, audience.userIds), eq(users.active, true)));
    if (found.length !== audience.userIds.length) throw new DomainError("unknownUser", "userIds");
    if (!office && found.some((u) => u.departmentId !== actor.departmentId)) throw new DomainError("forbidden");
  }
}

/**
 * The distinct active people an audience reaches: members of the chosen departments (only
 * those departments, not their sub-departments), everyone holding a chosen role, and the named
 * people — never the sender. Each with their department at this moment.
 */
async function resolveAudience(tx: Tx, audience: Audience, senderId: number): Promise<{ userId: number; departmentId: number }[]> {
  if (isEmptyAudience(audience)) return [];
  const who: SQL[] = [];
  if (audience.departmentIds.length) who.push(inArray(users.departmentId, audience.departmentIds));
  if (audience.userIds.length) who.push(inArray(users.id, audience.userIds));
  if (audience.roles.length) who.push(inArray(users.id, tx.select({ id: userRoles.userId }).from(userRoles).where(inArray(userRoles.role, audience.roles))));
  return tx
    .select({ userId: users.id, departmentId: users.departmentId })
    .from(users)
    // Service accounts are systems, not people: they cannot read or confirm a notice.
    .where(and(eq(users.active, true), eq(users.service, false), ne(users.id, senderId), or(...who)))
    .orderBy(users.id);
}

function mergeAudience(a: Audience, b: Audience): Audience {
  const merge = <T>(x: T[], y: T[]) => [...new Set([...x, ...y])];
  return { departmentIds: merge(a.departmentIds, b.departmentIds), roles: merge(a.roles, b.roles), userIds: merge(a.userIds, b.userIds) };
}

/** The deadline as an instant; one not later than now is refused. */
function dueInstant(local: string | null): Date | null {
  if (!local) return null;
  const due = zonedInstant(local, appConfig.timeZone);
  if (due.getTime() <= now().getTime()) throw new DomainError("receiptDueInPast", "receiptDueAt");
  return due;
}

function receivedKind(kind: NoticeRow["kind"]) {
  return kind === "meeting" ? "notice_meeting" : "notice_received";
}

// ---------------------------------------------------------------------------------------
// Publishing, revising, withdrawing

/**
 * Publishes a notice: checks who may send what to whom, resolves the audience to people, and
 * writes the notice, one delivered recipient row per person, its files, the timeline event and
 * the notifications in one transaction. Files are checked and stored first; a failed
 * transaction removes them. Announcements get no recipient rows: the notice board shows them
 * to everyone and no receipt is asked.
 */
export async function publishNotice(actor: Actor | null, input: NoticePublishInput, files: UploadFile[] = []): Promise<{ id: number; recipients: number }> {
  if (!actor) throw new DomainError("signedOut");
  if (!mayPublish(actor.roles, input.kind)) throw new DomainError("forbidden");
  const announcement = input.kind === "announcement";
  if (!announcement && isEmptyAudience(input.audience)) throw new DomainError("audienceEmpty", "audience");
  const dueAt = input.receiptRequired ? dueInstant(input.receiptDueAt) : null;
  const prepared = await prepareFiles(files);
  try {
    return await getDb().transaction(async (tx) => {
      if (!announcement) await assertAudience(tx, actor, input.audience);
      const people = announcement ? [] : await resolveAudience(tx, input.audience, actor.id);
      if (!announcement && !people.length) throw new DomainError("audienceEmpty", "audience");
      const at = now();
      const [row] = await tx
        .insert(notices)
        .values({
          kind: input.kind,
          title: input.title,
          body: input.body,
          senderId: actor.id,
          senderDepartmentId: actor.departmentId,
          audience: input.audience,
          receiptRequired: input.receiptRequired,
          receiptDueAt: dueAt,
          publishedAt: at,
          searchTokens: documentTokens(input.title, input.body),
        })
        .returning({ id: notices.id });
      if (people.length) {
        await tx.insert(noticeRecipients).values(people.map((p) => ({ noticeId: row.id, userId: p.userId, departmentId: p.departmentId, deliveredAt: at })));
      }
      const files = await insertNoticeAttachments(tx, row.id, actor, prepared);
      await writeEvent(tx, row.id, actor.id, "publish", {
        kind: input.kind,
        title: input.title,
        audience: input.audience,
        recipients: people.length,
        receiptRequired: input.receiptRequired,
        receiptDueAt: dueAt?.toISOString() ?? null,
        attachments: files.map((f) => f.name),
      });
      await notifyNotice(tx, people.map((p) => p.userId), row.id, receivedKind(input.kind), { title: input.title });
      // Other systems subscribed to notice.published hear of it once this commits.
      await enqueueWebhookEvent(tx, "notice.published", { noticeId: row.id, kind: input.kind, title: input.title, revision: 1, publishedAt: at.toISOString(), senderDepartmentId: actor.departmentId });
      return { id: row.id, recipients: people.length };
    });
  } catch (e) {
    await discardFiles(prepared);
    throw e;
  }
}

type Managed = { notice: NoticeRow; sentByOffice: boolean };

/**
 * The path of the sender's changes (revise, withdraw): lock the notice, check that the person
 * sees it (else notFound), that they manage it (forbidden), the version they saw (conflict),
 * and the state (wrongState).
 */
async function lockManaged(tx: Tx, actor: Actor, id: number, expectedVersion: number, action: NoticeAction): Promise<Managed> {
  const found = await loadVisibleNotice(tx, actor, id, today(), "update");
  if (!found) throw notFound();
  const rel: NoticeRelation = { manages: manages(actor, found.notice, found.sentByOffice), mayReceipt: false, maySign: false };
  const verdict = decideNotice(found.notice, action, rel);
  if (!verdict.ok && verdict.reason === "not_allowed") throw new DomainError("forbidden");
  if (found.notice.version !== expectedVersion) throw conflict();
  if (!verdict.ok) throw new DomainError("wrongState");
  return found;
}

type NoticePatch = { [K in keyof typeof notices.$inferInsert]?: (typeof notices.$inferInsert)[K] | SQL };

async function bumpNotice(tx: Tx, id: number, expectedVersion: number, patch: NoticePatch) {
  const [updated] = await tx
    .update(notices)
    .set({ ...patch, version: sql`${notices.version} + 1`, updatedAt: new Date() })
    .where(and(eq(notices.id, id), eq(notices.version, expectedVersion)))
    .returning({ version: notices.version, revision: notices.revision });
  if (!updated) throw conflict();
  return updated;
}

async function recipientIds(tx: Tx, noticeId: number): Promise<number[]> {
  const rows = await tx.select({ id: noticeRecipients.userId }).from(noticeRecipients).where(eq(noticeRecipients.noticeId, noticeId));
  return rows.map((r) => r.id);
}

/**
 * Revises a published notice: new text, deadline, added people and files. The revision goes up
 * by one, so every earlier confirmation stops counting (it stays on the row and in the
 * timeline); every recipient is told to confirm again, and newcomers receive it. The audience
 * may grow, never shrink.
 */
export async function reviseNotice(actor: Actor | null, input: NoticeReviseInput, files: UploadFile[] = [], fileField = "files"): Promise<{ version: number; revision: number }> {
  if (!actor) throw new DomainError("signedOut");
  // Someone who cannot see the notice learns nothing, not even what is wrong with their file.
  if (!(await loadVisibleNotice(getDb(), actor, input.id, today()))) throw notFound();
  const prepared = await prepareFiles(files, fileField);
  try {
    return await getDb().transaction(async (tx) => {
      const { notice } = await lockManaged(tx, actor, input.id, input.version, "revise");
      const announcement = notice.kind === "announcement";
      const changed: string[] = [];
      if (input.title !== notice.title) changed.push("title");
      if (input.body !== notice.body) changed.push("body");
      let dueAt = notice.receiptDueAt;
      if (notice.receiptRequired) {
        const next = input.receiptDueAt ? zonedInstant(input.receiptDueAt, appConfig.timeZone) : null;
        if ((next?.getTime() ?? null) !== (notice.receiptDueAt?.getTime() ?? null)) {
          dueAt = dueInstant(input.receiptDueAt);
          changed.push("receiptDueAt");
        }
      }
      let audience = notice.audience as Audience;
      let newcomers: { userId: number; departmentId: number }[] = [];
      if (!announcement && !isEmptyAudience(input.addAudience)) {
        await assertAudience(tx, actor, input.addAudience);
        audience = mergeAudience(notice.audience as Audience, input.addAudience);
        const existing = new Set(await recipientIds(tx, notice.id));
        newcomers = (await resolveAudience(tx, audience, notice.senderId)).filter((p) => !existing.has(p.userId));
        if (JSON.stringify(audience) !== JSON.stringify(notice.audience) || newcomers.length) changed.push("audience");
      }
      if (prepared.length) changed.push("attachments");
      if (!changed.length) throw new DomainError("noticeUnchanged");

      const earlier = await recipientIds(tx, notice.id);
      const at = now();
      const updated = await bumpNotice(tx, notice.id, input.version, {
        title: input.title,
        body: input.body,
        receiptDueAt: dueAt,
        audience,
        revision: sql`${notices.revision} + 1`,
        revisedAt: at,
        searchTokens: documentTokens(input.title, input.body),
      });
      if (newcomers.length) {
        await tx.insert(noticeRecipients).values(newcomers.map((p) => ({ noticeId: notice.id, userId: p.userId, departmentId: p.departmentId, deliveredAt: at }))).onConflictDoNothing();
      }
      const added = await insertNoticeAttachments(tx, notice.id, actor, prepared);
      await writeEvent(tx, notice.id, actor.id, "revise", {
        revision: updated.revision,
        changed,
        ...(changed.includes("title") ? { fromTitle: notice.title, title: input.title } : {}),
        ...(changed.includes("receiptDueAt") ? { receiptDueAt: dueAt?.toISOString() ?? null } : {}),
        ...(newcomers.length ? { added: newcomers.length } : {}),
        ...(added.length ? { attachments: added.map((f) => f.name) } : {}),
      });
      await notifyNotice(tx, earlier, notice.id, "notice_revised", { title: input.title, revision: updated.revision });
      await notifyNotice(tx, newcomers.map((p) => p.userId), notice.id, receivedKind(notice.kind), { title: input.title });
      return updated;
    });
  } catch (e) {
    await discardFiles(prepared);
    throw e;
  }
}

/** Adds a file to a published notice: a revision like any other (recipients confirm again). */
export async function addNoticeAttachment(actor: Actor | null, id: number, version: number, file: UploadFile): Promise<{ version: number; revision: number }> {
  if (!actor) throw new DomainError("signedOut");
  const found = await loadVisibleNotice(getDb(), actor, id, today());
  if (!found) throw notFound();
  const { notice } = found;
  // The deadline as it stands (the same wall-clock minute), so it does not count as changed.
  const local = notice.receiptDueAt ? localDateTime(notice.receiptDueAt, appConfig.timeZone) : null;
  return reviseNotice(actor, { id, version, title: notice.title, body: notice.body, receiptDueAt: local, addAudience: { departmentIds: [], roles: [], userIds: [] } }, [file], "file");
}

/** Withdraws a notice with a reason: nothing is deleted, receipts stay, every action closes. */
export async function withdrawNotice(actor: Actor | null, id: number, version: number, reason: string): Promise<{ version: number }> {
  if (!actor) throw new DomainError("signedOut");
  if (!reason.trim()) throw new DomainError("required", "reason");
  return getDb().transaction(async (tx) => {
    const { notice } = await lockManaged(tx, actor, id, version, "withdraw");
    const updated = await bumpNotice(tx, id, version, { state: "withdrawn", withdrawnAt: now(), withdrawnReason: reason });
    await writeEvent(tx, id, actor.id, "withdraw", { reason });
    await notifyNotice(tx, await recipientIds(tx, id), id, "notice_withdrawn", { title: notice.title, reason });
    return { version: updated.version };
  });
}

// ---------------------------------------------------------------------------------------
// Receipts: reading, confirming, replying, signing for a department

/** Opening the notice as a recipient: the first open sets readAt, with its `read` event. */
export async function markNoticeRead(actor: Actor | null, id: number): Promise<boolean> {
  if (!actor) throw new DomainError("signedOut");
  return getDb().transaction(async (tx) => {
    const at = now();
    const rows = await tx
      .update(noticeRecipients)
      .set({ readAt: at })
      .where(and(eq(noticeRecipients.noticeId, id), eq(noticeRecipients.userId, actor.id), isNull(noticeRecipients.readAt)))
      .returning({ userId: noticeRecipients.userId });
    if (!rows.length) return false;
    await writeEvent(tx, id, actor.id, "read", { userId: actor.id });
    return true;
  });
}

type PersonRow = { id: number; name: string; departmentId: number; active: boolean; service: boolean; roles: Role[] };

async function personOf(tx: Tx, userId: number): Promise<PersonRow | null> {
  const rows = await tx
    .select({ id: users.id, name: users.name, departmentId: users.departmentId, active: users.active, service: users.service, role: userRoles.role })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(users.id, userId));
  if (!rows.length) return null;
  const first = rows[0];
  return { id: first.id, name: first.name, departmentId: first.departmentId, active: first.active, service: first.service, roles: rows.flatMap((r) => (r.role ? [r.role] : [])) };
}

type ReceiptTarget = {
  notice: NoticeRow;
  row: typeof noticeRecipients.$inferSelect;
  /** Null: the person acts for themselves. */
  proxy: { targetId: number; targetName: string; basis: ProxyBasis } | null;
};

/**
 * The common path of confirm and reply: the notice under a share lock (a revision waits), the
 * visibility rule (notFound), whether this person may receipt for the target (forbidden; the
 * person themselves, or someone `proxyBasis` allows for a recipient), the revision they saw
 * (conflict), the state (wrongState), then the target's row under its own lock — so two
 * concurrent confirmations queue and the second finds the first.
 */
async function lockReceipt(tx: Tx, actor: Actor, id: number, onBehalfOf: number | null, seenRevision: number | null, action: NoticeAction): Promise<ReceiptTarget> {
  const on = today();
  const found = await loadVisibleNotice(tx, actor, id, on, "share");
  if (!found) throw notFound();
  const { notice } = found;
  const targetId = onBehalfOf ?? actor.id;
  let proxy: ReceiptTarget["proxy"] = null;
  let mayReceipt: boolean;
  if (targetId === actor.id) {
    const [mine] = await tx.select({ userId: noticeRecipients.userId }).from(noticeRecipients).where(and(eq(noticeRecipients.noticeId, id), eq(noticeRecipients.userId, actor.id)));
    mayReceipt = !!mine;
  } else {
    const [theirs] = await tx.select({ userId: noticeRecipients.userId }).from(noticeRecipients).where(and(eq(noticeRecipients.noticeId, id), eq(noticeRecipients.userId, targetId)));
    if (!theirs) throw new DomainError("notRecipient", "onBehalfOf");
    const target = await personOf(tx, targetId);
    const delegators = (await delegatorsOf(tx, actor.id, on)).map((d) => d.leaderId);
    const basis = target ? proxyBasis(actor, target, delegators) : null;
    mayReceipt = !!basis;
    if (basis && target) proxy = { targetId, targetName: target.name, basis };
  }
  const verdict = decideNotice(notice, action, { manages: false, mayReceipt, maySign: false });
  if (!verdict.ok && verdict.reason === "not_allowed") throw new DomainError("forbidden", onBehalfOf && onBehalfOf !== actor.id ? "onBehalfOf" : undefined);
  if (seenRevision !== null && seenRevision !== notice.revision) throw conflict();
  if (!verdict.ok) throw new DomainError("wrongState");
  const [row] = await tx
    .select()
    .from(noticeRecipients)
    .where(and(eq(noticeRecipients.noticeId, id), eq(noticeRecipients.userId, targetId)))
    .for("update");
  if (!row) throw notFound();
  return { notice, row, proxy };
}

/**
 * Confirms the current revision: for oneself (the person's own confirmation; opening it too if
 * not yet read), or on someone's behalf (kept apart on the row, never counted as theirs; the
 * person is told). A repeated confirmation changes nothing and records nothing.
 */
export async function confirmNotice(actor: Actor | null, id: number, opts: { onBehalfOf?: number | null; revision?: number | null } = {}): Promise<{ confirmed: boolean }> {
  if (!actor) throw new DomainError("signedOut");
  return getDb().transaction(async (tx) => {
    const { notice, row, proxy } = await lockReceipt(tx, actor, id, opts.onBehalfOf ?? null, opts.revision ?? null, "confirm");
    const at = now();
    if (!proxy) {
      if (row.confirmedAt && row.confirmedRevision === notice.revision) return { confirmed: false };
      await tx
        .update(noticeRecipients)
        .set({ confirmedAt: at, confirmedRevision: notice.revision, readAt: row.readAt ?? at })
        .where(and(eq(noticeRecipients.noticeId, id), eq(noticeRecipients.userId, actor.id)));
      if (!row.readAt) await writeEvent(tx, id, actor.id, "read", { userId: actor.id });
      await writeEvent(tx, id, actor.id, "confirm", { userId: actor.id, revision: notice.revision });
      return { confirmed: true };
    }
    // Someone's own confirmation already stands: nothing to add on their behalf.
    if (row.confirmedAt && row.confirmedRevision === notice.revision) return { confirmed: false };
    if (row.proxyConfirmedAt && row.proxyConfirmedRevision === notice.revision) return { confirmed: false };
    await tx
      .update(noticeRecipients)
      .set({ proxyConfirmedAt: at, proxyConfirmedById: actor.id, proxyConfirmedRevision: notice.revision })
      .where(and(eq(noticeRecipients.noticeId, id), eq(noticeRecipients.userId, proxy.targetId)));
    await writeEvent(tx, id, actor.id, "confirm", { userId: proxy.targetId, revision: notice.revision, proxy: true, basis: proxy.basis }, proxy.targetId);
    await notifyNotice(tx, [proxy.targetId], id, "notice_confirmed_for_you", { title: notice.title, by: actor.name });
    return { confirmed: true };
  });
}

/**
 * A meeting reply (attend / a named substitute / absent with a reason), which is also the
 * receipt: given by the person it counts as their confirmation; given on their behalf it is
 * recorded as such. A substitute must be an active person other than the invitee. The same
 * reply twice changes nothing; a different one replaces it (the timeline keeps both). Someone
 * acting for a person may not overwrite the person's own reply to the current revision.
 */
export type ReplyInput = Pick<NoticeReplyInput, "reply" | "substituteId" | "reason"> & { onBehalfOf?: number | null; revision?: number | null };

export async function replyNotice(actor: Actor | null, id: number, input: ReplyInput): Promise<{ replied: boolean }> {
  if (!actor) throw new DomainError("signedOut");
  if (input.reply === "absent" && !input.reason) throw new DomainError("required", "reason");
  if (input.reply === "substitute" && !input.substituteId) throw new DomainError("required", "substituteId");
  return getDb().transaction(async (tx) => {
    const { notice, row, proxy } = await lockReceipt(tx, actor, id, input.onBehalfOf ?? null, input.revision ?? null, "reply");
    const targetId = proxy?.targetId ?? actor.id;
    if (input.reply === "substitute") {
      if (input.substituteId === targetId) throw new DomainError("substituteSelf", "substituteId");
      const sub = await personOf(tx, input.substituteId!);
      if (!sub || !sub.active || sub.service) throw new DomainError("unknownUser", "substituteId");
    }
    const ownStands = !!row.confirmedAt && row.confirmedRevision === notice.revision;
    if (proxy && ownStands && row.repliedById === targetId) throw new DomainError("wrongState");
    const sameReply = row.reply === input.reply && row.substituteId === input.substituteId && (row.replyReason ?? null) === input.reason && row.repliedById === actor.id;
    const confirmedNow = proxy ? row.proxyConfirmedAt && row.proxyConfirmedRevision === notice.revision : ownStands;
    if (sameReply && confirmedNow) return { replied: false };
    const at = now();
    const confirm = proxy
      ? confirmedNow
        ? {}
        : { proxyConfirmedAt: at, proxyConfirmedById: actor.id, proxyConfirmedRevision: notice.revision }
      : confirmedNow
        ? {}
        : { confirmedAt: at, confirmedRevision: notice.revision, readAt: row.readAt ?? at };
    await tx
      .update(noticeRecipients)
      .set({ reply: input.reply, substituteId: input.substituteId, replyReason: input.reason, repliedById: actor.id, repliedAt: at, ...confirm })
      .where(and(eq(noticeRecipients.noticeId, id), eq(noticeRecipients.userId, targetId)));
    if (!proxy && !row.readAt) await writeEvent(tx, id, actor.id, "read", { userId: actor.id });
    await writeEvent(
      tx,
      id,
      actor.id,
      "reply",
      { userId: targetId, revision: notice.revision, reply: input.reply, substituteId: input.substituteId, reason: input.reason, ...(proxy ? { proxy: true, basis: proxy.basis } : {}) },
      proxy?.targetId ?? null,
    );
    if (proxy) await notifyNotice(tx, [proxy.targetId], id, "notice_confirmed_for_you", { title: notice.title, by: actor.name });
    return { replied: true };
  });
}

/**
 * A department's head or liaison signs for the department (签收): recorded once per department
 * (a second signature changes nothing); each person still confirms for themselves.
 */
export async function signForDepartment(actor: Actor | null, id: number): Promise<{ signed: boolean }> {
  if (!actor) throw new DomainError("signedOut");
  return getDb().transaction(async (tx) => {
    const found = await loadVisibleNotice(tx, actor, id, today(), "share");
    if (!found) throw notFound();
    const signer = actor.roles.includes("dept_head") || actor.roles.includes("dept_liaison");
    const [member] = signer
      ? await tx
          .select({ userId: noticeRecipients.userId })
          .from(noticeRecipients)
          .where(and(eq(noticeRecipients.noticeId, id), eq(noticeRecipients.departmentId, actor.departmentId)))
          .limit(1)
      : [];
    const verdict = decideNotice(found.notice, "sign", { manages: false, mayReceipt: false, maySign: !!member });
    if (!verdict.ok) throw new DomainError(verdict.reason === "not_allowed" ? "forbidden" : "wrongState");
    const inserted = await tx
      .insert(noticeDepartmentSigns)
      .values({ noticeId: id, departmentId: actor.departmentId, signedById: actor.id, signedAt: now() })
      .onConflictDoNothing()
      .returning({ noticeId: noticeDepartmentSigns.noticeId });
    if (!inserted.length) return { signed: false };
    await writeEvent(tx, id, actor.id, "department_sign", { departmentId: actor.departmentId });
    return { signed: true };
  });
}

// ---------------------------------------------------------------------------------------
// Urging

/**
 * One click by the sender (or the office, for an office notice): everyone who has not confirmed
 * the current revision themselves is notified — those confirmed only on their behalf included.
 * At most once per ten minutes per notice.
 */
export async function urgeNotice(actor: Actor | null, id: number): Promise<{ urged: number }> {
  if (!actor) throw new DomainError("signedOut");
  return getDb().transaction(async (tx) => {
    const found = await loadVisibleNotice(tx, actor, id, today(), "update");
    if (!found) throw notFound();
    const { notice } = found;
    const verdict = decideNotice(notice, "urge", { manages: manages(actor, notice, found.sentByOffice), mayReceipt: false, maySign: false });
    if (!verdict.ok) throw new DomainError(verdict.reason === "not_allowed" ? "forbidden" : "wrongState");
    const at = now();
    const [{ last }] = await tx.select({ last: max(noticeRecipients.lastUrgedAt) }).from(noticeRecipients).where(eq(noticeRecipients.noticeId, id));
    if (urgeTooSoon(last ? new Date(last) : null, at)) throw new DomainError("urgedRecently");
    const rows = await tx
      .select({ userId: noticeRecipients.userId, confirmedAt: noticeRecipients.confirmedAt, confirmedRevision: noticeRecipients.confirmedRevision })
      .from(noticeRecipients)
      .where(eq(noticeRecipients.noticeId, id));
    const missing = rows.filter((r) => needsOwnConfirmation(r, notice.revision)).map((r) => r.userId);
    if (!missing.length) throw new DomainError("nobodyToUrge");
    await tx
      .update(noticeRecipients)
      .set({ lastUrgedAt: at })
      .where(and(eq(noticeRecipients.noticeId, id), inArray(noticeRecipients.userId, missing)));
    await writeEvent(tx, id, actor.id, "urge", { revision: notice.revision, userIds: missing, count: missing.length });
    await notifyNotice(tx, missing, id, "notice_urged", { title: notice.title });
    return { urged: missing.length };
  });
}
