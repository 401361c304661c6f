-- An item's timeline is its audit record: append-only, like audit_events.
CREATE TRIGGER item_events_no_update_delete
  BEFORE UPDATE OR DELETE ON item_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER item_events_no_truncate
  BEFORE TRUNCATE ON item_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
ALTER TABLE item_departments ADD CONSTRAINT item_departments_one_lead EXCLUDE USING btree (item_id WITH =) WHERE (role = 'lead');
