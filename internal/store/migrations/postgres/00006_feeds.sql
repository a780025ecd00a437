-- +goose Up
-- Feeds Athar follows and the items it has seen in them: operational state,
-- not evidence, so not ledgered (the sources the items became are).
CREATE TABLE feeds (
    id               TEXT PRIMARY KEY,
    url              TEXT NOT NULL UNIQUE,
    title            TEXT NOT NULL DEFAULT '',
    interval_seconds BIGINT NOT NULL CHECK (interval_seconds >= 60),
    kind             TEXT NOT NULL,
    sensitivity      TEXT NOT NULL CHECK (sensitivity IN ('public','internal','restricted','confidential')),
    etag             TEXT NOT NULL DEFAULT '',
    last_modified    TEXT NOT NULL DEFAULT '',
    next_poll_at     TEXT NOT NULL, -- fixed-width UTC time, so that text order is time order
    last_polled_at   TEXT NOT NULL DEFAULT '',
    last_ok_at       TEXT NOT NULL DEFAULT '',
    last_error       TEXT NOT NULL DEFAULT '',
    failures         BIGINT NOT NULL DEFAULT 0,
    added_by         TEXT NOT NULL,
    added_at         TEXT NOT NULL
);
CREATE INDEX feeds_next_poll ON feeds(next_poll_at);

-- One row per item of a feed, so that an item is fetched once: source_id is
-- the source it became, NULL while it has not (last_error says why).
CREATE TABLE feed_items (
    feed_id    TEXT NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    item_key   TEXT NOT NULL, -- the item's guid, else its link, else a hash of its content
    url        TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    source_id  TEXT REFERENCES sources(id),
    first_seen TEXT NOT NULL,
    attempts   BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (feed_id, item_key)
);
CREATE INDEX feed_items_source ON feed_items(source_id);

-- +goose Down
DROP TABLE feed_items;
DROP TABLE feeds;
