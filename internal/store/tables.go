package store

import (
	"fmt"
	"math"
	"time"
)

// table describes a ledgered table: every row it holds is covered by a ledger
// entry that hashes exactly these columns.
type table struct {
	name string
	key  string
	cols []string
	// postgresOnly tables exist only on PostgreSQL (the archive's blobs).
	postgresOnly bool
}

var ledgeredTables = []table{
	{name: "sources", key: "id", cols: []string{"id", "sha256", "kind", "title", "publisher", "url", "published",
		"retrieved_at", "language", "text", "content_type", "filename", "size", "sensitivity", "reliability",
		"credibility", "added_by", "ingested_at", "duplicate_of", "similarity"}},
	// a long source's text past its first piece (text_pieces.go)
	{name: "source_texts", key: "id", cols: []string{"id", "source_id", "n", "text"}},
	{name: "source_files", key: "id", cols: []string{"id", "source_id", "role", "sha256", "media_type", "size", "name",
		"url", "created_at", "blob_sha256"}},
	{name: "blobs", key: "sha256", cols: []string{"sha256", "size"}, postgresOnly: true},
	{name: "entities", key: "id", cols: []string{"id", "type", "merged_into", "created_at", "created_by"}},
	{name: "statements", key: "id", cols: []string{"id", "entity_id", "property", "value", "value_entity", "source_id",
		"span_start", "span_end", "quote", "date_start", "date_end", "confidence", "origin", "status", "modality",
		"role", "sensitivity", "author", "created_at", "reviewer", "reviewed_at", "review_note"}},
	{name: "mentions", key: "id", cols: []string{"id", "source_id", "span_start", "span_end", "text", "type",
		"extractor", "entity_id", "score", "created_at"}},
	{name: "judgements", key: "id", cols: []string{"id", "entity_a", "entity_b", "verdict", "author", "note", "created_at"}},
	{name: "merge_proposals", key: "id", cols: []string{"id", "entity_a", "entity_b", "score", "reasons", "status", "proposer", "created_at"}},
	{name: "users", key: "id", cols: []string{"id", "name", "role", "clearance", "password_hash", "disabled", "created_at"}},
	{name: "source_ocr", key: "source_id", cols: []string{"source_id", "engine", "languages", "dpi", "mean_confidence",
		"low_words", "pages", "words", "created_at"}},
	{name: "settings", key: "name", cols: []string{"name", "value", "updated_by", "updated_at"}},
	{name: "takedowns", key: "source_id", cols: []string{"source_id", "reason", "actor", "at"}},
	{name: "takedown_requests", key: "id", cols: []string{"id", "source_id", "reason", "requested_by", "requested_at",
		"status", "decided_by", "decided_at"}},
	{name: "enquiries", key: "id", cols: []string{"id", "name", "father", "mother", "family", "sex", "born", "home",
		"last_seen_date", "last_seen_at", "held_at", "asked_by", "contact", "consent", "status", "created_by",
		"created_at", "updated_at"}},
	{name: "enquiry_judgements", key: "id", cols: []string{"id", "enquiry_id", "entity_id", "verdict", "note", "author", "created_at"}},
	{name: "watch_entries", key: "id", cols: []string{"id", "name", "aliases", "rank_title", "born", "note", "sensitivity",
		"created_by", "created_at", "removed_by", "removed_at"}},
	{name: "consents", key: "source_id", cols: []string{"source_id", "uses", "recorded_by", "recorded_at"}},
	{name: "redactions", key: "source_id", cols: []string{"source_id", "redacted_from", "spans", "reason", "actor", "at"}},
	{name: "redaction_regions", key: "source_id", cols: []string{"source_id", "regions"}},
	{name: "source_notes", key: "id", cols: []string{"id", "source_id", "text", "sensitivity", "author", "created_at"}},
	{name: "statement_notes", key: "id", cols: []string{"id", "statement_id", "source_id", "text", "sensitivity", "author", "created_at"}},
}

func tableByName(name string) (table, bool) {
	for _, t := range ledgeredTables {
		if t.name == name {
			return t, true
		}
	}
	return table{}, false
}

// normalize turns what a driver returns, or what a writer passes, into one
// of nil, string, int64, float64 — so a row hashes the same on both engines.
func normalize(v any) (any, error) {
	switch x := v.(type) {
	case nil, string, int64:
		return x, nil
	case []byte:
		return string(x), nil
	case int:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case bool:
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	case float32:
		return normalizeFloat(float64(x)), nil
	case float64:
		return normalizeFloat(x), nil
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano), nil
	case *string:
		if x == nil {
			return nil, nil
		}
		return *x, nil
	case *int64:
		if x == nil {
			return nil, nil
		}
		return *x, nil
	}
	return nil, fmt.Errorf("cannot store a value of type %T", v)
}

// normalizeFloat keeps whole numbers as integers, because SQLite hands back
// a REAL column holding 1.0 as either.
func normalizeFloat(f float64) any {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return int64(f)
	}
	return f
}

// nullable maps "" to SQL NULL, for optional references.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
