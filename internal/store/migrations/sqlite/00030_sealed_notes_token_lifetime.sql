-- +goose Up
-- Reviewers' notes on a sealed source are sealed under its data key
-- (store/source_notes.go). sealed_notes notes that the first open after
-- this upgrade sealed the notes written in the clear before it
-- (Store.sealNotesOnce).
ALTER TABLE store_identity ADD COLUMN sealed_notes INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE store_identity DROP COLUMN sealed_notes;
