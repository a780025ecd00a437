-- +goose Up
-- WebAuthn security keys of accounts: a second factor beside TOTP, and like
-- it operational account state (not ledgered; the access log records every
-- key added, removed, used or refused). A key is kept for the relying party
-- (the host of the server's base URL) it was registered with: a key made
-- for another host never signs for this one.
CREATE TABLE security_keys (
    id            TEXT PRIMARY KEY,          -- ours, for the account page's links
    user_id       TEXT NOT NULL REFERENCES users(id),
    rp_id         TEXT NOT NULL,             -- the relying party ID it was registered with
    credential_id TEXT NOT NULL,             -- base64url of the authenticator's credential ID
    name          TEXT NOT NULL,             -- what its owner calls it
    credential    TEXT NOT NULL,             -- the library's credential record (public key, counter, flags) as JSON
    clone_warning INTEGER NOT NULL DEFAULT 0, -- 1 once its signature counter went backwards: refused from then on
    created_at    TEXT NOT NULL,
    last_used_at  TEXT NOT NULL DEFAULT '',
    UNIQUE (rp_id, credential_id)
);
CREATE INDEX security_keys_user ON security_keys (user_id);
-- Ceremonies under way: the challenge of a key registration or sign-in,
-- kept on the server from the page that asks for the key until the answer,
-- and taken (deleted) by that answer, so that no answer is accepted twice.
CREATE TABLE webauthn_ceremonies (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id),
    purpose    TEXT NOT NULL,                -- 'register' or 'sign-in'
    data       TEXT NOT NULL,                -- the library's session data as JSON
    expires_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE webauthn_ceremonies;
DROP INDEX security_keys_user;
DROP TABLE security_keys;
