-- Issue 6 (the first journey): the reason a person gave when moving a rendez-vous (shown to staff), and the
-- optional note staff add to an outcome.
ALTER TABLE appointments ADD COLUMN move_reason TEXT;
ALTER TABLE appointments ADD COLUMN outcome_note TEXT;

-- The audit trail is append-only: deleting is refused like updating.
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
