-- +goose Up
-- Sealed sources' titles, publishers and file names, and the texts of the
-- mentions found in them, are sealed under the source's data key; TOTP
-- secrets under the master key. sealed_fields notes that the first open
-- after this upgrade sealed those of a store made before (Store.sealOnce).
ALTER TABLE store_identity ADD COLUMN sealed_fields INTEGER NOT NULL DEFAULT 0;
-- An API token is bound to the role and clearance its account had when it
-- was made: it stops working when the account's role changes, and never
-- reads above the clearance it was made with. Tokens made before this
-- migration are bound to what their account holds now.
ALTER TABLE api_tokens ADD COLUMN role TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN clearance TEXT NOT NULL DEFAULT '';
UPDATE api_tokens SET role = (SELECT u.role FROM users u WHERE u.id = api_tokens.user_id),
    clearance = (SELECT u.clearance FROM users u WHERE u.id = api_tokens.user_id);

-- +goose Down
ALTER TABLE api_tokens DROP COLUMN clearance;
ALTER TABLE api_tokens DROP COLUMN role;
ALTER TABLE store_identity DROP COLUMN sealed_fields;
