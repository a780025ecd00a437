-- +goose Up
-- The same original bytes may be the source of more than one record: whoever
-- may not see the record that holds them gets their own when they bring the
-- same bytes, exactly as a first upload would (the blob is shared), so that
-- duplicate detection never tells them a hidden source exists. sha256 stops
-- being unique. SQLite cannot drop a column's constraint: the table is built
-- again, its rows copied back under the same ids; foreign keys are checked
-- when the transaction commits, once every row is back. Dropping the table
-- deletes its rows, and each deletion looks for rows that point at it:
-- source_bands (about fifty rows per source) had no index on source_id, so
-- that a store of 5,000 sources took more than a quarter of an hour here; the
-- index stays, for any later deletion of a source.
PRAGMA defer_foreign_keys = ON;
CREATE INDEX source_bands_source ON source_bands(source_id);
CREATE TABLE sources_copy AS SELECT * FROM sources;
DROP TABLE sources;
CREATE TABLE sources (
    id           TEXT PRIMARY KEY,
    sha256       TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('article','statement','testimony','document','social_post','court_record')),
    title        TEXT NOT NULL DEFAULT '',
    publisher    TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL DEFAULT '',
    published    TEXT NOT NULL DEFAULT '',
    retrieved_at TEXT NOT NULL DEFAULT '',
    language     TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL,
    content_type TEXT NOT NULL DEFAULT '',
    filename     TEXT NOT NULL DEFAULT '',
    size         INTEGER NOT NULL,
    sensitivity  TEXT NOT NULL CHECK (sensitivity IN ('public','internal','restricted','confidential')),
    reliability  TEXT NOT NULL DEFAULT '' CHECK (reliability IN ('','A','B','C','D','E','F')),
    credibility  TEXT NOT NULL DEFAULT '' CHECK (credibility IN ('','1','2','3','4','5','6')),
    added_by     TEXT NOT NULL,
    ingested_at  TEXT NOT NULL,
    duplicate_of TEXT REFERENCES sources(id),
    similarity   REAL NOT NULL DEFAULT 0
);
INSERT INTO sources SELECT * FROM sources_copy;
DROP TABLE sources_copy;
CREATE INDEX sources_sha256 ON sources(sha256);
CREATE INDEX sources_published ON sources(published);
CREATE INDEX sources_duplicate_of ON sources(duplicate_of);
CREATE INDEX sources_ingested ON sources(ingested_at, id);

-- +goose Down
PRAGMA defer_foreign_keys = ON;
CREATE TABLE sources_copy AS SELECT * FROM sources;
DROP TABLE sources;
CREATE TABLE sources (
    id           TEXT PRIMARY KEY,
    sha256       TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('article','statement','testimony','document','social_post','court_record')),
    title        TEXT NOT NULL DEFAULT '',
    publisher    TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL DEFAULT '',
    published    TEXT NOT NULL DEFAULT '',
    retrieved_at TEXT NOT NULL DEFAULT '',
    language     TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL,
    content_type TEXT NOT NULL DEFAULT '',
    filename     TEXT NOT NULL DEFAULT '',
    size         INTEGER NOT NULL,
    sensitivity  TEXT NOT NULL CHECK (sensitivity IN ('public','internal','restricted','confidential')),
    reliability  TEXT NOT NULL DEFAULT '' CHECK (reliability IN ('','A','B','C','D','E','F')),
    credibility  TEXT NOT NULL DEFAULT '' CHECK (credibility IN ('','1','2','3','4','5','6')),
    added_by     TEXT NOT NULL,
    ingested_at  TEXT NOT NULL,
    duplicate_of TEXT REFERENCES sources(id),
    similarity   REAL NOT NULL DEFAULT 0
);
INSERT INTO sources SELECT * FROM sources_copy;
DROP TABLE sources_copy;
CREATE INDEX sources_published ON sources(published);
CREATE INDEX sources_duplicate_of ON sources(duplicate_of);
CREATE INDEX sources_ingested ON sources(ingested_at, id);
DROP INDEX source_bands_source;
