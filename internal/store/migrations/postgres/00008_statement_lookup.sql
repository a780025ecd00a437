-- +goose Up
-- Finding the entity that carries a property value (a gazetteer id, a
-- name) scanned every statement of a type without this; with it ingest
-- spends its time on writing rather than looking up.
CREATE INDEX statements_property_value ON statements(property, value);

-- +goose Down
DROP INDEX statements_property_value;
