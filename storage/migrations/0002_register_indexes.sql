-- DSP Desk schema 2: indexes for the register (DSR/ROAR) tables.
-- Indexes only: no table or row changes, so it is safe on a database holding
-- data. Each new index extends an old one, which it replaces.

-- Pages sorted by name walk people in name order and stop after the page.
CREATE INDEX people_name ON people(family_name COLLATE NOCASE, given_name COLLATE NOCASE);
DROP INDEX people_family_name;

-- Counting and filtering by local authority.
CREATE INDEX people_local_authority ON people(local_authority);

-- The register's per-person columns read from the index alone: the last MAM
-- held, open and overdue actions, and the latest consent (in the order the
-- register takes it: date, time recorded, id), without a sort per person.
CREATE INDEX meetings_person_status ON meetings(person_id, status, start);
CREATE INDEX actions_person_status_due ON actions(person_id, status, due);
DROP INDEX actions_person;
CREATE INDEX consents_person_latest ON consents(person_id, date, recorded_at, id, withdrawn);
DROP INDEX consents_person;
