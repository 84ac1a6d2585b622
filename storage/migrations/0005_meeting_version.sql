-- DSP Desk schema 5: a version number on each meeting, raised by every
-- update, so two people recording the same MAM cannot overwrite each other
-- unseen (the second is told to reload).
ALTER TABLE meetings ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
