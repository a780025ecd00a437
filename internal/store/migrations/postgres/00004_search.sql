-- +goose Up
-- Full-text search. What is indexed is derived from sources and statements
-- (their text folded by Athar's normalizer, internal/search), so it is not
-- ledgered and can be rebuilt from them at will. Visibility is never stored
-- here: a search joins the live source or statement row and applies the read
-- policy to it, so a review or a change of sensitivity takes effect at once.
CREATE TABLE search_docs (
    id     BIGSERIAL PRIMARY KEY,
    kind   TEXT NOT NULL CHECK (kind IN ('source', 'statement')),
    ref_id TEXT NOT NULL,
    body   TEXT NOT NULL,
    -- the body is already folded: the 'simple' configuration only splits it
    tsv    tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED,
    UNIQUE (kind, ref_id)
);
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);

-- +goose Down
DROP TABLE search_docs;
