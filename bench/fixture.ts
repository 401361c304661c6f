// The floors' rows (app/(bench)/bench-floor): read once through the data layer, in this
// process, as the signed-in department user, and written to a JSON file the floor pages read.
// Also finds the keyset cursors the bench pages with.
import { writeFileSync } from "node:fs";
import type { FloorFixture } from "../app/(bench)/bench-floor/fixture";
import type { Actor } from "../lib/dal/actor";
import type { InboxEntry } from "../lib/dal/items/queries";

export type Cursor = { dueOn: string; id: number };
export const INBOX_PAGE = 50;

/** The inbox's cursors, page by page as the department home links them (`after` = last row shown). */
export async function inboxCursors(actor: Actor, pages: number): Promise<Cursor[]> {
  const { departmentInbox } = await import("../lib/dal/items/queries");
  const cursors: Cursor[] = [];
  let after: Cursor | undefined;
  for (let p = 1; p < pages; p++) {
    const rows: InboxEntry[] = await departmentInbox(actor, { after, limit: INBOX_PAGE });
    if (rows.length < INBOX_PAGE) break;
    const last = rows[rows.length - 1];
    after = { dueOn: last.dueOn, id: last.id };
    cursors.push(after);
  }
  return cursors;
}

export const cursorParam = (c: Cursor) => `${c.dueOn}_${c.id}`;

/** Writes the fixture for the inbox page after `after`, and the detail of item `itemId`. */
export async function writeFloorFixture(file: string, actor: Actor, after: Cursor | undefined, itemId: number): Promise<FloorFixture> {
  const { departmentInbox, getItem } = await import("../lib/dal/items/queries");
  const { listUsers } = await import("../lib/dal/users");
  const { portfoliosInForce } = await import("../lib/dal/homes");
  const { listRequests } = await import("../lib/dal/requests/queries");
  const { unreadCount } = await import("../lib/dal/notifications");
  const { calendarExceptions } = await import("../lib/dal/calendar");
  const { listDepartments } = await import("../lib/dal/departments");
  const { listLeaders, namesOf } = await import("../lib/dal/items/leaders");
  const { listAttachments } = await import("../lib/dal/items/attachments");
  const { today } = await import("../lib/clock");
  const { isWorkingDay } = await import("../lib/domain/calendar");
  const { homesFor, landingHome } = await import("../lib/domain/roles");
  const on = today();
  const detail = await getItem(actor, itemId);
  const leaderIds = detail.events.flatMap((e) => [e.data.leaderId, e.data.fromLeaderId]).filter((v): v is number => typeof v === "number");
  const portfolio = await portfoliosInForce(actor, on);
  const fixture: FloorFixture = {
    actor: {
      name: actor.name,
      departmentName: actor.departmentName,
      departmentId: actor.departmentId,
      roles: actor.roles,
      home: landingHome(actor.roles) ?? "department",
      homes: homesFor(actor.roles),
    },
    unread: await unreadCount(actor),
    today: on,
    inbox: {
      greeting: { workingDay: isWorkingDay(on, await calendarExceptions(actor, on, on)) },
      deputies: [...new Set(portfolio.filter((p) => p.departmentId === actor.departmentId).map((p) => p.deputyName))],
      after,
      rows: await departmentInbox(actor, { after, limit: INBOX_PAGE + 1 }),
      members: await listUsers(actor, { departmentId: actor.departmentId }),
      requests: (await listRequests(actor, { scope: "department", limit: 6 })).rows,
    },
    item: {
      detail,
      departments: await listDepartments(actor, { includeInactive: true }),
      names: [...(await namesOf(actor, leaderIds)).entries()],
      leaders: detail.actions.includes("reroute") ? await listLeaders(actor) : [],
      files: await listAttachments(actor, itemId),
    },
  };
  writeFileSync(file, JSON.stringify(fixture));
  return fixture;
}
