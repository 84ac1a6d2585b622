-- DSP Desk schema 9: importing a team's existing register. A person brought
-- in from a spreadsheet may have no diagnosis recorded (diagnosis 4, "not
-- recorded"); each import is a batch (the file's name, rows and hash, who
-- and when, and whether it was undone); each person the batch added or
-- linked is listed with the sheet row they came from; the column mapping
-- used for a header layout is kept to offer next time.
--
-- SQLite cannot change a CHECK constraint, so the people table is rebuilt
-- the way SQLite's documentation describes (new table, copy, drop, rename),
-- with foreign key enforcement off for this file and PRAGMA
-- foreign_key_check run before it commits.
-- dspdesk:foreign-keys-off
CREATE TABLE people_schema9 (
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
    diagnosis                INTEGER NOT NULL CHECK (diagnosis BETWEEN 1 AND 4),
    communication_needs      TEXT NOT NULL DEFAULT '',
    gp                       TEXT NOT NULL DEFAULT '',
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL,
    version                  INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO people_schema9(id, given_name, family_name, preferred_name, date_of_birth, nhs_number, nhs_number_unknown_reason,
        address, postcode, local_authority, diagnosis, communication_needs, gp, created_at, updated_at, version)
    SELECT id, given_name, family_name, preferred_name, date_of_birth, nhs_number, nhs_number_unknown_reason,
        address, postcode, local_authority, diagnosis, communication_needs, gp, created_at, updated_at, version
    FROM people;
DROP TABLE people;
ALTER TABLE people_schema9 RENAME TO people;
CREATE INDEX people_dob ON people(date_of_birth);
CREATE INDEX people_family_name ON people(family_name COLLATE NOCASE);
CREATE INDEX people_name ON people(family_name COLLATE NOCASE, given_name COLLATE NOCASE);
CREATE INDEX people_local_authority ON people(local_authority);

CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    sheet       TEXT NOT NULL DEFAULT '',
    file_hash   TEXT NOT NULL,
    row_count   INTEGER NOT NULL,
    added       INTEGER NOT NULL,
    linked      INTEGER NOT NULL,
    refused     INTEGER NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    undone_at   TEXT,
    undone_by   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX import_batches_hash ON import_batches(file_hash);

-- added = 1: the batch created the person (and registration_id, their
-- registration); added = 0: the row matched a person already known.
-- removed_nhs_number keeps the NHS number of a person removed as imported
-- in error (the people row gives it up, so the number can be imported again).
CREATE TABLE import_people (
    batch_id           INTEGER NOT NULL REFERENCES import_batches(id),
    person_id          INTEGER NOT NULL REFERENCES people(id),
    sheet_row          INTEGER NOT NULL,
    added              INTEGER NOT NULL CHECK (added IN (0, 1)),
    registration_id    INTEGER REFERENCES registrations(id),
    removed_nhs_number TEXT,
    PRIMARY KEY (batch_id, person_id)
) STRICT;
CREATE INDEX import_people_person ON import_people(person_id, added);

CREATE TABLE import_mappings (
    signature TEXT PRIMARY KEY,
    mapping   TEXT NOT NULL,
    saved_by  TEXT NOT NULL,
    saved_at  TEXT NOT NULL
) STRICT;
