-- Issue 8, second part: sessions edited after they were announced, series of sessions,
-- named facilitators, and sessions by invitation.
-- Who runs the session, as staff write it (« Nadia Benali et un conseiller France Travail »).
ALTER TABLE workshops ADD COLUMN facilitators TEXT NOT NULL DEFAULT '';
-- The sessions of one series share the id of the first one (NULL: a single session).
ALTER TABLE workshops ADD COLUMN series_id BIGINT;
-- The calendar SEQUENCE: raised by each change people are told of (time, place,
-- cancellation), so a calendar replaces its copy of the event.
ALTER TABLE workshops ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0;
CREATE INDEX workshops_series ON workshops(series_id);

-- The people invited to a session (any audience; required for « sur invitation »).
CREATE TABLE workshop_invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id BIGINT NOT NULL REFERENCES workshops(id),
    allocataire_id BIGINT NOT NULL REFERENCES allocataires(id),
    invited_by BIGINT REFERENCES staff(id),
    created_at BIGINT NOT NULL,
    UNIQUE (workshop_id, allocataire_id)
);
CREATE INDEX workshop_invitations_person ON workshop_invitations(allocataire_id);

-- The managed list of themes, shared by every agency (the département's admin adds and
-- archives them). The first seven are the ALI's usual offer: their label comes from the
-- locale catalogue (workshop-theme-<key>); a theme added later carries its own label.
CREATE TABLE workshop_themes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    label TEXT,
    archived BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
INSERT INTO workshop_themes (key, label, created_at) VALUES
    ('pairs', NULL, 0),
    ('recherche-emploi', NULL, 0),
    ('metiers', NULL, 0),
    ('numerique', NULL, 0),
    ('francais', NULL, 0),
    ('confiance', NULL, 0),
    ('job-dating', NULL, 0);
