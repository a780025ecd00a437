-- +goose Up
-- A new role, caseworker, who records families' enquiries.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin','reviewer','analyst','caseworker','viewer'));

-- Families' enquiries about missing persons, as a caseworker records them.
-- Everything here is confidential: only caseworkers and admins read it, and
-- no export, search or page for anyone else reads these tables. Ledgered
-- like the evidence: who recorded an enquiry, and every change of its
-- status, is in the hash-chained ledger.
CREATE TABLE enquiries (
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
CREATE INDEX enquiries_status ON enquiries(status);

-- A caseworker's judgement of one candidate of an enquiry: the person a
-- source names is (confirm) or is not (reject) the one the family seeks.
CREATE TABLE enquiry_judgements (
    id         TEXT PRIMARY KEY,
    enquiry_id TEXT NOT NULL REFERENCES enquiries(id),
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    verdict    TEXT NOT NULL CHECK (verdict IN ('confirm','reject')),
    note       TEXT NOT NULL DEFAULT '',
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX enquiry_judgements_enquiry ON enquiry_judgements(enquiry_id, created_at);

-- The watch queue: a person a newly stored source names who matches an
-- open enquiry, for the caseworker to look at. Workflow, not evidence:
-- not ledgered (the judgement that follows is). sensitivity is that of the
-- statement the name comes from: a caseworker sees only alerts within
-- their clearance.
CREATE TABLE enquiry_alerts (
    id         TEXT PRIMARY KEY,
    enquiry_id TEXT NOT NULL REFERENCES enquiries(id),
    entity_id  TEXT NOT NULL,
    source_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    sensitivity TEXT NOT NULL CHECK (sensitivity IN ('public','internal','restricted','confidential')),
    score      DOUBLE PRECISION NOT NULL,
    created_at TEXT NOT NULL,
    seen_by    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX enquiry_alerts_once ON enquiry_alerts(enquiry_id, entity_id, source_id);

-- +goose Down
DROP TABLE enquiry_alerts;
DROP TABLE enquiry_judgements;
DROP TABLE enquiries;
