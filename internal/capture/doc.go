// Package capture keeps a web page as evidence: it loads the page in headless
// Chromium (Debian's chromium, through the DevTools protocol) and answers
// every request the browser makes itself, through the guarded fetch client
// (internal/ingest: loopback and private addresses refused unless
// ATHAR_FETCH_ALLOW names them), so that the browser reaches nothing the
// guard would refuse and every HTTP exchange is recorded as it was served.
// What it returns — the exchanges as a WARC file packaged in a WACZ that
// ReplayWeb.page opens, a full-page PNG screenshot, the rendered document,
// the media the page links directly, the redirect chain and the final
// response's headers — is what internal/app stores as one source.
//
// The package stores nothing and knows no store: it is the acquisition step
// alone, run outside any transaction.
package capture
