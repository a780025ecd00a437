-- +goose Up
-- A source whose text was read by OCR (a scanned PDF page, an image) has one
-- row here, written with the source: the engine and models that read it, the
-- mean confidence of its words, and every word's page, box on the page and
-- confidence with its place in the source's text (code points), so that a
-- span maps back to boxes on the page. Ledgered like the source: the boxes
-- are part of the evidence of what the scan says.
-- pages: JSON [[page, width, height], ...]; words: JSON
-- [[page, left, top, width, height, confidence x 10, start, end], ...].
CREATE TABLE source_ocr (
    source_id       TEXT PRIMARY KEY REFERENCES sources(id),
    engine          TEXT NOT NULL,
    languages       TEXT NOT NULL,
    dpi             BIGINT NOT NULL,
    mean_confidence DOUBLE PRECISION NOT NULL,
    low_words       BIGINT NOT NULL,
    pages           TEXT NOT NULL,
    words           TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

-- +goose Down
DROP TABLE source_ocr;
