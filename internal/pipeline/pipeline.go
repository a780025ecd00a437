// Package pipeline owns what happens to a source once it is stored: its
// text is extracted, what the extractor found is stored as mentions and
// proposed statements tied to their quotes, and each person, organization,
// facility and place is resolved to an entity. It runs inside the
// transaction that stores the source, so a source is never kept half
// processed; it is idempotent per extractor version, and never touches a
// statement a person has reviewed.
package pipeline

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/extract"
	_ "github.com/athar-project/athar/internal/extract/ar" // the Arabic extractor
	_ "github.com/athar-project/athar/internal/extract/en" // the English extractor
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/names"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/textfold"
)

// Origin is how statements made by the extractor for a language are marked.
func Origin(lang string) string { return "extracted:" + Extractor(lang) }

// Extractor names the extractor for a language with its version, as mentions
// record it.
func Extractor(lang string) string { return "athar-" + lang + "@" + extract.Version }

// Stats counts what Record stored for one source.
type Stats struct {
	Mentions   int
	Statements int
	Created    int // entities made
	Linked     int // found things linked to stored entities
	Proposed   int // merges proposed for review
	Events     int
}

// Record stores what res found in src: mentions, proposed statements and
// event entities, with every person, organization, facility and place placed
// by the resolver's batch b. Call it in the transaction that stores src.
func Record(ctx context.Context, tx *store.Tx, b *resolve.Batch, src model.Source, res extract.Result) (Stats, error) {
	r := NewRecorder(src, res, false)
	_, err := r.Record(ctx, tx, b, 0)
	return r.Stats(), err
}

// Recorder records what was found in one source over as many transactions
// as it takes, a bounded number of rows in each: a source that names a
// person a hundred thousand times must not hold the store's write lock for
// minutes. What it records is what Record records, in the same order.
type Recorder struct {
	rec   *recorder
	steps []step
	next  int
}

// step is one bounded piece of recording: rows is about how many rows it
// writes.
type step struct {
	rows int
	do   func(ctx context.Context) error
}

// mentionsPerStep bounds the mentions one step stores: some 12 ms of work
// on the reference machine (48 µs a mention, issue 18's profile of a 2 MiB
// ingest): in a staged recording a step of them is a transaction of its
// own, as long as one of about app.RecordRows rows of statements.
const mentionsPerStep = 250

// NewRecorder plans the recording of res, found in src; again: the source
// was extracted before, and what a person already reviewed is not proposed a
// second time (Rerecord).
func NewRecorder(src model.Source, res extract.Result, again bool) *Recorder {
	rec := &recorder{src: src, extractor: Extractor(res.Language), origin: Origin(res.Language),
		byName: map[string]string{}, text: newRuneText(src.Text), again: again}
	r := &Recorder{rec: rec}
	// The entity steps below look their gazetteer ids up in this order.
	for _, g := range []struct {
		typ model.EntityType
		es  []extract.Entity
	}{{model.TypeFacility, res.Facilities}, {model.TypePlace, res.Places}, {model.TypeOrganization, res.Organizations}} {
		for _, e := range g.es {
			if e.Gazetteer != "" {
				rec.lookups = append(rec.lookups, store.TypedValue{Type: g.typ, Value: e.Gazetteer})
			}
		}
	}
	for _, p := range res.Persons {
		var id string
		var score float64
		r.steps = append(r.steps, step{rows: 8 + len(p.Aliases) + len(p.Roles), do: func(ctx context.Context) error {
			var err error
			if id, score, err = rec.person(ctx, p); err != nil {
				return fmt.Errorf("person %q: %w", p.Name, err)
			}
			return nil
		}})
		r.mentionSteps(p.Mentions, model.TypePerson, func() (string, float64) { return id, score }, "person "+fmt.Sprintf("%q", p.Name))
	}
	for _, g := range []struct {
		typ model.EntityType
		es  []extract.Entity
	}{{model.TypeFacility, res.Facilities}, {model.TypePlace, res.Places}, {model.TypeOrganization, res.Organizations}} {
		for _, e := range g.es {
			var id string
			var score float64
			// Its name, each other spelling and a gazetteer id: statements
			// and names the resolver searches for, a few whatever the
			// mentions (stored by steps of their own).
			r.steps = append(r.steps, step{rows: 3 + len(spellings(e)), do: func(ctx context.Context) error {
				var err error
				if id, score, err = rec.entity(ctx, g.typ, e); err != nil {
					return fmt.Errorf("%s %q: %w", g.typ, e.Name, err)
				}
				return nil
			}})
			r.mentionSteps(e.Mentions, g.typ, func() (string, float64) { return id, score }, fmt.Sprintf("%s %q", g.typ, e.Name))
		}
	}
	// The affiliations, once every organization and facility is placed, a
	// bounded number per step: one step for 2,338 persons held the write
	// lock for almost a second.
	for start := 0; start < len(res.Persons); start += affiliationsPerStep {
		end := min(start+affiliationsPerStep, len(res.Persons))
		r.steps = append(r.steps, step{rows: end - start, do: func(ctx context.Context) error { return rec.affiliate(ctx, start, end) }})
	}
	for _, ev := range res.Events {
		r.steps = append(r.steps, step{rows: 4 + len(ev.Who) + len(ev.Agents), do: func(ctx context.Context) error {
			if err := rec.event(ctx, ev); err != nil {
				return fmt.Errorf("event %s: %w", ev.Type, err)
			}
			return nil
		}})
	}
	return r
}

// mentionSteps adds the storing of ms, a bounded number per step, linked to
// the entity that placed returns once the entity's own step has run.
func (r *Recorder) mentionSteps(ms []extract.Mention, typ model.EntityType, placed func() (string, float64), what string) {
	for start := 0; start < len(ms); start += mentionsPerStep {
		part := ms[start:min(start+mentionsPerStep, len(ms))]
		r.steps = append(r.steps, step{rows: len(part), do: func(ctx context.Context) error {
			id, score := placed()
			if err := r.rec.mentions(ctx, id, score, typ, part); err != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
			return nil
		}})
	}
}

// Rows estimates how many rows recording writes in all.
func (r *Recorder) Rows() int {
	n := 0
	for _, s := range r.steps {
		n += s.rows
	}
	return n
}

// Record writes, in tx, with placements in the resolver's batch b, the next
// steps until about budget rows are written (0: all of them; at least one
// step is taken), and reports whether everything is recorded. The bound is
// on rows, not on time: a transaction's work is then the same whatever the
// machine's load, and none grows with the source (issue 18). A transaction
// that fails takes its part back; the recording cannot then go on (start
// again from the source).
func (r *Recorder) Record(ctx context.Context, tx *store.Tx, b *resolve.Batch, budget int) (done bool, err error) {
	r.rec.tx, r.rec.b, r.rec.sealed = tx, b, nil
	r.rec.gazetteer, r.rec.stated = nil, nil // read in another transaction
	// What the steps held back is written before Record returns, whatever
	// happens: the caller reads it back in the same transaction (search
	// documents, the review queue's claims when it commits, the next
	// source's gazetteer look-ups), and a failed transaction takes it all
	// back.
	defer r.rec.drop()
	rows := 0
	for r.next < len(r.steps) && (budget <= 0 || rows == 0 || rows+r.steps[r.next].rows <= budget) {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		s := r.steps[r.next]
		if err := s.do(ctx); err != nil {
			return false, err
		}
		rows += max(s.rows, 1)
		r.next++
	}
	if err := r.rec.flush(ctx); err != nil {
		return false, err
	}
	return r.next == len(r.steps), nil
}

// Stats counts what was recorded so far.
func (r *Recorder) Stats() Stats { return r.rec.stats }

// Written lists the statements stored since the last call (to index them
// for search in the transaction that stored them).
func (r *Recorder) Written() []string {
	w := r.rec.written
	r.rec.written = nil
	return w
}

type recorder struct {
	tx        *store.Tx
	b         *resolve.Batch
	src       model.Source
	extractor string
	origin    string
	text      runeText
	// byName maps every name and alias found in this source to its entity,
	// so events can point at the entities their participants are.
	byName map[string]string
	stats  Stats
	// again: the source was extracted before; what a person already
	// reviewed is not proposed a second time. reviewed says, once asked
	// in the transaction, whether a person reviewed any statement of it:
	// when none did, no statement needs asking about.
	again    bool
	reviewed *bool
	// affiliations wait for the organizations and facilities to be placed.
	affiliations []affiliation
	// written are the statements stored since the Recorder last said.
	written []string
	// pending are the statements the steps made and pendingEvents the
	// event entities they are about, held back to be written together
	// (flush): a statement written alone cost about seven round trips.
	// Nothing the steps read in the transaction sees them until then (see
	// flush for each read), and Record writes them before it returns.
	pending       []*model.Statement
	pendingEvents []*model.Entity
	// pendingMentions are the mentions the steps found, held back too:
	// storing them reads and writes no statement, and one AddMentions
	// costs the same few round trips for a step's mentions as for a
	// source's.
	pendingMentions []*model.Mention
	// sealed says, once asked in a Record call, whether the source is
	// sealed (flushBeforePlace).
	sealed *bool
	// lookups are the gazetteer look-ups the entity steps make, in their
	// order, and looked how many were made. gazetteer holds, in a Record
	// call, the answers read ahead for the next ones (lookAhead), and
	// stated the gazetteer ids (folded) the recorder stated since: their
	// answers may have changed, and are read again.
	lookups   []store.TypedValue
	looked    int
	gazetteer map[store.TypedValue]string
	stated    map[string]bool
}

// flush writes the event entities, statements and mentions held back, the
// entities first, in one AddEntities, one AddStatements and one AddMentions
// call.
//
// The reads in the transaction between a step and the flush, and why what
// is held back may wait for them:
//   - the names index's catch-up and the ahead reads' check (Batch.Place)
//     read the ledger up to where the transaction began: its own writes
//     are never in them;
//   - weighing a candidate (resolve) reads committed statements through
//     the store, outside the transaction;
//   - AnyReviewed and HasReviewed look for statements a person reviewed
//     or wrote a note on: one held back is neither;
//   - nothing in the steps reads mentions or what they count
//     (entity_sources), and storing them reads no statement;
//   - the gazetteer look-up (EntityWith) does read statements: it flushes
//     first when one held back states the same gazetteer id
//     (flushForGazetteer); the look-ups read ahead together (lookAhead)
//     flush first when one held back states any of theirs, and an answer
//     is not used once the recorder has stated its id since;
//   - a merge proposal (Batch.Place) seals its reasons when either entity
//     is named by a sealed source, read from the statements: placing an
//     entity of a sealed source flushes first (flushBeforePlace).
func (r *recorder) flush(ctx context.Context) error {
	if len(r.pendingEvents) > 0 {
		if err := r.tx.AddEntities(ctx, r.pendingEvents); err != nil {
			return err
		}
		r.stats.Events += len(r.pendingEvents)
		r.pendingEvents = r.pendingEvents[:0]
	}
	if len(r.pending) > 0 {
		if err := r.tx.AddStatements(ctx, r.pending); err != nil {
			return err
		}
		r.stats.Statements += len(r.pending)
		for _, st := range r.pending {
			r.written = append(r.written, st.ID)
		}
		r.pending = r.pending[:0]
	}
	if len(r.pendingMentions) > 0 {
		if err := r.tx.AddMentions(ctx, r.pendingMentions); err != nil {
			return err
		}
		r.stats.Mentions += len(r.pendingMentions)
		r.pendingMentions = r.pendingMentions[:0]
	}
	return nil
}

// drop forgets what is held back: written, or taken back with a failed
// transaction.
func (r *recorder) drop() {
	r.pending, r.pendingEvents, r.pendingMentions = r.pending[:0], r.pendingEvents[:0], r.pendingMentions[:0]
}

// flushBeforePlace writes what is held back before an entity is placed,
// when the source is sealed: a merge proposal's reasons are sealed when
// either entity is named by a sealed source, and the entity proposed may
// be one placed earlier in this source, named by statements held back.
func (r *recorder) flushBeforePlace(ctx context.Context) error {
	if len(r.pending) == 0 {
		return nil
	}
	if r.sealed == nil {
		sealed, err := r.tx.SourceSealed(ctx, r.src.ID)
		if err != nil {
			return err
		}
		r.sealed = &sealed
	}
	if !*r.sealed {
		return nil
	}
	return r.flush(ctx)
}

// flushForGazetteer writes what is held back before the entity standing
// for gazetteer entry gid is looked up, when a statement held back states
// that entry (EntityWith matches a sealed one by its folded value).
func (r *recorder) flushForGazetteer(ctx context.Context, gid string) error {
	folded := textfold.Fold(gid)
	for _, st := range r.pending {
		if st.Property == model.PropGazetteer && (st.Value == gid || textfold.Fold(st.Value) == folded) {
			return r.flush(ctx)
		}
	}
	return nil
}

// confidence of extracted statements: proposed, for a person to review.
const (
	confidenceName  = 0.9
	confidenceOther = 0.7
)

// person places a person and stores what the source says of them; its
// mentions are stored by steps of their own.
func (r *recorder) person(ctx context.Context, p extract.Person) (string, float64, error) {
	f := personFound(r.src, p)
	id, score, err := r.place(ctx, f)
	if err != nil {
		return "", 0, err
	}
	add := func(prop model.Property, value string, conf float64) error {
		if value == "" {
			return nil
		}
		return r.statement(ctx, &model.Statement{EntityID: id, Property: prop, Value: value, Span: r.spanOf(value, p.Mentions), Confidence: conf})
	}
	if err := add(model.PropName, p.Name, confidenceName); err != nil {
		return "", 0, err
	}
	for _, a := range f.Aliases {
		if err := add(model.PropAlias, a, confidenceName); err != nil {
			return "", 0, err
		}
	}
	for _, e := range f.Epithets {
		if err := add(model.PropWeakAlias, e, confidenceName); err != nil {
			return "", 0, err
		}
	}
	for _, pv := range []struct {
		prop  model.Property
		value string
	}{{model.PropTitle, p.Rank}, {model.PropPosition, p.Title}, {model.PropBirthPlace, p.Birthplace}, {model.PropMotherName, p.Mother}} {
		if err := add(pv.prop, pv.value, confidenceOther); err != nil {
			return "", 0, err
		}
	}
	for _, role := range p.Roles {
		if err := add(model.PropPosition, role, confidenceOther); err != nil {
			return "", 0, err
		}
	}
	r.affiliations = append(r.affiliations, affiliation{person: id, name: p.Affiliation, mentions: p.Mentions})
	return id, score, nil
}

// personFound is what src says of a person, for the resolver.
func personFound(src model.Source, p extract.Person) resolve.Found {
	f := resolve.Found{Type: model.TypePerson, Name: p.Name, Sensitivity: src.Sensitivity}
	for _, a := range p.Aliases {
		if names.Parse(a).Epithet {
			f.Epithets = append(f.Epithets, a)
		} else {
			f.Aliases = append(f.Aliases, a)
		}
	}
	for _, c := range []string{p.Affiliation, p.Birthplace, p.Rank, p.Title} {
		if c != "" {
			f.Context = append(f.Context, c)
		}
	}
	f.Context = append(f.Context, p.Roles...)
	return f
}

// entityFound is what src says of a facility, place or organization, for
// the resolver.
func entityFound(src model.Source, typ model.EntityType, e extract.Entity) resolve.Found {
	return resolve.Found{Type: typ, Name: e.Name, Aliases: spellings(e), Sensitivity: src.Sensitivity}
}

// spellings lists the texts of e's mentions other than its name, each once,
// in the order the source first writes them. Listed once a mention, as they
// were, a facility a long text names 40,000 times had the resolver search
// its names index 40,000 times in one transaction, which grew with the text
// (issue 18: the longest write of a 32 MiB ingest); searching a spelling
// again finds what it found the first time.
func spellings(e extract.Entity) []string {
	var out []string
	seen := map[string]bool{e.Name: true}
	for _, m := range e.Mentions {
		if !seen[m.Text] {
			seen[m.Text] = true
			out = append(out, m.Text)
		}
	}
	return out
}

// Founds lists what recording res, found in src, asks the resolver to
// place, in the order it asks (an entity a gazetteer id already names is
// listed too: it is placed by name when no entity has that id yet), so that
// the reads placing them makes can be made ahead of the write transaction
// (resolve.Resolver.ReadAhead).
func Founds(src model.Source, res extract.Result) []resolve.Found {
	out := make([]resolve.Found, 0, len(res.Persons)+len(res.Facilities)+len(res.Places)+len(res.Organizations))
	for _, p := range res.Persons {
		out = append(out, personFound(src, p))
	}
	for _, g := range []struct {
		typ model.EntityType
		es  []extract.Entity
	}{{model.TypeFacility, res.Facilities}, {model.TypePlace, res.Places}, {model.TypeOrganization, res.Organizations}} {
		for _, e := range g.es {
			out = append(out, entityFound(src, g.typ, e))
		}
	}
	return out
}

// affiliation is an organization or facility a source ties a person to,
// recorded once the organizations and facilities of the source are placed.
type affiliation struct {
	person, name string
	mentions     []extract.Mention
}

// affiliationsPerStep bounds the affiliations one step stores.
const affiliationsPerStep = 100

// affiliate stores the affiliations of persons from to to (in the order they
// were placed), each linked to the organization or facility entity of the
// same name in this source when there is one.
func (r *recorder) affiliate(ctx context.Context, from, to int) error {
	for _, a := range r.affiliations[min(from, len(r.affiliations)):min(to, len(r.affiliations))] {
		if a.name == "" {
			continue
		}
		if err := r.statement(ctx, &model.Statement{EntityID: a.person, Property: model.PropAffiliation, Value: a.name,
			ValueEntity: r.byName[a.name], Span: r.spanOf(a.name, a.mentions), Confidence: confidenceOther}); err != nil {
			return err
		}
	}
	return nil
}

// entity places a facility, place or organization and stores its names;
// its mentions are stored by steps of their own.
func (r *recorder) entity(ctx context.Context, typ model.EntityType, e extract.Entity) (string, float64, error) {
	f := entityFound(r.src, typ, e)
	id, err := r.placeByGazetteer(ctx, typ, e.Gazetteer)
	if err != nil {
		return "", 0, err
	}
	score := 1.0 // the same gazetteer entry
	if id == "" {
		if id, score, err = r.place(ctx, f); err != nil {
			return "", 0, err
		}
	} else {
		r.remember(id, f)
		r.stats.Linked++
	}
	// The name, and as aliases only the other spellings this source writes:
	// a gazetteer's other names are not what the source says.
	if err := r.statement(ctx, &model.Statement{EntityID: id, Property: model.PropName, Value: e.Name, Span: r.spanOf(e.Name, e.Mentions), Confidence: confidenceName}); err != nil {
		return "", 0, err
	}
	written := map[string]bool{e.Name: true}
	for _, m := range e.Mentions {
		if written[m.Text] {
			continue
		}
		written[m.Text] = true
		if err := r.statement(ctx, &model.Statement{EntityID: id, Property: model.PropAlias, Value: m.Text, Span: model.Span{Start: m.Start, End: m.End, Quote: m.Text}, Confidence: confidenceName}); err != nil {
			return "", 0, err
		}
	}
	if e.Gazetteer != "" {
		if err := r.statement(ctx, &model.Statement{EntityID: id, Property: model.PropGazetteer, Value: e.Gazetteer, Span: r.spanOf(e.Name, e.Mentions), Confidence: 1}); err != nil {
			return "", 0, err
		}
	}
	return id, score, nil
}

// placeByGazetteer finds the entity that already stands for a gazetteer
// entry: the same entry is the same place, however it is spelled.
func (r *recorder) placeByGazetteer(ctx context.Context, typ model.EntityType, gid string) (string, error) {
	if gid == "" {
		return "", nil
	}
	k := store.TypedValue{Type: typ, Value: gid}
	i := r.looked
	r.looked++
	if !r.stated[textfold.Fold(gid)] && i < len(r.lookups) && r.lookups[i] == k && len(r.lookups) > 1 {
		id, ok := r.gazetteer[k]
		if !ok {
			if err := r.lookAhead(ctx, r.lookups[i:min(i+lookAheadGazetteer, len(r.lookups))]); err != nil {
				return "", err
			}
			id = r.gazetteer[k]
		}
		return id, nil
	}
	if err := r.flushForGazetteer(ctx, gid); err != nil {
		return "", err
	}
	return r.tx.EntityWith(ctx, typ, string(model.PropGazetteer), gid)
}

// lookAheadGazetteer bounds the gazetteer look-ups read ahead at once.
const lookAheadGazetteer = 200

// lookAhead reads the answers to the next gazetteer look-ups ks in one
// query (store.Tx.EntitiesWith), each what EntityWith would answer when
// its step comes, in this transaction: the ledger's lock is taken first
// (no other writer commits until the transaction does), what is held back
// that states one of them is written first, and an answer the recorder's
// own gazetteer statements may change after is not used (stated: it is
// read again).
func (r *recorder) lookAhead(ctx context.Context, ks []store.TypedValue) error {
	if err := r.tx.LockLedger(ctx); err != nil {
		return err
	}
	for _, k := range ks {
		if err := r.flushForGazetteer(ctx, k.Value); err != nil {
			return err
		}
	}
	got, err := r.tx.EntitiesWith(ctx, string(model.PropGazetteer), ks)
	if err != nil {
		return err
	}
	if r.gazetteer == nil {
		r.gazetteer = map[store.TypedValue]string{}
	}
	for k, id := range got {
		r.gazetteer[k] = id
	}
	return nil
}

// place resolves f and returns its entity and the link's score (1 for a
// new entity: the mention defines it).
func (r *recorder) place(ctx context.Context, f resolve.Found) (string, float64, error) {
	if err := r.flushBeforePlace(ctx); err != nil {
		return "", 0, err
	}
	p, err := r.b.Place(ctx, r.tx, f)
	if err != nil {
		return "", 0, err
	}
	switch {
	case p.Linked:
		r.stats.Linked++
	case p.Created:
		r.stats.Created++
	}
	if p.Proposed != "" {
		r.stats.Proposed++
	}
	r.remember(p.EntityID, f)
	if !p.Linked {
		return p.EntityID, 1, nil
	}
	return p.EntityID, p.Score, nil
}

func (r *recorder) remember(id string, f resolve.Found) {
	for _, n := range append(append([]string{f.Name}, f.Aliases...), f.Epithets...) {
		if n != "" {
			r.byName[n] = id
		}
	}
}

// mentions holds back each occurrence, linked to its entity with the link's
// score, to be stored with the rest of the transaction's in one call
// (flush): a constant number of statements for them all, not four per
// mention nor four per entity.
func (r *recorder) mentions(ctx context.Context, id string, score float64, typ model.EntityType, ms []extract.Mention) error {
	for _, m := range ms {
		if !r.validSpan(m.Start, m.End, m.Text) {
			return fmt.Errorf("mention %q at [%d,%d) does not match the source text", m.Text, m.Start, m.End)
		}
	}
	for _, m := range ms {
		r.pendingMentions = append(r.pendingMentions, &model.Mention{SourceID: r.src.ID, Span: model.Span{Start: m.Start, End: m.End, Quote: m.Text},
			Type: typ, Extractor: r.extractor, EntityID: id, Score: score})
	}
	return nil
}

// validSpan checks a span against the source text: offsets in code points,
// the quote exactly the text there.
func (r *recorder) validSpan(start, end int, quote string) bool {
	return start >= 0 && end >= start && end <= r.text.n && r.text.slice(start, end) == quote
}

// spanOf returns the span a value is quoted from: the mention whose text it
// is; else the value itself where the text writes it, nearest after the first
// mention (a rank, a post, a birthplace); else the first mention. The value
// is looked for within findWindow code points of the first mention, so that
// recording a long source stays linear in its length.
func (r *recorder) spanOf(value string, ms []extract.Mention) model.Span {
	for _, m := range ms {
		if m.Text == value {
			return model.Span{Start: m.Start, End: m.End, Quote: m.Text}
		}
	}
	from := 0
	if len(ms) > 0 {
		from = ms[0].Start
	}
	if start, ok := r.find(value, from, from+findWindow); ok {
		return model.Span{Start: start, End: start + len([]rune(value)), Quote: value}
	}
	if start, ok := r.find(value, max(from-findWindow, 0), from); ok {
		return model.Span{Start: start, End: start + len([]rune(value)), Quote: value}
	}
	if len(ms) > 0 {
		return model.Span{Start: ms[0].Start, End: ms[0].End, Quote: ms[0].Text}
	}
	return model.Span{}
}

// findWindow is how far from its entity's first mention a value is looked
// for in the text: farther than any article, and a bound on the work per
// statement in a source of many megabytes.
const findWindow = 20000

// find returns the code-point offset of the first occurrence of value in the
// source text that starts in [from, to).
func (r *recorder) find(value string, from, to int) (int, bool) {
	if value == "" || !utf8.ValidString(value) { // the text is valid UTF-8: never there
		return 0, false
	}
	i := max(from, 0)
	if i >= r.text.n {
		return 0, false
	}
	b := r.text.byteAt(i)
	for ; i < to && b < len(r.text.s); i++ {
		if r.text.s[b] == value[0] && strings.HasPrefix(r.text.s[b:], value) {
			return i, true
		}
		_, size := utf8.DecodeRuneInString(r.text.s[b:])
		b += size
	}
	return 0, false
}

func (r *recorder) statement(ctx context.Context, st *model.Statement) error {
	st.SourceID, st.Origin, st.Status = r.src.ID, r.origin, model.StatusProposed
	if st.Property == model.PropGazetteer && r.gazetteer != nil {
		if r.stated == nil {
			r.stated = map[string]bool{}
		}
		r.stated[textfold.Fold(st.Value)] = true
	}
	if r.again && r.reviewed == nil {
		some, err := r.tx.AnyReviewed(ctx, r.src.ID)
		if err != nil {
			return err
		}
		r.reviewed = &some
	}
	if r.again && *r.reviewed {
		start := -1
		if st.Span.End > 0 {
			start = st.Span.Start
		}
		if done, err := r.tx.HasReviewed(ctx, r.src.ID, string(st.Property), st.Value, start); err != nil || done {
			return err
		}
	}
	if st.Span.End > 0 && !r.validSpan(st.Span.Start, st.Span.End, st.Span.Quote) {
		return fmt.Errorf("statement %s=%q: span [%d,%d) does not match the source text", st.Property, st.Value, st.Span.Start, st.Span.End)
	}
	r.pending = append(r.pending, st)
	return nil
}

// event stores an event as an entity of type event: its type, date, place,
// participants with their roles and the organizations behind it, every
// statement carrying the event's quote and modality.
func (r *recorder) event(ctx context.Context, ev extract.Event) error {
	span := model.Span{Start: ev.Start, End: ev.End, Quote: ev.Quote}
	if !r.validSpan(span.Start, span.End, span.Quote) {
		return fmt.Errorf("quote at [%d,%d) does not match the source text", ev.Start, ev.End)
	}
	// Written with the statements (flush): nothing reads it before.
	e := &model.Entity{ID: store.NewID(), Type: model.TypeEvent}
	r.pendingEvents = append(r.pendingEvents, e)
	mod := model.Modality(ev.Modality)
	if mod == "" {
		mod = model.Asserted
	}
	add := func(st model.Statement) error {
		st.EntityID, st.Span, st.Modality = e.ID, span, mod
		if st.Confidence == 0 {
			st.Confidence = confidenceOther
		}
		return r.statement(ctx, &st)
	}
	if err := add(model.Statement{Property: model.PropEventType, Value: ev.Type}); err != nil {
		return err
	}
	if ev.Date != nil {
		d, err := model.ParseDate(*ev.Date)
		if err != nil {
			return err
		}
		st := model.Statement{Property: model.PropDate, Value: *ev.Date, DateStart: d}
		if ev.DateEnd != nil {
			end, err := model.ParseDate(*ev.DateEnd)
			if err != nil {
				return err
			}
			st.DateEnd = end // "from 2014 to 2018", "since 2011"
		}
		if err := add(st); err != nil {
			return err
		}
	}
	if ev.Where != nil && *ev.Where != "" {
		if err := add(model.Statement{Property: model.PropLocation, Value: *ev.Where, ValueEntity: r.byName[*ev.Where]}); err != nil {
			return err
		}
	}
	for _, w := range ev.Who {
		if err := add(model.Statement{Property: model.PropInvolved, Value: w.Name, ValueEntity: r.byName[w.Name], Role: model.ParticipantRole(w.Role)}); err != nil {
			return err
		}
	}
	for _, a := range ev.Agents {
		if err := add(model.Statement{Property: model.PropOrganizer, Value: a, ValueEntity: r.byName[a]}); err != nil {
			return err
		}
	}
	if ev.Count > 0 {
		if err := add(model.Statement{Property: model.PropNotes, Value: fmt.Sprintf("count: %d", ev.Count)}); err != nil {
			return err
		}
	}
	return nil
}
