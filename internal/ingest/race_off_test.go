//go:build !race

package ingest

// raceEnabled: the race detector's instrumentation allocates too, so
// tests that count bytes allocated allow for it.
const raceEnabled = false
