-- +goose Up
-- Watch lists: the perpetrators analysts name, so that every new source
-- that mentions one of them is flagged. Ledgered like the evidence: who
-- added an entry, and its removal, are in the hash-chained ledger. An
-- entry is never deleted: removed_at marks it no longer watched. aliases
-- is a JSON array of strings.
CREATE TABLE IF NOT EXISTS watch_entries (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    aliases     TEXT NOT NULL DEFAULT '[]',
    rank_title  TEXT NOT NULL DEFAULT '',
    born        TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    sensitivity TEXT NOT NULL CHECK (sensitivity IN ('public','internal','restricted','confidential')),
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    removed_by  TEXT NOT NULL DEFAULT '',
    removed_at  TEXT NOT NULL DEFAULT ''
);

-- The watch-list queue: a person a source names who may be a wanted
-- person, with the matcher's reasons (a JSON array). Workflow, not
-- evidence: not ledgered. sensitivity is the highest of the entry's, the
-- name statement's and the statements the reasons quote: an analyst sees
-- only alerts within their clearance.
CREATE TABLE IF NOT EXISTS watch_alerts (
    id          TEXT PRIMARY KEY,
    entry_id    TEXT NOT NULL REFERENCES watch_entries(id),
    entity_id   TEXT NOT NULL,
    source_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    sensitivity TEXT NOT NULL CHECK (sensitivity IN ('public','internal','restricted','confidential')),
    score       REAL NOT NULL,
    reasons     TEXT NOT NULL DEFAULT '[]',
    created_at  TEXT NOT NULL,
    seen_by     TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS watch_alerts_once ON watch_alerts(entry_id, entity_id, source_id);

-- +goose Down
DROP TABLE watch_alerts;
DROP TABLE watch_entries;
