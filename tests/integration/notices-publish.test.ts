// Publishing: each kind of audience resolves to the right distinct active people, the sender
// is never a recipient, heads stay inside their department, announcements go to the board,
// and bad input is refused at its field with nothing written.
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import type { Actor } from "@/lib/dal/actor";
import { publishNotice } from "@/lib/dal/notices/commands";
import { getNotice, myNotices, noticeBoard, noticeFormOptions, sentNotices } from "@/lib/dal/notices/queries";
import { expectDomainError, insertUser } from "../support/db";
import { actors, deptId } from "../support/items";
import { events, localIn, noticeDigest, noticeForm, notified, publish, recipients } from "../support/notices";

let a: Record<"liufang" | "zhaolei" | "zhoumin" | "wuting" | "zhengkai" | "huangwei" | "linxue" | "wangjianguo" | "hanmei" | "qianjun", Actor>;
let academic: number;
let students: number;

async function membersOf(departmentId: number): Promise<number[]> {
  const rows = await getSql()<{ id: number }[]>`select id from users where department_id = ${departmentId} and active and not service order by id`;
  return rows.map((r) => r.id);
}

async function holders(role: string): Promise<number[]> {
  const rows = await getSql()<{ id: number }[]>`select u.id from users u join user_roles r on r.user_id = u.id where r.role = ${role} and u.active and not u.service order by u.id`;
  return rows.map((r) => r.id);
}

const ids = async (noticeId: number) => (await recipients(noticeId)).map((r) => r.userId);

beforeAll(async () => {
  a = await actors("liufang", "zhaolei", "zhoumin", "wuting", "zhengkai", "huangwei", "linxue", "wangjianguo", "hanmei", "qianjun");
  academic = await deptId("教务处");
  students = await deptId("学生处");
});

describe("audience resolution", () => {
  it("a department reaches its active members only, not its sub-departments", async () => {
    const { id, recipients: n } = await publish(a.liufang, { departmentIds: [academic] });
    const expected = await membersOf(academic);
    expect(await ids(id)).toEqual(expected);
    expect(n).toBe(expected.length);
    expect(await ids(id)).not.toContain(a.qianjun.id); // 考务科, a sub-department of 教务处
    // Each recipient row records the department the notice reached them in.
    expect((await recipients(id)).every((r) => r.departmentId === academic)).toBe(true);
    expect(new Set(await notified(id, "notice_received"))).toEqual(new Set(expected));
  });

  it("never reaches a service account (a system, which cannot read or confirm)", async () => {
    const robot = await insertUser({ roles: ["dept_staff"], departmentId: academic });
    await getSql()`update users set service = true where id = ${robot.id}`;
    const { id } = await publish(a.liufang, { departmentIds: [academic], roles: ["dept_staff"], userIds: [robot.id] });
    expect(await ids(id)).not.toContain(robot.id);
    expect((await noticeFormOptions(a.liufang)).people.map((p) => p.id)).not.toContain(robot.id);
  });

  it("a role reaches everyone active who holds it", async () => {
    const { id } = await publish(a.liufang, { roles: ["deputy", "principal"] });
    expect(await ids(id)).toEqual([...(await holders("deputy")), ...(await holders("principal"))].sort((x, y) => x - y));
  });

  it("named people are reached, each once however often the audience names them, never the sender nor the inactive", async () => {
    const gone = await insertUser({ roles: ["dept_staff"], departmentId: students, active: false });
    const { id } = await publish(a.liufang, { departmentIds: [students], userIds: [a.huangwei.id, a.zhoumin.id], roles: ["office_director"] });
    const got = await ids(id);
    // Other office directors (other tests may add some) are reached through the role; the sender is not.
    const directors = (await holders("office_director")).filter((u) => u !== a.liufang.id);
    expect(got).toEqual([...new Set([...(await membersOf(students)), a.zhoumin.id, ...directors])].sort((x, y) => x - y));
    expect(got).not.toContain(a.liufang.id); // the sender, although office_director was chosen
    expect(got).not.toContain(gone.id);
    await expectDomainError(publish(a.liufang, { userIds: [gone.id] }), "unknownUser", "userIds");
  });

  it("a meeting notice asks for a reply and notifies as a meeting", async () => {
    const { id } = await publish(a.liufang, { kind: "meeting", userIds: [a.wangjianguo.id], receiptDueAt: localIn(48) });
    expect(await notified(id, "notice_meeting")).toEqual([a.wangjianguo.id]);
    const detail = await getNotice(a.wangjianguo, id);
    expect(detail.receiptRequired).toBe(true);
    expect(detail.canReply).toBe(true);
    expect((await events(id, "publish"))[0].data).toMatchObject({ kind: "meeting", recipients: 1 });
  });

  it("an announcement writes no recipient rows and shows on everyone's board", async () => {
    const { id, recipients: n } = await publish(a.liufang, { kind: "announcement", title: "寒假放假安排", userIds: [a.zhoumin.id] });
    expect(n).toBe(0);
    expect(await recipients(id)).toEqual([]);
    for (const who of [a.zhengkai, a.hanmei, a.wangjianguo]) {
      expect((await noticeBoard(who)).map((b) => b.id)).toContain(id);
      expect((await getNotice(who, id)).kind).toBe("announcement");
    }
    // Not in anyone's receipt list: it asks for none.
    expect((await myNotices(a.zhengkai)).map((r) => r.id)).not.toContain(id);
    // In the sender's list with nothing to count (no recipient rows, so no one unread either).
    expect((await sentNotices(a.liufang)).find((n) => n.id === id)?.counts).toEqual({ total: 0, confirmed: 0, proxy_only: 0, confirmed_earlier: 0, read: 0, unread: 0 });
    await expectDomainError(publish(a.zhoumin, { kind: "announcement" }), "forbidden");
  });
});

describe("who may send to whom", () => {
  it("a department head sends to their own department, whole or in part", async () => {
    const whole = await publish(a.zhoumin, { departmentIds: [academic] });
    expect(await ids(whole.id)).toEqual((await membersOf(academic)).filter((u) => u !== a.zhoumin.id));
    const some = await publish(a.zhoumin, { userIds: [a.zhengkai.id] });
    expect(await ids(some.id)).toEqual([a.zhengkai.id]);
    const opts = await noticeFormOptions(a.zhoumin);
    expect(opts.departments.map((d) => d.id)).toEqual([academic]);
    expect(opts.roles).toEqual([]);
    expect(opts.kinds).toEqual(["notice", "meeting"]);
  });

  it("refuses a head addressing another department, its people or a role, and those who may not send", async () => {
    const before = await noticeDigest();
    await expectDomainError(publish(a.zhoumin, { departmentIds: [students] }), "forbidden");
    await expectDomainError(publish(a.zhoumin, { departmentIds: [academic, students] }), "forbidden");
    await expectDomainError(publish(a.zhoumin, { userIds: [a.huangwei.id] }), "forbidden");
    await expectDomainError(publish(a.zhoumin, { userIds: [a.qianjun.id] }), "forbidden"); // a sub-department's member
    await expectDomainError(publish(a.zhoumin, { roles: ["dept_staff"] }), "forbidden");
    await expectDomainError(publish(a.wuting, { departmentIds: [academic] }), "forbidden"); // a liaison
    await expectDomainError(publish(a.wangjianguo, { departmentIds: [academic] }), "forbidden"); // a leader
    await expectDomainError(noticeFormOptions(a.wuting), "forbidden");
    expect(await noticeDigest()).toEqual(before);
  });
});

describe("bad input changes nothing", () => {
  it("an empty audience, a past or malformed deadline, too long a text, an unknown department", async () => {
    const before = await noticeDigest();
    expect(() => noticeForm({})).toThrow(); // no one chosen: refused by the form schema at "audience"
    await expectDomainError(publishNotice(a.liufang, { ...noticeForm({ userIds: [a.zhoumin.id] }), audience: { departmentIds: [], roles: [], userIds: [] } }), "audienceEmpty", "audience");
    // A department with nobody active in it resolves to no one.
    const [empty] = await getSql()<{ id: number }[]>`insert into departments (name, kind) values (${"空部门" + Date.now()}, 'functional') returning id`;
    await expectDomainError(publish(a.liufang, { departmentIds: [empty.id] }), "audienceEmpty", "audience");
    await expectDomainError(publish(a.liufang, { userIds: [a.zhoumin.id], receiptDueAt: localIn(-1) }), "receiptDueInPast", "receiptDueAt");
    await expectDomainError(publish(a.liufang, { departmentIds: [999_999] }), "unknownDepartment", "departmentIds");
    expect(() => noticeForm({ userIds: [a.zhoumin.id], title: "长".repeat(201) })).toThrow(/errors.tooLong/);
    expect(() => noticeForm({ userIds: [a.zhoumin.id], body: "长".repeat(20_001) })).toThrow(/errors.tooLong/);
    expect(() => noticeForm({ userIds: [a.zhoumin.id], receiptDueAt: "2026-13-01T10:00" })).toThrow(/errors.dateTime/);
    await getSql()`delete from departments where id = ${empty.id}`;
    expect(await noticeDigest()).toEqual(before);
  });

  it("an oversized, disguised or unknown attachment is refused at its field; a good one is stored", async () => {
    const before = await noticeDigest();
    const form = noticeForm({ userIds: [a.zhoumin.id] });
    await expectDomainError(publishNotice(a.liufang, form, [{ name: "会议议程.pdf", bytes: new TextEncoder().encode("MZ this is not a pdf") }]), "file_disguised", "files");
    await expectDomainError(publishNotice(a.liufang, form, [{ name: "run.exe", bytes: new Uint8Array([0x4d, 0x5a, 1, 2]) }]), "file_type", "files");
    await expectDomainError(publishNotice(a.liufang, form, [{ name: "空.txt", bytes: new Uint8Array() }]), "file_empty", "files");
    process.env.ZHONGSHU_MAX_UPLOAD_MB = "1";
    try {
      await expectDomainError(publishNotice(a.liufang, form, [{ name: "大.txt", bytes: new Uint8Array(1024 * 1024 + 1).fill(0x61) }]), "file_tooLarge", "files");
    } finally {
      delete process.env.ZHONGSHU_MAX_UPLOAD_MB;
    }
    expect(await noticeDigest()).toEqual(before);
    const { id } = await publishNotice(a.liufang, form, [{ name: "议程.txt", bytes: new TextEncoder().encode("一、开幕\n二、议题") }]);
    const [row] = await getSql()<{ n: number }[]>`select count(*)::int as n from attachments where notice_id = ${id}`;
    expect(row.n).toBe(1);
  });

  it("an unknown person cannot be addressed", async () => {
    const before = await noticeDigest();
    await expectDomainError(publish(a.liufang, { userIds: [999_999] }), "unknownUser", "userIds");
    expect(await noticeDigest()).toEqual(before);
  });
});
