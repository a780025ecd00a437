-- +goose Up
-- Storing a source wrote each of its ~50 near-duplicate keys into three
-- B-trees: the key index (band_key, source_id), the key counts, and this
-- index by source, which nothing reads: no source is ever deleted, and a
-- source's keys are only ever looked up by key. It cost a third of the time
-- of saving the keys (docs/benchmarks.md, issue 23). A later migration that
-- rebuilds the sources table (as 00014 did) must create it again first:
-- without it, each source dropped looks for its keys by a full scan.
DROP INDEX IF EXISTS source_bands_source;

-- +goose Down
CREATE INDEX IF NOT EXISTS source_bands_source ON source_bands(source_id);
