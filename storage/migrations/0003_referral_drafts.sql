-- Referral drafts: the referral form saves what is typed as the user works,
-- so closing the window or the app loses nothing. A draft is not a record of
-- the pathway: it is deleted once submitted or discarded (the audit log
-- keeps that it existed, not what it held).
CREATE TABLE referral_drafts (
    id         INTEGER PRIMARY KEY,
    data       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
