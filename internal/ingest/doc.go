// Package ingest turns outside bytes — a file read from disk or a page
// fetched over HTTP — into a source document: the plain text that every span
// points into, plus the metadata a source carries (title, publisher, URL,
// published date, language).
//
// It reads and never stores: the caller keeps the original bytes, hashes and
// archives them, and records the source. Supported formats are plain text
// (with the optional header block of CONTRACTS.md and a leading news
// dateline), HTML (main text by go-readability), PDF (through poppler's
// pdftotext; pages without a text layer rendered by pdftoppm and read by
// OCR, internal/ocr) and scanned images — PNG, JPEG, TIFF — read by OCR.
// What OCR read keeps each word's page, box and confidence (Document.OCR). Text is decoded from UTF-8, UTF-16 with a
// byte-order mark, Windows-1256 and ISO-8859-6, and otherwise kept exactly as
// written, apart from line endings normalized to "\n".
//
// Errors are one line each, name the reason and never the input (the caller
// adds its name); errors.Is tells their kinds apart through the Err*
// sentinels.
package ingest
