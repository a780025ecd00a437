-- +goose Up
-- Times are RFC 3339 text in UTC on both engines, so that a row hashes to the
-- same bytes on SQLite and PostgreSQL and after a backup and restore.
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
CREATE INDEX sources_published ON sources(published);
CREATE INDEX sources_duplicate_of ON sources(duplicate_of);

-- Near-duplicate detection: a MinHash signature per source and its LSH band
-- keys. Derived from the text, so not in the ledger.
CREATE TABLE source_signatures (
    source_id TEXT PRIMARY KEY REFERENCES sources(id),
    signature BLOB NOT NULL
);
-- Keys are LSH band keys (anchor = 0) or anchor-shingle keys (anchor = 1),
-- two families that never coincide (see internal/dedup).
CREATE TABLE source_bands (
    band_key  INTEGER NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id),
    anchor    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (band_key, source_id)
) WITHOUT ROWID;
-- How many sources hold each key: a key held by very many (boilerplate every
-- article of a site repeats) is passed over, as search engines pass over
-- stop words.
CREATE TABLE source_key_counts (
    band_key INTEGER PRIMARY KEY,
    n        INTEGER NOT NULL
);

CREATE TABLE entities (
    id          TEXT PRIMARY KEY,
    type        TEXT NOT NULL CHECK (type IN ('person','organization','facility','place','event')),
    merged_into TEXT REFERENCES entities(id),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);
CREATE INDEX entities_type ON entities(type);

CREATE TABLE statements (
    id              TEXT PRIMARY KEY,
    entity_id       TEXT NOT NULL REFERENCES entities(id),
    property        TEXT NOT NULL,
    value           TEXT NOT NULL DEFAULT '',
    value_entity    TEXT REFERENCES entities(id),
    source_id       TEXT REFERENCES sources(id),
    span_start      INTEGER,
    span_end        INTEGER,
    quote           TEXT NOT NULL DEFAULT '',
    date_start      TEXT NOT NULL DEFAULT '',
    date_end        TEXT NOT NULL DEFAULT '',
    confidence      REAL NOT NULL DEFAULT 1,
    origin          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('proposed','confirmed','rejected')),
    modality        TEXT NOT NULL DEFAULT '' CHECK (modality IN ('','asserted','alleged','denied')),
    role            TEXT NOT NULL DEFAULT '',
    sensitivity     TEXT NOT NULL CHECK (sensitivity IN ('public','internal','restricted','confidential')),
    author          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    reviewer        TEXT NOT NULL DEFAULT '',
    reviewed_at     TEXT NOT NULL DEFAULT '',
    review_note     TEXT NOT NULL DEFAULT '',
    CHECK (span_start IS NULL OR (span_start >= 0 AND span_end >= span_start))
);
CREATE INDEX statements_entity ON statements(entity_id);
CREATE INDEX statements_source ON statements(source_id);
CREATE INDEX statements_status ON statements(status);
CREATE INDEX statements_value_entity ON statements(value_entity);

CREATE TABLE mentions (
    id         TEXT PRIMARY KEY,
    source_id  TEXT NOT NULL REFERENCES sources(id),
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT NOT NULL,
    extractor  TEXT NOT NULL,
    entity_id  TEXT REFERENCES entities(id),
    score      REAL NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    CHECK (span_start >= 0 AND span_end >= span_start)
);
CREATE INDEX mentions_source ON mentions(source_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE judgements (
    id         TEXT PRIMARY KEY,
    entity_a   TEXT NOT NULL REFERENCES entities(id),
    entity_b   TEXT NOT NULL REFERENCES entities(id),
    verdict    TEXT NOT NULL CHECK (verdict IN ('same','different','unsure')),
    author     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX judgements_pair ON judgements(entity_a, entity_b);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin','reviewer','analyst','viewer')),
    clearance     TEXT NOT NULL CHECK (clearance IN ('public','internal','restricted','confidential')),
    password_hash TEXT NOT NULL DEFAULT '',
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

-- The append-only, hash-chained ledger (see internal/ledger).
CREATE TABLE ledger (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    tbl       TEXT NOT NULL,
    row_id    TEXT NOT NULL,
    row_hash  TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX ledger_row ON ledger(tbl, row_id);

-- +goose Down
DROP TABLE ledger;
DROP TABLE users;
DROP TABLE judgements;
DROP TABLE mentions;
DROP TABLE statements;
DROP TABLE entities;
DROP TABLE source_key_counts;
DROP TABLE source_bands;
DROP TABLE source_signatures;
DROP TABLE sources;
