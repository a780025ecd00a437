-- +goose Up
-- The same original bytes may be the source of more than one record: whoever
-- may not see the record that holds them gets their own when they bring the
-- same bytes, exactly as a first upload would (the blob is shared), so that
-- duplicate detection never tells them a hidden source exists.
ALTER TABLE sources DROP CONSTRAINT sources_sha256_key;
CREATE INDEX sources_sha256 ON sources(sha256);

-- +goose Down
DROP INDEX sources_sha256;
ALTER TABLE sources ADD CONSTRAINT sources_sha256_key UNIQUE (sha256);
