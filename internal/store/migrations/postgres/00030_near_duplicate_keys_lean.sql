-- +goose Up
-- Nothing to change on PostgreSQL: it never had an index of near-duplicate
-- keys by source. (SQLite's migration of this number drops its own.)
SELECT 1;

-- +goose Down
SELECT 1;
