-- DSP Desk schema 1. Instants are UTC text 'YYYY-MM-DDTHH:MM:SS.mmmZ', days
-- are 'YYYY-MM-DD'. Enumerations are the integers of package app.

CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
) STRICT;

CREATE TABLE people (
    id                       INTEGER PRIMARY KEY,
    given_name               TEXT NOT NULL,
    family_name              TEXT NOT NULL,
    preferred_name           TEXT NOT NULL DEFAULT '',
    date_of_birth            TEXT NOT NULL,
    nhs_number               TEXT UNIQUE CHECK (nhs_number IS NULL OR length(nhs_number) = 10),
    nhs_number_unknown_reason TEXT NOT NULL DEFAULT '',
    address                  TEXT NOT NULL,
    postcode                 TEXT NOT NULL,
    local_authority          INTEGER NOT NULL CHECK (local_authority BETWEEN 1 AND 4),
    diagnosis                INTEGER NOT NULL CHECK (diagnosis BETWEEN 1 AND 3),
    communication_needs      TEXT NOT NULL DEFAULT '',
    gp                       TEXT NOT NULL DEFAULT '',
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL
) STRICT;
CREATE INDEX people_dob ON people(date_of_birth);
CREATE INDEX people_family_name ON people(family_name COLLATE NOCASE);

CREATE TABLE contacts (
    id                      INTEGER PRIMARY KEY,
    person_id               INTEGER NOT NULL REFERENCES people(id),
    position                INTEGER NOT NULL,
    name                    TEXT NOT NULL,
    relationship            TEXT NOT NULL DEFAULT '',
    phone                   TEXT NOT NULL DEFAULT '',
    email                   TEXT NOT NULL DEFAULT '',
    preferred_contact       TEXT NOT NULL DEFAULT '',
    parental_responsibility INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX contacts_person ON contacts(person_id, position);

-- Consent is append-only: a withdrawal or renewal is a new row.
CREATE TABLE consents (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people(id),
    withdrawn         INTEGER NOT NULL DEFAULT 0,
    date              TEXT NOT NULL,
    given_by          INTEGER NOT NULL DEFAULT 0,
    giver_name        TEXT NOT NULL DEFAULT '',
    gillick_competent INTEGER NOT NULL DEFAULT 0,
    scope             TEXT NOT NULL DEFAULT '',
    record_system     TEXT NOT NULL DEFAULT '',
    record_reference  TEXT NOT NULL DEFAULT '',
    reason            TEXT NOT NULL DEFAULT '',
    recorded_by       TEXT NOT NULL,
    recorded_at       TEXT NOT NULL
) STRICT;
CREATE INDEX consents_person ON consents(person_id, date);
CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents
BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;

CREATE TABLE referrals (
    id                     INTEGER PRIMARY KEY,
    person_id              INTEGER NOT NULL REFERENCES people(id),
    consent_id             INTEGER REFERENCES consents(id),
    received_at            TEXT NOT NULL,
    register_requested     INTEGER NOT NULL CHECK (register_requested IN (1, 2)),
    indicative_rating      INTEGER NOT NULL CHECK (indicative_rating BETWEEN 1 AND 4),
    diagnosis_confirmed    INTEGER NOT NULL,
    referrer_name          TEXT NOT NULL,
    referrer_role          TEXT NOT NULL,
    referrer_sector        INTEGER NOT NULL CHECK (referrer_sector BETWEEN 1 AND 3),
    referrer_organisation  TEXT NOT NULL,
    referrer_phone         TEXT NOT NULL,
    referrer_email         TEXT NOT NULL,
    referrer_organises_mam INTEGER NOT NULL DEFAULT 0,
    concerns_other         TEXT NOT NULL DEFAULT '',
    what_changed           TEXT NOT NULL DEFAULT '',
    what_tried             TEXT NOT NULL DEFAULT '',
    risks                  TEXT NOT NULL DEFAULT '',
    is_inpatient           INTEGER NOT NULL DEFAULT 0,
    inpatient_hospital     TEXT NOT NULL DEFAULT '',
    inpatient_admitted_on  TEXT,
    inpatient_planned_discharge TEXT,
    ooa_funding            INTEGER NOT NULL DEFAULT 0,
    ooa_commissioner       TEXT NOT NULL DEFAULT '',
    education_setting      TEXT NOT NULL DEFAULT '',
    ehcp                   INTEGER NOT NULL DEFAULT 0,
    professionals_involved TEXT NOT NULL DEFAULT '',
    legal_status           TEXT NOT NULL DEFAULT '',
    -- the person's details exactly as the referrer entered them (JSON)
    person_as_entered      TEXT NOT NULL DEFAULT '{}',
    status                 INTEGER NOT NULL DEFAULT 1 CHECK (status BETWEEN 1 AND 3),
    decided_at             TEXT,
    decided_by             TEXT NOT NULL DEFAULT '',
    decline_reason         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX referrals_person ON referrals(person_id);
CREATE INDEX referrals_pending ON referrals(status, received_at);

CREATE TABLE referral_concerns (
    referral_id INTEGER NOT NULL REFERENCES referrals(id),
    concern     INTEGER NOT NULL CHECK (concern BETWEEN 1 AND 5),
    PRIMARY KEY (referral_id, concern)
) STRICT, WITHOUT ROWID;

CREATE TABLE registrations (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES people(id),
    referral_id  INTEGER REFERENCES referrals(id),
    register     INTEGER NOT NULL CHECK (register IN (1, 2)),
    rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    inpatient    INTEGER NOT NULL DEFAULT 0,
    since        TEXT NOT NULL,
    review_due   TEXT,
    closed_at    TEXT,
    close_reason INTEGER NOT NULL DEFAULT 0,
    close_note   TEXT NOT NULL DEFAULT ''
) STRICT;
-- a person is on at most one register at a time
CREATE UNIQUE INDEX registrations_one_open ON registrations(person_id) WHERE closed_at IS NULL;
CREATE INDEX registrations_open_register ON registrations(register, rating) WHERE closed_at IS NULL;
CREATE INDEX registrations_review_due ON registrations(review_due) WHERE closed_at IS NULL;

CREATE TABLE rating_changes (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations(id),
    from_rating     INTEGER NOT NULL DEFAULT 0,
    to_rating       INTEGER NOT NULL CHECK (to_rating BETWEEN 1 AND 4),
    from_register   INTEGER NOT NULL DEFAULT 0,
    to_register     INTEGER NOT NULL CHECK (to_register IN (1, 2)),
    reason          TEXT NOT NULL,
    changed_by      TEXT NOT NULL,
    at              TEXT NOT NULL,
    review          INTEGER NOT NULL DEFAULT 0 -- a scheduled review, which may confirm the rating
) STRICT;
CREATE INDEX rating_changes_registration ON rating_changes(registration_id, at);

CREATE TABLE admissions (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people(id),
    registration_id   INTEGER NOT NULL REFERENCES registrations(id),
    hospital          TEXT NOT NULL,
    admitted_on       TEXT NOT NULL,
    planned_discharge TEXT,
    discharged_on     TEXT
) STRICT;
CREATE INDEX admissions_person ON admissions(person_id);

CREATE TABLE review_requests (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES people(id),
    registration_id INTEGER REFERENCES registrations(id),
    kind            INTEGER NOT NULL CHECK (kind IN (1, 2)),
    urgent          INTEGER NOT NULL DEFAULT 0,
    reason          TEXT NOT NULL,
    requested_at    TEXT NOT NULL,
    status          INTEGER NOT NULL DEFAULT 1,
    held_on         TEXT,
    outcome         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX review_requests_person ON review_requests(person_id);

CREATE TABLE meetings (
    id                  INTEGER PRIMARY KEY,
    person_id           INTEGER NOT NULL REFERENCES people(id),
    kind                INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 3),
    start               TEXT NOT NULL,
    duration_minutes    INTEGER NOT NULL,
    place               TEXT NOT NULL DEFAULT '',
    video_link          TEXT NOT NULL DEFAULT '',
    organiser           INTEGER NOT NULL CHECK (organiser IN (1, 2)),
    organiser_name      TEXT NOT NULL DEFAULT '',
    chair               TEXT NOT NULL DEFAULT '',
    pre_meeting_minutes INTEGER NOT NULL DEFAULT 0,
    status              INTEGER NOT NULL DEFAULT 1,
    family_contacted_on TEXT,
    notes               TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX meetings_person ON meetings(person_id, start);
CREATE INDEX meetings_start ON meetings(start);

CREATE TABLE meeting_requests (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES people(id),
    registration_id INTEGER REFERENCES registrations(id),
    kind            INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 3),
    organiser       INTEGER NOT NULL CHECK (organiser IN (1, 2)),
    reason          TEXT NOT NULL,
    requested_at    TEXT NOT NULL,
    status          INTEGER NOT NULL DEFAULT 1,
    meeting_id      INTEGER REFERENCES meetings(id)
) STRICT;
CREATE INDEX meeting_requests_person ON meeting_requests(person_id);

CREATE TABLE invitees (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL DEFAULT '',
    agency     TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    family     INTEGER NOT NULL DEFAULT 0,
    attendance INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX invitees_meeting ON invitees(meeting_id, position);

CREATE TABLE agenda_items (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id),
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    family_text TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);

CREATE TABLE actions (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES people(id),
    meeting_id      INTEGER REFERENCES meetings(id),
    description     TEXT NOT NULL,
    desired_outcome TEXT NOT NULL DEFAULT '',
    owner           TEXT NOT NULL,
    agency          TEXT NOT NULL,
    due             TEXT NOT NULL,
    status          INTEGER NOT NULL CHECK (status BETWEEN 1 AND 4),
    completed_on    TEXT
) STRICT;
CREATE INDEX actions_person ON actions(person_id, status);
CREATE INDEX actions_outstanding_due ON actions(due) WHERE status IN (1, 2);

CREATE TABLE action_progress (
    id        INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES actions(id),
    at        TEXT NOT NULL,
    written_by TEXT NOT NULL,
    note      TEXT NOT NULL
) STRICT;
CREATE INDEX action_progress_action ON action_progress(action_id, at);

CREATE TABLE gaps (
    id           INTEGER PRIMARY KEY,
    date         TEXT NOT NULL,
    raised_by    TEXT NOT NULL,
    person_id    INTEGER REFERENCES people(id),
    meeting_id   INTEGER REFERENCES meetings(id),
    action_id    INTEGER REFERENCES actions(id),
    category     INTEGER NOT NULL CHECK (category BETWEEN 1 AND 11),
    description  TEXT NOT NULL,
    impact       TEXT NOT NULL,
    what_tried   TEXT NOT NULL DEFAULT '',
    escalated_to TEXT NOT NULL DEFAULT '',
    response     TEXT NOT NULL DEFAULT '',
    status       INTEGER NOT NULL CHECK (status BETWEEN 1 AND 4)
) STRICT;
CREATE INDEX gaps_date ON gaps(date);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE bank_holiday_exceptions (
    id   INTEGER PRIMARY KEY,
    date TEXT NOT NULL UNIQUE,
    kind INTEGER NOT NULL CHECK (kind IN (1, 2)),
    name TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
) STRICT;

-- The audit log: append-only and hash-chained (hash = SHA-256 of the
-- previous hash and this row's content), verified by VerifyAudit.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL,
    changes   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
