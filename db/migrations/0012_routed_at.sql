ALTER TABLE "coordination_matters" ADD COLUMN "routed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "routed_at" timestamp with time zone;--> statement-breakpoint
-- Back-fill from the timelines: the last time each record was put before a leader.
UPDATE "items" SET "routed_at" = e.at FROM (
  SELECT item_id, max(at) AS at FROM item_events WHERE action IN ('propose', 'reroute', 'refer_to_principal') GROUP BY item_id
) e WHERE e.item_id = "items"."id";--> statement-breakpoint
UPDATE "coordination_matters" SET "routed_at" = e.at FROM (
  SELECT matter_id, max(at) AS at FROM coordination_events WHERE action IN ('escalate', 'climb') GROUP BY matter_id
) e WHERE e.matter_id = "coordination_matters"."id" AND "coordination_matters"."routed_leader_id" IS NOT NULL;
