-- Portail ALI foundation schema (SQLite). Times are UTC unix seconds (BIGINT), dates are
-- ISO text (YYYY-MM-DD). Released migrations are immutable: add a new file instead.

CREATE TABLE agencies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    address TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    opening_hours TEXT NOT NULL,
    agency_booking BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id BIGINT REFERENCES agencies(id),
    role TEXT NOT NULL CHECK (role IN ('referent', 'manager', 'admin')),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    title TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    phone TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0,
    session_epoch BIGINT NOT NULL DEFAULT 0,
    CHECK ((role = 'admin') OR (agency_id IS NOT NULL))
);
CREATE INDEX staff_agency ON staff(agency_id);

CREATE TABLE allocataires (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    counsellor_id BIGINT REFERENCES staff(id),
    numero TEXT NOT NULL UNIQUE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    orientation_date TEXT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0,
    session_epoch BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX allocataires_agency ON allocataires(agency_id);
CREATE INDEX allocataires_counsellor ON allocataires(counsellor_id);
CREATE INDEX allocataires_phone ON allocataires(phone);
CREATE INDEX allocataires_email ON allocataires(email);

CREATE TABLE slots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    counsellor_id BIGINT NOT NULL REFERENCES staff(id),
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    modalities TEXT NOT NULL,
    location TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at BIGINT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX slots_counsellor_time ON slots(counsellor_id, starts_at);
CREATE INDEX slots_agency_time ON slots(agency_id, starts_at);

CREATE TABLE appointments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL UNIQUE,
    slot_id BIGINT NOT NULL REFERENCES slots(id),
    allocataire_id BIGINT NOT NULL REFERENCES allocataires(id),
    counsellor_id BIGINT NOT NULL REFERENCES staff(id),
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    modality TEXT NOT NULL,
    location TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    cancel_reason TEXT,
    booked_by TEXT NOT NULL,
    idempotency_key TEXT,
    sequence BIGINT NOT NULL DEFAULT 0,
    reminder_sent_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- A slot holds at most one active appointment.
CREATE UNIQUE INDEX appointments_one_active_per_slot ON appointments(slot_id) WHERE status = 'booked';
-- A retried booking (same key) creates nothing new.
CREATE UNIQUE INDEX appointments_idempotency ON appointments(allocataire_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX appointments_allocataire ON appointments(allocataire_id, starts_at);
CREATE INDEX appointments_counsellor ON appointments(counsellor_id, starts_at);
CREATE INDEX appointments_reminders ON appointments(status, starts_at);

-- A counsellor never has two active appointments that overlap (PostgreSQL: exclusion constraint).
CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.status = 'booked' AND EXISTS (
    SELECT 1 FROM appointments a
    WHERE a.counsellor_id = NEW.counsellor_id AND a.status = 'booked'
      AND a.starts_at < NEW.ends_at AND NEW.starts_at < a.ends_at)
BEGIN
    SELECT RAISE(ABORT, 'appointment_overlap');
END;

CREATE TRIGGER appointments_no_overlap_update BEFORE UPDATE OF status, starts_at, ends_at, counsellor_id ON appointments
WHEN NEW.status = 'booked' AND EXISTS (
    SELECT 1 FROM appointments a
    WHERE a.id <> NEW.id AND a.counsellor_id = NEW.counsellor_id AND a.status = 'booked'
      AND a.starts_at < NEW.ends_at AND NEW.starts_at < a.ends_at)
BEGIN
    SELECT RAISE(ABORT, 'appointment_overlap');
END;

CREATE TABLE login_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    allocataire_id BIGINT NOT NULL REFERENCES allocataires(id),
    code_hash TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    used_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX login_codes_allocataire ON login_codes(allocataire_id);

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    allocataire_id BIGINT NOT NULL REFERENCES allocataires(id),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id BIGINT,
    allocataire_id BIGINT,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    ics TEXT,
    sensitive BIGINT NOT NULL DEFAULT 0,
    dedupe_key TEXT UNIQUE,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_agency ON outbox(agency_id, id);

-- Append-only audit trail: sign-ins, refusals, staff reads and changes of a file.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
