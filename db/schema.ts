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
