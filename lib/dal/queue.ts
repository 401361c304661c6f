import "server-only";
import { eq, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { Urgency } from "@/lib/domain/items/lifecycle";
import { formatItemNumber, type ItemKind } from "@/lib/domain/items/numbering";
import { today } from "@/lib/clock";
import type { Actor } from "./actor";
import { DomainError } from "./errors";
import { delegatorsOf, routedToDelegators } from "./items/context";

/** What waits for a leader: an item or a request to decide, a countersign to give, an escalated coordination matter. */
export const QUEUE_KINDS = ["item", "request", "countersign", "coordination"] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

export type QueueEntry = {
  kind: QueueKind;
  /** The record's id (item, request or coordination matter). */
  id: number;
  number: string;
  title: string;
  urgency: Urgency;
  major: boolean;
  /** Lead, requesting or raising department. */
  departmentName: string;
  routeReason: string | null;
  /** The leader the entry is routed to (or who is asked to countersign). */
  leaderName: string | null;
  /** Set when it is in this queue because the person stands in for that leader. */
  onBehalfOfName: string | null;
  /** The office's proposal (拟办), or for a coordination matter its proposal on escalation. */
  proposal: string | null;
  /** Since when it has waited for the leader (routed, asked, escalated or climbed). */
  waitingSince: Date;
  /** The item's due date or the request's wished-for date. */
  dueOn: string | null;
  version: number;
  /** Countersigns still outstanding on a request (its decision waits for them). */
  pendingCountersigns: number;
};

type Row = {
  kind: QueueKind;
  id: number;
  record_kind: ItemKind;
  year: number;
  seq: number;
  title: string;
  urgency: Urgency;
  major: boolean;
  department_name: string;
  route_reason: string | null;
  leader_id: number;
  leader_name: string | null;
  proposal: string | null;
  waiting_since: Date | string;
  due_on: string | null;
  version: number;
  pending_countersigns: number;
};

/**
 * The one queue of everything awaiting this leader (or a leader they act for today): items and
 * requests to decide, countersigns to give, escalated coordination matters — most urgent first,
 * then the longest waiting. Only entries routed to them, so it is within what they may see.
 */
export async function decisionQueue(actor: Actor | null, limit = 200): Promise<QueueEntry[]> {
  if (!actor) throw new DomainError("signedOut");
  const db = getDb();
  const on = today();
  const delegators = await delegatorsOf(db, actor.id, on);
  // Routed to this person, or to a leader they stand in for within the delegation's departments.
  const mine = (leaderCol: string, deptCol: string) => or(eq(sql.raw(leaderCol), actor.id), routedToDelegators(delegators, sql.raw(leaderCol), sql.raw(deptCol)))!;
  const rows = await db.execute<Row>(sql`
    select * from (
      select 'item' as kind, i.id, i.kind::text as record_kind, i.year, i.seq, i.title, i.urgency::text as urgency, i.major,
             d.name as department_name, i.route_reason::text as route_reason, i.routed_leader_id as leader_id, l.name as leader_name,
             i.proposal,
             coalesce(i.routed_at, i.created_at) as waiting_since,
             i.due_on::text as due_on, i.version, 0 as pending_countersigns
        from items i
        join departments d on d.id = i.lead_department_id
        left join users l on l.id = i.routed_leader_id
       where i.state = 'awaiting_decision' and ${mine("i.routed_leader_id", "i.lead_department_id")}
      union all
      select 'request', r.id, 'request', r.year, r.seq, r.title, r.urgency::text, r.major,
             d.name, r.route_reason::text, r.routed_leader_id, l.name,
             r.proposal, coalesce(r.routed_at, r.created_at),
             r.wished_by::text, r.version,
             (select count(*)::int from request_countersigns c where c.request_id = r.id and c.signed_at is null)
        from requests r
        join departments d on d.id = r.department_id
        left join users l on l.id = r.routed_leader_id
       where r.state = 'awaiting_decision' and ${mine("r.routed_leader_id", "r.department_id")}
      union all
      select 'countersign', r.id, 'request', r.year, r.seq, r.title, r.urgency::text, r.major,
             d.name, r.route_reason::text, c.leader_id, l.name,
             r.proposal, c.requested_at,
             r.wished_by::text, r.version, 0
        from request_countersigns c
        join requests r on r.id = c.request_id
        join departments d on d.id = r.department_id
        left join users l on l.id = c.leader_id
       where c.signed_at is null and r.state = 'awaiting_decision' and ${mine("c.leader_id", "r.department_id")}
      union all
      select 'coordination', m.id, 'coordination', m.year, m.seq, m.title, m.urgency::text, false,
             d.name, m.route_reason::text, m.routed_leader_id, l.name,
             m.proposal,
             coalesce(m.routed_at, m.created_at),
             null, m.version, 0
        from coordination_matters m
        join departments d on d.id = m.raising_department_id
        left join users l on l.id = m.routed_leader_id
       where m.state = 'escalated' and ${mine("m.routed_leader_id", "m.raising_department_id")}
    ) q
    order by case q.urgency when 'extra_urgent' then 0 when 'urgent' then 1 else 2 end, q.waiting_since, q.kind, q.id
    limit ${Math.min(Math.max(limit, 1), 500)}`);
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    number: formatItemNumber(r.record_kind, r.year, r.seq),
    title: r.title,
    urgency: r.urgency,
    major: r.major,
    departmentName: r.department_name,
    routeReason: r.route_reason,
    leaderName: r.leader_name,
    onBehalfOfName: r.leader_id !== actor.id ? r.leader_name : null,
    proposal: r.proposal,
    waitingSince: new Date(r.waiting_since),
    dueOn: r.due_on,
    version: r.version,
    pendingCountersigns: r.pending_countersigns,
  }));
}
