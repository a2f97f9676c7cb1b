-- Issue 7, last part: the département's monthly orientation file. Dates are ISO text
-- (YYYY-MM-DD), times UTC unix seconds.

-- Which agency follows the people of a commune (the 22 territories; the admin keeps it).
-- `key` is the name as files are matched on it: lower case, no accents, no punctuation.
CREATE TABLE communes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    agency_id BIGINT NOT NULL REFERENCES agencies(id)
);

-- One uploaded file: kept (decoded to UTF-8) between its preview and its confirmation.
-- `agency_id` NULL: the département's file, every agency (the admin).
CREATE TABLE orientation_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id BIGINT REFERENCES agencies(id),
    file_name TEXT NOT NULL,
    encoding TEXT NOT NULL,
    content TEXT NOT NULL,
    by_actor TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    applied_at BIGINT,
    created_people BIGINT NOT NULL DEFAULT 0,
    changed_people BIGINT NOT NULL DEFAULT 0
);

-- What the orientation file says of a person beyond the file itself.
CREATE TABLE orientation_details (
    allocataire_id BIGINT PRIMARY KEY REFERENCES allocataires(id),
    birth_date TEXT,
    address TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('ali', 'plateforme')),
    -- The import that created the file (its invitation letters), NULL if enrolled by hand.
    created_by BIGINT REFERENCES orientation_imports(id),
    updated_at BIGINT NOT NULL
);
CREATE INDEX orientation_details_created_by ON orientation_details(created_by);
