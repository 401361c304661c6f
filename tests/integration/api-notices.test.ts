// Notices through /api/v1: the received box, the sender's box with receipt counts, the detail
// with the caller's own receipt, everyone's receipts only for those who manage the notice, 404
// for a notice the caller may not see, and reading through the API does not mark it read.
import { describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import { GET as listNotices } from "@/app/api/v1/notices/route";
import { GET as readNotice } from "@/app/api/v1/notices/[id]/route";
import { actors, deptId } from "../support/items";
import { publish } from "../support/notices";
import { call, tokenFor } from "../support/api";

describe("notices", () => {
  it("lists, reads and shows receipts to the sender only", async () => {
    const { liufang, zhengkai, hejun } = await actors("liufang", "zhengkai", "hejun");
    const { id } = await publish(liufang, { departmentIds: [await deptId("教务处")] });
    const office = await tokenFor(liufang, ["notices:read"]);
    const member = await tokenFor(zhengkai, ["notices:read"]);
    const outsider = await tokenFor(hejun, ["notices:read"]);

    const received = await call(listNotices, "/api/v1/notices", { token: member.token });
    expect(received.status).toBe(200);
    expect(received.body.data.find((n: { id: number }) => n.id === id)).toMatchObject({ id, state: "published", status: "unread", receiptRequired: true });

    const sent = await call(listNotices, "/api/v1/notices?box=sent", { token: office.token });
    const mine = sent.body.data.find((n: { id: number }) => n.id === id);
    expect(mine.counts.total).toBeGreaterThanOrEqual(3);
    expect(mine.counts.unread).toBe(mine.counts.total);

    const asMember = await call(readNotice, `/api/v1/notices/${id}`, { token: member.token, params: { id: String(id) } });
    expect(asMember.status).toBe(200);
    expect(asMember.body).toMatchObject({ id, manages: false, receipts: null, mine: { status: "unread", readAt: null } });
    // Reading through the API leaves it unread.
    const [row] = await getSql()<{ readAt: Date | null }[]>`select read_at as "readAt" from notice_recipients where notice_id = ${id} and user_id = ${zhengkai.id}`;
    expect(row.readAt).toBeNull();

    const asSender = await call(readNotice, `/api/v1/notices/${id}`, { token: office.token, params: { id: String(id) } });
    expect(asSender.status).toBe(200);
    expect(asSender.body.manages).toBe(true);
    const dept = asSender.body.receipts.departments.find((d: { name: string }) => d.name === "教务处");
    expect(dept.people.map((p: { userId: number }) => p.userId)).toContain(zhengkai.id);
    expect(asSender.text).not.toMatch(/argon2|passwordHash|@/);

    const hidden = await call(readNotice, `/api/v1/notices/${id}`, { token: outsider.token, params: { id: String(id) } });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe("not_found");

    const board = await call(listNotices, "/api/v1/notices?box=board", { token: member.token });
    expect(board.status).toBe(200);
    const bad = await call(listNotices, "/api/v1/notices?box=inbox", { token: member.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.box).toBeDefined();
    const noScope = await call(listNotices, "/api/v1/notices", { token: (await tokenFor(zhengkai, ["items:read"])).token });
    expect(noScope.status).toBe(403);
  });
});
