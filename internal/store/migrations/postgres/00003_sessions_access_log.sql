-- +goose Up
-- Sessions of the web UI: operational state, not evidence, so not ledgered.
CREATE TABLE sessions (
    id         TEXT PRIMARY KEY, -- hex SHA-256 of the cookie token; the token is never stored
    user_id    TEXT NOT NULL REFERENCES users(id),
    user_name  TEXT NOT NULL,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- Who was shown restricted or confidential material: append-only.
CREATE TABLE access_log (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    sensitivity TEXT NOT NULL CHECK (sensitivity IN ('public','internal','restricted','confidential')),
    remote      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX access_log_at ON access_log(at);
CREATE INDEX access_log_subject ON access_log(subject);
CREATE INDEX access_log_actor ON access_log(actor, at);
-- +goose StatementBegin
CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'access_log is append-only'; END; $$;
-- +goose StatementEnd
CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();

-- +goose Down
DROP TABLE access_log;
DROP FUNCTION access_log_append_only();
DROP TABLE sessions;
