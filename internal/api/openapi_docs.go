package api

import "github.com/danielgtaylor/huma/v2"

// What the OpenAPI document says of the API beyond its Go types: the tags
// that group its operations, and each operation's tag and description. A
// test checks that every operation has both.

// tags group the operations, in the order a reader meets them.
var tags = []*huma.Tag{
	{Name: "Account", Description: "The account a token acts as."},
	{Name: "Sources", Description: "The archive: each source's record, its plain text (every span is a code-point offset into it), what was drawn from it, and ingest of a URL or a file."},
	{Name: "Entities", Description: "Persons, organizations, facilities, places and events, with every statement the caller may see about them."},
	{Name: "Events", Description: "Events with their type, date, modality (asserted, alleged, denied), places and participants with their roles."},
	{Name: "Statements", Description: "One fact each: an entity, a property, a value or linked entity, the source and quote it rests on, and its review state."},
	{Name: "Review", Description: "The queue of proposed statements and the decisions of reviewers on them."},
	{Name: "Search", Description: "Full-text search over sources and statements, and the name matcher across spellings and scripts."},
	{Name: "Enquiries", Description: "Families' enquiries about missing persons, matched against every person the sources name. Confidential: caseworkers and admins only."},
	{Name: "Watch lists", Description: "Wanted persons analysts name; every new source that names one is flagged, with the matcher's reasons. Analysts, reviewers and admins, each within their clearance."},
}

type operationDoc struct{ tag, description string }

// operationDocs are each operation's tag and description, by operation id.
var operationDocs = map[string]operationDoc{
	"get-me": {"Account", "The token's user: name, role and clearance. What every other answer shows is what this account may see."},
	"list-sources": {"Sources", "Sources the caller may see, newest ingest first (or oldest), without their text; filter by kind and language. " +
		"Paged by an opaque cursor."},
	"ingest-source": {"Sources", "Store a document as a source: a URL to fetch (JSON body) or an uploaded file (multipart), then extract " +
		"and resolve it as `athar ingest` does. Analysts, reviewers and admins. The same bytes are stored once."},
	"get-source":             {"Sources", "One source with its plain text; statements' spans are code-point offsets into `text`."},
	"list-source-statements": {"Sources", "The statements drawn from a source that the caller may see, filtered by status or property."},
	"list-source-files": {"Sources", "The files kept with a source besides its record — for a captured web page its WACZ (the original), " +
		"WARC, screenshot, rendered document, acquisition record and linked media — each with its SHA-256 and size. Empty for other sources."},
	"get-source-consent": {"Sources", "What the witness of a testimony consented to (what `athar consent ID --json` prints): use in " +
		"court (the dossier, the court package), sharing with the partners named (partner exports), publication (the public " +
		"dataset), contact. `recorded` false: nothing was recorded, and the testimony is used for nothing beyond the archive. " +
		"Other kinds of source carry no consent. Whoever may see the source."},
	"set-source-consent": {"Sources", "Replace what the witness of a testimony consented to; ledgered under the token's user. " +
		"Admins only; a source that is not a testimony is a 422, a bad partner's name a 400. Answers the consent as recorded."},
	"redact-source": {"Sources", "Make a redacted copy of a source, as `athar redact` does: a new source whose text is the original's " +
		"with each span and each occurrence of each phrase replaced by █████, its original bytes that text, extracted, resolved " +
		"and indexed afresh; the original is untouched and the redaction (spans by offset, reason, who, when — never the words) " +
		"is ledgered. The copy's level is one below the original's unless asked, never above the caller's clearance, never below " +
		"internal for a testimony unless an admin asks. Spans out of range or overlapping are a 422 naming them, and nothing is " +
		"stored. Analysts, reviewers and admins cleared for the source."},
	"capture-page": {"Sources", "Capture a web page as evidence, as `athar capture` does: the page is loaded in headless Chromium, " +
		"every request made through the server's guarded client, and stored as one source — the WACZ (its original), the WARC, " +
		"a full-page screenshot, the rendered document, the acquisition record (final URL, redirects, response headers, time, " +
		"tool, who) and the media the page links, each hashed into the archive and the ledger — and extraction and resolution " +
		"run on its main text before the answer. A page that cannot be captured is a 422 naming why, and nothing of it is " +
		"stored. Analysts, reviewers and admins."},
	"list-entities": {"Entities", "Entities the caller may see something of, with the names they may see, by type. Paged."},
	"get-entity": {"Entities", "One entity: its names, the statements the caller may see by property (the first 200; " +
		"`statements_next_cursor` pages the rest through its statements), the events it takes part in with their review state (a " +
		"facility's, place's or organization's latest 50; `events_next_cursor` pages the earlier ones through its events), and a " +
		"person's case status and fate. An id merged into another answers with the entity it was merged into."},
	"get-entity-case": {"Entities", "An entity's case file, the one its page, the reconciliation preview and the dossier show (what " +
		"`athar case ID --json` prints): names, the events it takes part in with its role, date, modality and review state, and a " +
		"person's case status and fate, each as confirmed events support it and as every event the caller may see suggests it."},
	"list-entity-statements": {"Entities", "Statements about an entity and about those merged into it, filtered by status or property. Paged."},
	"list-entity-events": {"Entities", "The events an entity (and those merged into it) takes part in as participant, organizer or " +
		"location that the caller may see and that are not rejected, newest first, each once, with its review state. Paged."},
	"list-events": {"Events", "Events with their type, date, modalities, locations, participants and roles, and the sources they rest on. Paged."},
	"get-event":   {"Events", "One event with its participants and their roles."},
	"get-statement": {"Statements", "One statement: its value or linked entity, source, span and quote, dates, modality, role, " +
		"status and sensitivity."},
	"list-statement-notes": {"Statements", "Reviewers' notes on one statement (why it is doubtful, what else says so), oldest first: " +
		"only those at a level the caller is cleared for, none for an account that reads confirmed facts only. A statement the " +
		"caller may not see is a 404, as one that does not exist."},
	"add-statement-note": {"Review", "Write a note on a statement, ledgered under the token's user, as the review item and the " +
		"entity page do: at a level from the statement's (the default) up to the caller's clearance — below the statement's (or no text) is a " +
		"422, above the caller's a 403. A note on a statement of a sealed source is sealed with it; a source taken down takes no " +
		"new note (409). Reviewers and admins; a statement the caller may not see is a 404."},
	"list-review-queue": {"Review", "Proposed statements awaiting review, oldest first. Reviewers and admins."},
	"review-statement": {"Review", "Confirm, reject or reopen a statement, saying which state you saw (`from`): when it changed meanwhile " +
		"the answer is 409 and nothing changes. Reviewers and admins; only an admin lowers a sensitivity."},
	"list-review-claims": {"Review", "Claims awaiting review, most important first (events about persons, then names and posts, " +
		"gazetteer places last): an event with its type, date, places, participants and modality, or one value, with every statement " +
		"one decision on it decides across sources and each source's sentence. Filter by entity, source, type, language, modality, " +
		"confidence and assignment. Reviewers and admins."},
	"review-many": {"Review", "One decision (confirm, reject, reopen) on many statements — a claim in every source, an event, a bulk — " +
		"each on the state it was seen in and ledgered on its own, all or nothing: when one has moved the answer is 409 naming its " +
		"state and nothing changes. With `preview` it says what would change and changes nothing."},
	"split-entity": {"Review", "Take chosen statements off an entity onto a new entity of its type — the names, and the part in events, " +
		"that belong to another person of the same name — as seen on it: when one no longer stands on it the answer is 409 and nothing " +
		"changes. The statements must include a name for the new entity and leave some statement on the old. Ledgered as a judgement " +
		"that the two are different, with the reason; undone by merging the new entity back. With `dry_run` it says what would move " +
		"and changes nothing. Reviewers and admins."},
	"search": {"Search", "Sources, statements and name candidates for a query, best first, in any spelling and either script. Ranked, not paged: " +
		"`limit` bounds each list."},
	"match-name": {"Search", "Entities a name may stand for, best first, with scores, reasons and whether Athar would link the name " +
		"to the entity automatically."},
	"list-enquiries": {"Enquiries", "Every enquiry, newest first, with its status (open, possible, matched, fate). Caseworkers and admins."},
	"add-enquiry": {"Enquiries", "Record a family's enquiry (what `athar enquiry add` records) and match it at once against every " +
		"person the sources the caller may see name. Caseworkers and admins; ledgered."},
	"get-enquiry": {"Enquiries", "One enquiry. Caseworkers and admins."},
	"list-enquiry-matches": {"Enquiries", "An enquiry's candidates, best first (what `athar enquiry matches ID --json` prints): " +
		"entity id, name, score, whether Athar holds it confident, the reasons — the name across scripts, and the father's and " +
		"mother's names, birth year, places and facility for or against — and the sources behind it that the caller may see."},
	"judge-enquiry-candidate": {"Enquiries", "Confirm or reject one candidate of an enquiry; ledgered. The enquiry's status follows. " +
		"Answers the candidates as they then stand."},
	"get-enquiry-answer": {"Enquiries", "The short answer for the family, in Arabic and English: whether the person was found, from " +
		"which kinds of public or internal source, how certain, and the fate a confirmed event establishes — never a source's id, " +
		"title or text, nor a witness."},
	"list-watch-list": {"Watch lists", "The entries still watched that the caller may see, newest first (what `athar watch list --json` " +
		"prints): name in any script, aliases, rank, birth year, note and level."},
	"add-watch-entry": {"Watch lists", "Name a wanted person (what `athar watch add` records); ledgered, `internal` unless `sensitivity` " +
		"says otherwise (at most the caller's clearance). Every source already stored is screened at once; `alerts` says how many " +
		"it flagged. Every source stored afterwards is screened as it is stored."},
	"remove-watch-entry": {"Watch lists", "Stop watching for an entry the caller may see; its alerts leave the queue. The entry stays " +
		"in the ledger; removing it again changes nothing."},
	"list-watch-alerts": {"Watch lists", "Persons sources name who may be a wanted person, newest first (what `athar watch alerts " +
		"--json` prints): the entry, the name the source gives, the person and the source, the score and the matcher's reasons " +
		"(the name across scripts, the father's name and birth year for or against). Only alerts whose entry, source and " +
		"quoted statements are all within the caller's clearance."},
	"list-enquiry-alerts": {"Enquiries", "The watch queue: persons that sources stored since an enquiry was recorded name, who may be " +
		"its missing person. Caseworkers and admins."},
}

// document gives an operation its tag and description.
func document(op *huma.Operation) {
	if d, ok := operationDocs[op.OperationID]; ok {
		op.Tags = []string{d.tag}
		op.Description = d.description
	}
}
