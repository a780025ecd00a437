-- +goose Up
-- The review queue's claims, kept (internal/store/review_claims.go): a page
-- of claims reads the first claims of the queue and their statements from
-- here instead of grouping a window of the oldest proposed statements on
-- every request. Kept in the transaction that writes the statements, like
-- the claim totals; derived, not ledgered, and built from the statements by
-- the store when it opens one made before (review_claims_mark.built = 0).

-- Each proposed statement's claim as a reviewer of each clearance (level:
-- 0 public .. 3 confidential, at or above the statement's own) sees it:
-- an event's statements group by what the event's statements that reviewer
-- may see say, so its key may differ by level. unit is what the key is
-- computed from: the event entity, or the statement itself for a value.
CREATE TABLE review_claim_members (
    statement_id TEXT NOT NULL,
    level        INTEGER NOT NULL,
    unit         TEXT NOT NULL,
    claim_key    TEXT NOT NULL,
    kind         TEXT NOT NULL,    -- event or value
    claim_type   TEXT NOT NULL,    -- a value's property; an event's type ("h:" and its keyed hash when sealed)
    modality     TEXT NOT NULL,
    priority     INTEGER NOT NULL, -- as app.ClaimItem.Priority
    prop_rank    INTEGER NOT NULL, -- the property's place in the vocabulary
    source_id    TEXT NOT NULL,    -- the statement's source ('' for none): a large claim's sources are counted on from it
    PRIMARY KEY (statement_id, level)
);
CREATE INDEX review_claim_members_unit ON review_claim_members (unit);
CREATE INDEX review_claim_members_claim ON review_claim_members (claim_key, level, source_id);

-- Each claim as a reviewer of one clearance sees it, with what the queue is
-- ordered and filtered by: the proposed statements and distinct sources
-- behind it and their highest confidence.
CREATE TABLE review_claims (
    level      INTEGER NOT NULL,
    claim_key  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    claim_type TEXT NOT NULL,
    modality   TEXT NOT NULL,
    priority   INTEGER NOT NULL,
    prop_rank  INTEGER NOT NULL,
    n_sources  INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    first_id   TEXT NOT NULL, -- the least of its statements' ids: the order among equals
    confidence REAL NOT NULL,
    PRIMARY KEY (claim_key, level)
);
CREATE INDEX review_claims_order ON review_claims (level, priority, n_sources DESC, prop_rank, first_id);
-- the queue of one type, of one modality, in the same order
CREATE INDEX review_claims_type ON review_claims (level, claim_type, priority, n_sources DESC, prop_rank, first_id);
CREATE INDEX review_claims_modality ON review_claims (level, modality, priority, n_sources DESC, prop_rank, first_id);

-- Whether the kept claims are built: 0 for a store with statements made
-- before this migration, until the store builds them.
CREATE TABLE review_claims_mark (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    built INTEGER NOT NULL
);
INSERT INTO review_claims_mark (id, built) SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM statements WHERE status = 'proposed') THEN 0 ELSE 1 END;

-- +goose Down
DROP TABLE review_claims_mark;
DROP TABLE review_claims;
DROP TABLE review_claim_members;
