-- +goose Up
-- The anonymous public reads no testimony whose witness did not consent to
-- publication, whatever its level (access.Viewer.PublishedOnly), and so
-- counts none of its statements: claim_stats gains whether its statements
-- are drawn from such a testimony (unpublished), and claim_origins'
-- n_public_confirmed (hence claim_sources' for_anonymous) leaves them out.
-- The totals are derived and were counted without consent: they are
-- emptied here, and the store rebuilds them from the statements when it
-- opens (ensureTotals).
DROP TABLE claim_stats;
CREATE TABLE claim_stats (
    entity_id   TEXT NOT NULL,
    property    TEXT NOT NULL,
    value_key   TEXT NOT NULL, -- the linked entity's id, or "v:" and the folded value
    sensitivity TEXT NOT NULL,
    status      TEXT NOT NULL,
    modality    TEXT NOT NULL,
    manual      INTEGER NOT NULL, -- 1: no source (typed in by a person)
    unpublished INTEGER NOT NULL, -- 1: drawn from a testimony withheld from publication
    value       TEXT NOT NULL,    -- the value as its first statement here spells it
    value_entity TEXT NOT NULL,
    first_at    TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (entity_id, property, value_key, sensitivity, status, modality, manual, unpublished)
);
DELETE FROM claim_origins;
DELETE FROM claim_sources;

-- Regions of a page image a redaction filled opaque in the copy (app.Redact
-- of an image source): "PAGE:X,Y,W,H;..." in pixels of the original's page.
-- The row belongs to the copy, beside its redactions row; evidence of how the
-- copy was made, so ledgered. A copy of text only has none.
CREATE TABLE redaction_regions (
    source_id TEXT PRIMARY KEY REFERENCES sources(id),
    regions   TEXT NOT NULL
);

-- +goose Down
DROP TABLE redaction_regions;
DROP TABLE claim_stats;
CREATE TABLE claim_stats (
    entity_id   TEXT NOT NULL,
    property    TEXT NOT NULL,
    value_key   TEXT NOT NULL,
    sensitivity TEXT NOT NULL,
    status      TEXT NOT NULL,
    modality    TEXT NOT NULL,
    manual      INTEGER NOT NULL,
    value       TEXT NOT NULL,
    value_entity TEXT NOT NULL,
    first_at    TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (entity_id, property, value_key, sensitivity, status, modality, manual)
);
DELETE FROM claim_origins;
DELETE FROM claim_sources;
