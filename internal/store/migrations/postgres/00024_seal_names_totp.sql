-- +goose Up
-- Sealed sources' titles, publishers and file names, and the texts of the
-- mentions found in them, are sealed under the source's data key; TOTP
-- secrets under the master key. sealed_fields notes that the first open
-- after this upgrade sealed those of a store made before (Store.sealOnce).
ALTER TABLE store_identity ADD COLUMN sealed_fields INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE store_identity DROP COLUMN sealed_fields;
