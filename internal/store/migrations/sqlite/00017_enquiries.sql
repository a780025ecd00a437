-- +goose NO TRANSACTION
-- +goose Up
-- A new role, caseworker, who records families' enquiries. SQLite cannot
-- change a CHECK constraint in place: the users table is built again with
-- the wider one, by SQLite's own procedure — foreign keys off (which only
-- works outside a transaction, hence NO TRANSACTION: goose runs this file
-- on one connection, and the whole change is the one transaction below),
-- a new table, the rows copied, the old one dropped and the new renamed.
-- The tables that reference users (sessions, tokens, assignments) go on
-- naming "users", which is then the new table. Every statement may run
-- again: a crash between the commit and goose's record of it is harmless.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE IF NOT EXISTS users_with_caseworker (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin','reviewer','analyst','caseworker','viewer')),
    clearance     TEXT NOT NULL CHECK (clearance IN ('public','internal','restricted','confidential')),
    password_hash TEXT NOT NULL DEFAULT '',
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
INSERT INTO users_with_caseworker (id, name, role, clearance, password_hash, disabled, created_at)
    SELECT id, name, role, clearance, password_hash, disabled, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_with_caseworker RENAME TO users;

-- Families' enquiries about missing persons, as a caseworker records them.
-- Everything here is confidential: only caseworkers and admins read it, and
-- no export, search or page for anyone else reads these tables. Ledgered
-- like the evidence: who recorded an enquiry, and every change of its
-- status, is in the hash-chained ledger.
CREATE TABLE IF NOT EXISTS enquiries (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    father         TEXT NOT NULL DEFAULT '',
    mother         TEXT NOT NULL DEFAULT '',
    family         TEXT NOT NULL DEFAULT '',
    sex            TEXT NOT NULL DEFAULT '',
    born           TEXT NOT NULL DEFAULT '',
    home           TEXT NOT NULL DEFAULT '',
    last_seen_date TEXT NOT NULL DEFAULT '',
    last_seen_at   TEXT NOT NULL DEFAULT '',
    held_at        TEXT NOT NULL DEFAULT '',
    asked_by       TEXT NOT NULL DEFAULT '',
    contact        TEXT NOT NULL DEFAULT '',
    consent        TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('open','possible','matched','fate')),
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS enquiries_status ON enquiries(status);

-- A caseworker's judgement of one candidate of an enquiry: the person a
-- source names is (confirm) or is not (reject) the one the family seeks.
CREATE TABLE IF NOT EXISTS enquiry_judgements (
    id         TEXT PRIMARY KEY,
    enquiry_id TEXT NOT NULL REFERENCES enquiries(id),
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    verdict    TEXT NOT NULL CHECK (verdict IN ('confirm','reject')),
    note       TEXT NOT NULL DEFAULT '',
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS enquiry_judgements_enquiry ON enquiry_judgements(enquiry_id, created_at);

-- The watch queue: a person a newly stored source names who matches an
-- open enquiry, for the caseworker to look at. Workflow, not evidence:
-- not ledgered (the judgement that follows is). sensitivity is that of the
-- statement the name comes from: a caseworker sees only alerts within
-- their clearance.
CREATE TABLE IF NOT EXISTS enquiry_alerts (
    id         TEXT PRIMARY KEY,
    enquiry_id TEXT NOT NULL REFERENCES enquiries(id),
    entity_id  TEXT NOT NULL,
    source_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    sensitivity TEXT NOT NULL CHECK (sensitivity IN ('public','internal','restricted','confidential')),
    score      REAL NOT NULL,
    created_at TEXT NOT NULL,
    seen_by    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS enquiry_alerts_once ON enquiry_alerts(enquiry_id, entity_id, source_id);
COMMIT;
PRAGMA foreign_keys = ON;

-- +goose Down
DROP TABLE enquiry_alerts;
DROP TABLE enquiry_judgements;
DROP TABLE enquiries;
