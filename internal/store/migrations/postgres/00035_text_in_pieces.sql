-- +goose Up
-- A long source's search document is indexed as several parts, each in a
-- transaction of its own (so that indexing an 8 MiB text holds no lock for
-- seconds): a document is now (kind, ref_id, part), part 0 for every short
-- document.
ALTER TABLE search_docs ADD COLUMN part INTEGER NOT NULL DEFAULT 0;
ALTER TABLE search_docs DROP CONSTRAINT search_docs_kind_ref_id_key;
ALTER TABLE search_docs ADD CONSTRAINT search_docs_kind_ref_id_part_key UNIQUE (kind, ref_id, part);

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
DELETE FROM search_docs WHERE part > 0;
ALTER TABLE search_docs DROP CONSTRAINT search_docs_kind_ref_id_part_key;
ALTER TABLE search_docs ADD CONSTRAINT search_docs_kind_ref_id_key UNIQUE (kind, ref_id);
ALTER TABLE search_docs DROP COLUMN part;
