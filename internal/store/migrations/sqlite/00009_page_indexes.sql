-- +goose Up
-- Indexes for pages that must answer fast however large the store grows.
-- Statements of an entity by property in the order they were made: the
-- first name of a facility that thousands of sources name is one index
-- step, not a scan of every statement about it. It serves every lookup by
-- entity alone too, so the single-column index goes.
CREATE INDEX statements_entity_property ON statements(entity_id, property, created_at, id);
DROP INDEX statements_entity;
-- The review queue: the oldest proposed statements first, read in order
-- instead of sorting every proposed statement.
CREATE INDEX statements_status_created ON statements(status, created_at, id);
DROP INDEX statements_status;
-- The newest sources (dashboard, source list) read in order.
CREATE INDEX sources_ingested ON sources(ingested_at, id);
-- The first statement carrying a value (the entity a gazetteer id already
-- stands for) is the first index entry, however many sources repeat it.
CREATE INDEX statements_property_value_created ON statements(property, value, created_at, id);
DROP INDEX statements_property_value;

-- +goose Down
CREATE INDEX statements_property_value ON statements(property, value);
DROP INDEX statements_property_value_created;
DROP INDEX sources_ingested;
CREATE INDEX statements_status ON statements(status);
DROP INDEX statements_status_created;
CREATE INDEX statements_entity ON statements(entity_id);
DROP INDEX statements_entity_property;
