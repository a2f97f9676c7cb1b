-- Issue 6 (the first journey): the reason a person gave when moving a rendez-vous (shown to staff), and the
-- optional note staff add to an outcome.
ALTER TABLE appointments ADD COLUMN move_reason TEXT;
ALTER TABLE appointments ADD COLUMN outcome_note TEXT;

-- The audit trail is append-only: deleting is refused like updating.
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Each agency sets its own booking rules (online booking at least N hours ahead; online
-- move or cancel until N hours before; upcoming rendez-vous a person may hold booked
-- online) and its closure days, never offered on top of public holidays.
ALTER TABLE agencies ADD COLUMN booking_cutoff_hours BIGINT NOT NULL DEFAULT 24 CHECK (booking_cutoff_hours BETWEEN 1 AND 168);
ALTER TABLE agencies ADD COLUMN change_cutoff_hours BIGINT NOT NULL DEFAULT 24 CHECK (change_cutoff_hours BETWEEN 0 AND 168);
ALTER TABLE agencies ADD COLUMN max_upcoming_online BIGINT NOT NULL DEFAULT 1 CHECK (max_upcoming_online BETWEEN 1 AND 10);
CREATE TABLE agency_closures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    day TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (agency_id, day)
);

-- The agency an audit entry concerns, so a manager reads the trail of their agency only
-- (NULL: no agency, e.g. a failed sign-in).
ALTER TABLE audit_log ADD COLUMN agency_id BIGINT;
CREATE INDEX audit_log_agency ON audit_log(agency_id, at);

-- Staff accounts managed in the portal: the last sign-in shown to managers, and one-time
-- links (stored hashed) to choose a password, sent by e-mail when an account is created
-- or a password reset.
ALTER TABLE staff ADD COLUMN last_sign_in_at BIGINT;
CREATE TABLE password_resets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    staff_id BIGINT NOT NULL REFERENCES staff(id),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX password_resets_staff ON password_resets(staff_id);

-- Who followed a person, and since when (a référent set by hand, or changed).
CREATE TABLE referent_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    allocataire_id BIGINT NOT NULL REFERENCES allocataires(id),
    counsellor_id BIGINT REFERENCES staff(id),
    at BIGINT NOT NULL,
    by_actor TEXT NOT NULL
);
CREATE INDEX referent_history_allocataire ON referent_history(allocataire_id, at);

-- When staff sent the « relance » of a missed rendez-vous (at most once).
ALTER TABLE appointments ADD COLUMN relance_sent_at BIGINT;
