package dossier

// What the external tests (pdf_test.go) use of this package's test helpers.
var (
	Chromium    = chromium
	PDFToText   = pdftotext
	FirstPage   = firstPage
	Screenshots = screenshots
)
