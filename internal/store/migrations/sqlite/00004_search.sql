-- +goose Up
-- Full-text search. What is indexed is derived from sources and statements
-- (their text folded by Athar's normalizer, internal/search), so it is not
-- ledgered and can be rebuilt from them at will. Visibility is never stored
-- here: a search joins the live source or statement row and applies the read
-- policy to it, so a review or a change of sensitivity takes effect at once.
CREATE TABLE search_docs (
    id     INTEGER PRIMARY KEY,
    kind   TEXT NOT NULL CHECK (kind IN ('source', 'statement')),
    ref_id TEXT NOT NULL,
    UNIQUE (kind, ref_id)
);
-- rowid = search_docs.id; the body is already folded, so FTS5 only splits it.
CREATE VIRTUAL TABLE search_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 0');

-- +goose Down
DROP TABLE search_fts;
DROP TABLE search_docs;
