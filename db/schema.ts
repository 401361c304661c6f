// The one schema file. Triggers and exclusion constraints that drizzle-kit cannot express
// live in hand-written migrations next to the generated ones (see db/migrations).
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
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

export const departmentKind = pgEnum("department_kind", DEPARTMENT_KINDS);
export const roleEnum = pgEnum("role", ROLES);
export const calendarDayKind = pgEnum("calendar_day_kind", CALENDAR_DAY_KINDS);

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
  },
  (t) => [index("audit_events_entity_idx").on(t.entity, t.entityId, t.id), index("audit_events_at_idx").on(t.at)],
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
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("items_number_unique").on(t.kind, t.year, t.seq),
    index("items_state_due_idx").on(t.state, t.dueOn, t.id),
    index("items_routed_leader_idx").on(t.routedLeaderId, t.state),
    index("items_lead_department_idx").on(t.leadDepartmentId, t.state),
    index("items_created_by_idx").on(t.createdById),
    // The ledger sorted by due date pages on (due_on, id).
    index("items_due_idx").on(t.dueOn, t.id),
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
  },
  (t) => [index("item_events_item_idx").on(t.itemId, t.id)],
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
    kind: text("kind").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text("dedupe_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.id),
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
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
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
  (t) => [index("attachments_item_idx").on(t.itemId), uniqueIndex("attachments_stored_unique").on(t.storedName)],
);
