-- Issue 8: collective workshops (« ateliers collectifs »), their registrations and
-- waiting list. The seats are counted and given inside one write transaction per change
-- (SQLite: BEGIN IMMEDIATE; PostgreSQL: the workshop row locked), so capacity holds
-- under concurrency; the indexes below are the last line of defence.
CREATE TABLE workshops (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    title TEXT NOT NULL,
    theme TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    place TEXT NOT NULL,
    video_url TEXT,
    capacity BIGINT NOT NULL CHECK (capacity BETWEEN 1 AND 200),
    audience TEXT NOT NULL CHECK (audience IN ('agence', 'toutes', 'invitation')),
    registration_deadline BIGINT NOT NULL,
    facilitator_id BIGINT REFERENCES staff(id),
    status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    created_by BIGINT REFERENCES staff(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX workshops_agency_time ON workshops(agency_id, starts_at);
CREATE INDEX workshops_time ON workshops(starts_at);

CREATE TABLE workshop_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id BIGINT NOT NULL REFERENCES workshops(id),
    allocataire_id BIGINT NOT NULL REFERENCES allocataires(id),
    status TEXT NOT NULL CHECK (status IN ('registered', 'waiting', 'offered', 'left', 'expired', 'cancelled')),
    offered_until BIGINT,
    attendance TEXT CHECK (attendance IN ('present', 'absent', 'excused')),
    idempotency_key TEXT,
    -- When the « rappel » two days before was written (at most once).
    reminder_sent_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- One active registration per person and workshop.
CREATE UNIQUE INDEX workshop_registrations_one_active ON workshop_registrations(workshop_id, allocataire_id)
    WHERE status IN ('registered', 'waiting', 'offered');
-- A retried registration (same key) creates nothing new.
CREATE UNIQUE INDEX workshop_registrations_idempotency ON workshop_registrations(allocataire_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX workshop_registrations_workshop ON workshop_registrations(workshop_id, status, id);
CREATE INDEX workshop_registrations_person ON workshop_registrations(allocataire_id);
CREATE INDEX workshop_registrations_offers ON workshop_registrations(status, offered_until);
