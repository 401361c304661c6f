CREATE TYPE "public"."extension_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."item_department_role" AS ENUM('lead', 'support');--> statement-breakpoint
CREATE TYPE "public"."item_kind" AS ENUM('assignment', 'request', 'coordination');--> statement-breakpoint
CREATE TYPE "public"."item_source" AS ENUM('superior_document', 'leader', 'meeting', 'department', 'staff');--> statement-breakpoint
CREATE TYPE "public"."item_state" AS ENUM('draft', 'awaiting_decision', 'sent', 'in_progress', 'completion_reported', 'closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."item_urgency" AS ENUM('extra_urgent', 'urgent', 'normal');--> statement-breakpoint
CREATE TYPE "public"."route_reason" AS ENUM('major', 'multiple_deputies', 'deputy_portfolio', 'no_deputy', 'rerouted', 'referred', 'direct');--> statement-breakpoint
CREATE TABLE "extension_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"requested_by_id" integer NOT NULL,
	"current_due_on" date NOT NULL,
	"requested_due_on" date NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"status" "extension_status" DEFAULT 'pending' NOT NULL,
	"decided_by_id" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_counters" (
	"kind" "item_kind" NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "item_counters_kind_year_pk" PRIMARY KEY("kind","year")
);
--> statement-breakpoint
CREATE TABLE "item_departments" (
	"item_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"role" "item_department_role" NOT NULL,
	"due_on" date,
	"signed_at" timestamp with time zone,
	"signed_by_id" integer,
	"completed_at" timestamp with time zone,
	CONSTRAINT "item_departments_item_id_department_id_pk" PRIMARY KEY("item_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "item_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"on_behalf_of_id" integer,
	"action" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "item_kind" DEFAULT 'assignment' NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"source" "item_source" NOT NULL,
	"urgency" "item_urgency" DEFAULT 'normal' NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"state" "item_state" DEFAULT 'draft' NOT NULL,
	"lead_department_id" integer NOT NULL,
	"due_on" date NOT NULL,
	"routed_leader_id" integer,
	"route_reason" "route_reason",
	"route_note" text,
	"proposal" text,
	"instruction" text,
	"assigner_id" integer,
	"created_by_id" integer NOT NULL,
	"last_progress_at" timestamp with time zone,
	"search_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"item_id" integer,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_departments" ADD CONSTRAINT "item_departments_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_departments" ADD CONSTRAINT "item_departments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_departments" ADD CONSTRAINT "item_departments_signed_by_id_users_id_fk" FOREIGN KEY ("signed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_events" ADD CONSTRAINT "item_events_on_behalf_of_id_users_id_fk" FOREIGN KEY ("on_behalf_of_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_lead_department_id_departments_id_fk" FOREIGN KEY ("lead_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_routed_leader_id_users_id_fk" FOREIGN KEY ("routed_leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_assigner_id_users_id_fk" FOREIGN KEY ("assigner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "extension_requests_item_idx" ON "extension_requests" USING btree ("item_id","status");--> statement-breakpoint
CREATE INDEX "item_departments_department_idx" ON "item_departments" USING btree ("department_id","item_id");--> statement-breakpoint
CREATE INDEX "item_events_item_idx" ON "item_events" USING btree ("item_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "items_number_unique" ON "items" USING btree ("kind","year","seq");--> statement-breakpoint
CREATE INDEX "items_state_due_idx" ON "items" USING btree ("state","due_on","id");--> statement-breakpoint
CREATE INDEX "items_routed_leader_idx" ON "items" USING btree ("routed_leader_id","state");--> statement-breakpoint
CREATE INDEX "items_lead_department_idx" ON "items" USING btree ("lead_department_id","state");--> statement-breakpoint
CREATE INDEX "items_created_by_idx" ON "items" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "items_search_idx" ON "items" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_unique" ON "notifications" USING btree ("dedupe_key");