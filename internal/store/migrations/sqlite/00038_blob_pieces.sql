-- +goose Up
-- Nothing to change on SQLite: its archive is files, written ahead of the
-- transaction. (PostgreSQL's migration of this number lets the database
-- archive take a large original in pieces.)
SELECT 1;

-- +goose Down
SELECT 1;
