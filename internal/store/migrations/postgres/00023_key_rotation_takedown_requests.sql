-- +goose Up
-- Key rotation (athar keys rotate). search_key is the key of the sealed
-- search index, wrapped by the master key (a seal envelope, base64): empty
-- until the first rotation, the search key being until then the one derived
-- from the master key, so that an index built before stays valid; rotation
-- keeps that key and re-wraps it, as it re-wraps the data keys, so that the
-- index need not be rebuilt. master_id is the id of the master key the
-- wrapped keys are sealed under, set by rotation: a store whose key file
-- holds another key finds the new one of an unfinished rotation beside it.
ALTER TABLE store_identity ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
ALTER TABLE store_identity ADD COLUMN master_id TEXT NOT NULL DEFAULT '';
-- A take-down asked for in the web UI: it waits for a second admin's
-- approval (not the one who asked) before the data key is destroyed.
-- Ledgered: who asked, who approved or refused, when and why.
CREATE TABLE IF NOT EXISTS takedown_requests (
    id           TEXT PRIMARY KEY,
    source_id    TEXT NOT NULL REFERENCES sources(id),
    reason       TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending',
    decided_by   TEXT NOT NULL DEFAULT '',
    decided_at   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS takedown_requests_status ON takedown_requests(status, requested_at);

-- +goose Down
DROP TABLE IF EXISTS takedown_requests;
ALTER TABLE store_identity DROP COLUMN master_id;
ALTER TABLE store_identity DROP COLUMN search_key;
