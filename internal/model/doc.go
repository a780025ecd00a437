// Package model holds Athar's domain types: sources, entities, statements,
// mentions, events, judgements, users and the sensitivity levels that guard
// them. It is plain data: no SQL, no HTTP, no I/O.
package model
