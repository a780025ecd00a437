// Package search owns Athar's full-text search: one Arabic-aware folding of
// text (internal/textfold, plus the Arabic article split off) for what is
// indexed and what is asked, on both engines (the store's SQLite FTS5 and
// PostgreSQL full-text search), and the name matcher's candidates for
// queries that look like names. Every read takes the viewer; the store
// applies the read policy in SQL.
package search

import (
	"context"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/names"
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
// and text, folded, in the parts the index holds (store.DocParts: one for
// a short text; smaller parts for a sealed source, store.SealedDocPart).
// Folding a long text takes a while: it can be done ahead of the
// transactions and each part given to IndexSourcePart.
func SourceDocument(title, publisher, text string, sealed bool) []string {
	size := store.DocPart
	if sealed {
		size = store.SealedDocPart
	}
	head := title + "\n" + publisher + "\n"
	if len(text) <= foldPiece {
		return store.DocPartsOf(Fold(head+text), size)
	}
	// A long text is folded a piece at a time and cut into parts as it
	// goes: folded whole, it was held as code points, as words and as
	// the folded text at once, some ten times its size (issue 18).
	var parts []string
	rest := ""
	for first := true; len(text) > 0; first = false {
		cut := textfold.PieceEnd(text, foldPiece)
		piece := text[:cut]
		if first {
			piece = head + piece
		}
		text = text[cut:]
		f := Fold(piece)
		switch {
		case f == "":
			continue
		case rest == "":
			rest = f
		default:
			rest = rest + " " + f
		}
		parts, rest = store.CutDocParts(parts, rest, size, false)
	}
	if len(parts) == 0 && len(rest) <= size {
		return []string{rest} // as DocPartsOf gives a short document
	}
	parts, _ = store.CutDocParts(parts, rest, size, true)
	return parts
}

// foldPiece is how much of a long text SourceDocument folds at a time.
const foldPiece = textfold.Piece

// IndexSourcePart indexes part i of a source's own document, folded and cut
// beforehand by SourceDocument, and not its statements.
func IndexSourcePart(ctx context.Context, tx *store.Tx, sourceID string, i int, part string) error {
	return tx.IndexSourcePart(ctx, sourceID, i, part)
}

// IndexStatement indexes one statement (a manual one, say).
func IndexStatement(ctx context.Context, tx *store.Tx, id string) error {
	return tx.IndexStatement(ctx, id, Fold)
}

// CatchUp indexes everything stored before the index existed or without
// IndexSource, a batch at a time: what the ledger recorded after the
// index's mark, and what was queued to be indexed again (store.IndexPending).
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

// Results are what a search found, as the viewer may see it. Sources holds
// each source once, best first: those that both contain the query's words
// and name an entity the query names, then those that contain the words,
// then those that name the entity in another spelling or script. Why says,
// for a source found through an entity, how it names it.
type Results struct {
	store.SearchHits
	Names    []resolve.Candidate // the name matcher's candidates, when the query may be a name
	Entities []EntityHit         // the entities the query names, whose sources were looked for
	Why      map[string][]Reason // by source id
}

// EntityHit is an entity the query names, as the matcher found it.
type EntityHit struct {
	resolve.Candidate
	Type    model.EntityType
	Sources int // how many of the results name it
}

// Reason is why a source was found through an entity: it mentions the
// entity as As (a resolved mention), or it contains As, one of the entity's
// names, word for word (Mention false).
type Reason struct {
	EntityID string
	Type     model.EntityType
	As       string
	Mention  bool
}

// Service searches one store. How fresh its index is kept is the
// application layer's concern (app.FreshSearch).
type Service struct {
	st  *store.Store
	res *resolve.Resolver // nil: no name candidates
}

// New returns a search service; res may be nil.
func New(st *store.Store, res *resolve.Resolver) *Service { return &Service{st: st, res: res} }

// NamesAt is the matcher's score from which a query is taken to name an
// entity, whose every source is then found: resolve.ProposeAt, the score
// from which two names are worth a reviewer's look. "Sednaya" names
// "Sednaya Prison" (0.87), "صيدنايا" (0.96) and "Saydnaya military prison"
// (0.74); "prison" names no prison (0.12).
const NamesAt = resolve.ProposeAt

// PersonNamesAt is NamesAt for persons, whose names share parts far more
// often: "Ous Salloum" names "Aws Salloum" and "أوس سلوم" (0.88), but
// "Ahmad Hassan" does not name "Ali Ahmad al-Hassan" (0.81), nor "Salloum"
// alone "Aws Salloum" (0.40).
const PersonNamesAt = 0.85

// namesAt is the score from which a query names an entity of type t.
func namesAt(t model.EntityType) float64 {
	if t == model.TypePerson {
		return PersonNamesAt
	}
	return NamesAt
}

// Limits on what a name query expands to.
const (
	entitiesPerQuery = 6 // entities a query may name
	spellingsPerName = 8 // other spellings of an entity searched as words
)

// Search runs a query for a viewer: the words in the full-text index, and,
// when the query may be a name, the sources that name an entity it names —
// through the entity's resolved mentions and its other spellings — as the
// viewer may see each of them.
func (s *Service) Search(ctx context.Context, v access.Viewer, q Query) (Results, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	var r Results
	var err error
	words := Words(q.Text)
	r.SearchHits, err = s.st.Search(ctx, v, store.SearchQuery{Words: words, EntityType: q.EntityType,
		Status: q.Status, Near: q.Near, From: q.From, To: q.To, Limit: q.Limit})
	if err != nil {
		return r, err
	}
	if s.res == nil || !looksLikeName(q.Text) {
		return r, nil
	}
	typ := q.EntityType
	if typ == "" || typ == model.TypeEvent {
		typ = model.TypePerson
	}
	if r.Names, err = s.res.MatchVisible(ctx, v, q.Text, typ, 10); err != nil {
		return r, err
	}
	// Sources are looked for by the entities they name only where the
	// search is for sources at all (no filter that only statements have).
	if q.EntityType != "" || q.Status != "" || q.Near != "" {
		return r, nil
	}
	ents, err := s.named(ctx, v, q.Text, r.Names, typ)
	if err != nil {
		return r, err
	}
	return r, s.throughEntities(ctx, v, q, words, ents, &r)
}

// named lists the entities of every type that the query names, best first:
// the candidates already found for typ and those of the other types.
func (s *Service) named(ctx context.Context, v access.Viewer, text string, first []resolve.Candidate, typ model.EntityType) ([]EntityHit, error) {
	var out []EntityHit
	add := func(t model.EntityType, cs []resolve.Candidate) {
		for _, c := range cs {
			if c.Score >= namesAt(t) {
				out = append(out, EntityHit{Candidate: c, Type: t})
			}
		}
	}
	add(typ, first)
	for _, t := range resolve.Resolvable {
		if t == typ {
			continue
		}
		cs, err := s.res.MatchVisible(ctx, v, text, t, entitiesPerQuery)
		if err != nil {
			return nil, err
		}
		add(t, cs)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out[:min(len(out), entitiesPerQuery)], nil
}

// throughEntities adds to r the sources that name ents — by a resolved
// mention (not for a viewer of confirmed statements only: a mention's link
// is the machine's, not reviewed) or by another of the entity's names, word
// for word — and ranks every source found.
func (s *Service) throughEntities(ctx context.Context, v access.Viewer, q Query, words []string, ents []EntityHit, r *Results) error {
	if len(ents) == 0 {
		return nil
	}
	r.Why = map[string][]Reason{}
	found := map[string]model.Source{}
	because := func(srcID string, why Reason) {
		for _, o := range r.Why[srcID] {
			if o.EntityID == why.EntityID && o.As == why.As {
				return
			}
		}
		r.Why[srcID] = append(r.Why[srcID], why)
	}
	// Each entity with those merged into it: mentions may be linked to
	// either, and either may carry names.
	family := make([][]string, len(ents))
	var all []string
	for i, e := range ents {
		merged, err := s.st.MergedInto(ctx, e.EntityID)
		if err != nil {
			return err
		}
		family[i] = append([]string{e.EntityID}, merged...)
		all = append(all, family[i]...)
	}
	names, err := s.st.CaptionNames(ctx, v, all)
	if err != nil {
		return err
	}
	// Entities of one name share spellings ("ثاير وايل حداد" for each of
	// the men named Thaer Wael Haddad): each is searched once.
	bySpelling := map[string][]model.Source{}
	for i, e := range ents {
		if !v.ConfirmedOnly() {
			hits, err := s.st.SourcesMentioningAs(ctx, v, family[i], q.Limit)
			if err != nil {
				return err
			}
			for _, h := range hits {
				because(h.SourceID, Reason{EntityID: e.EntityID, Type: e.Type, As: h.Text, Mention: true})
			}
		}
		byProp := map[model.Property][]string{}
		for _, id := range family[i] {
			for p, ns := range names[id] {
				byProp[p] = append(byProp[p], ns...)
			}
		}
		for _, name := range spellings(e.Type, q.Text, words, byProp) {
			nw := Words(name)
			key := strings.Join(nw, " ")
			srcs, ok := bySpelling[key]
			if !ok {
				hits, err := s.st.Search(ctx, v, store.SearchQuery{Words: nw, From: q.From, To: q.To, Limit: q.Limit, SourcesOnly: true, WholeWords: true})
				if err != nil {
					return err
				}
				srcs = hits.Sources
				bySpelling[key] = srcs
			}
			for _, src := range srcs {
				found[src.ID] = src
				because(src.ID, Reason{EntityID: e.EntityID, Type: e.Type, As: name})
			}
		}
	}
	return s.rank(ctx, v, q, found, ents, r)
}

// spellings lists an entity's names (as the viewer may see them) that the
// matcher takes for the query and that are other words than the query's:
// the ones worth looking for in the text. "السجن" (the prison) is a name
// some source gave Sednaya, but it does not name "Sednaya".
func spellings(t model.EntityType, text string, words []string, byProp map[model.Property][]string) []string {
	k := names.KindOf(string(t))
	query := names.ParseKind(k, text)
	seen := map[string]bool{strings.Join(words, " "): true}
	var out []string
	for _, p := range []model.Property{model.PropName, model.PropAlias, model.PropWeakAlias} {
		for _, n := range byProp[p] {
			nw := Words(n)
			key := strings.Join(nw, " ")
			if key == "" || seen[key] || len(out) >= spellingsPerName || containsAll(nw, words) {
				continue // what holds these words holds the query's too
			}
			seen[key] = true
			if names.CompareKind(k, query, names.ParseKind(k, n)).Score >= namesAt(t) {
				out = append(out, n)
			}
		}
	}
	return out
}

// containsAll reports whether have holds every word of want.
func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// rank puts every source found once in r.Sources, best first: those with
// the query's words that also name an entity, those with the words, then
// those that name an entity only — each part in the order found — and
// counts each entity's sources.
func (s *Service) rank(ctx context.Context, v access.Viewer, q Query, found map[string]model.Source, ents []EntityHit, r *Results) error {
	var missing []string
	for id := range r.Why {
		if _, ok := found[id]; !ok {
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	got, err := s.st.SourcesByID(ctx, v, missing)
	if err != nil {
		return err
	}
	for id, src := range got {
		found[id] = src
	}
	var both, wordsOnly, named []model.Source
	inWords := map[string]bool{}
	for _, src := range r.Sources {
		inWords[src.ID] = true
		if len(r.Why[src.ID]) > 0 {
			both = append(both, src)
		} else {
			wordsOnly = append(wordsOnly, src)
		}
	}
	// Found through an entity only: by the entity's rank, then newest first.
	var rest []string
	for id := range r.Why {
		if _, ok := found[id]; ok && !inWords[id] {
			rest = append(rest, id)
		} else if !ok {
			delete(r.Why, id) // a source the viewer may not see (a near-copy hidden, say)
		}
	}
	entRank := map[string]int{}
	for i, e := range ents {
		entRank[e.EntityID] = i
	}
	sort.Slice(rest, func(i, j int) bool {
		a, b := found[rest[i]], found[rest[j]]
		ra, rb := entRank[r.Why[a.ID][0].EntityID], entRank[r.Why[b.ID][0].EntityID]
		if ra != rb {
			return ra < rb
		}
		if pa, pb := a.Published.String(), b.Published.String(); pa != pb {
			return pa > pb
		}
		return a.ID > b.ID
	})
	for _, id := range rest {
		if !q.From.IsZero() || !q.To.IsZero() {
			if !withinDates(found[id], q.From, q.To) {
				delete(r.Why, id)
				continue
			}
		}
		named = append(named, found[id])
	}
	all := append(append(both, wordsOnly...), named...)
	r.Sources = all[:min(len(all), q.Limit)]
	shown := map[string]bool{}
	for _, src := range r.Sources {
		shown[src.ID] = true
	}
	for id := range r.Why {
		if !shown[id] {
			delete(r.Why, id)
		}
	}
	for i := range ents {
		for id, why := range r.Why {
			if shown[id] && slices.ContainsFunc(why, func(w Reason) bool { return w.EntityID == ents[i].EntityID }) {
				ents[i].Sources++
			}
		}
	}
	r.Entities = ents
	return nil
}

// withinDates: a source published within [from, to], as the text search
// filters sources.
func withinDates(src model.Source, from, to model.Date) bool {
	p := src.Published
	if !from.IsZero() && (p.IsZero() || p.String() < from.String()) {
		return false
	}
	if !to.IsZero() && (p.IsZero() || p.String() > to.String()+"\uffff") {
		return false
	}
	return true
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
