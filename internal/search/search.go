// Package search owns Athar's full-text search: one Arabic-aware folding of
// text (internal/textfold, plus the Arabic article split off) for what is
// indexed and what is asked, on both engines (the store's SQLite FTS5 and
// PostgreSQL full-text search), and the name matcher's candidates for
// queries that look like names. Every read takes the viewer; the store
// applies the read policy in SQL.
package search

import (
	"context"
	"strings"
	"unicode"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/textfold"
)

// Fold turns text into the words the index holds: folded by textfold (case,
// accents, Arabic diacritics, letter variants, digits), and an Arabic word
// that begins with the article ال also without it, so that "السجان" is found
// by "سجان" and "الشاهد" by "شاهد".
func Fold(s string) string {
	words := textfold.Words(s)
	out := make([]string, 0, len(words))
	for _, w := range words {
		out = append(out, w)
		if bare, ok := withoutArticle(w); ok {
			out = append(out, bare)
		}
	}
	return strings.Join(out, " ")
}

// Words folds a query into the words to look for, each as a prefix. The
// Arabic article is dropped from a query word: the index holds both forms.
func Words(q string) []string {
	var out []string
	for _, w := range textfold.Words(q) {
		if bare, ok := withoutArticle(w); ok {
			w = bare
		}
		out = append(out, w)
	}
	return out
}

func withoutArticle(w string) (string, bool) {
	rs := []rune(w)
	if len(rs) > 3 && rs[0] == 'ا' && rs[1] == 'ل' && unicode.Is(unicode.Arabic, rs[2]) {
		return string(rs[2:]), true
	}
	return "", false
}

// IndexSource indexes a stored source and its statements: the one call the
// ingest pipeline makes, in the transaction that stores them.
func IndexSource(ctx context.Context, tx *store.Tx, sourceID string) error {
	return tx.IndexSource(ctx, sourceID, Fold)
}

// SourceDocument is what a source is indexed under: its title, publisher
// and text, folded. Folding a long text takes a while: it can be done ahead
// of the transaction and given to IndexSourceText.
func SourceDocument(title, publisher, text string) string {
	return Fold(title + "\n" + publisher + "\n" + text)
}

// IndexSourceText indexes a source's own document, folded beforehand by
// SourceDocument, and not its statements.
func IndexSourceText(ctx context.Context, tx *store.Tx, sourceID, folded string) error {
	return tx.IndexSourceText(ctx, sourceID, folded)
}

// IndexStatement indexes one statement (a manual one, say).
func IndexStatement(ctx context.Context, tx *store.Tx, id string) error {
	return tx.IndexStatement(ctx, id, Fold)
}

// CatchUp indexes everything stored before the index existed or without
// IndexSource, a batch at a time.
func CatchUp(ctx context.Context, st *store.Store) (int, error) {
	total := 0
	for {
		n, err := st.IndexPending(ctx, Fold, 500)
		total += n
		if err != nil || n < 500 {
			return total, err
		}
	}
}

// Query is what a person asks.
type Query struct {
	Text       string
	EntityType model.EntityType
	Status     model.Status
	Near       string // a facility or place entity
	From, To   model.Date
	Limit      int
}

// Results are what a search found, as the viewer may see it.
type Results struct {
	store.SearchHits
	Names []resolve.Candidate // the name matcher's candidates, when the query may be a name
}

// Service searches one store. How fresh its index is kept is the
// application layer's concern (app.FreshSearch).
type Service struct {
	st  *store.Store
	res *resolve.Resolver // nil: no name candidates
}

// New returns a search service; res may be nil.
func New(st *store.Store, res *resolve.Resolver) *Service { return &Service{st: st, res: res} }

// Search runs a query for a viewer.
func (s *Service) Search(ctx context.Context, v access.Viewer, q Query) (Results, error) {
	var r Results
	var err error
	r.SearchHits, err = s.st.Search(ctx, v, store.SearchQuery{Words: Words(q.Text), EntityType: q.EntityType,
		Status: q.Status, Near: q.Near, From: q.From, To: q.To, Limit: q.Limit})
	if err != nil {
		return r, err
	}
	if s.res != nil && looksLikeName(q.Text) {
		typ := q.EntityType
		if typ == "" || typ == model.TypeEvent {
			typ = model.TypePerson
		}
		if r.Names, err = s.res.Match(ctx, v, q.Text, typ, 10); err != nil {
			return r, err
		}
	}
	return r, nil
}

// looksLikeName: two to six words of letters.
func looksLikeName(q string) bool {
	ws := strings.Fields(q)
	if len(ws) < 1 || len(ws) > 6 {
		return false
	}
	for _, w := range ws {
		for _, r := range w {
			if unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}
