-- The keyed audit log. Each row now carries only the fields that changed,
-- with their new text (the old text is the previous row's new text; it is
-- written out only where it differs), the account that made the change
-- (actor) and the display name in Settings at that moment, and a MAC:
-- HMAC-SHA-256, with a secret key kept outside this file, over the previous
-- row's MAC and this row. The rows of the old hash-chained log are moved
-- into the new table by the Go step of this migration (keyedAuditMigration
-- in storage/auditkey.go), after it has verified their hash chain; it then
-- drops audit_log_legacy.
ALTER TABLE audit_log RENAME TO audit_log_legacy;
DROP TRIGGER audit_no_update;
DROP TRIGGER audit_no_delete;
DROP INDEX audit_entity;

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    display_name TEXT NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    INTEGER NOT NULL,
    action       TEXT NOT NULL,
    changes      TEXT NOT NULL,
    mac          BLOB NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Where a long text was first written in full, by its SHA-256 (see
-- storage/audittext.go): later rows refer to that row instead of repeating
-- the text. Only an index: each reference is checked before it is written.
CREATE TABLE audit_text_seen (
    digest BLOB PRIMARY KEY,
    row_id INTEGER NOT NULL,
    field  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Which key MACs the log: the database's id finds the key (and the anchor)
-- outside the file; rows up to adopted_from were made under a key this
-- database was adopted without (0: none); seal is an HMAC of the row with
-- the key, so a changed row or a wrong key shows.
CREATE TABLE audit_key (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    database_id  TEXT NOT NULL,
    adopted_from INTEGER NOT NULL,
    seal         BLOB NOT NULL
) STRICT;

-- A backup's anchor: the last audit row's id and MAC when the copy was
-- made, sealed with the key. Empty in a database in use.
CREATE TABLE audit_anchor (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    row_id INTEGER NOT NULL,
    mac    BLOB NOT NULL,
    seal   BLOB NOT NULL
) STRICT;
