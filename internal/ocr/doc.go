// Package ocr reads the text of scanned pages — images, and PDF pages with
// no text layer rendered to images by the caller — with Tesseract, run as a
// program (Debian's tesseract-ocr with its ara and eng models; no cgo).
//
// Tesseract's TSV output gives every word with its page, its box on the page
// in pixels and its confidence (0-100). ParseTSV turns it into a Result: the
// text, built from the words in Tesseract's reading order (a space between
// words of a line, a newline between lines, a blank line between paragraphs
// and pages), and each word with the code-point offsets of its place in that
// text, so that a span of the text maps back to boxes on the page.
//
// Errors are one line each and never name the input: the caller adds its
// name.
package ocr
