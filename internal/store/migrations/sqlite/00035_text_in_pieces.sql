-- +goose Up
-- A long source's search document is indexed as several parts, each in a
-- transaction of its own (so that indexing an 8 MiB text holds no write lock
-- for seconds): a document is now (kind, ref_id, part), part 0 for every
-- short document. The ids are kept: search_fts's rowid is search_docs.id.
CREATE TABLE search_docs_parts (
    id     INTEGER PRIMARY KEY,
    kind   TEXT NOT NULL CHECK (kind IN ('source', 'statement')),
    ref_id TEXT NOT NULL,
    part   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (kind, ref_id, part)
);
INSERT INTO search_docs_parts (id, kind, ref_id) SELECT id, kind, ref_id FROM search_docs;
DROP TABLE search_docs;
ALTER TABLE search_docs_parts RENAME TO search_docs;

-- A long source's text past its first piece (which its row holds): pieces
-- written in transactions of their own after the one that stores the row,
-- numbered from 1, read back in order. Ledgered like the row.
CREATE TABLE source_texts (
    id        TEXT PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES sources(id),
    n         INTEGER NOT NULL,
    text      TEXT NOT NULL,
    UNIQUE (source_id, n)
);
-- A source whose text is still being written, piece by piece: until its
-- last piece commits, readers are told the text is not complete rather than
-- shown part of it. Operational, like extraction_runs: not in the ledger.
CREATE TABLE source_text_pending (
    source_id TEXT PRIMARY KEY REFERENCES sources(id),
    pieces    INTEGER NOT NULL
);

-- +goose Down
DROP TABLE source_text_pending;
DROP TABLE source_texts;
CREATE TABLE search_docs_whole (
    id     INTEGER PRIMARY KEY,
    kind   TEXT NOT NULL CHECK (kind IN ('source', 'statement')),
    ref_id TEXT NOT NULL,
    UNIQUE (kind, ref_id)
);
DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_docs WHERE part > 0);
INSERT INTO search_docs_whole (id, kind, ref_id) SELECT id, kind, ref_id FROM search_docs WHERE part = 0;
DROP TABLE search_docs;
ALTER TABLE search_docs_whole RENAME TO search_docs;
