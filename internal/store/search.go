package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// Full-text search over sources and statements, on both engines: SQLite's
// FTS5 and PostgreSQL's full-text search (the 'simple' configuration), over
// bodies that internal/search has already folded, so that Arabic and Latin
// spelling variants meet whichever engine runs. The index is derived, not
// ledgered. Every search joins the live source or statement row and applies
// the read policy in SQL.

// Folder turns text into the space-separated words the index holds.
type Folder func(string) string

// IndexSource indexes a source and its statements that are not indexed yet.
// Call it in the transaction that stores them (after pipeline.Record).
func (t *Tx) IndexSource(ctx context.Context, sourceID string, fold Folder) error {
	var title, publisher, text string
	err := t.queryRow(ctx, "SELECT title, publisher, text FROM sources WHERE id = ?", sourceID).Scan(&title, &publisher, &text)
	if err != nil {
		return fmt.Errorf("index source %s: %w", sourceID, err)
	}
	sealed := strings.HasPrefix(text, sealedPrefix)
	if text, err = t.clearText(ctx, sourceID, text); err != nil {
		return fmt.Errorf("index source %s: %w", sourceID, err)
	}
	if sealed {
		if title, publisher, err = t.clearCols(ctx, sourceID, title, publisher); err != nil {
			return fmt.Errorf("index source %s: %w", sourceID, err)
		}
	}
	pending, err := textPending(ctx, t.tx, t.s.dialect, sourceID)
	if err != nil {
		return fmt.Errorf("index source %s: %w", sourceID, err)
	}
	// A long source's own document (its text in pieces) is indexed a part
	// a transaction, by its ingest or by the app's catch-up
	// (LongSourcesUnindexed), never whole here: it would hold the write
	// lock for as long as the text takes (issue 18).
	var pieces int
	if err := t.queryRow(ctx, "SELECT count(*) FROM source_texts WHERE source_id = ? AND n = 1", sourceID).Scan(&pieces); err != nil {
		return fmt.Errorf("index source %s: %w", sourceID, err)
	}
	if !pending && pieces == 0 { // else indexed once its text is whole, or in parts
		if text, err = t.wholeText(ctx, sourceID, text); err != nil {
			return fmt.Errorf("index source %s: %w", sourceID, err)
		}
		var parts []searchDoc
		for i, part := range DocParts(fold(title + "\n" + publisher + "\n" + text)) {
			parts = append(parts, searchDoc{kind: "source", ref: sourceID, part: i, body: part, sealed: sealed})
		}
		if err := t.indexDocs(ctx, parts); err != nil {
			return err
		}
	}
	// Every statement of the source; indexDoc skips those indexed already.
	// (An anti-join against search_docs here was planned as a scan of the
	// whole index on PostgreSQL while the batch's tables grew inside one
	// transaction: 12 ms a source and rising.)
	rows, err := t.query(ctx, "SELECT id, value, quote, sensitivity FROM statements WHERE source_id = ?", sourceID)
	if err != nil {
		return err
	}
	type doc struct {
		id, value, quote, body string
		sealed                 bool
	}
	var docs []doc
	for rows.Next() {
		var id, value, quote, sens string
		if err := rows.Scan(&id, &value, &quote, &sens); err != nil {
			rows.Close()
			return err
		}
		docs = append(docs, doc{id: id, value: value, quote: quote, sealed: sealedLevel(sens)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range docs {
		quote, err := t.clearQuote(ctx, docs[i].id, sourceID, docs[i].quote)
		if err != nil {
			return fmt.Errorf("index statement %s: %w", docs[i].id, err)
		}
		value, err := t.clearValue(ctx, docs[i].id, sourceID, docs[i].value)
		if err != nil {
			return fmt.Errorf("index statement %s: %w", docs[i].id, err)
		}
		docs[i].body = fold(value + "\n" + quote)
	}
	batch := make([]searchDoc, len(docs))
	for i, d := range docs {
		batch[i] = searchDoc{kind: "statement", ref: d.id, body: d.body, sealed: d.sealed}
	}
	return t.indexDocs(ctx, batch)
}

// IndexSourcePart indexes one part of a source's own document — its title,
// publisher and text folded and cut by DocParts beforehand, outside the
// transaction — and not its statements. A long source's parts are indexed
// a transaction each.
func (t *Tx) IndexSourcePart(ctx context.Context, sourceID string, part int, body string) error {
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM source_keys WHERE source_id = ?", sourceID).Scan(&n); err != nil {
		return fmt.Errorf("index source %s: %w", sourceID, err)
	}
	return t.indexDoc(ctx, "source", sourceID, part, body, n > 0)
}

// SourcePartIndexed reports whether part of a source's own search document
// is indexed: one indexing a long source's parts a transaction each asks
// before each part whether the one it indexed before is still there (a
// raise of the source's level or a key rotation between two of them takes
// them all out, to be indexed again whole).
func (t *Tx) SourcePartIndexed(ctx context.Context, sourceID string, part int) (bool, error) {
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM search_docs WHERE kind = 'source' AND ref_id = ? AND part = ?", sourceID, part).Scan(&n); err != nil {
		return false, fmt.Errorf("index source %s: %w", sourceID, err)
	}
	return n > 0, nil
}

// DocPart is about how many bytes of a folded document one part of it
// holds in the index, and DocOverlap how many words each part repeats of
// the next: a long source is indexed as several documents, each in a
// transaction of its own. A search finds a source when one part holds all
// its words: words within DocOverlap words of one another always share a
// part (a phrase, a name and its title), words farther apart in a long text
// only when they fall in the same part.
const (
	DocPart    = 64 << 10
	DocOverlap = 64
)

// SealedDocPart is DocPart for a sealed source's document: each of its
// words is indexed as the keyed hashes of the word and of its beginnings
// (hashedBody), some eighteen times the folded word's bytes, so that a
// part of DocPart bytes had its transaction write over a megabyte. Cut
// smaller, a sealed part's transaction writes about twice what one in the
// clear does (issue 18).
const SealedDocPart = DocPart / 8

// DocParts cuts a folded document into the parts the index holds: about
// DocPart bytes each, at a space, each followed by the first DocOverlap
// words of the next. A short document is one part.
func DocParts(body string) []string { return DocPartsOf(body, DocPart) }

// DocPartsOf is DocParts with parts of about size bytes (DocPart, or
// SealedDocPart for a sealed source).
func DocPartsOf(body string, size int) []string {
	if len(body) <= size {
		return []string{body}
	}
	parts, _ := CutDocParts(nil, body, size, true)
	return parts
}

// CutDocParts appends to parts the parts DocPartsOf cuts from the front of
// body, and returns what is left of body: all of it is cut when final, else
// only parts whose cut and overlap the rest of a longer document cannot
// change, so that a document folded a piece at a time and cut as it grows
// (body being what was left, a space, and the next piece) has the parts of
// the whole. Parts never share memory with body (a part that pinned the
// whole folded text held it for as long as the index took).
func CutDocParts(parts []string, body string, size int, final bool) ([]string, string) {
	// A cut looks at most size bytes ahead, its overlap size/8 more past
	// one space.
	for len(body) > size && (final || len(body) > size+size/8+2) {
		cut := strings.LastIndexByte(body[:size], ' ')
		if cut <= 0 {
			cut = size // one word longer than a part: cut inside it
			for cut > 0 && !utf8.RuneStart(body[cut]) {
				cut--
			}
			parts = append(parts, strings.Clone(body[:cut]))
			body = body[cut:]
			continue
		}
		next := body[cut:]
		parts = append(parts, body[:cut]+" "+firstWords(next, DocOverlap, size/8))
		body = strings.TrimLeft(next, " ")
	}
	if final {
		if strings.TrimSpace(body) != "" {
			parts = append(parts, strings.Clone(body))
		}
		body = ""
	}
	return parts, body
}

// firstWords is the first n space-separated words of s, as many of them
// as its first most bytes hold whole.
func firstWords(s string, n, most int) string {
	s = strings.TrimLeft(s, " ")
	end := 0
	for i := 0; i < n && end < len(s); i++ {
		sp := strings.IndexByte(s[end:], ' ')
		if sp < 0 {
			sp = len(s) - end
		}
		if end+sp > most {
			break
		}
		if end+sp == len(s) {
			return s
		}
		end += sp + 1
		for end < len(s) && s[end] == ' ' {
			end++
		}
	}
	return strings.TrimRight(s[:end], " ")
}

// IndexStatement indexes one statement (a manual one, say) if it is not yet.
func (t *Tx) IndexStatement(ctx context.Context, id string, fold Folder) error {
	var value, quote, sens, source string
	if err := t.queryRow(ctx, "SELECT value, quote, sensitivity, COALESCE(source_id, '') FROM statements WHERE id = ?", id).Scan(&value, &quote, &sens, &source); err != nil {
		return fmt.Errorf("index statement %s: %w", id, err)
	}
	value, err := t.clearValue(ctx, id, source, value)
	if err != nil {
		return fmt.Errorf("index statement %s: %w", id, err)
	}
	quote, err = t.clearQuote(ctx, id, source, quote)
	if err != nil {
		return fmt.Errorf("index statement %s: %w", id, err)
	}
	return t.indexDoc(ctx, "statement", id, 0, fold(value+"\n"+quote), sealedLevel(sens))
}

// analyzeAfterDocs is how many search documents one transaction indexes
// before its commit is followed by a look at the planner's statistics of
// search_docs (analyzeSearchDocs).
var analyzeAfterDocs = 10000

// analyzeSearchDocs, run once a transaction that indexed many search
// documents has committed, has PostgreSQL sample search_docs again when the
// documents it indexed are more than a tenth of what the statistics know of
// (autovacuum's own measure of stale). Until autovacuum came to it — and a
// transaction open before it never sees new statistics — the planner took a
// table that the search catch-up had just filled with a million documents
// for the empty one it had sampled, and read all of it for each statement it
// looked up: 22–52 s for a batch of 500 (docs/scaling.md). The transactions
// after this one start with statistics of the table as it is.
func (t *Tx) analyzeSearchDocs(ctx context.Context) error {
	var known float64
	if err := t.s.db.QueryRowContext(ctx, "SELECT reltuples FROM pg_class WHERE oid = 'search_docs'::regclass").Scan(&known); err != nil {
		return fmt.Errorf("the search index's statistics, after indexing %d documents: %w", t.docs, err)
	}
	if float64(t.docs) <= known/10 {
		return nil
	}
	if _, err := t.s.db.ExecContext(ctx, "ANALYZE search_docs"); err != nil {
		return fmt.Errorf("the search index's statistics, after indexing %d documents: %w", t.docs, err)
	}
	return nil
}

// searchDoc is a document to index: a source's part or a statement.
type searchDoc struct {
	kind, ref string
	part      int
	body      string
	sealed    bool
}

// indexDoc adds one document (or one part of a source's) unless it is
// indexed already (indexDocs).
func (t *Tx) indexDoc(ctx context.Context, kind, ref string, part int, body string, sealed bool) error {
	return t.indexDocs(ctx, []searchDoc{{kind: kind, ref: ref, part: part, body: body, sealed: sealed}})
}

// indexDocs adds documents unless they are indexed already (the unique
// (kind, ref_id, part) index decides), in their order, so that the later
// is the newer: on PostgreSQL in multi-row inserts (a source's statements
// cost one round trip each, 21 a source, before), on SQLite a document at
// a time (its full-text row takes the document's row id, and a statement
// costs no round trip there). A sealed document (a restricted or
// confidential source or statement) is indexed as the keyed hashes of its
// words (hashedBody), never in the clear.
func (t *Tx) indexDocs(ctx context.Context, docs []searchDoc) error {
	for i, d := range docs {
		if !d.sealed {
			continue
		}
		if _, err := t.txMaster(ctx, true); err != nil {
			return fmt.Errorf("index %s %s: %w", d.kind, d.ref, err)
		}
		k, err := t.s.searchKey(ctx, true)
		if err != nil {
			return fmt.Errorf("index %s %s: %w", d.kind, d.ref, err)
		}
		docs[i].body = hashedBody(k, d.body)
	}
	if t.s.dialect.name() == "postgres" {
		args := make([]any, 0, 4*len(docs))
		for _, d := range docs {
			args = append(args, d.kind, d.ref, d.part, d.body)
		}
		if err := t.insertRows(ctx, "INSERT INTO search_docs (kind, ref_id, part, body) VALUES ",
			" ON CONFLICT (kind, ref_id, part) DO NOTHING", 4, args); err != nil {
			return err
		}
		before := t.docs
		if t.docs += len(docs); before < analyzeAfterDocs && t.docs >= analyzeAfterDocs {
			t.afterCommit = append(t.afterCommit, func() error { return t.analyzeSearchDocs(context.WithoutCancel(ctx)) })
		}
		return nil
	}
	for _, d := range docs {
		if err := t.indexSQLiteDoc(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

// indexSQLiteDoc adds one document to SQLite's index unless it is there.
func (t *Tx) indexSQLiteDoc(ctx context.Context, d searchDoc) error {
	kind, ref, part, body := d.kind, d.ref, d.part, d.body
	res, err := t.exec(ctx, "INSERT INTO search_docs (kind, ref_id, part) VALUES (?, ?, ?) ON CONFLICT (kind, ref_id, part) DO NOTHING", kind, ref, part)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, "INSERT INTO search_fts (rowid, body) VALUES (?, ?)", id, body)
	return err
}

// LongSourcesUnindexed lists up to limit sources whose text is stored in
// pieces (longer than TextPiece), whole, not taken down, and whose search
// document's first part is not indexed: after a raise of level or a key
// rotation removed it, or an ingest stopped while it indexed the parts
// (which it indexes from the last to the first, so that a first part
// indexed means all are). The caller indexes each a part a transaction
// (IndexSourcePart), as ingest does, rather than whole in one
// (IndexPending, which would index them next).
func (s *Store) LongSourcesUnindexed(ctx context.Context, limit int) ([]string, error) {
	// Driven by the pieces (only long sources have any), not by every
	// source.
	return s.strings(ctx, "SELECT x.source_id FROM source_texts x WHERE x.n = 1 "+
		"AND NOT EXISTS (SELECT 1 FROM source_text_pending p WHERE p.source_id = x.source_id) "+
		"AND NOT EXISTS (SELECT 1 FROM takedowns k WHERE k.source_id = x.source_id) "+
		"AND NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.kind = 'source' AND d.ref_id = x.source_id AND d.part = 0) "+
		"ORDER BY x.source_id LIMIT ?", limit)
}

// SearchQuery is a search: folded words (all required; matched whole
// first, then as word prefixes where that fills no page — see Search) and
// filters.
type SearchQuery struct {
	Words      []string
	EntityType model.EntityType // statements about entities of this type; "" any
	Status     model.Status     // statements in this review state; "" any
	// Near keeps statements about entities tied to this facility or place:
	// events located there, and the people involved in them.
	Near     string
	From, To model.Date // statements dated, or sources published, within
	Limit    int
	// SourcesOnly looks for sources and not statements, and WholeWords
	// for the words whole only (another spelling of a name the query
	// matched, say: a prefix of it is not the name).
	SourcesOnly, WholeWords bool
}

// SearchHits are the sources and statements a search found, the most
// recently archived first.
type SearchHits struct {
	Sources    []model.Source
	Statements []model.Statement
}

// Search runs a query as the viewer may see: the policy applies to the
// live rows the index points at. Words are matched whole first; where that
// fills no page of a kind, as prefixes (a word thousands of documents hold
// is found whole in the index's order at once, while matching it as a
// prefix means merging every word it begins): the last word, and, unless
// the words were found whole, each other word of minPrefix letters or more.
func (s *Store) Search(ctx context.Context, v access.Viewer, q SearchQuery) (SearchHits, error) {
	// A word twice is the word once ("Ali Ali Hilal"), and PostgreSQL's
	// planner took the documents holding both to be as few as the square
	// of its frequency.
	q.Words = onceEach(q.Words)
	if len(q.Words) == 0 {
		return SearchHits{}, nil
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	sources := q.EntityType == "" && q.Status == "" && q.Near == ""
	if q.SourcesOnly && !sources {
		return SearchHits{}, nil
	}
	hits, err := s.search(ctx, v, q, wholeWords, sources, !q.SourcesOnly)
	if err != nil {
		return hits, err
	}
	moreSources, moreStatements := sources && len(hits.Sources) < q.Limit, !q.SourcesOnly && len(hits.Statements) < q.Limit
	if q.WholeWords || !moreSources && !moreStatements {
		return hits, nil
	}
	// Prefix matches include the whole-word ones, in the same order. When
	// the words found anything whole, each of them is a word the index
	// holds, typed whole: only the last, which may be being typed, is
	// then a prefix. A whole name ("Thaer Wael Haddad") found in fewer
	// documents than a page had every word read again as the beginning
	// of every word it begins, each a bitmap of its matches in GIN: 11–19
	// ms at a million statements, against 2–5 for the words whole.
	mode := prefixWords
	if len(hits.Sources)+len(hits.Statements) > 0 {
		mode = lastPrefix
	}
	more, err := s.search(ctx, v, q, mode, moreSources, moreStatements)
	if err != nil {
		return hits, err
	}
	if moreSources {
		hits.Sources = more.Sources
	}
	if moreStatements {
		hits.Statements = more.Statements
	}
	return hits, nil
}

// search runs a query for sources, statements or both, with words matched
// whole or as prefixes.
func (s *Store) search(ctx context.Context, v access.Viewer, q SearchQuery, mode wordMatch, sources, statements bool) (SearchHits, error) {
	var hits SearchHits
	from, match, order, matchArg := s.matchClause(q.Words, s.hashedWords(ctx, v, q.Words, mode), mode)
	if sources {
		cond, args := visibleFrom(v, "x.sensitivity", "x.id")
		sq := "SELECT " + prefixed("x.", sourceCols) + " FROM " + from + " JOIN sources x ON x.id = d.ref_id WHERE " + match +
			" AND d.kind = 'source' AND " + cond
		if !q.From.IsZero() {
			sq += " AND x.published >= ?"
			args = append(args, q.From.String())
		}
		if !q.To.IsZero() {
			sq += " AND x.published <> '' AND x.published < ?"
			args = append(args, after(q.To))
		}
		sq += " ORDER BY " + order + " LIMIT " + limitAt
		// A long source is indexed in parts (DocParts): found once,
		// however many of them match.
		seen := map[string]bool{}
		err := s.inPages(ctx, sq, "source", matchArg, args, q.Limit, func(rows *sql.Rows) (bool, error) {
			src, err := scanSource(rows, false)
			if err != nil || seen[src.ID] {
				return false, err
			}
			seen[src.ID] = true
			hits.Sources = append(hits.Sources, src)
			return true, nil
		})
		if err != nil {
			return hits, fmt.Errorf("search sources: %w", err)
		}
		hits.Sources = hits.Sources[:min(len(hits.Sources), q.Limit)]
		if err := s.openSealed(ctx, hits.Sources, false); err != nil {
			return hits, err
		}
		if err := s.hideUnseenOriginals(ctx, v, hits.Sources); err != nil {
			return hits, err
		}
	}
	if !statements {
		return hits, nil
	}
	cond, args := visibleFrom(v, "x.sensitivity", "x.source_id")
	sq := "SELECT " + prefixed("x.", statementCols) + " FROM " + from + " JOIN statements x ON x.id = d.ref_id " +
		"JOIN entities e ON e.id = x.entity_id WHERE " + match + " AND d.kind = 'statement' AND " + cond
	if v.ConfirmedOnly() {
		sq += " AND x.status = 'confirmed'"
	}
	if q.Status != "" {
		sq += " AND x.status = ?"
		args = append(args, string(q.Status))
	}
	if q.EntityType != "" {
		sq += " AND e.type = ?"
		args = append(args, string(q.EntityType))
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		// the statement's own date, or its entity's: an event's date
		// statement dates every statement of the event
		dc, dargs := visibleFrom(v, "dt.sensitivity", "dt.source_id")
		rng, rargs := "", []any{}
		if !q.From.IsZero() {
			rng += " AND %[1]s.date_start >= ?"
			rargs = append(rargs, q.From.String())
		}
		if !q.To.IsZero() {
			rng += " AND %[1]s.date_start < ?"
			rargs = append(rargs, after(q.To))
		}
		sq += " AND ((x.date_start <> ''" + fmt.Sprintf(rng, "x") + ") OR x.entity_id IN (SELECT dt.entity_id FROM statements dt " +
			"WHERE dt.property = 'date' AND dt.status <> 'rejected' AND dt.date_start <> '' AND " + dc + fmt.Sprintf(rng, "dt") + "))"
		args = append(args, rargs...)
		args = append(args, dargs...)
		args = append(args, rargs...)
	}
	if q.Near != "" {
		lc, largs := visibleFrom(v, "l.sensitivity", "l.source_id")
		ic, iargs := visibleFrom(v, "i.sensitivity", "i.source_id")
		located := "SELECT l.entity_id FROM statements l WHERE l.property = 'location' AND l.value_entity = ? AND l.status <> 'rejected' AND " + lc
		sq += " AND (x.entity_id = ? OR x.entity_id IN (" + located + ") OR x.entity_id IN (SELECT i.value_entity FROM statements i " +
			"WHERE i.property = 'involved' AND i.status <> 'rejected' AND " + ic + " AND i.entity_id IN (" + located + ")))"
		args = append(args, q.Near, q.Near)
		args = append(args, largs...)
		args = append(args, iargs...)
		args = append(args, q.Near)
		args = append(args, largs...)
	}
	sq += " ORDER BY " + order + " LIMIT " + limitAt
	err := s.inPages(ctx, sq, "statement", matchArg, args, q.Limit, func(rows *sql.Rows) (bool, error) {
		st, err := scanStatement(rows)
		if err != nil {
			return false, err
		}
		s.statementsRead.Add(1)
		hits.Statements = append(hits.Statements, st)
		return true, nil
	})
	if err != nil {
		return hits, fmt.Errorf("search statements: %w", err)
	}
	hits.Statements = hits.Statements[:min(len(hits.Statements), q.Limit)]
	return hits, s.openQuotes(ctx, hits.Statements)
}

// searchPage is how many candidates PostgreSQL's search reads first for
// each result a page asks for; each next read takes searchGrowth times
// more. One: for a frequent word the read walks the index of ids backwards
// until it has them, so that reading four times the page took four times
// as long (16 ms against 4 for a family name at 100,000 documents), while
// the policy and filters of most searches drop none. Variables so that the
// tests can change them.
var searchPage, searchGrowth = 1, 8

// Where a search query takes its limit.
const limitAt = "{limit}"

// inPages runs a search query q for documents of one kind, with limitAt
// for its limit and the argument matchArg (the engine's match, from
// matchClause) and then args, handing each row to scan until scan kept
// limit of them (it keeps a long source once, whichever of its parts
// matched).
//
// SQLite's FTS5 walks its index newest first and stops at the limit, so
// the query runs once. PostgreSQL's GIN index yields every match at once,
// unordered, and the one query joined every match of a word thousands of
// documents hold (a family name) to its source or statement, filtered and
// sorted them, to keep a page of 50 (940 ms at 105,000 sources). There the
// newest matching documents are read from the index alone, as many as the
// page asks for, and the query runs on those ids only (matchClause's
// condition is d.id = ANY(?)); when the policy or filters leave the page
// short, it goes on with the next, older and more numerous, candidates
// until the page is full or no match is left. Each read is planned on
// search_docs alone, with the index of its kind (a migration indexes
// sources and statements apart), and no more rows are joined than read.
func (s *Store) inPages(ctx context.Context, q, kind string, matchArg any, args []any, limit int, scan func(*sql.Rows) (bool, error)) error {
	// run reads up to limit rows, and says how many it read and scan kept.
	run := func(match any, limit int) (read, kept int, err error) {
		rows, err := s.db.QueryContext(ctx, s.rebind(strings.Replace(q, limitAt, strconv.Itoa(limit), 1)), append([]any{match}, args...)...)
		if err != nil {
			return 0, 0, err
		}
		defer rows.Close()
		for rows.Next() {
			read++
			k, err := scan(rows)
			if err != nil {
				return read, kept, err
			}
			if k {
				kept++
			}
		}
		return read, kept, rows.Err()
	}
	if s.dialect.name() != "postgres" {
		// Read again, further, while rows scan did not keep (more
		// parts of a source already found) leave the page short; scan
		// skips what it kept before.
		kept := 0
		for want := limit; ; want *= 4 {
			read, k, err := run(matchArg, want)
			if kept += k; err != nil || read < want || kept >= limit {
				return err
			}
		}
	}
	before, want, n := int64(math.MaxInt64), searchPage*limit, 0
	for n < limit {
		ids, err := s.candidates(ctx, kind, matchArg.(pgMatch), before, want)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		// every candidate read joined: a source's parts among them count
		// once (the caller keeps the page's first limit)
		_, kept, err := run(ids, len(ids))
		if n += kept; err != nil {
			return err
		}
		if len(ids) < want {
			return nil // no older match
		}
		before, want = ids[len(ids)-1], want*searchGrowth
	}
	return nil
}

// candidateWalk is how long PostgreSQL may look for a search's candidates
// the way its planner chose before they are read through the full-text
// index instead; under a millisecond, they are read through the index only
// (a variable so that the tests can change it).
var candidateWalk = 40 * time.Millisecond

// candidates reads, on PostgreSQL, the ids of up to want documents of a
// kind that match, older than before, newest first.
//
// The planner chooses between walking the ids backwards, matching each
// document, and reading every match from the full-text index to sort them.
// The walk is right for a word many documents hold, and it assumes the
// matches spread evenly over the ids; when they all lie far back it reads
// the store to get there: 1.1 s (4.7 s under load) for three names found
// together in 545 documents at a million statements, all older than the
// newest 405,000, against 17 ms through the index. Reading through the index
// always is no answer either: for a word 5% of the documents hold, sorting
// every match took 0.5 s where the walk takes milliseconds. So the planner's
// plan runs first with a deadline (statement_timeout, in a read-only
// transaction of its own), and the index's plan, which costs what the
// matches are, runs when it was cut short: the read that outlived
// candidateWalk was one of few matches.
//
// A word the index is not asked for (pgMatch.filter) is matched on the rows
// it yields: ts_match_vq is the function behind @@, and no index serves a
// function's call.
func (s *Store) candidates(ctx context.Context, kind string, m pgMatch, before int64, want int) ([]int64, error) {
	// kind is 'source' or 'statement', a literal, so that the planner
	// picks that kind's partial index.
	q := "SELECT id FROM search_docs WHERE kind = '" + kind + "' AND tsv @@ to_tsquery('simple', $1) AND id < $2"
	args := []any{m.index, before, want}
	if m.filter != "" {
		q += " AND ts_match_vq(tsv, to_tsquery('simple', $4))"
		args = append(args, m.filter)
	}
	q += " ORDER BY id DESC LIMIT $3"
	// The order is computed (id + 0) so that no plan walks the ids.
	indexed := strings.Replace(q, "ORDER BY id DESC", "ORDER BY id + 0 DESC", 1)
	if candidateWalk < time.Millisecond {
		return s.docIDs(ctx, indexed, args...) // no walk at all
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("SET LOCAL statement_timeout = %d", candidateWalk.Milliseconds())); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	var ids []int64
	if err == nil {
		ids, err = collect(rows, scanOne[int64])
	}
	if !queryCanceled(err) {
		return ids, err
	}
	tx.Rollback()
	return s.docIDs(ctx, indexed, args...)
}

// docIDs runs a query that reads search documents' ids.
func (s *Store) docIDs(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanOne[int64])
}

// queryCanceled reports PostgreSQL's error for a statement cut short by
// statement_timeout (SQLSTATE 57014).
func queryCanceled(err error) bool {
	var pg interface{ SQLState() string }
	return errors.As(err, &pg) && pg.SQLState() == "57014"
}

// after is the first date past d at d's precision ("2024-12" → "2025-01"),
// an exclusive upper bound for dates stored as text, which sort as dates.
func after(d model.Date) string {
	switch d.Precision {
	case model.PrecisionDay:
		return time.Date(d.Year, time.Month(d.Month), d.Day+1, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	case model.PrecisionMonth:
		return time.Date(d.Year, time.Month(d.Month)+1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
	}
	return fmt.Sprintf("%04d", d.Year+1)
}

// onceEach is words without repeats, in their order.
func onceEach(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// minPrefix is the fewest letters a query word other than the last has to
// be looked for as the beginning of longer words. "al" (of "Omar Adnan
// al-Ali") as a prefix had PostgreSQL's index join the documents of every
// word that begins so: 0.6 s at a million statements, for a beginning that
// tells nothing. The last word may be one being typed ("أوس سل").
const minPrefix = 3

// wordMatch is how a search matches its words: whole, or some of them as
// the beginnings of longer words.
type wordMatch int

const (
	wholeWords  wordMatch = iota // every word whole
	prefixWords                  // the last word and those of minPrefix letters or more as prefixes (prefixable)
	lastPrefix                   // the last word as a prefix, the others whole
)

// prefix reports whether the i-th of the query's words is matched as a
// prefix.
func (m wordMatch) prefix(words []string, i int) bool {
	switch m {
	case prefixWords:
		return prefixable(words, i)
	case lastPrefix:
		return i == len(words)-1
	}
	return false
}

// prefixable reports whether the i-th of the query's words is matched as a
// prefix: the last one, or one of at least minPrefix letters; a shorter one
// before the last is matched whole.
func prefixable(words []string, i int) bool {
	return i == len(words)-1 || utf8.RuneCountInString(words[i]) >= minPrefix
}

// pgMatch is PostgreSQL's full-text match of a search's words, as
// candidates reads it: index is the query the full-text index reads, and
// filter, when not empty, the whole match, which the documents the index
// yields must also meet.
type pgMatch struct {
	index, filter string
}

// indexedPrefix reports whether the last of a query's words, matched as a
// prefix, is for the full-text index to read, or only to be matched on the
// documents that the other words find there: a beginning of fewer than
// minPrefix letters after other words ("Omar Adnan al") is a filter. As the
// beginning of every word it begins, "al" had GIN gather the documents of
// each into one bitmap before it could intersect them with the other
// words': 0.17–2.7 s at a million statements, against 11–30 ms for the
// other words' matches read and filtered (docs/benchmarks.md).
func indexedPrefix(words []string) bool {
	return len(words) < 2 || utf8.RuneCountInString(words[len(words)-1]) >= minPrefix
}

// matchClause is the engine's full-text search: the tables to select from
// (search_docs as d), the condition, the order (the most recently indexed
// first) and the condition's argument: every word, whole or as a prefix
// (on PostgreSQL a pgMatch, for candidates). The order is the index's own,
// so that a word thousands of documents share (a prison's name) yields its
// first page without sorting every match.
func (s *Store) matchClause(words, hashed []string, mode wordMatch) (from, cond, order string, arg any) {
	if s.dialect.name() == "postgres" {
		parts := make([]string, len(words))
		for i, w := range words {
			parts[i] = "'" + strings.ReplaceAll(w, "'", "''") + "'"
			if mode.prefix(words, i) {
				parts[i] += ":*"
			}
			if hashed != nil {
				parts[i] = "(" + parts[i] + " | '" + hashed[i] + "')"
			}
		}
		m := pgMatch{index: strings.Join(parts, " & ")}
		if mode != wholeWords && !indexedPrefix(words) {
			m = pgMatch{index: strings.Join(parts[:len(parts)-1], " & "), filter: m.index}
		}
		// inPages reads the ids of matching documents with the query
		// and runs the search on them
		return "search_docs d", "d.id = ANY(?)", "d.id DESC", m
	}
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if mode.prefix(words, i) {
			parts[i] += "*"
		}
		if hashed != nil {
			parts[i] = "(" + parts[i] + ` OR "` + hashed[i] + `")`
		}
	}
	return "search_fts f JOIN search_docs d ON d.id = f.rowid", "search_fts MATCH ?", "f.rowid DESC", strings.Join(parts, " AND ")
}

// MentionHit is one way a source names an entity: the text of a resolved
// mention ("صيدنايا") of the entity or of one merged into it.
type MentionHit struct {
	SourceID string
	EntityID string // the entity the mention is linked to (perhaps merged into another)
	Text     string
}

// SourcesMentioningAs lists, of the sources the viewer may see that mention
// one of ids, the newest limit (by publication, then archiving), and how
// each writes them: one MentionHit per source, entity and distinct text, in
// the order of the sources and then of the text. ids are entities and those
// merged into them. The sources are read from entity_sources, whose index
// gives each entity's newest first; the texts from the mentions of those
// sources only.
func (s *Store) SourcesMentioningAs(ctx context.Context, v access.Viewer, ids []string, limit int) ([]MentionHit, error) {
	if len(ids) == 0 || limit <= 0 {
		return nil, nil
	}
	cond, cargs := visibleFrom(v, "sensitivity", "source_id")
	type newest struct {
		id, published, ingested string
	}
	var picked []newest
	seen := map[string]bool{}
	// One query per entity, each walking its own index range newest first
	// (an IN list would sort every source of every entity).
	for _, id := range ids {
		rows, err := s.db.QueryContext(ctx, s.rebind("SELECT source_id, published, ingested_at FROM entity_sources WHERE entity_id = ? AND "+cond+
			fmt.Sprintf(" ORDER BY published DESC, ingested_at DESC, source_id DESC LIMIT %d", limit)), append([]any{id}, cargs...)...)
		if err != nil {
			return nil, fmt.Errorf("sources mentioning %s: %w", id, err)
		}
		for rows.Next() {
			var n newest
			if err := rows.Scan(&n.id, &n.published, &n.ingested); err != nil {
				rows.Close()
				return nil, err
			}
			if !seen[n.id] {
				seen[n.id] = true
				picked = append(picked, n)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sources mentioning %s: %w", id, err)
		}
	}
	sort.Slice(picked, func(i, j int) bool {
		a, b := picked[i], picked[j]
		if a.published != b.published {
			return a.published > b.published
		}
		if a.ingested != b.ingested {
			return a.ingested > b.ingested
		}
		return a.id > b.id
	})
	picked = picked[:min(len(picked), limit)]
	if len(picked) == 0 {
		return nil, nil
	}
	srcIDs := make([]string, len(picked))
	for i, p := range picked {
		srcIDs[i] = p.id
	}
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT id, source_id, entity_id, text FROM mentions WHERE source_id IN ("+placeholders(len(srcIDs))+
		") AND entity_id IN ("+placeholders(len(ids))+") ORDER BY span_start, id"), append(idArgs(srcIDs), idArgs(ids)...)...)
	if err != nil {
		return nil, fmt.Errorf("mentions of %s: %w", ids[0], err)
	}
	var hits []MentionHit
	var mentionIDs []string
	for rows.Next() {
		var h MentionHit
		var id string
		if err := rows.Scan(&id, &h.SourceID, &h.EntityID, &h.Text); err != nil {
			rows.Close()
			return nil, err
		}
		hits = append(hits, h)
		mentionIDs = append(mentionIDs, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	o := s.mentionOpener()
	bySource := map[string][]MentionHit{}
	for i, h := range hits {
		if h.Text, err = o.open(ctx, mentionIDs[i], h.SourceID, h.Text); err != nil {
			return nil, err
		}
		dup := false
		for _, o := range bySource[h.SourceID] {
			if o.EntityID == h.EntityID && o.Text == h.Text {
				dup = true
				break
			}
		}
		if !dup {
			bySource[h.SourceID] = append(bySource[h.SourceID], h)
		}
	}
	var out []MentionHit
	for _, id := range srcIDs {
		out = append(out, bySource[id]...)
	}
	return out, nil
}
