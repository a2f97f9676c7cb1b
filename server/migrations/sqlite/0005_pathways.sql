-- Issue 7, first part: the parcours, its steps, and the contract (CER or contrat
-- d'engagement) with its versions and workflow. Dates are ISO text (YYYY-MM-DD), times
-- UTC unix seconds.

-- A person's parcours once a contract or an exit set its state. Before that the state is
-- read from the agenda: orienté, or accueilli once a rendez-vous was attended (no row is
-- needed, so every way a file is created keeps working).
CREATE TABLE pathways (
    allocataire_id BIGINT PRIMARY KEY REFERENCES allocataires(id),
    state TEXT NOT NULL CHECK (state IN ('oriente', 'accueilli', 'contractualise', 'en_cours', 'renouvele', 'sorti', 'reoriente')),
    -- The support's first day: the start of the first signed contract.
    started_on TEXT,
    renewed_on TEXT,
    ended_on TEXT,
    exit_reason TEXT,
    -- A réorientation: where to (france_travail, service_social) and the recommendation.
    referral TEXT,
    recommendation TEXT,
    updated_at BIGINT NOT NULL
);

-- Placements on actions (positionnements) and diagnostics, as staff record them.
CREATE TABLE pathway_steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    allocataire_id BIGINT NOT NULL REFERENCES allocataires(id),
    kind TEXT NOT NULL CHECK (kind IN ('positionnement', 'diagnostic')),
    object TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('prevu', 'en_cours', 'realise', 'annule')),
    title TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    outcome TEXT NOT NULL DEFAULT '',
    feedback TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES staff(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX pathway_steps_person ON pathway_steps(allocataire_id, starts_on);

-- Contract versions. One draft or proposal at a time per person; the version in force is
-- the last signed or validated one (earlier ones are marked remplacé when it is signed).
CREATE TABLE contracts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    allocataire_id BIGINT NOT NULL REFERENCES allocataires(id),
    version BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('cer', 'ce')),
    status TEXT NOT NULL CHECK (status IN ('brouillon', 'propose', 'signe', 'valide', 'remplace')),
    objectives TEXT NOT NULL,
    person_commitments TEXT NOT NULL,
    agency_commitments TEXT NOT NULL,
    planned_actions TEXT NOT NULL,
    duration_months BIGINT NOT NULL CHECK (duration_months BETWEEN 3 AND 12),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    weekly_hours BIGINT,
    -- The person's last request for a change, while the version is back in draft.
    change_request TEXT,
    created_by BIGINT REFERENCES staff(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    proposed_at BIGINT,
    signed_at BIGINT,
    signature TEXT CHECK (signature IN ('electronique', 'papier')),
    -- Who recorded a paper signature (an electronic one is the person's own).
    signature_recorded_by BIGINT REFERENCES staff(id),
    validated_at BIGINT,
    validated_by BIGINT REFERENCES staff(id),
    UNIQUE (allocataire_id, version)
);
CREATE UNIQUE INDEX contracts_one_open ON contracts(allocataire_id) WHERE status IN ('brouillon', 'propose');

-- « Ce que je souhaite »: what the person brings to the contract meeting.
CREATE TABLE contract_wishes (
    allocataire_id BIGINT PRIMARY KEY REFERENCES allocataires(id),
    goals TEXT NOT NULL,
    needs TEXT NOT NULL,
    constraints TEXT NOT NULL,
    other TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- A person asks to change référent or form of support, with a reason; the agency answers
-- within a month. One open request at a time.
CREATE TABLE support_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    allocataire_id BIGINT NOT NULL REFERENCES allocataires(id),
    kind TEXT NOT NULL CHECK (kind IN ('referent', 'accompagnement')),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ouverte', 'acceptee', 'refusee')),
    answer TEXT,
    answered_by BIGINT REFERENCES staff(id),
    answered_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX support_requests_one_open ON support_requests(allocataire_id) WHERE status = 'ouverte';

-- « Aller vers »: each attempt to reach a person (call, SMS, e-mail, letter, home visit),
-- reached or not, with a note; a grouped message logs one per person.
CREATE TABLE contact_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    allocataire_id BIGINT NOT NULL REFERENCES allocataires(id),
    channel TEXT NOT NULL CHECK (channel IN ('appel', 'sms', 'email', 'courrier', 'visite')),
    reached BIGINT NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES staff(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX contact_attempts_person ON contact_attempts(allocataire_id, created_at);
