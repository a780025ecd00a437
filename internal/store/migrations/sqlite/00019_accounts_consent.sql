-- +goose Up
-- Second factors of accounts: operational account state like sessions, not
-- evidence, so not ledgered (enrolment, reset and every use go to the access
-- log instead). The TOTP secret must be readable to check a code; recovery
-- codes are kept only as hashes.
CREATE TABLE totp_secrets (
    user_id      TEXT PRIMARY KEY REFERENCES users(id),
    secret       TEXT NOT NULL,           -- base32, as authenticator apps take it
    created_at   TEXT NOT NULL,
    confirmed_at TEXT NOT NULL DEFAULT '', -- '' while enrolment awaits its first code
    last_step    BIGINT NOT NULL DEFAULT 0 -- the last time step accepted: no code is used twice
);
CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users(id),
    hash    TEXT NOT NULL,               -- access.HashRecoveryCode; the code itself is shown once
    used_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (user_id, hash)
);
-- What a session's sign-in proved beyond the password: '' (nothing), 'totp'
-- or 'recovery'. Sessions from before this migration have '' and so cannot
-- act as admin or reviewer until their owner signs in again.
ALTER TABLE sessions ADD COLUMN second_factor TEXT NOT NULL DEFAULT '';

-- What the witness of a testimony consented to (model.Consent, in its text
-- form: "court,partners:NAME|NAME,publication,contact"; '' for nothing).
-- Evidence of the witness's will, so ledgered: every change is an entry.
CREATE TABLE consents (
    source_id   TEXT PRIMARY KEY REFERENCES sources(id),
    uses        TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE consents;
ALTER TABLE sessions DROP COLUMN second_factor;
DROP TABLE recovery_codes;
DROP TABLE totp_secrets;
