-- +goose Up
-- Redactions: a source made from another with spans of its text replaced by
-- a mark (app.Redact). The row belongs to the new source; it names the
-- original, the spans redacted (code-point offsets into the original's text,
-- "START:END,START:END"), why, who and when — never the words redacted, which
-- stay only in the original. Evidence of how the copy was made, so ledgered.
CREATE TABLE redactions (
    source_id     TEXT PRIMARY KEY REFERENCES sources(id),
    redacted_from TEXT NOT NULL REFERENCES sources(id),
    spans         TEXT NOT NULL,
    reason        TEXT NOT NULL,
    actor         TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX redactions_from ON redactions (redacted_from);

-- +goose Down
DROP TABLE redactions;
