-- +goose Up
-- Nothing to change on SQLite: FTS5 walks its index newest first and stops
-- at a page. (PostgreSQL's migration of this number indexes sources and
-- statements apart for its search.)
SELECT 1;

-- +goose Down
SELECT 1;
