import "server-only";
// The records' timelines: each kind has its own append-only `*_events` table (its audit
// record) with the same columns but for the one naming the record. Writers run inside the
// caller's transaction; the data layer's functions check who may act before they write.
import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import { coordinationEvents, itemEvents, noticeEvents, requestEvents, users } from "@/db/schema";

export type EventData = Record<string, unknown>;

/** The columns every timeline has, besides its id, time and the record's own column. */
type EventColumns = { actorId: number | null; onBehalfOfId: number | null; action: string; data: EventData };

// Each kind's table, the column naming its record, and its insert (typed per table).
const TIMELINES = {
  item: {
    table: itemEvents,
    owner: itemEvents.itemId,
    insert: (tx: Tx, id: number, e: EventColumns) => tx.insert(itemEvents).values({ itemId: id, ...e }),
  },
  request: {
    table: requestEvents,
    owner: requestEvents.requestId,
    insert: (tx: Tx, id: number, e: EventColumns) => tx.insert(requestEvents).values({ requestId: id, ...e }),
  },
  coordination: {
    table: coordinationEvents,
    owner: coordinationEvents.matterId,
    insert: (tx: Tx, id: number, e: EventColumns) => tx.insert(coordinationEvents).values({ matterId: id, ...e }),
  },
  notice: {
    table: noticeEvents,
    owner: noticeEvents.noticeId,
    insert: (tx: Tx, id: number, e: EventColumns) => tx.insert(noticeEvents).values({ noticeId: id, ...e }),
  },
};

export type TimelineKind = keyof typeof TIMELINES;

/** One timeline entry as the detail pages show it: who acted (and for whom), what, when. */
export type TimelineEventDto = {
  id: number;
  at: Date;
  actorName: string | null;
  onBehalfOfName: string | null;
  action: string;
  data: Record<string, unknown>;
};

/**
 * Appends an event to a record's timeline. `actorId` null: the system (a sweep); `onBehalfOf`:
 * the person the actor stood in for (代签).
 */
export async function writeTimelineEvent(
  tx: Tx,
  kind: TimelineKind,
  recordId: number,
  actorId: number | null,
  action: string,
  data: EventData,
  onBehalfOf: number | null = null,
): Promise<void> {
  await TIMELINES[kind].insert(tx, recordId, { actorId, onBehalfOfId: onBehalfOf, action, data });
}

/** `writeTimelineEvent` for one kind of record. */
export function timelineWriter(kind: TimelineKind) {
  return (tx: Tx, recordId: number, actorId: number | null, action: string, data: EventData, onBehalfOf: number | null = null) =>
    writeTimelineEvent(tx, kind, recordId, actorId, action, data, onBehalfOf);
}

/** A record's whole timeline, oldest first, with the actors' and the represented people's names. */
export function loadTimeline(db: Db | Tx, kind: TimelineKind, recordId: number): Promise<TimelineEventDto[]> {
  const { table, owner } = TIMELINES[kind];
  const actorUser = alias(users, "actor_user");
  const behalf = alias(users, "behalf_user");
  return db
    .select({ id: table.id, at: table.at, actorName: actorUser.name, onBehalfOfName: behalf.name, action: table.action, data: table.data })
    .from(table)
    .leftJoin(actorUser, eq(actorUser.id, table.actorId))
    .leftJoin(behalf, eq(behalf.id, table.onBehalfOfId))
    .where(eq(owner, recordId))
    .orderBy(asc(table.id));
}
