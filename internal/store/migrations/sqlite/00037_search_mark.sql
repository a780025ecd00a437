-- +goose Up
-- How far the search index has got: every source and statement whose ledger
-- entry is at or before seq is indexed (or was looked at and left for a
-- reason the catch-up knows: a text still being written). The catch-up reads
-- the ledger after it rather than looking through every source and
-- statement for what is not indexed. NULL: not known yet (a store made
-- before the mark, with entries in its ledger): the first catch-up looks
-- through everything once, then sets it. Written in the transaction that
-- writes the documents it counts. Derived, like the index: not ledgered.
CREATE TABLE search_mark (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT
);
INSERT INTO search_mark (id, seq) SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM ledger) THEN NULL ELSE 0 END;

-- Sources and statements whose documents were removed to be indexed again
-- (a source sealed in place, the search key rotated, a take-down): the
-- catch-up indexes them, whatever the mark says, and removes them from here.
CREATE TABLE search_stale (
    kind   TEXT NOT NULL CHECK (kind IN ('source', 'statement')),
    ref_id TEXT NOT NULL,
    PRIMARY KEY (kind, ref_id)
);

-- +goose Down
DROP TABLE search_stale;
DROP TABLE search_mark;
