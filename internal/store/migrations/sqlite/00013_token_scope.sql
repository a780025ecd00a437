-- +goose Up
-- What a token may be used for: 'api', the whole JSON API (every token made
-- before this migration), or 'reconcile', the reconciliation service only —
-- a read-only key that travels in the service URL OpenRefine is given.
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'api';

-- +goose Down
ALTER TABLE api_tokens DROP COLUMN scope;
