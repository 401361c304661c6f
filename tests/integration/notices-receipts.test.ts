// Receipts: reading once, confirming once however often or concurrently, confirmations on
// someone's behalf kept apart, department sign-off, meeting replies, revisions that ask
// everyone again, withdrawal that keeps receipts, and urging only the missing.
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import {
  addNoticeAttachment,
  confirmNotice,
  replyNotice,
  reviseNotice,
  signForDepartment,
  urgeNotice,
  withdrawNotice,
} from "@/lib/dal/notices/commands";
import { getNotice, myNoticeCounts, myNotices, openNotice, receiptBoard, sentNotices } from "@/lib/dal/notices/queries";
import { expectDomainError, insertUser } from "../support/db";
import { actors, deptId } from "../support/items";
import { events, localIn, noticeDigest, noticeRow, notified, publish, recipient, recipients } from "../support/notices";

let a: Record<"liufang" | "zhaolei" | "sunli" | "zhoumin" | "wuting" | "zhengkai" | "huangwei" | "linxue" | "hejun" | "wangjianguo" | "liminghua" | "hanmei", Actor>;
let academic: number;
let students: number;

const revise = (actor: Actor, id: number, version: number, change: { title: string; body?: string; receiptDueAt?: string | null; userIds?: number[]; departmentIds?: number[] }) =>
  reviseNotice(actor, { id, version, title: change.title, body: change.body ?? "请各部门认真落实。", receiptDueAt: change.receiptDueAt ?? null, addAudience: { departmentIds: change.departmentIds ?? [], roles: [], userIds: change.userIds ?? [] } });

beforeAll(async () => {
  a = await actors("liufang", "zhaolei", "sunli", "zhoumin", "wuting", "zhengkai", "huangwei", "linxue", "hejun", "wangjianguo", "liminghua", "hanmei");
  academic = await deptId("教务处");
  students = await deptId("学生处");
});

describe("reading", () => {
  it("the first open sets readAt once, with one read event; a sender's open records nothing", async () => {
    const { id } = await publish(a.liufang, { departmentIds: [academic] });
    expect((await recipient(id, a.zhengkai.id)).readAt).toBeNull();
    const first = await openNotice(a.zhengkai, id);
    expect(first.mine?.readAt).toBeInstanceOf(Date);
    const readAt = (await recipient(id, a.zhengkai.id)).readAt;
    await openNotice(a.zhengkai, id);
    await Promise.all([openNotice(a.zhengkai, id), openNotice(a.zhengkai, id)]);
    expect((await recipient(id, a.zhengkai.id)).readAt).toEqual(readAt);
    expect(await events(id, "read")).toHaveLength(1);
    await openNotice(a.liufang, id);
    expect(await events(id, "read")).toHaveLength(1);
  });

  it("unread come first in my list", async () => {
    const older = await publish(a.liufang, { userIds: [a.hejun.id] });
    const newer = await publish(a.liufang, { userIds: [a.hejun.id] });
    await openNotice(a.hejun, newer.id);
    const list = (await myNotices(a.hejun)).map((n) => n.id);
    expect(list.indexOf(older.id)).toBeLessThan(list.indexOf(newer.id));
  });
});

describe("confirming", () => {
  it("twice, or from two tabs at once, records one confirmation and one event", async () => {
    const { id } = await publish(a.liufang, { departmentIds: [academic] });
    expect(await confirmNotice(a.zhengkai, id)).toEqual({ confirmed: true });
    expect(await confirmNotice(a.zhengkai, id)).toEqual({ confirmed: false });
    expect(await events(id, "confirm")).toHaveLength(1);

    const results = await Promise.all([confirmNotice(a.wuting, id, { revision: 1 }), confirmNotice(a.wuting, id, { revision: 1 }), confirmNotice(a.wuting, id)]);
    expect(results.filter((r) => r.confirmed)).toHaveLength(1);
    expect((await events(id, "confirm")).filter((e) => e.actorId === a.wuting.id)).toHaveLength(1);
    const row = await recipient(id, a.wuting.id);
    expect(row.confirmedRevision).toBe(1);
    // Confirming without having opened it reads it too (one read event).
    expect(row.readAt).toBeInstanceOf(Date);
    expect((await events(id, "read")).filter((e) => e.actorId === a.wuting.id)).toHaveLength(1);
  });

  it("refuses the revision the reader did not see, a notice without receipt, and a sender who is no recipient", async () => {
    const { id } = await publish(a.liufang, { userIds: [a.zhengkai.id] });
    await expectDomainError(confirmNotice(a.zhengkai, id, { revision: 2 }), "conflict");
    await expectDomainError(confirmNotice(a.liufang, id), "forbidden");
    const plain = await publish(a.liufang, { userIds: [a.zhengkai.id], receiptRequired: false });
    await expectDomainError(confirmNotice(a.zhengkai, plain.id), "wrongState");
    const detail = await getNotice(a.zhengkai, plain.id);
    expect(detail.canConfirm).toBe(false);
  });

  it("on someone's behalf: recorded apart, never counted as theirs, and the person is told", async () => {
    const { id } = await publish(a.liufang, { departmentIds: [academic] });
    // The liaison confirms for a member of her department.
    expect(await confirmNotice(a.wuting, id, { onBehalfOf: a.zhengkai.id })).toEqual({ confirmed: true });
    const row = await recipient(id, a.zhengkai.id);
    expect(row.confirmedAt).toBeNull();
    expect(row.proxyConfirmedById).toBe(a.wuting.id);
    expect(row.proxyConfirmedRevision).toBe(1);
    const [event] = (await events(id, "confirm")).filter((e) => e.onBehalfOfId === a.zhengkai.id);
    expect(event).toMatchObject({ actorId: a.wuting.id, onBehalfOfId: a.zhengkai.id, data: { userId: a.zhengkai.id, proxy: true, basis: "department" } });
    expect(await notified(id, "notice_confirmed_for_you")).toEqual([a.zhengkai.id]);
    // The liaison's own receipt is untouched.
    expect((await recipient(id, a.wuting.id)).confirmedAt).toBeNull();

    const board = await receiptBoard(a.liufang, id);
    expect(board.counts.confirmed).toBe(0);
    expect(board.counts.proxy_only).toBe(1);
    expect(board.departments[0].people.find((p) => p.userId === a.zhengkai.id)?.status).toBe("proxy_only");
    expect((await getNotice(a.zhengkai, id)).mine?.status).toBe("proxy_only");
    expect((await myNoticeCounts(a.zhengkai)).toConfirm).toBeGreaterThan(0);

    // Once more on behalf changes nothing; then the person confirms and it counts as theirs.
    expect(await confirmNotice(a.wuting, id, { onBehalfOf: a.zhengkai.id })).toEqual({ confirmed: false });
    await confirmNotice(a.zhengkai, id);
    const after = await receiptBoard(a.liufang, id);
    expect(after.counts.confirmed).toBe(1);
    expect(after.counts.proxy_only).toBe(0);
    // Now that the person's own stands, confirming for them adds nothing.
    expect(await confirmNotice(a.wuting, id, { onBehalfOf: a.zhengkai.id })).toEqual({ confirmed: false });
  });

  it("refuses acting for someone outside the rule, for oneself as proxy, or for a non-recipient", async () => {
    const { id } = await publish(a.liufang, { departmentIds: [academic, students] });
    const before = await noticeDigest();
    await expectDomainError(confirmNotice(a.wuting, id, { onBehalfOf: a.hejun.id }), "forbidden", "onBehalfOf"); // another department
    await expectDomainError(confirmNotice(a.zhengkai, id, { onBehalfOf: a.wuting.id }), "forbidden", "onBehalfOf"); // a staff member
    await expectDomainError(confirmNotice(a.wuting, id, { onBehalfOf: a.wangjianguo.id }), "notRecipient", "onBehalfOf");
    expect(await noticeDigest()).toEqual(before);
    // Naming oneself is simply one's own confirmation.
    await confirmNotice(a.wuting, id, { onBehalfOf: a.wuting.id });
    expect((await recipient(id, a.wuting.id)).confirmedRevision).toBe(1);
  });

  it("a delegate confirms for the leader who delegated to them today", async () => {
    const { id } = await publish(a.liufang, { userIds: [a.wangjianguo.id] });
    // Not yet a delegate: cannot even see it.
    await expectDomainError(confirmNotice(a.liminghua, id, { onBehalfOf: a.wangjianguo.id }), "notFound");
    const [d] = await getSql()<{ id: number }[]>`
      insert into delegations (from_user_id, to_user_id, starts_on, ends_on) values (${a.wangjianguo.id}, ${a.liminghua.id}, current_date - 1, current_date + 1) returning id`;
    try {
      expect((await getNotice(a.liminghua, id)).actFor.map((x) => x.userId)).toEqual([a.wangjianguo.id]);
      await confirmNotice(a.liminghua, id, { onBehalfOf: a.wangjianguo.id });
      const row = await recipient(id, a.wangjianguo.id);
      expect(row.proxyConfirmedById).toBe(a.liminghua.id);
      expect(row.confirmedAt).toBeNull();
      expect((await events(id, "confirm"))[0].data.basis).toBe("delegate");
    } finally {
      await getSql()`update delegations set revoked_at = now() where id = ${d.id}`;
    }
  });
});

describe("department sign-off", () => {
  it("the liaison signs once for the department; each person still confirms", async () => {
    const { id } = await publish(a.liufang, { departmentIds: [academic, students] });
    expect((await getNotice(a.wuting, id)).department?.canSign).toBe(true);
    expect(await signForDepartment(a.wuting, id)).toEqual({ signed: true });
    expect(await signForDepartment(a.zhoumin, id)).toEqual({ signed: false }); // already signed
    expect(await events(id, "department_sign")).toHaveLength(1);
    const board = await receiptBoard(a.liufang, id);
    const dept = board.departments.find((d) => d.departmentId === academic)!;
    expect(dept.signedByName).toBeTruthy();
    expect(dept.counts.confirmed).toBe(0);
    expect(board.departments.find((d) => d.departmentId === students)!.signedAt).toBeNull();
    await expectDomainError(signForDepartment(a.zhengkai, id), "forbidden"); // staff do not sign
    const other = await publish(a.liufang, { departmentIds: [students] });
    await expectDomainError(signForDepartment(a.wuting, other.id), "notFound"); // not her notice
  });
});

describe("meeting replies", () => {
  it("attend / substitute / absent, recorded as the receipt; bad replies change nothing", async () => {
    const { id } = await publish(a.liufang, { kind: "meeting", departmentIds: [students], receiptDueAt: localIn(72) });
    await replyNotice(a.huangwei, id, { reply: "attend", substituteId: null, reason: null });
    let row = await recipient(id, a.huangwei.id);
    expect(row).toMatchObject({ reply: "attend", repliedById: a.huangwei.id, confirmedRevision: 1 });

    const before = await noticeDigest();
    await expectDomainError(replyNotice(a.linxue, id, { reply: "substitute", substituteId: 999_999, reason: null }), "unknownUser", "substituteId");
    const inactive = await insertUser({ roles: ["dept_staff"], departmentId: students, active: false });
    await expectDomainError(replyNotice(a.linxue, id, { reply: "substitute", substituteId: inactive.id, reason: null }), "unknownUser", "substituteId");
    const robot = await insertUser({ roles: ["dept_staff"], departmentId: students });
    await getSql()`update users set service = true where id = ${robot.id}`;
    await expectDomainError(replyNotice(a.linxue, id, { reply: "substitute", substituteId: robot.id, reason: null }), "unknownUser", "substituteId");
    await expectDomainError(replyNotice(a.linxue, id, { reply: "substitute", substituteId: a.linxue.id, reason: null }), "substituteSelf", "substituteId");
    await expectDomainError(replyNotice(a.linxue, id, { reply: "absent", substituteId: null, reason: null }), "required", "reason");
    await expectDomainError(replyNotice(a.linxue, id, { reply: "substitute", substituteId: null, reason: null }), "required", "substituteId");
    expect(await noticeDigest()).toEqual(before);

    await replyNotice(a.linxue, id, { reply: "substitute", substituteId: a.hejun.id, reason: "出差" });
    row = await recipient(id, a.linxue.id);
    expect(row).toMatchObject({ reply: "substitute", substituteId: a.hejun.id, replyReason: "出差" });
    // The same reply again records nothing; a changed one replaces it, the timeline keeps both.
    expect(await replyNotice(a.linxue, id, { reply: "substitute", substituteId: a.hejun.id, reason: "出差" })).toEqual({ replied: false });
    await replyNotice(a.linxue, id, { reply: "absent", substituteId: null, reason: "病假" });
    expect((await recipient(id, a.linxue.id)).reply).toBe("absent");
    expect((await events(id, "reply")).filter((e) => e.actorId === a.linxue.id)).toHaveLength(2);
    // Replies only on meeting notices.
    const plain = await publish(a.liufang, { userIds: [a.linxue.id] });
    await expectDomainError(replyNotice(a.linxue, plain.id, { reply: "attend", substituteId: null, reason: null }), "wrongState");

    const board = await receiptBoard(a.liufang, id);
    const people = board.departments[0].people;
    expect(people.find((p) => p.userId === a.linxue.id)).toMatchObject({ reply: "absent", replyReason: "病假", status: "confirmed" });
  });

  it("a reply on someone's behalf is recorded as such and cannot overwrite the person's own", async () => {
    const { id } = await publish(a.liufang, { kind: "meeting", departmentIds: [students] });
    await replyNotice(a.linxue, id, { reply: "attend", substituteId: null, reason: null, onBehalfOf: a.hejun.id });
    const row = await recipient(id, a.hejun.id);
    expect(row).toMatchObject({ reply: "attend", repliedById: a.linxue.id, proxyConfirmedById: a.linxue.id, confirmedAt: null });
    expect((await receiptBoard(a.liufang, id)).departments[0].people.find((p) => p.userId === a.hejun.id)).toMatchObject({ status: "proxy_only", repliedOnBehalf: true });
    await replyNotice(a.huangwei, id, { reply: "attend", substituteId: null, reason: null });
    await expectDomainError(replyNotice(a.linxue, id, { reply: "absent", substituteId: null, reason: "代请假", onBehalfOf: a.huangwei.id }), "wrongState");
    expect((await recipient(id, a.huangwei.id)).reply).toBe("attend");
  });
});

describe("revising", () => {
  it("bumps the revision: earlier confirmations stop counting but stay, everyone is told, newcomers receive it", async () => {
    const { id } = await publish(a.liufang, { departmentIds: [academic], receiptDueAt: localIn(48) });
    await confirmNotice(a.zhengkai, id);
    await confirmNotice(a.wuting, id, { onBehalfOf: a.zhoumin.id });
    const v = (await noticeRow(id)).version;

    const updated = await revise(a.liufang, id, v, { title: "（修改）关于期末工作的通知", receiptDueAt: localIn(72), userIds: [a.hejun.id] });
    expect(updated.revision).toBe(2);
    const zk = await recipient(id, a.zhengkai.id);
    expect(zk.confirmedRevision).toBe(1); // kept on the row
    const board = await receiptBoard(a.liufang, id);
    expect(board.counts.confirmed).toBe(0);
    expect(board.counts.confirmed_earlier).toBe(2);
    expect(board.counts.total).toBe((await recipients(id)).length);
    expect((await recipients(id)).map((r) => r.userId)).toContain(a.hejun.id);
    expect(await notified(id, "notice_received")).toContain(a.hejun.id);
    const revisedTo = await notified(id, "notice_revised");
    expect(revisedTo).toContain(a.zhengkai.id);
    expect(revisedTo).not.toContain(a.hejun.id);
    expect((await events(id, "revise"))[0].data).toMatchObject({ revision: 2, changed: expect.arrayContaining(["title", "receiptDueAt", "audience"]) });
    expect((await getNotice(a.zhengkai, id)).mine?.status).toBe("confirmed_earlier");

    // Confirming again counts on the new revision; the old confirmation stays in the timeline.
    await expectDomainError(confirmNotice(a.zhengkai, id, { revision: 1 }), "conflict");
    await confirmNotice(a.zhengkai, id, { revision: 2 });
    expect((await recipient(id, a.zhengkai.id)).confirmedRevision).toBe(2);
    expect((await events(id, "confirm")).filter((e) => e.actorId === a.zhengkai.id).map((e) => e.data.revision)).toEqual([1, 2]);
    expect((await receiptBoard(a.liufang, id)).counts.confirmed).toBe(1);
  });

  it("refuses a stale version, an unchanged revision, a past deadline, strangers and non-senders; nothing changes", async () => {
    const { id } = await publish(a.liufang, { departmentIds: [academic], receiptDueAt: localIn(48) });
    const row = await noticeRow(id);
    const before = await noticeDigest();
    await expectDomainError(revise(a.liufang, id, row.version + 1, { title: "新标题" }), "conflict");
    await expectDomainError(revise(a.zhaolei, id, row.version, { title: row.title, receiptDueAt: localIn(-2) }), "receiptDueInPast", "receiptDueAt");
    await expectDomainError(revise(a.zhengkai, id, row.version, { title: "新标题" }), "forbidden");
    await expectDomainError(revise(a.hanmei, id, row.version, { title: "新标题" }), "notFound");
    expect(await noticeDigest()).toEqual(before);
    // The office revises an office notice: the same deadline and text is no change at all.
    const detail = await getNotice(a.zhaolei, id);
    expect(detail.manages).toBe(true);
    const { localDateTime } = await import("@/lib/domain/notices/deadline");
    const { appConfig } = await import("@/lib/config");
    await expectDomainError(revise(a.zhaolei, id, row.version, { title: row.title, receiptDueAt: localDateTime(row.receiptDueAt!, appConfig.timeZone) }), "noticeUnchanged");
    expect(await noticeDigest()).toEqual(before);
  });

  it("adding a file is a revision", async () => {
    const { id } = await publish(a.liufang, { userIds: [a.zhengkai.id] });
    await confirmNotice(a.zhengkai, id);
    await addNoticeAttachment(a.liufang, id, (await noticeRow(id)).version, { name: "补充材料.txt", bytes: new TextEncoder().encode("补充") });
    expect((await noticeRow(id)).revision).toBe(2);
    expect((await getNotice(a.zhengkai, id)).mine?.status).toBe("confirmed_earlier");
    await expectDomainError(addNoticeAttachment(a.liufang, id, (await noticeRow(id)).version, { name: "x.pdf", bytes: new TextEncoder().encode("not a pdf") }), "file_disguised", "file");
  });
});

describe("withdrawing", () => {
  it("needs a reason, keeps every receipt, tells recipients, and closes all actions", async () => {
    const { id } = await publish(a.liufang, { kind: "meeting", departmentIds: [academic] });
    await replyNotice(a.zhengkai, id, { reply: "attend", substituteId: null, reason: null });
    await signForDepartment(a.wuting, id);
    const v = (await noticeRow(id)).version;
    await expectDomainError(withdrawNotice(a.liufang, id, v, " "), "required", "reason");
    await expectDomainError(withdrawNotice(a.zhengkai, id, v, "不需要了"), "forbidden");
    await withdrawNotice(a.liufang, id, v, "会议改期");
    expect(await noticeRow(id)).toMatchObject({ state: "withdrawn", withdrawnReason: "会议改期" });
    expect(await recipient(id, a.zhengkai.id)).toMatchObject({ reply: "attend", confirmedRevision: 1 });
    expect(new Set(await notified(id, "notice_withdrawn"))).toEqual(new Set((await recipients(id)).map((r) => r.userId)));
    expect((await receiptBoard(a.liufang, id)).counts.confirmed).toBe(1);

    const before = await noticeDigest();
    await expectDomainError(confirmNotice(a.wuting, id), "wrongState");
    await expectDomainError(replyNotice(a.zhoumin, id, { reply: "attend", substituteId: null, reason: null }), "wrongState");
    await expectDomainError(signForDepartment(a.zhoumin, id), "wrongState");
    await expectDomainError(urgeNotice(a.liufang, id), "wrongState");
    await expectDomainError(withdrawNotice(a.liufang, id, v + 1, "再撤"), "wrongState");
    await expectDomainError(revise(a.liufang, id, v + 1, { title: "改" }), "wrongState");
    expect(await noticeDigest()).toEqual(before);
    expect((await getNotice(a.zhengkai, id)).canConfirm).toBe(false);
  });
});

describe("urging", () => {
  it("notifies only those who have not confirmed in person, and at most once per ten minutes", async () => {
    const { id } = await publish(a.liufang, { departmentIds: [academic] });
    await confirmNotice(a.zhengkai, id);
    await confirmNotice(a.wuting, id, { onBehalfOf: a.zhoumin.id }); // on behalf only: still urged
    const all = (await recipients(id)).map((r) => r.userId);
    const { urged } = await urgeNotice(a.liufang, id);
    const got = await notified(id, "notice_urged");
    expect(got).toEqual(all.filter((u) => u !== a.zhengkai.id));
    expect(urged).toBe(got.length);
    expect(got).toContain(a.zhoumin.id);
    expect((await recipient(id, a.zhengkai.id)).lastUrgedAt).toBeNull();
    expect((await recipient(id, a.zhoumin.id)).lastUrgedAt).toBeInstanceOf(Date);
    expect((await events(id, "urge"))[0].data).toMatchObject({ count: got.length });

    const before = await noticeDigest();
    await expectDomainError(urgeNotice(a.zhaolei, id), "urgedRecently"); // the office, too soon
    await expectDomainError(urgeNotice(a.zhengkai, id), "forbidden");
    await expectDomainError(urgeNotice(a.hanmei, id), "notFound");
    expect(await noticeDigest()).toEqual(before);

    // Eleven minutes later (moved in the database), the office may urge again.
    await getSql()`update notice_recipients set last_urged_at = last_urged_at - interval '11 minutes' where notice_id = ${id}`;
    await urgeNotice(a.zhaolei, id);
    expect((await notified(id, "notice_urged")).length).toBe(2 * got.length);
  });

  it("says so when everyone has confirmed in person", async () => {
    const { id } = await publish(a.liufang, { userIds: [a.zhengkai.id] });
    await confirmNotice(a.zhengkai, id);
    await expectDomainError(urgeNotice(a.liufang, id), "nobodyToUrge");
  });

  it("a head urges and sees the board of their own department notice; the office does not", async () => {
    const { id } = await publish(a.zhoumin, { departmentIds: [academic] });
    expect((await receiptBoard(a.zhoumin, id)).counts.total).toBeGreaterThan(0);
    await urgeNotice(a.zhoumin, id);
    await expectDomainError(receiptBoard(a.liufang, id), "notFound");
    expect((await sentNotices(a.zhoumin)).map((n) => n.id)).toContain(id);
    expect((await sentNotices(a.liufang)).map((n) => n.id)).not.toContain(id);
  });
});
