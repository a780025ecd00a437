-- +goose Up
-- Notes a reviewer writes on one statement (app.AddStatementNote): why a
-- fact is doubtful, what else says so. At a level no lower than the
-- statement's and no higher than the author's clearance; sealed under the
-- data key of the statement's source when that source is sealed
-- (store/statement_notes.go), as notes on sources are. source_id is the
-- statement's, kept here so that sealing a source finds its notes. Ledgered.
CREATE TABLE statement_notes (
    id           TEXT PRIMARY KEY,
    statement_id TEXT NOT NULL,
    source_id    TEXT NOT NULL,
    text         TEXT NOT NULL,
    sensitivity  TEXT NOT NULL,
    author       TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX statement_notes_statement ON statement_notes (statement_id, created_at);
CREATE INDEX statement_notes_source ON statement_notes (source_id);

-- +goose Down
DROP TABLE statement_notes;
