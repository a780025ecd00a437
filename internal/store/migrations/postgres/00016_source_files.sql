-- +goose Up
-- Files kept with a source besides its original: a captured web page keeps
-- its WACZ (the original), the WARC inside it, a screenshot, the rendered
-- document, the acquisition record and the media the page links. The bytes
-- are in the archive under their SHA-256, as originals are; each row is in
-- the ledger, so a file swapped or dropped is caught by verify. A file of a
-- restricted or confidential source is stored sealed under the source's
-- data key, as its original is: blob_sha256 names the sealed bytes in the
-- archive ('' for a file kept in the clear); sha256 and size stay those of
-- the file itself.
CREATE TABLE source_files (
    id         TEXT PRIMARY KEY,
    source_id  TEXT NOT NULL REFERENCES sources(id),
    role       TEXT NOT NULL CHECK (role IN ('wacz','warc','screenshot','dom','media','record')),
    sha256     TEXT NOT NULL,
    media_type TEXT NOT NULL DEFAULT '',
    size       BIGINT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    url        TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    blob_sha256 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX source_files_source ON source_files(source_id);
-- Whether bytes about to be dropped from the archive are still held in the
-- clear by a file (a source being sealed).
CREATE INDEX source_files_sha256 ON source_files(sha256);

-- +goose Down
DROP TABLE source_files;
