-- Issue 9, second part: surveys built by staff and answered by the people supported.
-- Times are UTC unix seconds; opening and closing dates are Paris days (YYYY-MM-DD).

-- A survey: its settings, its audience, and the version its questions are at (a survey
-- answered once keeps its questions: a change makes a new version).
CREATE TABLE surveys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- NULL: every agency (the département's admin).
    agency_id BIGINT REFERENCES agencies(id),
    title TEXT NOT NULL,
    intro TEXT NOT NULL,
    thanks TEXT NOT NULL,
    anonymous BIGINT NOT NULL CHECK (anonymous IN (0, 1)),
    audience TEXT NOT NULL CHECK (audience IN ('agence', 'toutes', 'volontaires', 'liste')),
    numeros TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('brouillon', 'publie', 'clos')),
    version BIGINT NOT NULL DEFAULT 1,
    created_by BIGINT REFERENCES staff(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    published_at BIGINT
);
CREATE INDEX surveys_agency ON surveys(agency_id, status);

-- A question, live from `since_version` until `until_version` (excluded; NULL: still
-- live). `question_key` stays the same across versions: answers and conditions name it.
CREATE TABLE survey_questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    question_key BIGINT NOT NULL,
    since_version BIGINT NOT NULL,
    until_version BIGINT,
    section BIGINT NOT NULL,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('choix_unique', 'choix_multiple', 'echelle', 'oui_non', 'texte_court', 'texte_long')),
    label TEXT NOT NULL,
    required BIGINT NOT NULL CHECK (required IN (0, 1)),
    -- The choices, one per line.
    options TEXT NOT NULL,
    show_if_key BIGINT,
    show_if_value TEXT
);
CREATE INDEX survey_questions_survey ON survey_questions(survey_id, question_key);

-- Who was invited, and their progress: the answers so far (JSON) until they send them,
-- then only the mark « sent ». No time is kept of the sending: with an anonymous survey,
-- nothing here can be matched with a response.
CREATE TABLE survey_participants (
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    allocataire_id BIGINT NOT NULL REFERENCES allocataires(id),
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    invited_at BIGINT NOT NULL,
    version BIGINT,
    draft TEXT,
    sent BIGINT NOT NULL DEFAULT 0 CHECK (sent IN (0, 1)),
    PRIMARY KEY (survey_id, allocataire_id)
);
CREATE INDEX survey_participants_person ON survey_participants(allocataire_id);

-- A response sent. Its id is random (no order to follow); an anonymous one holds neither
-- the person nor a time. Kept without rowid, so the file's order says nothing either.
CREATE TABLE survey_responses (
    id TEXT PRIMARY KEY,
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    version BIGINT NOT NULL,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    allocataire_id BIGINT REFERENCES allocataires(id),
    sent_at BIGINT
) WITHOUT ROWID;
CREATE INDEX survey_responses_survey ON survey_responses(survey_id, version);

-- The choices of a response (one row per value chosen).
CREATE TABLE survey_answers (
    response_id TEXT NOT NULL REFERENCES survey_responses(id),
    question_key BIGINT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (response_id, question_key, value)
) WITHOUT ROWID;

-- A free-text answer: its words are in `moderation_items` (source 'questionnaire',
-- source_id = this random id), read by others only once approved or masked.
CREATE TABLE survey_texts (
    id BIGINT PRIMARY KEY,
    response_id TEXT NOT NULL REFERENCES survey_responses(id),
    question_key BIGINT NOT NULL
) WITHOUT ROWID;
CREATE INDEX survey_texts_response ON survey_texts(response_id);

-- The moderation queue takes survey texts too. SQLite changes a CHECK by rebuilding.
CREATE TABLE moderation_items_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    source TEXT NOT NULL CHECK (source IN ('satisfaction', 'questionnaire')),
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
INSERT INTO moderation_items_new (id, agency_id, source, source_id, author_id, original, published, status, reason, revision, decided_by, decided_at, created_at, updated_at)
    SELECT id, agency_id, source, source_id, author_id, original, published, status, reason, revision, decided_by, decided_at, created_at, updated_at FROM moderation_items;
DROP TABLE moderation_items;
ALTER TABLE moderation_items_new RENAME TO moderation_items;
CREATE INDEX moderation_items_queue ON moderation_items(agency_id, status, updated_at);
