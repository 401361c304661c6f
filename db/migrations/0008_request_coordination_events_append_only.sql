-- A request's and a coordination matter's timelines are their audit records: append-only,
-- like audit_events and item_events.
CREATE TRIGGER request_events_no_update_delete
  BEFORE UPDATE OR DELETE ON request_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER request_events_no_truncate
  BEFORE TRUNCATE ON request_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER coordination_events_no_update_delete
  BEFORE UPDATE OR DELETE ON coordination_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER coordination_events_no_truncate
  BEFORE TRUNCATE ON coordination_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
-- One raising department per matter.
ALTER TABLE coordination_parties ADD CONSTRAINT coordination_parties_one_raiser EXCLUDE USING btree (matter_id WITH =) WHERE (raiser);
