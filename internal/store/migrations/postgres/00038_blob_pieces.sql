-- +goose Up
-- A large original is written to the database archive in pieces, each in a
-- statement of its own ahead of the transaction that stores its source
-- (issue 18: an 8 MiB original in that transaction held the ledger's lock
-- while it was written). The blobs row, written by that transaction, then
-- holds no bytes of its own (size > length(data)) and the pieces, numbered
-- from 0, are the original. Not ledgered: a blob is checked by its hash.
CREATE TABLE blob_pieces (
    sha256 TEXT NOT NULL,
    n      INTEGER NOT NULL,
    data   BYTEA NOT NULL,
    PRIMARY KEY (sha256, n)
);

-- +goose Down
DROP TABLE blob_pieces;
