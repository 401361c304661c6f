// Visibility both ways: the audience, the sender and (for office notices) the office see a
// notice; anyone else gets notFound from the detail, the board, the attachments and every
// command; lists and counts hold only what their reader can open.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/dal/actor";
import { listNoticeAttachments, readNoticeAttachment } from "@/lib/dal/notices/attachments";
import {
  addNoticeAttachment,
  confirmNotice,
  markNoticeRead,
  publishNotice,
  replyNotice,
  reviseNotice,
  signForDepartment,
  urgeNotice,
  withdrawNotice,
} from "@/lib/dal/notices/commands";
import { getNotice, myNoticeCounts, myNotices, noticeBoard, openNotice, receiptBoard, sentNotices } from "@/lib/dal/notices/queries";
import { getSql } from "@/db/client";
import { expectDomainError } from "../support/db";
import { actors, deptId } from "../support/items";
import { noticeDigest, noticeForm, noticeRow, publish } from "../support/notices";

let a: Record<"liufang" | "zhaolei" | "zhoumin" | "wuting" | "zhengkai" | "huangwei" | "hejun" | "hanmei" | "wangjianguo" | "admin", Actor>;
let officeNotice: number;
let headNotice: number;
let attachmentId: number;

/** The published notices this person received and has not opened, straight from the database. */
async function unopened(userId: number): Promise<number[]> {
  const rows = await getSql()<{ id: number }[]>`
    select n.id from notice_recipients r join notices n on n.id = r.notice_id
    where r.user_id = ${userId} and r.read_at is null and n.state = 'published' order by n.id`;
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  a = await actors("liufang", "zhaolei", "zhoumin", "wuting", "zhengkai", "huangwei", "hejun", "hanmei", "wangjianguo", "admin");
  const academic = await deptId("教务处");
  officeNotice = (
    await publishNotice(a.liufang, noticeForm({ kind: "meeting", departmentIds: [academic] }), [{ name: "议程.txt", bytes: new TextEncoder().encode("议程") }])
  ).id;
  const [att] = await getSql()<{ id: number }[]>`select id from attachments where notice_id = ${officeNotice}`;
  attachmentId = att.id;
  headNotice = (await publish(a.zhoumin, { userIds: [a.zhengkai.id] })).id;
});

describe("who sees a notice", () => {
  it("its audience, its sender and the office for an office notice", async () => {
    for (const who of [a.zhengkai, a.wuting, a.liufang, a.zhaolei]) expect((await getNotice(who, officeNotice)).id).toBe(officeNotice);
    expect((await listNoticeAttachments(a.zhengkai, officeNotice)).length).toBe(1);
    expect((await readNoticeAttachment(a.zhengkai, officeNotice, attachmentId)).name).toBe("议程.txt");
    // A department head's notice: its sender and audience, not the office nor the rest of the department.
    for (const who of [a.zhoumin, a.zhengkai]) expect((await getNotice(who, headNotice)).id).toBe(headNotice);
    for (const who of [a.liufang, a.wuting]) await expectDomainError(getNotice(who, headNotice), "notFound");
  });

  it("anyone else gets notFound from the detail, the board, the attachments and every command, and nothing changes", async () => {
    const outsiders = [a.hanmei, a.huangwei, a.wangjianguo, a.admin];
    const v = (await noticeRow(officeNotice)).version;
    const before = await noticeDigest();
    for (const who of outsiders) {
      await expectDomainError(getNotice(who, officeNotice), "notFound");
      await expectDomainError(openNotice(who, officeNotice), "notFound");
      await expectDomainError(receiptBoard(who, officeNotice), "notFound");
      await expectDomainError(listNoticeAttachments(who, officeNotice), "notFound");
      await expectDomainError(readNoticeAttachment(who, officeNotice, attachmentId), "notFound");
      await expectDomainError(confirmNotice(who, officeNotice), "notFound");
      await expectDomainError(confirmNotice(who, officeNotice, { onBehalfOf: a.zhengkai.id }), "notFound");
      await expectDomainError(replyNotice(who, officeNotice, { reply: "attend", substituteId: null, reason: null }), "notFound");
      await expectDomainError(signForDepartment(who, officeNotice), "notFound");
      await expectDomainError(urgeNotice(who, officeNotice), "notFound");
      await expectDomainError(withdrawNotice(who, officeNotice, v, "x"), "notFound");
      await expectDomainError(reviseNotice(who, { id: officeNotice, version: v, title: "x", body: "", receiptDueAt: null, addAudience: { departmentIds: [], roles: [], userIds: [] } }), "notFound");
      await expectDomainError(addNoticeAttachment(who, officeNotice, v, { name: "x.txt", bytes: new TextEncoder().encode("x") }), "notFound");
      expect(await markNoticeRead(who, officeNotice)).toBe(false);
    }
    await expectDomainError(getNotice(a.zhengkai, 999_999), "notFound");
    await expectDomainError(readNoticeAttachment(a.zhengkai, headNotice, attachmentId), "notFound"); // another notice's file
    expect(await noticeDigest()).toEqual(before);
  });

  it("the audience sees no board, cannot export, revise, withdraw or urge", async () => {
    const v = (await noticeRow(officeNotice)).version;
    await expectDomainError(receiptBoard(a.zhengkai, officeNotice), "forbidden");
    await expectDomainError(urgeNotice(a.wuting, officeNotice), "forbidden");
    await expectDomainError(withdrawNotice(a.zhengkai, officeNotice, v, "x"), "forbidden");
    expect((await getNotice(a.zhengkai, officeNotice)).manages).toBe(false);
    // A recipient's timeline holds the notice's history and their own entries only.
    await confirmNotice(a.zhengkai, officeNotice);
    await confirmNotice(a.wuting, officeNotice);
    const seen = (await getNotice(a.zhengkai, officeNotice)).events;
    expect(seen.every((e) => ["publish", "revise", "withdraw"].includes(e.action) || e.data.userId === a.zhengkai.id)).toBe(true);
    expect((await getNotice(a.liufang, officeNotice)).events.some((e) => e.data.userId === a.wuting.id)).toBe(true);
  });

  it("lists and counts hold only what their reader can open", async () => {
    for (const who of Object.values(a)) {
      const mine = await myNotices(who);
      for (const n of mine) expect((await getNotice(who, n.id)).mine).not.toBeNull();
      const counts = await myNoticeCounts(who);
      // Unread means never opened by the reader, even if someone confirmed it on their behalf
      // (its status is then proxy_only): the count is of published notices in the list they
      // have not opened, and every notice whose status is unread is among them.
      const notOpened = await unopened(who.id);
      const listed = new Set(mine.map((n) => n.id));
      expect(notOpened.every((id) => listed.has(id))).toBe(true);
      expect(counts.unread).toBe(notOpened.length);
      const published = mine.filter((n) => n.state === "published");
      expect(published.filter((n) => n.status === "unread").every((n) => notOpened.includes(n.id))).toBe(true);
      expect(counts.toConfirm).toBe(published.filter((n) => n.receiptRequired && n.kind !== "announcement" && n.status !== "confirmed").length);
      for (const n of await sentNotices(who)) {
        const board = await receiptBoard(who, n.id);
        expect(n.counts).toEqual(board.counts);
      }
      for (const n of await noticeBoard(who)) expect((await getNotice(who, n.id)).kind).toBe("announcement");
    }
    expect((await myNotices(a.hanmei)).map((n) => n.id)).not.toContain(officeNotice);
    expect((await sentNotices(a.hanmei)).map((n) => n.id)).not.toContain(officeNotice);
  });
});
