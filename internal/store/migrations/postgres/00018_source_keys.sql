-- +goose Up
-- Encryption at rest (internal/seal). The store's id names its master key's
-- file in the per-user key folder (master-<id>.key): the id travels with the
-- database — through a move, a backup and a restore — and the key stays
-- behind, outside the data directory. Made here, at random, once. sealed is
-- 1 once the restricted and confidential sources stored in the clear before
-- have been sealed (Store.SealExisting, on the first open after this).
CREATE TABLE IF NOT EXISTS store_identity (
    id     TEXT PRIMARY KEY,
    sealed INTEGER NOT NULL DEFAULT 0
);
INSERT INTO store_identity (id) SELECT md5(random()::text || clock_timestamp()::text) WHERE NOT EXISTS (SELECT 1 FROM store_identity);
-- One data key per restricted or confidential source, wrapped by the master
-- key (a seal envelope, base64). The source's text is sealed under it in the
-- sources row, and its original in the archive under blob_sha256 (the hash
-- of what is stored, the sealed bytes). Not ledgered: a take-down destroys
-- the key, and the ledger, which hashed the sealed row, still verifies.
CREATE TABLE IF NOT EXISTS source_keys (
    source_id   TEXT PRIMARY KEY REFERENCES sources(id),
    wrapped     TEXT NOT NULL,
    blob_sha256 TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS source_keys_blob ON source_keys(blob_sha256);
-- A take-down: the source's data key destroyed for good (its source_keys
-- row gone), so that its sealed text, quotes and original are unreadable
-- wherever they are, backups made afterwards included. Ledgered: who took
-- what down, when and why is in the chain, and verify reports it.
CREATE TABLE IF NOT EXISTS takedowns (
    source_id TEXT PRIMARY KEY REFERENCES sources(id),
    reason    TEXT NOT NULL,
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL
);

-- +goose Down
-- Nothing is dropped: without its data keys every sealed source would be
-- lost for good, and without its id the store would no longer find its
-- master key. (Up makes only what is missing, so it may run again.)
SELECT 1;
