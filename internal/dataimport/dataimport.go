// Package dataimport brings data from outside into the store: FollowTheMoney
// entities as JSON lines (FtM) and spreadsheets as CSV with a column mapping
// (CSV). It is the other half of internal/export.
//
// Every imported fact cites a source: the imported file is archived as a
// source (kind document) so that what was imported, byte for byte, stays
// provable. A file is read twice: once to check every line and learn every
// entity id (so that links may point forward), once to write; an FtM
// entity or statement file and a CSV file in UTF-8 are streamed, never
// held whole (stream.go, ftm_statements_stream.go, csv_stream.go). Writing goes
// through store.Write in batches of lines, one transaction each. A bad line
// is reported with its number and reason and nothing of it is stored; the
// good lines are stored (the CONTRACTS.md rule for bad input in a batch). A
// failure of the database itself rolls back the batch it happened in and
// stops the import; batches stored before it stay, and importing the same
// file again stores what is missing and skips what is there.
package dataimport

import (
	"fmt"
	"sort"
	"strings"

	"github.com/google/uuid"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/resolve"
)

// DefaultBatch is how many lines (or rows) one transaction writes.
const DefaultBatch = 500

// Options say how to import a file.
type Options struct {
	// Filename is the name the file had; Title the archived source's title
	// ("" for one made from the file name).
	Filename, Title string
	// Sensitivity is the level of every fact that comes from the file and
	// the least level of the archived file (which is raised to the highest
	// level of what it holds). Facts and sources an Athar export labels
	// with a level keep theirs.
	Sensitivity model.Sensitivity
	// BatchSize is how many lines one transaction writes (DefaultBatch if 0).
	BatchSize int
	// Progress, when set, is called after each batch with the lines done
	// and the lines in the file.
	Progress func(done, total int)
	// Strict refuses a spreadsheet with any row that cannot be imported:
	// nothing is stored. Without it, bad rows are reported and skipped.
	Strict bool
	// Resolver is the names matcher a spreadsheet's match columns and the
	// resolution after a spreadsheet import use; nil: one built from the
	// store for the import.
	Resolver *resolve.Resolver
}

func (o Options) batch() int {
	if o.BatchSize > 0 {
		return o.BatchSize
	}
	return DefaultBatch
}

// LineError is a line (or CSV row) that was not imported, and why.
type LineError struct {
	Line int // 1-based
	Err  error
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Result says what an import stored.
type Result struct {
	Source     string // id of the archived file
	Entities   int    // entities created
	Statements int    // statements stored
	Sources    int    // sources created for what the file cites (FtM from Athar)
	// Existing counts statements already stored (the file imported before).
	Existing int
	// Skipped counts, by FtM schema, entities of schemas Athar has no type
	// for; SkippedLinks, values linking to entities the file does not hold.
	Skipped      map[string]int
	SkippedLinks int
	// Unreviewed counts confirmed statements stored as proposed because the
	// importer may not review.
	Unreviewed int
	// Dropped counts, by FtM schema and property ("Ownership.percentage"),
	// values of relationships that Athar has no place for.
	Dropped map[string]int
	Errors  []LineError
	// Imported lists the entities a spreadsheet import stored statements
	// about (or found stored), for resolution to run over afterwards. An
	// FtM import, which runs no resolution, does not list them: the list
	// would grow with the file.
	Imported []Imported
	// Merged and Proposed count what resolution after a spreadsheet import
	// did: imported entities merged into stored ones the names matcher is
	// sure of, and merges proposed for review.
	Merged, Proposed int
}

// Imported is an entity an import stored or added to.
type Imported struct {
	ID   string
	Type model.EntityType
}

// Notes describes what was skipped, one line each, for stderr.
func (r Result) Notes() []string {
	var out []string
	var schemas []string
	for s := range r.Skipped {
		schemas = append(schemas, s)
	}
	sort.Strings(schemas)
	for _, s := range schemas {
		out = append(out, fmt.Sprintf("skipped %d %s entities: Athar has no type for them", r.Skipped[s], s))
	}
	var dropped []string
	for k := range r.Dropped {
		dropped = append(dropped, k)
	}
	sort.Strings(dropped)
	for _, k := range dropped {
		out = append(out, fmt.Sprintf("did not keep %d values of %s: Athar keeps a relationship's ends, caption and dates", r.Dropped[k], k))
	}
	if r.SkippedLinks > 0 {
		out = append(out, fmt.Sprintf("skipped %d links to entities the file does not hold", r.SkippedLinks))
	}
	if r.Existing > 0 {
		out = append(out, fmt.Sprintf("%d statements were already stored (the file was imported before)", r.Existing))
	}
	if r.Merged > 0 || r.Proposed > 0 {
		out = append(out, fmt.Sprintf("resolution: %d imported entities merged into stored ones, %d merges proposed for review", r.Merged, r.Proposed))
	}
	if r.Unreviewed > 0 {
		out = append(out, fmt.Sprintf("%d confirmed statements stored as proposed: you may not review", r.Unreviewed))
	}
	return out
}

// InputError is a file that cannot be imported at all, for what it holds
// (not text, empty, not the columns the mapping names): the command found
// a problem in its input, rather than failing to run.
type InputError struct{ Err error }

func (e InputError) Error() string { return e.Err.Error() }

func (e InputError) Unwrap() error { return e.Err }

// sortErrors puts the errors in line order: those found while reading
// and those found while writing, together.
func (r *Result) sortErrors() {
	sort.SliceStable(r.Errors, func(i, j int) bool { return r.Errors[i].Line < r.Errors[j].Line })
}

// namespace makes the ids of imported entities and statements that have no
// Athar id: a name-based UUID of the file's source id and the file's own
// id, so that importing a file again finds what it stored before.
var namespace = uuid.MustParse("5f1c8f2e-4a07-4d3b-9a6e-6174686172ff")

func derived(parts ...string) string {
	return uuid.NewSHA1(namespace, []byte(strings.Join(parts, "\x00"))).String()
}

// status is the state an imported statement is stored in: what the file
// says if the importer may review, else proposed.
func status(v access.Viewer, s model.Status, r *Result) model.Status {
	if s == model.StatusConfirmed && !v.CanReview() {
		r.Unreviewed++
		return model.StatusProposed
	}
	if s == "" {
		return model.StatusProposed
	}
	return s
}
