-- +goose Up
-- Indexes of sources for the pages that list and count them: a list of one
-- kind newest first (and the testimonies the anonymous public's rule looks
-- at), and the counts by level, kind and language, read from the index
-- instead of the whole table. (PostgreSQL builds the same CONCURRENTLY.)
CREATE INDEX IF NOT EXISTS sources_kind ON sources (kind, ingested_at, id);
CREATE INDEX IF NOT EXISTS sources_counts ON sources (sensitivity, kind, language, id);

-- +goose Down
DROP INDEX IF EXISTS sources_counts;
DROP INDEX IF EXISTS sources_kind;
