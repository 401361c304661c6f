// The one schema file. Triggers and exclusion constraints that drizzle-kit cannot express
// live in hand-written migrations next to the generated ones (see db/migrations).
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { DEPARTMENT_KINDS, ROLES } from "../lib/domain/roles";
import { CALENDAR_DAY_KINDS } from "../lib/domain/calendar";
import { ITEM_SOURCES, ITEM_STATES, URGENCIES } from "../lib/domain/items/lifecycle";
import { ITEM_KINDS } from "../lib/domain/items/numbering";
import { REQUEST_STATES } from "../lib/domain/requests/lifecycle";
import { COORDINATION_STATES } from "../lib/domain/coordination/lifecycle";
import { RUNGS } from "../lib/domain/coordination/ladder";

export const departmentKind = pgEnum("department_kind", DEPARTMENT_KINDS);
export const roleEnum = pgEnum("role", ROLES);
export const calendarDayKind = pgEnum("calendar_day_kind", CALENDAR_DAY_KINDS);

// The audit trail's hash chain (migration 0014): every event row carries its place in its chain
// and sha256(previous hash || canonical row), both written by a BEFORE INSERT trigger; whatever
// an insert gives is replaced. `null` here lets inserts leave them out while the columns stay NOT
// NULL, so a table without the trigger refuses the row instead of storing a placeholder.
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
const chained = {
  chainSeq: bigint("chain_seq", { mode: "number" })
    .notNull()
    .$defaultFn(() => sql`null`),
  hash: bytea("hash")
    .notNull()
    .$defaultFn(() => sql`null`),
};

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

export const departments = pgTable(
  "departments",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    kind: departmentKind("kind").notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => departments.id),
    sortOrder: integer("sort_order").notNull().default(0),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex("departments_name_unique").on(t.name), index("departments_parent_idx").on(t.parentId)],
);

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    login: text("login").notNull(),
    name: text("name").notNull(),
    email: text("email"),
    title: text("title"),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    passwordHash: text("password_hash").notNull(),
    // A service account (for integrations): holds API tokens, never signs in interactively.
    service: boolean("service").notNull().default(false),
    active: boolean("active").notNull().default(true),
    // Bumped on disable, password change and role change: open sessions carrying an older
    // value are refused on their next request.
    sessionVersion: integer("session_version").notNull().default(1),
    version: integer("version").notNull().default(1),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_login_unique").on(sql`lower(${t.login})`),
    index("users_department_idx").on(t.departmentId),
  ],
);

export const userRoles = pgTable(
  "user_roles",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), index("user_roles_role_idx").on(t.role)],
);

export const portfolios = pgTable(
  "portfolios",
  {
    id: serial("id").primaryKey(),
    deputyId: integer("deputy_id")
      .notNull()
      .references(() => users.id),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    startsOn: date("starts_on").notNull(),
    // Null: open-ended.
    endsOn: date("ends_on"),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [index("portfolios_department_idx").on(t.departmentId), index("portfolios_deputy_idx").on(t.deputyId)],
);

export const delegations = pgTable(
  "delegations",
  {
    id: serial("id").primaryKey(),
    fromUserId: integer("from_user_id")
      .notNull()
      .references(() => users.id),
    toUserId: integer("to_user_id")
      .notNull()
      .references(() => users.id),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    // Empty: the whole of the delegator's authority; otherwise only these departments.
    departmentIds: integer("department_ids").array().notNull().default(sql`'{}'::integer[]`),
    note: text("note"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [index("delegations_from_idx").on(t.fromUserId), index("delegations_to_idx").on(t.toUserId)],
);

export const calendarDays = pgTable("calendar_days", {
  day: date("day").primaryKey(),
  kind: calendarDayKind("kind").notNull(),
  name: text("name").notNull().default(""),
});

// Append-only: a trigger refuses UPDATE and DELETE (migration 0001).
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: integer("actor_id").references(() => users.id),
    onBehalfOfId: integer("on_behalf_of_id").references(() => users.id),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ...chained,
  },
  (t) => [
    index("audit_events_entity_idx").on(t.entity, t.entityId, t.id),
    index("audit_events_at_idx").on(t.at),
    // One global chain; unique so that it can never fork.
    uniqueIndex("audit_events_chain_unique").on(t.chainSeq),
  ],
);

// The newest link of every audit chain (one per event table and record; audit_events has one,
// record 0). The chain trigger appends by updating this row, whose lock queues concurrent
// appends to one chain until commit; a chain whose last events were removed no longer ends here.
export const auditChainHeads = pgTable(
  "audit_chain_heads",
  {
    chain: text("chain").notNull(),
    recordId: bigint("record_id", { mode: "number" }).notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    hash: bytea("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.chain, t.recordId] })],
);

// Failed sign-ins per key ("login:<name>" or "ip:<address>"), kept in the database so that
// throttling holds across several app instances.
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

// ---------------------------------------------------------------------------------------
// Supervised items (交办/督办). The life cycle, routing and numbering rules live in
// lib/domain/items; these tables only store their outcome.

export const itemKind = pgEnum("item_kind", ITEM_KINDS);
export const itemState = pgEnum("item_state", ITEM_STATES);
export const itemUrgency = pgEnum("item_urgency", URGENCIES);
export const itemSource = pgEnum("item_source", ITEM_SOURCES);
export const itemDepartmentRole = pgEnum("item_department_role", ["lead", "support"]);
export const routeReason = pgEnum("route_reason", ["major", "multiple_deputies", "deputy_portfolio", "no_deputy", "rerouted", "referred", "direct"]);
export const extensionStatus = pgEnum("extension_status", ["pending", "approved", "rejected"]);

export const items = pgTable(
  "items",
  {
    id: serial("id").primaryKey(),
    kind: itemKind("kind").notNull().default("assignment"),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    source: itemSource("source").notNull(),
    urgency: itemUrgency("urgency").notNull().default("normal"),
    major: boolean("major").notNull().default(false),
    state: itemState("state").notNull().default("draft"),
    leadDepartmentId: integer("lead_department_id")
      .notNull()
      .references(() => departments.id),
    dueOn: date("due_on").notNull(),
    routedLeaderId: integer("routed_leader_id").references(() => users.id),
    routeReason: routeReason("route_reason"),
    routeNote: text("route_note"),
    // When it was last put before its leader (proposed, rerouted, referred): the queue's age.
    routedAt: timestamp("routed_at", { withTimezone: true }),
    proposal: text("proposal"),
    instruction: text("instruction"),
    // Who decides extensions: the leader who sent it, or the office when it dispatched it.
    assignerId: integer("assigner_id").references(() => users.id),
    createdById: integer("created_by_id")
      .notNull()
      .references(() => users.id),
    lastProgressAt: timestamp("last_progress_at", { withTimezone: true }),
    // Words and CJK uni/bigrams of number, title and body (lib/domain/search.ts): a GIN index
    // answers 2-character Chinese terms, which pg_trgm cannot.
    searchTokens: text("search_tokens").array().notNull().default(sql`'{}'::text[]`),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    // The request or coordination matter this item was made from, if any.
    requestId: integer("request_id").references((): AnyPgColumn => requests.id),
    coordinationId: integer("coordination_id").references((): AnyPgColumn => coordinationMatters.id),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("items_request_idx").on(t.requestId),
    index("items_coordination_idx").on(t.coordinationId),
    uniqueIndex("items_number_unique").on(t.kind, t.year, t.seq),
    index("items_state_due_idx").on(t.state, t.dueOn, t.id),
    index("items_routed_leader_idx").on(t.routedLeaderId, t.state),
    index("items_lead_department_idx").on(t.leadDepartmentId, t.state),
    index("items_created_by_idx").on(t.createdById),
    // The ledger sorted by due date pages on (due_on, id).
    index("items_due_idx").on(t.dueOn, t.id),
    // The portfolio counts of someone who sees every open item (the principal, the office):
    // an index-only scan of open items instead of a scan of the whole table.
    index("items_open_counts_idx")
      .on(t.dueOn, t.major, t.lastProgressAt, t.createdAt)
      .where(sql`${t.state} in ('awaiting_decision', 'sent', 'in_progress', 'completion_reported')`),
    index("items_search_idx").using("gin", t.searchTokens),
  ],
);

export const itemDepartments = pgTable(
  "item_departments",
  {
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id, { onDelete: "cascade" }),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    role: itemDepartmentRole("role").notNull(),
    // A support department's own sub-deadline; the lead's is the item's due date.
    dueOn: date("due_on"),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    signedById: integer("signed_by_id").references(() => users.id),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.departmentId] }), index("item_departments_department_idx").on(t.departmentId, t.itemId)],
);

// Gapless numbering: one row per kind and year, incremented under its row lock inside the
// registering transaction, so a rolled-back registration gives its number back.
export const itemCounters = pgTable(
  "item_counters",
  {
    kind: itemKind("kind").notNull(),
    year: integer("year").notNull(),
    lastSeq: integer("last_seq").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.kind, t.year] })],
);

// The item's timeline, append-only like the audit trail (trigger in a migration). It is the
// audit record of every change to an item.
export const itemEvents = pgTable(
  "item_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: integer("actor_id").references(() => users.id),
    onBehalfOfId: integer("on_behalf_of_id").references(() => users.id),
    action: text("action").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ...chained,
  },
  (t) => [index("item_events_item_idx").on(t.itemId, t.id), uniqueIndex("item_events_chain_unique").on(t.itemId, t.chainSeq)],
);

export const extensionRequests = pgTable(
  "extension_requests",
  {
    id: serial("id").primaryKey(),
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    requestedById: integer("requested_by_id")
      .notNull()
      .references(() => users.id),
    currentDueOn: date("current_due_on").notNull(),
    requestedDueOn: date("requested_due_on").notNull(),
    reason: text("reason").notNull(),
    note: text("note"),
    status: extensionStatus("status").notNull().default("pending"),
    decidedById: integer("decided_by_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index("extension_requests_item_idx").on(t.itemId, t.status)],
);

// In-app notifications (reminders, urges, escalations). `dedupeKey` makes the scheduled sweep
// idempotent: a reminder already sent for that item, person and day is not sent again.
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    itemId: integer("item_id").references(() => items.id),
    requestId: integer("request_id").references((): AnyPgColumn => requests.id),
    coordinationId: integer("coordination_id").references((): AnyPgColumn => coordinationMatters.id),
    noticeId: integer("notice_id").references((): AnyPgColumn => notices.id),
    kind: text("kind").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text("dedupe_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.id),
    // The live badge counts a person's unread ones on every change.
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    uniqueIndex("notifications_dedupe_unique").on(t.dedupeKey),
  ],
);

// One row per sweep period (an hour): with an advisory lock, several app instances on one
// database run each period's sweep once.
export const sweepRuns = pgTable("sweep_runs", {
  period: text("period").primaryKey(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  stats: jsonb("stats").$type<Record<string, number>>().notNull().default({}),
});

// Files attached to an item. Stored under a server-generated name (lib/storage.ts); the
// original name is only for display and download.
export const attachments = pgTable(
  "attachments",
  {
    id: serial("id").primaryKey(),
    // Exactly one owner: an item, a request or a notice (check below).
    itemId: integer("item_id").references(() => items.id),
    requestId: integer("request_id").references((): AnyPgColumn => requests.id),
    noticeId: integer("notice_id").references((): AnyPgColumn => notices.id),
    uploadedById: integer("uploaded_by_id")
      .notNull()
      .references(() => users.id),
    originalName: text("original_name").notNull(),
    storedName: text("stored_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("attachments_item_idx").on(t.itemId),
    index("attachments_request_idx").on(t.requestId),
    index("attachments_notice_idx").on(t.noticeId),
    uniqueIndex("attachments_stored_unique").on(t.storedName),
    check("attachments_one_owner", sql`num_nonnulls(${t.itemId}, ${t.requestId}, ${t.noticeId}) = 1`),
  ],
);

// ---------------------------------------------------------------------------------------
// Requests for instruction (请示), upward. Life cycle in lib/domain/requests; numbered like
// items (请〔2026〕3号) from the same gapless counters, kind "request".

export const requestState = pgEnum("request_state", REQUEST_STATES);

export const requests = pgTable(
  "requests",
  {
    id: serial("id").primaryKey(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    title: text("title").notNull(),
    background: text("background").notNull().default(""),
    question: text("question").notNull(),
    options: text("options").notNull().default(""),
    recommendation: text("recommendation").notNull().default(""),
    urgency: itemUrgency("urgency").notNull().default("normal"),
    major: boolean("major").notNull().default(false),
    wishedBy: date("wished_by"),
    state: requestState("state").notNull().default("draft"),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    createdById: integer("created_by_id")
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    // The office's check: comments when returned, its proposal (拟办) when sent on.
    reviewComment: text("review_comment"),
    proposal: text("proposal"),
    routedLeaderId: integer("routed_leader_id").references(() => users.id),
    routeReason: routeReason("route_reason"),
    routeNote: text("route_note"),
    routedAt: timestamp("routed_at", { withTimezone: true }),
    // The decision: approve / reject (with its reason) / instruct (批示), stamped with the
    // leader it was made for when a delegate decided.
    decisionText: text("decision_text"),
    decidedById: integer("decided_by_id").references(() => users.id),
    decidedOnBehalfOfId: integer("decided_on_behalf_of_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    withdrawnReason: text("withdrawn_reason"),
    searchTokens: text("search_tokens").array().notNull().default(sql`'{}'::text[]`),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("requests_number_unique").on(t.year, t.seq),
    index("requests_department_idx").on(t.departmentId, t.state, t.id),
    index("requests_routed_leader_idx").on(t.routedLeaderId, t.state),
    index("requests_state_idx").on(t.state, t.id),
    index("requests_search_idx").using("gin", t.searchTokens),
  ],
);

// 会签: a leader asked by the routed leader to give an opinion before the decision; the
// decision waits while any row has no signedAt.
export const requestCountersigns = pgTable(
  "request_countersigns",
  {
    id: serial("id").primaryKey(),
    requestId: integer("request_id")
      .notNull()
      .references(() => requests.id),
    leaderId: integer("leader_id")
      .notNull()
      .references(() => users.id),
    requestedById: integer("requested_by_id")
      .notNull()
      .references(() => users.id),
    note: text("note"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    opinion: text("opinion"),
    signedById: integer("signed_by_id").references(() => users.id),
    signedAt: timestamp("signed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("request_countersigns_unique").on(t.requestId, t.leaderId),
    index("request_countersigns_leader_idx").on(t.leaderId, t.signedAt),
  ],
);

// The request's timeline: append-only (trigger in a migration), its audit record.
export const requestEvents = pgTable(
  "request_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    requestId: integer("request_id")
      .notNull()
      .references(() => requests.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: integer("actor_id").references(() => users.id),
    onBehalfOfId: integer("on_behalf_of_id").references(() => users.id),
    action: text("action").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ...chained,
  },
  (t) => [index("request_events_request_idx").on(t.requestId, t.id), uniqueIndex("request_events_chain_unique").on(t.requestId, t.chainSeq)],
);

// ---------------------------------------------------------------------------------------
// Coordination (协调), sideways. Life cycle and ladder in lib/domain/coordination; numbered
// 协〔2026〕1号 from the same counters, kind "coordination".

export const coordinationState = pgEnum("coordination_state", COORDINATION_STATES);
export const ladderRung = pgEnum("ladder_rung", RUNGS);

export const coordinationMatters = pgTable(
  "coordination_matters",
  {
    id: serial("id").primaryKey(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    title: text("title").notNull(),
    background: text("background").notNull().default(""),
    urgency: itemUrgency("urgency").notNull().default("normal"),
    state: coordinationState("state").notNull().default("raised"),
    rung: ladderRung("rung").notNull().default("office"),
    raisingDepartmentId: integer("raising_department_id")
      .notNull()
      .references(() => departments.id),
    createdById: integer("created_by_id")
      .notNull()
      .references(() => users.id),
    declineReason: text("decline_reason"),
    // The office's summary of the positions and its proposal, written on escalation.
    summary: text("summary"),
    proposal: text("proposal"),
    routedLeaderId: integer("routed_leader_id").references(() => users.id),
    routeReason: routeReason("route_reason"),
    // When it last reached a leader (escalated or climbed to them): the queue's age.
    routedAt: timestamp("routed_at", { withTimezone: true }),
    decisionText: text("decision_text"),
    decidedById: integer("decided_by_id").references(() => users.id),
    decidedOnBehalfOfId: integer("decided_on_behalf_of_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    // The ladder's clock: the later of the last progress and the last climb (an org-TZ day).
    lastProgressOn: date("last_progress_on").notNull(),
    searchTokens: text("search_tokens").array().notNull().default(sql`'{}'::text[]`),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("coordination_number_unique").on(t.year, t.seq),
    index("coordination_state_idx").on(t.state, t.rung, t.lastProgressOn),
    index("coordination_routed_leader_idx").on(t.routedLeaderId, t.state),
    index("coordination_raising_idx").on(t.raisingDepartmentId, t.id),
    index("coordination_search_idx").using("gin", t.searchTokens),
  ],
);

// The departments a matter names (and the raising one, role "raiser"): what is needed of
// each, and each one's stated position.
export const coordinationParties = pgTable(
  "coordination_parties",
  {
    matterId: integer("matter_id")
      .notNull()
      .references(() => coordinationMatters.id),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    raiser: boolean("raiser").notNull().default(false),
    need: text("need").notNull().default(""),
    position: text("position"),
    positionById: integer("position_by_id").references(() => users.id),
    positionAt: timestamp("position_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.matterId, t.departmentId] }), index("coordination_parties_department_idx").on(t.departmentId, t.matterId)],
);

export const coordinationEvents = pgTable(
  "coordination_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    matterId: integer("matter_id")
      .notNull()
      .references(() => coordinationMatters.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: integer("actor_id").references(() => users.id),
    onBehalfOfId: integer("on_behalf_of_id").references(() => users.id),
    action: text("action").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ...chained,
  },
  (t) => [index("coordination_events_matter_idx").on(t.matterId, t.id), uniqueIndex("coordination_events_chain_unique").on(t.matterId, t.chainSeq)],
);

// ---------------------------------------------------------------------------------------
// Notices with receipts (通知与回执). Rules in lib/domain/notices; one recipient row per person,
// written when the notice is published (and for newcomers when it is revised).

export const noticeKind = pgEnum("notice_kind", ["notice", "meeting", "announcement"]);
export const noticeState = pgEnum("notice_state", ["published", "withdrawn"]);
export const meetingReply = pgEnum("meeting_reply", ["attend", "substitute", "absent"]);

export const notices = pgTable(
  "notices",
  {
    id: serial("id").primaryKey(),
    kind: noticeKind("kind").notNull().default("notice"),
    title: text("title").notNull(),
    // Markdown, rendered safely (no raw HTML) when shown.
    body: text("body").notNull().default(""),
    senderId: integer("sender_id")
      .notNull()
      .references(() => users.id),
    // The office, or the sending head's own department (a department notice).
    senderDepartmentId: integer("sender_department_id")
      .notNull()
      .references(() => departments.id),
    // As chosen: { departmentIds, roles, userIds } — the recipients are resolved from it.
    audience: jsonb("audience").$type<{ departmentIds: number[]; roles: string[]; userIds: number[] }>().notNull(),
    receiptRequired: boolean("receipt_required").notNull().default(false),
    receiptDueAt: timestamp("receipt_due_at", { withTimezone: true }),
    state: noticeState("state").notNull().default("published"),
    // Bumped by each revision; a confirmation counts for the revision it was given on.
    revision: integer("revision").notNull().default(1),
    revisedAt: timestamp("revised_at", { withTimezone: true }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnReason: text("withdrawn_reason"),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    searchTokens: text("search_tokens").array().notNull().default(sql`'{}'::text[]`),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index("notices_sender_idx").on(t.senderId, t.id),
    index("notices_published_idx").on(t.kind, t.publishedAt),
    index("notices_search_idx").using("gin", t.searchTokens),
  ],
);

export const noticeRecipients = pgTable(
  "notice_recipients",
  {
    noticeId: integer("notice_id")
      .notNull()
      .references(() => notices.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    // The person's department when the notice reached them (the board groups by it).
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    // The person's own confirmation, and the revision it was given on.
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    confirmedRevision: integer("confirmed_revision"),
    // A confirmation by someone else on the person's behalf (a secretary for a leader): kept
    // apart, never counted as the person's own.
    proxyConfirmedAt: timestamp("proxy_confirmed_at", { withTimezone: true }),
    proxyConfirmedById: integer("proxy_confirmed_by_id").references(() => users.id),
    proxyConfirmedRevision: integer("proxy_confirmed_revision"),
    // Meeting notices: attend / send a substitute (a user) / absent with a reason.
    reply: meetingReply("reply"),
    substituteId: integer("substitute_id").references(() => users.id),
    replyReason: text("reply_reason"),
    repliedById: integer("replied_by_id").references(() => users.id),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    lastUrgedAt: timestamp("last_urged_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.userId] }), index("notice_recipients_user_idx").on(t.userId, t.noticeId)],
);

// A department's liaison (or head) signs for the department; each person still confirms.
export const noticeDepartmentSigns = pgTable(
  "notice_department_signs",
  {
    noticeId: integer("notice_id")
      .notNull()
      .references(() => notices.id),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    signedById: integer("signed_by_id")
      .notNull()
      .references(() => users.id),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.departmentId] })],
);

// The notice's timeline: append-only (trigger in a migration), its audit record.
export const noticeEvents = pgTable(
  "notice_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    noticeId: integer("notice_id")
      .notNull()
      .references(() => notices.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: integer("actor_id").references(() => users.id),
    onBehalfOfId: integer("on_behalf_of_id").references(() => users.id),
    action: text("action").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ...chained,
  },
  (t) => [index("notice_events_notice_idx").on(t.noticeId, t.id), uniqueIndex("notice_events_chain_unique").on(t.noticeId, t.chainSeq)],
);

// ---------------------------------------------------------------------------------------
// E-mail copies of notifications, sent in the background when SMTP is configured: written in
// the notifying transaction, claimed with SKIP LOCKED by any instance, retried with back-off.

export const emailStatus = pgEnum("email_status", ["pending", "sent", "failed"]);

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    notificationId: bigint("notification_id", { mode: "number" }).references(() => notifications.id),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    status: emailStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

// ---------------------------------------------------------------------------------------
// Company sign-in and the integration API.

// An SSO identity (OIDC issuer + subject) linked to a local user on first matched sign-in.
export const userIdentities = pgTable(
  "user_identities",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    // How the first match was made: stored subject, login name or verified e-mail.
    matchedBy: text("matched_by").notNull(),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("user_identities_issuer_subject_unique").on(t.issuer, t.subject), index("user_identities_user_idx").on(t.userId)],
);

// Organisation-wide settings changed by an admin (e.g. whether password sign-in is allowed).
export const orgSettings = pgTable("org_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<unknown>().notNull(),
  version: integer("version").notNull().default(1),
  updatedById: integer("updated_by_id").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// Bearer tokens for /api/v1: only a hash is stored; the token is shown once. The caller acts
// as the owner, within the scopes.
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    // The first characters, to recognise a token in lists (not enough to use it).
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdById: integer("created_by_id")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

// Fixed-window request counters per key ("token:<id>", "ip:<address>"), shared by every app
// instance through the database.
export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  key: text("key").primaryKey(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  count: integer("count").notNull().default(0),
});

export const webhooks = pgTable("webhooks", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  url: text("url").notNull(),
  // The HMAC key; shown to the admin once at creation.
  secret: text("secret").notNull(),
  events: text("events").array().notNull(),
  active: boolean("active").notNull().default(true),
  createdById: integer("created_by_id")
    .notNull()
    .references(() => users.id),
  version: integer("version").notNull().default(1),
  ...timestamps,
});

export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", ["pending", "delivered", "failed"]);

// One row per event per webhook, written in the transaction of the change; delivered in the
// background with retries, so a failing endpoint never slows or fails the change.
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    webhookId: integer("webhook_id")
      .notNull()
      .references(() => webhooks.id),
    event: text("event").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: webhookDeliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_webhook_idx").on(t.webhookId, t.id),
    // "Once per item per due date" looks for an earlier delivery by payload containment.
    index("webhook_deliveries_payload_idx").using("gin", t.payload.op("jsonb_path_ops")),
  ],
);
