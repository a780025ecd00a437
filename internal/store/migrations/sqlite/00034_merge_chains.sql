-- +goose Up
-- Stores made before the store refused merges into a merged-away entity may
-- hold chains (A merged into B, B into C). Reads follow one link, so A's
-- statements went missing from C's page. merge_chains_flat notes that the
-- first open after this upgrade pointed every such entity at the end of its
-- chain, each move ledgered (store.flattenMergeChains).
ALTER TABLE store_identity ADD COLUMN merge_chains_flat INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE store_identity DROP COLUMN merge_chains_flat;
