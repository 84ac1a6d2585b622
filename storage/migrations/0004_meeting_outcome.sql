-- DSP Desk schema 4: what a MAM decided. The outcome for the person
-- (1 improved, 2 no change, 3 deteriorated; 0 not recorded yet) and the
-- next MAM or review date agreed. New columns with defaults: existing
-- meetings keep every value they had.
ALTER TABLE meetings ADD COLUMN outcome INTEGER NOT NULL DEFAULT 0 CHECK (outcome BETWEEN 0 AND 3);
ALTER TABLE meetings ADD COLUMN next_date TEXT;
