-- +goose Up
-- Full-text search indexed by kind of document: a search for sources
-- intersected the index of every matching document (statements, twenty
-- times as many, included) with the list of all sources; each kind's own
-- index holds only its documents. Search reads the newest matches of one
-- kind from it (store.inPages).
CREATE INDEX search_docs_tsv_source ON search_docs USING GIN (tsv) WHERE kind = 'source';
CREATE INDEX search_docs_tsv_statement ON search_docs USING GIN (tsv) WHERE kind = 'statement';
DROP INDEX search_docs_tsv;

-- +goose Down
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);
DROP INDEX search_docs_tsv_statement;
DROP INDEX search_docs_tsv_source;
