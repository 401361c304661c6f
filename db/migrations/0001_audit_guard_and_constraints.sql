-- The audit trail is append-only: the application can insert, never change or remove.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- One deputy cannot hold the same department twice over overlapping dates.
ALTER TABLE portfolios ADD CONSTRAINT portfolios_no_overlap EXCLUDE USING gist (
  deputy_id WITH =,
  department_id WITH =,
  daterange(starts_on, ends_on, '[]') WITH &&
);
--> statement-breakpoint
ALTER TABLE portfolios ADD CONSTRAINT portfolios_dates_ordered CHECK (ends_on IS NULL OR ends_on >= starts_on);
--> statement-breakpoint
ALTER TABLE delegations ADD CONSTRAINT delegations_dates_ordered CHECK (ends_on >= starts_on);
--> statement-breakpoint
ALTER TABLE delegations ADD CONSTRAINT delegations_not_to_self CHECK (from_user_id <> to_user_id);
--> statement-breakpoint
ALTER TABLE departments ADD CONSTRAINT departments_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id);
