-- DSP Desk schema 7: a version number on every record a person edits
-- (people, registrations, actions, gaps and the settings row; meetings have
-- one since schema 5), raised by every update, so a save that started from
-- an older copy is refused as a conflict instead of overwriting someone
-- else's change unseen. Existing rows start at version 0.
ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE gaps ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE settings ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
