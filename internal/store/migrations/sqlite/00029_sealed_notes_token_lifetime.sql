-- +goose Up
-- Reviewers' notes on a sealed source are sealed under its data key
-- (store/source_notes.go). sealed_notes notes that the first open after
-- this upgrade sealed the notes written in the clear before it
-- (Store.sealNotesOnce).
ALTER TABLE store_identity ADD COLUMN sealed_notes INTEGER NOT NULL DEFAULT 0;
-- Tokens of admins and reviewers act without a second factor, so they must
-- expire within 90 days of being made (store.MaxPrivilegedTokenLife). Those
-- made before this upgrade without an expiry, or with a later one, expire 90
-- days after it, as GitLab gave its tokens without one an expiry when it
-- began to require one: the scripts that use them keep working meanwhile.
UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+90 days')
    WHERE role IN ('admin', 'reviewer') AND revoked_at = ''
    AND (expires_at = '' OR expires_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+90 days'));

-- +goose Down
ALTER TABLE store_identity DROP COLUMN sealed_notes;
