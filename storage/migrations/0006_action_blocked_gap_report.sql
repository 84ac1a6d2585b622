-- DSP Desk schema 6: actions can be blocked (status 5), and cancelled or
-- blocked actions keep their reason; gaps in service record the local
-- authority and age group they count under in the senior managers' report,
-- a short description with no identifiers for that report, and the day they
-- closed.
--
-- SQLite cannot change a CHECK constraint, so the actions table is rebuilt
-- the way SQLite's documentation describes (new table, copy, drop, rename).
-- The runner turns foreign key enforcement off for this file, because
-- dropping the old table would otherwise count every progress note and gap
-- pointing at it as broken, and runs PRAGMA foreign_key_check before it
-- commits.
-- dspdesk:foreign-keys-off
CREATE TABLE actions_schema6 (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES people(id),
    meeting_id      INTEGER REFERENCES meetings(id),
    description     TEXT NOT NULL,
    desired_outcome TEXT NOT NULL DEFAULT '',
    owner           TEXT NOT NULL,
    agency          TEXT NOT NULL,
    due             TEXT NOT NULL,
    status          INTEGER NOT NULL CHECK (status BETWEEN 1 AND 5),
    status_reason   TEXT NOT NULL DEFAULT '',
    completed_on    TEXT,
    CHECK (status NOT IN (4, 5) OR status_reason <> '')
) STRICT;
INSERT INTO actions_schema6(id, person_id, meeting_id, description, desired_outcome, owner, agency, due, status, status_reason, completed_on)
    SELECT id, person_id, meeting_id, description, desired_outcome, owner, agency, due, status,
           CASE status WHEN 4 THEN coalesce(
               (SELECT p.note FROM action_progress p WHERE p.action_id = actions.id AND trim(p.note) <> '' ORDER BY p.at DESC, p.id DESC LIMIT 1),
               'No longer needed (recorded before reasons were kept).') ELSE '' END, completed_on
    FROM actions;
DROP TABLE actions;
ALTER TABLE actions_schema6 RENAME TO actions;
CREATE INDEX actions_person_status_due ON actions(person_id, status, due);
CREATE INDEX actions_outstanding_due ON actions(due) WHERE status IN (1, 2, 5);

ALTER TABLE gaps ADD COLUMN local_authority INTEGER CHECK (local_authority BETWEEN 1 AND 4);
ALTER TABLE gaps ADD COLUMN age_group INTEGER CHECK (age_group BETWEEN 1 AND 2);
ALTER TABLE gaps ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE gaps ADD COLUMN closed_on TEXT;
-- Gaps about a known person take the place and age group from their record
-- (age on the gap's date); anonymous gaps recorded before stay unknown.
UPDATE gaps SET
    local_authority = (SELECT p.local_authority FROM people p WHERE p.id = gaps.person_id),
    age_group = (SELECT CASE WHEN (CAST(strftime('%Y', gaps.date) AS INTEGER) - CAST(strftime('%Y', p.date_of_birth) AS INTEGER)
                     - (strftime('%m-%d', gaps.date) < strftime('%m-%d', p.date_of_birth))) >= 18 THEN 2 ELSE 1 END
                 FROM people p WHERE p.id = gaps.person_id)
    WHERE person_id IS NOT NULL;
CREATE INDEX gaps_action ON gaps(action_id) WHERE action_id IS NOT NULL;
CREATE INDEX gaps_person ON gaps(person_id) WHERE person_id IS NOT NULL;
