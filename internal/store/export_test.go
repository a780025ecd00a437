package store

// Prefixed exposes prefixed to the external tests.
var Prefixed = prefixed
