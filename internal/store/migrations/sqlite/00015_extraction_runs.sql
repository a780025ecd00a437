-- +goose Up
-- A source whose extraction is recorded over several transactions (one that
-- names thousands of things: each transaction writes a bounded number of
-- rows, so that nothing holds the write lock for long) has a row here until
-- the last of them commits. A source with a row is not extracted yet,
-- whatever mentions it already has: re-extraction clears them and starts
-- again. Operational, like the sessions: not in the ledger.
CREATE TABLE extraction_runs (
    source_id  TEXT PRIMARY KEY REFERENCES sources(id),
    extractor  TEXT NOT NULL,
    started_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE extraction_runs;
