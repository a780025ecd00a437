package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// routes registers every operation of the API, with who may use it. This is
// the one table of the API's routes; the OpenAPI test walks the document it
// produces.
func (s *Server) routes() {
	get := func(path, id, summary string) huma.Operation {
		return huma.Operation{Method: http.MethodGet, Path: path, OperationID: id, Summary: summary}
	}
	post := func(path, id, summary string) huma.Operation {
		return huma.Operation{Method: http.MethodPost, Path: path, OperationID: id, Summary: summary}
	}
	add(s, readers, get("/me", "get-me", "Who the token belongs to"), s.meShow)

	add(s, readers, get("/sources", "list-sources", "List sources"), s.sourcesList)
	add(s, writers, s.ingestOperation(post("/sources", "ingest-source", "Ingest a URL or an uploaded file")), s.sourceIngest)
	add(s, readers, get("/sources/{id}", "get-source", "One source, with its text"), s.sourceShow)
	add(s, readers, get("/sources/{id}/statements", "list-source-statements", "Statements drawn from a source"), s.sourceStatements)
	add(s, readers, get("/sources/{id}/files", "list-source-files", "The files kept with a source (a captured page's), with their hashes"), s.sourceFiles)
	add(s, readers, get("/sources/{id}/consent", "get-source-consent", "What the witness of a testimony consented to"), s.consentShow)
	add(s, readers, post("/sources/{id}/consent", "set-source-consent", "Record what the witness of a testimony consented to (admins)"), s.consentSet)
	add(s, writers, s.redactOperation(post("/sources/{id}/redactions", "redact-source", "Make a redacted copy of a source")), s.sourceRedact)
	add(s, writers, s.captureOperation(post("/capture", "capture-page", "Capture a web page as evidence")), s.captureCreate)

	add(s, readers, get("/entities", "list-entities", "List entities"), s.entitiesList)
	add(s, readers, get("/entities/{id}", "get-entity", "One entity: names, statements by property, events"), s.entityShow)
	add(s, readers, get("/entities/{id}/statements", "list-entity-statements", "Statements about an entity"), s.entityStatements)
	add(s, reviewers, post("/entities/{id}/splits", "split-entity", "Take chosen statements off an entity onto a new one (another person of the same name); dry_run previews"), s.entitySplit)
	add(s, readers, get("/entities/{id}/events", "list-entity-events", "The events an entity takes part in, newest first, a page at a time"), s.entityEvents)
	add(s, readers, get("/entities/{id}/case", "get-entity-case", "An entity's case file: names, events with their review state, case status and fate"), s.entityCase)

	add(s, readers, get("/events", "list-events", "List events with their participants and roles"), s.eventsList)
	add(s, readers, get("/events/{id}", "get-event", "One event with its participants and roles"), s.eventShow)

	add(s, readers, get("/statements/{id}", "get-statement", "One statement"), s.statementShow)
	add(s, readers, get("/statements/{id}/notes", "list-statement-notes", "Reviewers' notes on a statement"), s.statementNotesList)
	add(s, reviewers, post("/statements/{id}/notes", "add-statement-note", "Write a note on a statement, at a level"), s.statementNoteAdd)
	add(s, reviewers, get("/review-queue", "list-review-queue", "Proposed statements awaiting review, oldest first"), s.reviewQueue)
	add(s, reviewers, post("/statements/{id}/review", "review-statement", "Confirm or reject a statement"), s.reviewSubmit)
	add(s, reviewers, get("/review-claims", "list-review-claims", "Claims awaiting review, grouped across sources, most important first"), s.reviewClaims)
	add(s, reviewers, post("/review-decisions", "review-many", "One decision on many statements (a claim, an event, a bulk), each on the state it was seen in"), s.reviewDecisions)

	add(s, readers, get("/search", "search", "Full-text search over sources and statements"), s.searchShow)
	add(s, readers, get("/match", "match-name", "Entities a name may stand for, with scores and reasons"), s.matchShow)

	add(s, caseworkers, get("/enquiries", "list-enquiries", "Families' enquiries about missing persons, newest first"), s.enquiriesList)
	add(s, caseworkers, post("/enquiries", "add-enquiry", "Record a family's enquiry and match it against every source"), s.enquiryAdd)
	add(s, caseworkers, get("/enquiries/{id}", "get-enquiry", "One enquiry"), s.enquiryShow)
	add(s, caseworkers, get("/enquiries/{id}/matches", "list-enquiry-matches", "An enquiry's candidates, best first, with reasons and sources"), s.enquiryMatches)
	add(s, caseworkers, post("/enquiries/{id}/judgements", "judge-enquiry-candidate", "Confirm or reject a candidate of an enquiry"), s.enquiryJudge)
	add(s, caseworkers, get("/enquiries/{id}/answer", "get-enquiry-answer", "The family's answer: only what they may be told"), s.enquiryAnswer)
	add(s, watchers, get("/watch-list", "list-watch-list", "The watch list: wanted persons every new source is screened for"), s.watchList)
	add(s, watchers, post("/watch-list", "add-watch-entry", "Name a wanted person; the stored sources are screened at once"), s.watchAdd)
	add(s, watchers, huma.Operation{Method: http.MethodDelete, Path: "/watch-list/{id}", OperationID: "remove-watch-entry",
		Summary: "Stop watching for an entry (it stays in the ledger)"}, s.watchRemove)
	add(s, watchers, get("/watch-alerts", "list-watch-alerts", "Persons sources name who may be wanted persons, with the matcher's reasons"), s.watchAlerts)
	add(s, caseworkers, get("/enquiry-alerts", "list-enquiry-alerts", "The watch queue: persons new sources name who may match open enquiries"), s.enquiryAlerts)
}

// add registers one operation behind the token check for its audience,
// documents its security and its problem answers, and remembers its path so
// that a wrong method gets 405 rather than 404.
func add[I, O any](s *Server, who audience, op huma.Operation, h func(context.Context, *I) (*O, error)) {
	document(&op)
	op.Security = []map[string][]string{{"bearer": {}}}
	op.Middlewares = append(op.Middlewares, s.authenticate(who))
	// Parameters are checked by the handlers, so that every bad parameter is
	// a 400 naming it (huma's own checks answer 422).
	op.SkipValidateParams = true
	op.Errors = []int{http.StatusBadRequest, http.StatusUnauthorized}
	if who != readers {
		op.Errors = append(op.Errors, http.StatusForbidden)
	}
	if hasID(op.Path) {
		op.Errors = append(op.Errors, http.StatusNotFound)
	}
	if op.OperationID == "set-source-consent" {
		op.Errors = append(op.Errors, http.StatusForbidden, http.StatusUnprocessableEntity) // admins only, and testimony only: the application's checks
	}
	if op.OperationID == "capture-page" {
		op.Errors = append(op.Errors, http.StatusUnprocessableEntity)
	}
	switch op.OperationID {
	case "review-statement", "review-many", "split-entity", "add-statement-note":
		op.Errors = append(op.Errors, http.StatusConflict)
	}
	switch op.OperationID {
	case "review-many", "list-review-claims":
		op.Errors = append(op.Errors, http.StatusNotFound)
	}
	if op.OperationID == "add-enquiry" || op.OperationID == "judge-enquiry-candidate" || op.OperationID == "add-watch-entry" ||
		op.OperationID == "redact-source" || op.OperationID == "split-entity" || op.OperationID == "add-statement-note" {
		op.Errors = append(op.Errors, http.StatusUnprocessableEntity)
	}
	if op.Method == http.MethodPost && op.Path == "/sources" {
		op.Errors = append(op.Errors, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType)
	}
	huma.Register(s.api, op, h)
	pattern := Prefix + op.Path
	if _, ok := s.methods[pattern]; !ok {
		s.paths.HandleFunc(pattern, func(http.ResponseWriter, *http.Request) {})
	}
	s.methods[pattern] = append(s.methods[pattern], op.Method)
}

func hasID(path string) bool { return strings.Contains(path, "{id}") }
