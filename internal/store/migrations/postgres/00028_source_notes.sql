-- +goose Up
-- Notes a reviewer writes on a source (app.AddSourceNote): their own words on
-- what the source is worth or where it came from, at a level no lower than
-- the source's and no higher than their own clearance. Ledgered: a note is
-- part of the record of how the evidence was weighed.
CREATE TABLE source_notes (
    id          TEXT PRIMARY KEY,
    source_id   TEXT NOT NULL REFERENCES sources(id),
    text        TEXT NOT NULL,
    sensitivity TEXT NOT NULL,
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX source_notes_source ON source_notes (source_id, created_at);

-- +goose Down
DROP TABLE source_notes;
