-- DSP Desk schema 10: each person's and family's communication needs, as the
-- Accessible Information Standard asks: the format of documents for the
-- person and for the family (0 standard print, 1 easy read, 2 large print),
-- the language an interpreter is needed for (empty: none) for each, and
-- another contact to go through. Existing people need nothing recorded yet:
-- the defaults say so.
ALTER TABLE people ADD COLUMN document_format INTEGER NOT NULL DEFAULT 0 CHECK (document_format BETWEEN 0 AND 2);
ALTER TABLE people ADD COLUMN interpreter TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN family_document_format INTEGER NOT NULL DEFAULT 0 CHECK (family_document_format BETWEEN 0 AND 2);
ALTER TABLE people ADD COLUMN family_interpreter TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN contact_through TEXT NOT NULL DEFAULT '';
