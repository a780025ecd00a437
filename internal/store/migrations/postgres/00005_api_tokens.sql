-- +goose Up
-- API tokens: operational credentials, like sessions, so not ledgered. Only
-- the SHA-256 of a token is kept; the token itself is shown once, when made.
CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    hash         TEXT NOT NULL UNIQUE, -- hex SHA-256 of the token
    user_id      TEXT NOT NULL REFERENCES users(id),
    name         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL DEFAULT '',
    expires_at   TEXT NOT NULL DEFAULT '', -- '' never
    revoked_at   TEXT NOT NULL DEFAULT ''  -- '' not revoked
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- +goose Down
DROP TABLE api_tokens;
