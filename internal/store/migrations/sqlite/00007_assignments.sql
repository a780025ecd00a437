-- +goose Up
-- Work assigned to reviewers: a source (every proposed statement drawn from
-- it) assigned to one reviewer. Workflow state, not evidence, so not
-- ledgered; every change is recorded in assignment_log with its actor and
-- time, in the same transaction.
CREATE TABLE assignments (
    source_id   TEXT PRIMARY KEY REFERENCES sources(id),
    reviewer_id TEXT NOT NULL REFERENCES users(id),
    assigned_by TEXT NOT NULL,
    assigned_at TEXT NOT NULL
);
CREATE INDEX assignments_reviewer ON assignments(reviewer_id);

-- Every assignment change: append-only.
CREATE TABLE assignment_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('assign','unassign')),
    source_id   TEXT NOT NULL,
    reviewer_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assignment_log_source ON assignment_log(source_id, seq);
-- +goose StatementBegin
CREATE TRIGGER assignment_log_no_update BEFORE UPDATE ON assignment_log BEGIN SELECT RAISE(ABORT, 'assignment_log is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER assignment_log_no_delete BEFORE DELETE ON assignment_log BEGIN SELECT RAISE(ABORT, 'assignment_log is append-only'); END;
-- +goose StatementEnd

-- Installation settings an admin changes in the UI (whether the public view
-- is published). Ledgered: who changed a setting, and when, is in the
-- hash-chained ledger, and verify catches a setting edited by hand.
CREATE TABLE settings (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The entity list pages through canonical entities in id order, of one
-- type or all, and looks up those merged into each.
CREATE INDEX entities_merged_into ON entities(merged_into);
CREATE INDEX entities_type_id ON entities(type, id);

-- +goose Down
DROP INDEX entities_type_id;
DROP INDEX entities_merged_into;
DROP TABLE settings;
DROP TABLE assignment_log;
DROP TABLE assignments;
