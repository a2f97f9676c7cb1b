-- Issue 9, first part: satisfaction after a rendez-vous honoré or a workshop attended,
-- the moderation queue every free text the people supported write goes through, and the
-- panel volunteers' consents. Times are UTC unix seconds.

-- One question per person and event: asked once (the unique key), answered once (the
-- row holds the answer, changeable for a week), reminded at most once. The link in the
-- SMS/e-mail is stored as its keyed hash and works once (`link_used_at`).
CREATE TABLE satisfaction_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    allocataire_id BIGINT NOT NULL REFERENCES allocataires(id),
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    event_kind TEXT NOT NULL CHECK (event_kind IN ('rdv', 'atelier')),
    event_id BIGINT NOT NULL,
    event_at BIGINT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    asked_at BIGINT NOT NULL,
    reminded_at BIGINT,
    link_used_at BIGINT,
    rating BIGINT CHECK (rating BETWEEN 1 AND 5),
    answered_at BIGINT,
    updated_at BIGINT NOT NULL,
    UNIQUE (event_kind, event_id, allocataire_id)
);
CREATE INDEX satisfaction_requests_person ON satisfaction_requests(allocataire_id, asked_at);
CREATE INDEX satisfaction_requests_results ON satisfaction_requests(agency_id, event_at);
CREATE INDEX satisfaction_requests_waiting ON satisfaction_requests(asked_at) WHERE answered_at IS NULL;

-- A text waiting for, or past, moderation. `original` is what the author wrote (only
-- they and moderators read it); `published` is what others may read once approved or
-- masked. `revision` grows each time the author changes their text: a decision taken on
-- an older revision is refused.
CREATE TABLE moderation_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    source TEXT NOT NULL CHECK (source IN ('satisfaction')),
    source_id BIGINT NOT NULL,
    author_id BIGINT REFERENCES allocataires(id),
    original TEXT NOT NULL,
    published TEXT,
    status TEXT NOT NULL CHECK (status IN ('en_attente', 'publie', 'masque', 'refuse')),
    reason TEXT,
    revision BIGINT NOT NULL DEFAULT 1,
    decided_by BIGINT REFERENCES staff(id),
    decided_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (source, source_id)
);
CREATE INDEX moderation_items_queue ON moderation_items(agency_id, status, updated_at);

-- Panels and juries, recruitment: each consent with the version of the text the person
-- read and its date; withdrawing closes it (and stops every future invitation). At most
-- one open consent per person.
CREATE TABLE panel_consents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    allocataire_id BIGINT NOT NULL REFERENCES allocataires(id),
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    version TEXT NOT NULL,
    given_at BIGINT NOT NULL,
    withdrawn_at BIGINT
);
CREATE UNIQUE INDEX panel_consents_one_open ON panel_consents(allocataire_id) WHERE withdrawn_at IS NULL;
CREATE INDEX panel_consents_agency ON panel_consents(agency_id, withdrawn_at);
