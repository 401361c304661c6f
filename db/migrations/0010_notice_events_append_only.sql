-- A notice's timeline is its audit record: append-only, like audit_events.
CREATE TRIGGER notice_events_no_update_delete
  BEFORE UPDATE OR DELETE ON notice_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER notice_events_no_truncate
  BEFORE TRUNCATE ON notice_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
