-- +goose Up
-- The values of statements drawn from a sealed (restricted or confidential)
-- source — the names, places and dates extraction found — are sealed under
-- the source's data key. What groups, matches or totals them reads
-- value_hash instead: a keyed hash of the folded value under the value key
-- ('' for a value in the clear). The value key is random, made with the
-- first sealed value and kept wrapped by the master key in value_keys (one
-- row; never in the clear). sealed_values notes that the first open after
-- this upgrade sealed the values of the sources sealed before
-- (Store.sealOnce).
ALTER TABLE statements ADD COLUMN value_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX statements_property_value_hash ON statements(property, value_hash) WHERE value_hash <> '';
CREATE TABLE value_keys (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    wrapped TEXT NOT NULL
);
ALTER TABLE store_identity ADD COLUMN sealed_values INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE store_identity DROP COLUMN sealed_values;
DROP TABLE value_keys;
DROP INDEX statements_property_value_hash;
ALTER TABLE statements DROP COLUMN value_hash;
