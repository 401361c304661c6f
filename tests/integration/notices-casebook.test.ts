// The casebook (DESIGN.md §4): a meeting notice reached the principal's secretary, never the
// principal, who booked another meeting for the same day. With receipts, the office's
// confirmation for him is recorded as such, the board shows him as not personally confirmed,
// the office urges him, and only his own confirmation counts.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/dal/actor";
import { confirmNotice, urgeNotice } from "@/lib/dal/notices/commands";
import { getNotice, openNotice, receiptBoard } from "@/lib/dal/notices/queries";
import { actors } from "../support/items";
import { events, localIn, notified, publish, recipient } from "../support/notices";

let a: Record<"liufang" | "zhaolei" | "wangjianguo", Actor>;

beforeAll(async () => {
  a = await actors("liufang", "zhaolei", "wangjianguo");
});

describe("the secretary's confirmation is not the leader's", () => {
  it("runs the case end to end", async () => {
    const { id } = await publish(a.liufang, {
      kind: "meeting",
      title: "关于召开期末工作部署会的通知",
      body: "定于周五下午三时在第一会议室召开期末工作部署会，请准时参加。",
      userIds: [a.wangjianguo.id],
      receiptDueAt: localIn(48),
    });
    expect(await notified(id, "notice_meeting")).toEqual([a.wangjianguo.id]);

    // Office staff zhaolei sees the principal among those he may confirm for, and does.
    const forZhao = await getNotice(a.zhaolei, id);
    expect(forZhao.actFor).toEqual([expect.objectContaining({ userId: a.wangjianguo.id, basis: "office_for_leader", status: "unread" })]);
    await confirmNotice(a.zhaolei, id, { onBehalfOf: a.wangjianguo.id, revision: 1 });
    const [proxy] = await events(id, "confirm");
    expect(proxy).toMatchObject({ actorId: a.zhaolei.id, onBehalfOfId: a.wangjianguo.id });
    expect(await notified(id, "notice_confirmed_for_you")).toEqual([a.wangjianguo.id]);

    // The board: the principal has not confirmed in person; the secretary's confirmation shows apart.
    let board = await receiptBoard(a.liufang, id);
    expect(board.counts).toMatchObject({ total: 1, confirmed: 0, proxy_only: 1 });
    const row = board.departments[0].people[0];
    expect(row).toMatchObject({ userId: a.wangjianguo.id, status: "proxy_only", confirmedAt: null, proxyConfirmedByName: "赵磊" });

    // The office urges; the principal (only he was missing) is told.
    expect(await urgeNotice(a.liufang, id)).toEqual({ urged: 1 });
    expect(await notified(id, "notice_urged")).toEqual([a.wangjianguo.id]);

    // The principal opens it and confirms: now it counts as his own.
    const opened = await openNotice(a.wangjianguo, id);
    expect(opened.mine).toMatchObject({ status: "proxy_only", proxyConfirmedByName: "赵磊" });
    await confirmNotice(a.wangjianguo, id, { revision: 1 });
    board = await receiptBoard(a.liufang, id);
    expect(board.counts).toMatchObject({ total: 1, confirmed: 1, proxy_only: 0 });
    const mine = await recipient(id, a.wangjianguo.id);
    expect(mine.confirmedRevision).toBe(1);
    expect(mine.proxyConfirmedById).toBe(a.zhaolei.id); // the secretary's act stays on record
    // The timeline proves both, each by whom.
    expect((await events(id, "confirm")).map((e) => [e.actorId, e.onBehalfOfId])).toEqual([
      [a.zhaolei.id, a.wangjianguo.id],
      [a.wangjianguo.id, null],
    ]);
  });
});
