-- +goose Up
-- The matcher's proposals that two entities may be one, for a person to judge.
CREATE TABLE merge_proposals (
    id         TEXT PRIMARY KEY,
    entity_a   TEXT NOT NULL REFERENCES entities(id),
    entity_b   TEXT NOT NULL REFERENCES entities(id),
    score      DOUBLE PRECISION NOT NULL,
    reasons    TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL CHECK (status IN ('open','judged','withdrawn')),
    proposer   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX merge_proposals_pair ON merge_proposals(entity_a, entity_b);
CREATE INDEX merge_proposals_status ON merge_proposals(status);

-- +goose Down
DROP TABLE merge_proposals;
