CREATE TYPE "public"."coordination_state" AS ENUM('raised', 'accepted', 'declined', 'in_consultation', 'agreed', 'escalated', 'decided', 'closed');--> statement-breakpoint
CREATE TYPE "public"."ladder_rung" AS ENUM('office', 'meeting', 'deputy', 'principal');--> statement-breakpoint
CREATE TYPE "public"."request_state" AS ENUM('draft', 'submitted', 'returned', 'awaiting_decision', 'approved', 'rejected', 'instructed', 'withdrawn');--> statement-breakpoint
CREATE TABLE "coordination_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"matter_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"on_behalf_of_id" integer,
	"action" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coordination_matters" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"background" text DEFAULT '' NOT NULL,
	"urgency" "item_urgency" DEFAULT 'normal' NOT NULL,
	"state" "coordination_state" DEFAULT 'raised' NOT NULL,
	"rung" "ladder_rung" DEFAULT 'office' NOT NULL,
	"raising_department_id" integer NOT NULL,
	"created_by_id" integer NOT NULL,
	"decline_reason" text,
	"summary" text,
	"proposal" text,
	"routed_leader_id" integer,
	"route_reason" "route_reason",
	"decision_text" text,
	"decided_by_id" integer,
	"decided_on_behalf_of_id" integer,
	"decided_at" timestamp with time zone,
	"last_progress_on" date NOT NULL,
	"search_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coordination_parties" (
	"matter_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"raiser" boolean DEFAULT false NOT NULL,
	"need" text DEFAULT '' NOT NULL,
	"position" text,
	"position_by_id" integer,
	"position_at" timestamp with time zone,
	CONSTRAINT "coordination_parties_matter_id_department_id_pk" PRIMARY KEY("matter_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "request_countersigns" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"leader_id" integer NOT NULL,
	"requested_by_id" integer NOT NULL,
	"note" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opinion" text,
	"signed_by_id" integer,
	"signed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"on_behalf_of_id" integer,
	"action" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"background" text DEFAULT '' NOT NULL,
	"question" text NOT NULL,
	"options" text DEFAULT '' NOT NULL,
	"recommendation" text DEFAULT '' NOT NULL,
	"urgency" "item_urgency" DEFAULT 'normal' NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"wished_by" date,
	"state" "request_state" DEFAULT 'draft' NOT NULL,
	"department_id" integer NOT NULL,
	"created_by_id" integer NOT NULL,
	"submitted_at" timestamp with time zone,
	"review_comment" text,
	"proposal" text,
	"routed_leader_id" integer,
	"route_reason" "route_reason",
	"route_note" text,
	"routed_at" timestamp with time zone,
	"decision_text" text,
	"decided_by_id" integer,
	"decided_on_behalf_of_id" integer,
	"decided_at" timestamp with time zone,
	"withdrawn_reason" text,
	"search_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attachments" ALTER COLUMN "item_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "request_id" integer;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "request_id" integer;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "coordination_id" integer;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "request_id" integer;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "coordination_id" integer;--> statement-breakpoint
ALTER TABLE "coordination_events" ADD CONSTRAINT "coordination_events_matter_id_coordination_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."coordination_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_events" ADD CONSTRAINT "coordination_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_events" ADD CONSTRAINT "coordination_events_on_behalf_of_id_users_id_fk" FOREIGN KEY ("on_behalf_of_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_matters" ADD CONSTRAINT "coordination_matters_raising_department_id_departments_id_fk" FOREIGN KEY ("raising_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_matters" ADD CONSTRAINT "coordination_matters_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_matters" ADD CONSTRAINT "coordination_matters_routed_leader_id_users_id_fk" FOREIGN KEY ("routed_leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_matters" ADD CONSTRAINT "coordination_matters_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_matters" ADD CONSTRAINT "coordination_matters_decided_on_behalf_of_id_users_id_fk" FOREIGN KEY ("decided_on_behalf_of_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_parties" ADD CONSTRAINT "coordination_parties_matter_id_coordination_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."coordination_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_parties" ADD CONSTRAINT "coordination_parties_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_parties" ADD CONSTRAINT "coordination_parties_position_by_id_users_id_fk" FOREIGN KEY ("position_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_countersigns" ADD CONSTRAINT "request_countersigns_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_countersigns" ADD CONSTRAINT "request_countersigns_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_countersigns" ADD CONSTRAINT "request_countersigns_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_countersigns" ADD CONSTRAINT "request_countersigns_signed_by_id_users_id_fk" FOREIGN KEY ("signed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_on_behalf_of_id_users_id_fk" FOREIGN KEY ("on_behalf_of_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_routed_leader_id_users_id_fk" FOREIGN KEY ("routed_leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_decided_on_behalf_of_id_users_id_fk" FOREIGN KEY ("decided_on_behalf_of_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coordination_events_matter_idx" ON "coordination_events" USING btree ("matter_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "coordination_number_unique" ON "coordination_matters" USING btree ("year","seq");--> statement-breakpoint
CREATE INDEX "coordination_state_idx" ON "coordination_matters" USING btree ("state","rung","last_progress_on");--> statement-breakpoint
CREATE INDEX "coordination_routed_leader_idx" ON "coordination_matters" USING btree ("routed_leader_id","state");--> statement-breakpoint
CREATE INDEX "coordination_raising_idx" ON "coordination_matters" USING btree ("raising_department_id","id");--> statement-breakpoint
CREATE INDEX "coordination_search_idx" ON "coordination_matters" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "coordination_parties_department_idx" ON "coordination_parties" USING btree ("department_id","matter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "request_countersigns_unique" ON "request_countersigns" USING btree ("request_id","leader_id");--> statement-breakpoint
CREATE INDEX "request_countersigns_leader_idx" ON "request_countersigns" USING btree ("leader_id","signed_at");--> statement-breakpoint
CREATE INDEX "request_events_request_idx" ON "request_events" USING btree ("request_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_number_unique" ON "requests" USING btree ("year","seq");--> statement-breakpoint
CREATE INDEX "requests_department_idx" ON "requests" USING btree ("department_id","state","id");--> statement-breakpoint
CREATE INDEX "requests_routed_leader_idx" ON "requests" USING btree ("routed_leader_id","state");--> statement-breakpoint
CREATE INDEX "requests_state_idx" ON "requests" USING btree ("state","id");--> statement-breakpoint
CREATE INDEX "requests_search_idx" ON "requests" USING gin ("search_tokens");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_coordination_id_coordination_matters_id_fk" FOREIGN KEY ("coordination_id") REFERENCES "public"."coordination_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_coordination_id_coordination_matters_id_fk" FOREIGN KEY ("coordination_id") REFERENCES "public"."coordination_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_request_idx" ON "attachments" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "items_request_idx" ON "items" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "items_coordination_idx" ON "items" USING btree ("coordination_id");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_one_owner" CHECK (num_nonnulls("attachments"."item_id", "attachments"."request_id") = 1);