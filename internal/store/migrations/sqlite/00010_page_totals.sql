-- +goose Up
-- Totals that pages read instead of counting. Claim totals: what a page says of each value an entity's statements give
-- a property — how many statements at each level and review state, and how
-- many independent sources each kind of viewer may see behind it — kept in
-- the transaction that writes the statements (internal/store/claims.go), so
-- that the page of a prison that ten thousand sources name reads a handful
-- of rows instead of every statement about it. They are derived: not
-- ledgered, rebuilt from the statements when missing.

-- Statements of one value, one row per level, review state, modality and
-- whether a source stands behind them.
CREATE TABLE claim_stats (
    entity_id   TEXT NOT NULL,
    property    TEXT NOT NULL,
    value_key   TEXT NOT NULL, -- the linked entity's id, or "v:" and the folded value
    sensitivity TEXT NOT NULL,
    status      TEXT NOT NULL,
    modality    TEXT NOT NULL,
    manual      INTEGER NOT NULL, -- 1: no source (typed in by a person)
    value       TEXT NOT NULL,    -- the value as its first statement here spells it
    value_entity TEXT NOT NULL,
    first_at    TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (entity_id, property, value_key, sensitivity, status, modality, manual)
);

-- Each independent source (an original, standing for its near-copies)
-- behind a value: how many of its statements that are not rejected there
-- are at each level, and how many are public and confirmed.
CREATE TABLE claim_origins (
    entity_id TEXT NOT NULL,
    property  TEXT NOT NULL,
    value_key TEXT NOT NULL,
    origin_id TEXT NOT NULL,
    n_public INTEGER NOT NULL,
    n_internal INTEGER NOT NULL,
    n_restricted INTEGER NOT NULL,
    n_confidential INTEGER NOT NULL,
    n_public_confirmed INTEGER NOT NULL,
    PRIMARY KEY (entity_id, property, value_key, origin_id)
);

-- How many independent sources stand behind a value for a viewer of each
-- clearance, and for the anonymous public (confirmed public statements).
CREATE TABLE claim_sources (
    entity_id TEXT NOT NULL,
    property  TEXT NOT NULL,
    value_key TEXT NOT NULL,
    for_public INTEGER NOT NULL,
    for_internal INTEGER NOT NULL,
    for_restricted INTEGER NOT NULL,
    for_confidential INTEGER NOT NULL,
    for_anonymous INTEGER NOT NULL,
    PRIMARY KEY (entity_id, property, value_key)
);

-- The sources that mention an entity, one row each however many times they
-- name it, with what a page sorts and filters them by: the page of a prison
-- lists its newest sources and counts them from here, not from every mention
-- joined to every source.
CREATE TABLE entity_sources (
    entity_id   TEXT NOT NULL,
    source_id   TEXT NOT NULL,
    published   TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    sensitivity TEXT NOT NULL,
    mentions    INTEGER NOT NULL,
    PRIMARY KEY (entity_id, source_id)
);
CREATE INDEX entity_sources_newest ON entity_sources(entity_id, published, ingested_at, source_id, sensitivity);
-- How many sources at each level mention an entity.
CREATE TABLE entity_source_counts (
    entity_id      TEXT PRIMARY KEY,
    n_public       INTEGER NOT NULL,
    n_internal     INTEGER NOT NULL,
    n_restricted   INTEGER NOT NULL,
    n_confidential INTEGER NOT NULL
);

-- Statements linking to an entity by property in date order, with what a
-- page filters and counts them by: the latest events at a prison are read
-- newest first and counted from the index alone. It serves lookups by the
-- linked entity alone too, so the single-column index goes. (A partial index
-- leaving out the statements that link to nothing is smaller, but queries
-- that find the linked entities through a subquery cannot use it.)
CREATE INDEX statements_value_entity_property ON statements(value_entity, property, date_start, created_at, id, status, sensitivity, entity_id);
DROP INDEX statements_value_entity;

-- Merge proposals naming an entity on either side, each side by index.
CREATE INDEX merge_proposals_b ON merge_proposals(entity_b);

-- +goose Down
CREATE INDEX statements_value_entity ON statements(value_entity);
DROP INDEX statements_value_entity_property;
DROP INDEX merge_proposals_b;
DROP TABLE entity_source_counts;
DROP TABLE entity_sources;
DROP TABLE claim_sources;
DROP TABLE claim_origins;
DROP TABLE claim_stats;
