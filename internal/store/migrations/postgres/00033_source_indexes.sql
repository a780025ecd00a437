-- +goose NO TRANSACTION
-- +goose Up
-- Indexes of sources for the pages that list and count them. Built
-- CONCURRENTLY, so that upgrading a large store does not stop ingest and
-- pages meanwhile (hence NO TRANSACTION: each statement runs alone). An
-- index a failed build left behind, invalid, is dropped first, so every
-- statement may run again.
--
-- sources_kind: a list of one kind newest first (testimonies, say) walks it
-- instead of every source; the anonymous public's rule reads the
-- testimonies' ids from it alone.
DROP INDEX CONCURRENTLY IF EXISTS sources_kind;
CREATE INDEX CONCURRENTLY sources_kind ON sources (kind, ingested_at, id);
-- sources_counts: the counts by level, kind and language (the dashboard,
-- the sources page) read this index instead of the whole table, texts and
-- all.
DROP INDEX CONCURRENTLY IF EXISTS sources_counts;
CREATE INDEX CONCURRENTLY sources_counts ON sources (sensitivity, kind, language, id);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS sources_counts;
DROP INDEX CONCURRENTLY IF EXISTS sources_kind;
