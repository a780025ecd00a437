// Package casefiletest is test support for code that reads case files: a
// store seeded with one person's record in every state a case file tells
// apart — confirmed, proposed and rejected statements, a corrected event,
// an event whose part was rejected, sources of every sensitivity and a
// near-copy — and the viewers that read it differently.
package casefiletest

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Values the fixture stores. Those named secret must never reach a viewer
// below their level; RejectedAlias is a name a reviewer rejected, which no
// case file may show as a name.
const (
	Person        = "Ous Salloum"
	PersonAr      = "أوس سلوم"
	Facility      = "Sednaya Prison"
	MergedAlias   = "Abu Ali"
	RejectedAlias = "Rejected-Alias-Psi"
	ArrestText    = "Ous Salloum was arrested near Sednaya Prison."
	ReferralText  = "Ous Salloum was referred to the judiciary."

	InternalBirth  = "Internal-Birthplace-Jableh"     // internal
	RestrictedPost = "restricted-position-rho"        // restricted
	TrialQuote     = "restricted-trial-quote-sigma"   // restricted
	VictimName     = "Victim-Name-Upsilon"            // confidential
	WitnessName    = "Witness-Name-Omicron"           // confidential
	TortureQuote   = "confidential-quote-torture-phi" // confidential
)

// Fixture is what Seed stored.
type Fixture struct {
	// Sources are one source of each level; Wire and Copy are a public
	// article and its near-copy, Second another public article.
	Sources      map[model.Sensitivity]model.Source
	Wire, Copy   model.Source
	Second       model.Source
	Person       string // the person whose case file the fixture is
	Merged       string // an entity merged into the person
	Facility     string
	Victim       string // known from the confidential testimony alone
	Witness      string
	Arrest       string // confirmed, public
	Correction   string // an arrest whose type a reviewer corrected: confirmed
	Referral     string // unreviewed, public (the wire)
	Referral2    string // the same referral from the second article
	Trial        string // unreviewed, restricted
	Conviction   string // its type rejected
	Disowned     string // a torture allegation in which the person's part was rejected
	Torture      string // alleged, unreviewed, confidential
	Death        string // the victim's death in custody, confidential
	Testimony    string
	ProposedName string // the public proposed Arabic alias's statement
	RejectedName string // the rejected alias's statement
	Restricted   string // the restricted position's statement
	// Secrets are, by level, values that no viewer cleared below it may
	// see anywhere: names, quotes, titles, ids.
	Secrets map[model.Sensitivity][]string
}

// Hidden lists the secrets above clearance c.
func (f *Fixture) Hidden(c model.Sensitivity) []string {
	var out []string
	for l, vs := range f.Secrets {
		if l > c {
			out = append(out, vs...)
		}
	}
	sort.Strings(out)
	return out
}

// Reader is one kind of viewer of the fixture.
type Reader struct {
	Name   string // "public" for the anonymous public, else an account's name
	Role   model.Role
	Viewer access.Viewer
}

// Readers are the anonymous public and an account of every role, each of
// another clearance.
func Readers() []Reader {
	out := []Reader{{Name: "public", Viewer: access.Public()}}
	for _, a := range accesstest.Accounts {
		out = append(out, Reader{Name: a.Name, Role: a.Role, Viewer: accesstest.Viewer(a.Name)})
	}
	return out
}

// Expected is what a case file of the fixture's person must say to a
// reader: the case status confirmed and suggested, the unreviewed sources
// behind the suggestion, and each event's review state (events the reader
// may not see are absent).
type Expected struct {
	Confirmed, Suggested string
	Unreviewed           int
	Events               map[string]model.Status
}

// Expect is what the person's case file says to the reader named.
func (f *Fixture) Expect(reader string) Expected {
	ok, prop, rej := model.StatusConfirmed, model.StatusProposed, model.StatusRejected
	e := Expected{Confirmed: "arrested", Suggested: "arrested",
		Events: map[string]model.Status{f.Arrest: ok, f.Correction: ok}}
	if reader == "public" {
		return e
	}
	e.Suggested, e.Unreviewed = "referred", 2
	e.Events[f.Referral], e.Events[f.Referral2] = prop, prop
	e.Events[f.Conviction], e.Events[f.Disowned] = rej, rej
	if reader == "rania" || reader == "adel" {
		e.Suggested, e.Unreviewed = "tried", 1
		e.Events[f.Trial] = prop
	}
	if reader == "adel" {
		e.Events[f.Torture] = prop
	}
	return e
}

// Seed stores the fixture in st.
func Seed(t testing.TB, st *store.Store) *Fixture {
	t.Helper()
	ctx := context.Background()
	f := &Fixture{Sources: map[model.Sensitivity]model.Source{}, Secrets: map[model.Sensitivity][]string{}}
	now := time.Now().UTC().Truncate(time.Second)
	err := st.Write(ctx, "tester", func(tx *store.Tx) error {
		return seed(ctx, tx, f, now)
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func seed(ctx context.Context, tx *store.Tx, f *Fixture, now time.Time) error {
	docs := []struct {
		sens                   model.Sensitivity
		kind                   model.SourceKind
		lang, title, publisher string
		text                   string
	}{
		{model.Public, model.KindArticle, "en", "Guard arrested in Homs", "Public Wire",
			ArrestText + "\nHe was born in Al-Qabu. " + ReferralText},
		{model.Internal, model.KindStatement, "en", "Internal memo Kappa-7", "Memo Desk Lambda",
			"internal-body-marker-kappa: born in " + InternalBirth},
		{model.Restricted, model.KindDocument, "en", "Restricted roster Sigma-3", "Roster Office Tau",
			"restricted-body-marker-sigma lists " + RestrictedPost + ". " + TrialQuote},
		{model.Confidential, model.KindTestimony, "ar", "شهادة الناجي أوميغا", "منظمة التوثيق زيتا",
			"قال الشاهد إنه احتُجز في صيدنايا.\n" + TortureQuote + " " + VictimName + " " + WitnessName},
	}
	for i, d := range docs {
		src := model.Source{Kind: d.kind, Title: d.title, Publisher: d.publisher, URL: "https://" + d.sens.String() + ".example/doc",
			Language: d.lang, Text: d.text, Sensitivity: d.sens, Published: model.DayDate(2025, 1, 3+i), ContentType: "text/plain",
			Filename: "doc-" + d.sens.String() + ".txt", IngestedAt: now.Add(time.Duration(i-10) * time.Minute)}
		if err := tx.AddSource(ctx, &src, []byte("original bytes of "+d.title)); err != nil {
			return err
		}
		f.Sources[d.sens] = src
		if d.kind == model.KindTestimony {
			// The witness consented to use in court: the dossier cites it
			// (a testimony without consent is left out of it).
			if err := tx.SetConsent(ctx, src.ID, model.Consent{Court: true}); err != nil {
				return err
			}
		}
		if d.sens > model.Public {
			f.Secrets[d.sens] = append(f.Secrets[d.sens], src.ID, src.SHA256, d.title, d.publisher, src.URL)
		}
	}
	f.Wire = f.Sources[model.Public]
	f.Copy = model.Source{Kind: model.KindArticle, Title: "Guard arrested (syndicated)", Publisher: "Wire Two", Language: "en",
		Text: ArrestText, Sensitivity: model.Public, Published: model.DayDate(2025, 1, 4), IngestedAt: now.Add(-5 * time.Minute)}
	if err := tx.AddSource(ctx, &f.Copy, []byte("copy bytes")); err != nil {
		return err
	}
	if err := tx.SetDuplicate(ctx, f.Copy.ID, f.Wire.ID, 0.9); err != nil {
		return err
	}
	f.Copy.DuplicateOf = f.Wire.ID
	f.Second = model.Source{Kind: model.KindArticle, Title: "Second report on the guard", Publisher: "Second Paper", Language: "en",
		Text: "Ous Salloum was arrested in January. " + ReferralText + " Reports of his conviction were wrong.", Sensitivity: model.Public, Published: model.DayDate(2025, 2, 2),
		IngestedAt: now.Add(-4 * time.Minute)}
	if err := tx.AddSource(ctx, &f.Second, []byte("second bytes")); err != nil {
		return err
	}

	ent := func(typ model.EntityType) (string, error) {
		e, err := tx.AddEntity(ctx, typ)
		return e.ID, err
	}
	var err error
	for _, p := range []struct {
		id  *string
		typ model.EntityType
	}{
		{&f.Person, model.TypePerson}, {&f.Merged, model.TypePerson}, {&f.Facility, model.TypeFacility},
		{&f.Victim, model.TypePerson}, {&f.Witness, model.TypePerson},
		{&f.Arrest, model.TypeEvent}, {&f.Correction, model.TypeEvent}, {&f.Referral, model.TypeEvent},
		{&f.Referral2, model.TypeEvent}, {&f.Trial, model.TypeEvent}, {&f.Conviction, model.TypeEvent},
		{&f.Disowned, model.TypeEvent}, {&f.Torture, model.TypeEvent}, {&f.Death, model.TypeEvent}, {&f.Testimony, model.TypeEvent},
	} {
		if *p.id, err = ent(p.typ); err != nil {
			return err
		}
	}
	add := func(st model.Statement, status model.Status) (string, error) {
		if st.Origin == "" {
			st.Origin = "extracted:athar-en@test"
		}
		if err := tx.AddStatement(ctx, &st); err != nil {
			return "", err
		}
		if status != model.StatusProposed {
			if err := tx.Review(ctx, st.ID, status, "seeded"); err != nil {
				return "", err
			}
		}
		return st.ID, nil
	}
	span := func(src model.Source, quote string) model.Span {
		runes, q := []rune(src.Text), []rune(quote)
		for i := 0; i+len(q) <= len(runes); i++ {
			if string(runes[i:i+len(q)]) == quote {
				return model.Span{Start: i, End: i + len(q), Quote: quote}
			}
		}
		return model.Span{}
	}
	ok, prop, rej := model.StatusConfirmed, model.StatusProposed, model.StatusRejected
	pub, in, res, conf := f.Wire, f.Sources[model.Internal], f.Sources[model.Restricted], f.Sources[model.Confidential]
	type row struct {
		st     model.Statement
		status model.Status
		id     *string
	}
	var rows []row
	own := func(id string, prop model.Property, value string, src model.Source, status model.Status, into *string) {
		rows = append(rows, row{model.Statement{EntityID: id, Property: prop, Value: value, SourceID: src.ID, Span: span(src, value)}, status, into})
	}
	// The person: named by the wire and its copy (one independent source),
	// in Arabic by the wire (unreviewed); a rejected alias; two
	// birthplaces, one internal; a rank; a restricted post.
	own(f.Person, "name", Person, pub, ok, nil)
	own(f.Person, "name", Person, f.Copy, ok, nil)
	own(f.Person, "alias", PersonAr, pub, prop, &f.ProposedName)
	own(f.Person, "alias", RejectedAlias, f.Second, rej, &f.RejectedName)
	own(f.Person, "birthPlace", "Al-Qabu", pub, ok, nil)
	own(f.Person, "birthPlace", InternalBirth, in, prop, nil)
	own(f.Person, "title", "Col.", pub, prop, nil)
	own(f.Person, "position", RestrictedPost, res, prop, &f.Restricted)
	own(f.Merged, "alias", MergedAlias, pub, prop, nil)
	own(f.Facility, "name", Facility, pub, ok, nil)
	own(f.Victim, "name", VictimName, conf, prop, nil)
	own(f.Witness, "name", WitnessName, conf, ok, nil)
	event := func(id string, src model.Source, quote string, mod model.Modality, sts ...row) {
		for _, r := range sts {
			r.st.EntityID, r.st.SourceID, r.st.Span, r.st.Modality = id, src.ID, span(src, quote), mod
			if r.st.Span.Quote == "" {
				r.st.Span = model.Span{Start: 0, End: len([]rune(quote)), Quote: quote}
			}
			rows = append(rows, r)
		}
	}
	typ := func(t string, s model.Status) row {
		return row{st: model.Statement{Property: "eventType", Value: t}, status: s}
	}
	date := func(d model.Date, s model.Status) row {
		return row{st: model.Statement{Property: "date", Value: d.String(), DateStart: d}, status: s}
	}
	who := func(id, name string, role model.ParticipantRole, s model.Status) row {
		return row{st: model.Statement{Property: "involved", Value: name, ValueEntity: id, Role: role}, status: s}
	}
	at := row{st: model.Statement{Property: "location", Value: Facility, ValueEntity: f.Facility}, status: ok}
	day := model.DayDate
	event(f.Arrest, pub, ArrestText, model.Asserted, typ("arrest", ok), date(day(2025, 1, 2), ok), at, who(f.Person, Person, "subject", ok))
	// Read as an escape by the machine; a reviewer corrected it to an
	// arrest (the correction, a manual statement, confirmed).
	event(f.Correction, f.Second, "arrested", model.Asserted, typ("escape", rej), date(day(2025, 1, 2), ok), who(f.Person, Person, "subject", ok))
	event(f.Referral, pub, ReferralText, model.Asserted, typ("referral_to_judiciary", prop), date(day(2025, 2, 1), prop), who(f.Person, Person, "subject", prop))
	event(f.Referral2, f.Second, ReferralText, model.Asserted, typ("referral_to_judiciary", prop), date(day(2025, 2, 1), prop), who(f.Person, Person, "subject", prop))
	event(f.Trial, res, TrialQuote, model.Asserted, typ("trial", prop), date(day(2025, 5, 1), prop), who(f.Person, Person, "subject", prop))
	event(f.Conviction, f.Second, "Reports of his conviction were wrong.", model.Asserted, typ("conviction", rej), date(day(2025, 7, 1), prop), who(f.Person, Person, "subject", prop))
	event(f.Disowned, f.Second, "Reports of his conviction were wrong.", model.Alleged, typ("torture_allegation", prop), who(f.Person, Person, "perpetrator", rej))
	event(f.Torture, conf, TortureQuote, model.Alleged, typ("torture_allegation", prop), at,
		who(f.Person, Person, "perpetrator", prop), who(f.Victim, VictimName, "victim", prop))
	event(f.Testimony, conf, TortureQuote, model.Asserted, typ("testimony", prop), who(f.Witness, WitnessName, "witness", prop))
	event(f.Death, conf, TortureQuote, model.Asserted, typ("death_in_custody", prop),
		date(model.Date{Year: 2024, Month: 12, Precision: model.PrecisionMonth}, prop), who(f.Victim, VictimName, "victim", prop))
	for _, r := range rows {
		id, err := add(r.st, r.status)
		if err != nil {
			return err
		}
		if r.id != nil {
			*r.id = id
		}
	}
	correction := model.Statement{EntityID: f.Correction, Property: "eventType", Value: "arrest", SourceID: f.Second.ID,
		Span: span(f.Second, "arrested"), Origin: "manual", Modality: model.Asserted, Confidence: 1}
	if _, err := add(correction, ok); err != nil {
		return err
	}
	for _, m := range []struct {
		quote, id string
		typ       model.EntityType
	}{{Person, f.Person, model.TypePerson}, {Facility, f.Facility, model.TypeFacility}} {
		mn := model.Mention{SourceID: pub.ID, Span: span(pub, m.quote), Type: m.typ, Extractor: "athar-en@test", EntityID: m.id, Score: 1}
		if err := tx.AddMention(ctx, &mn); err != nil {
			return err
		}
	}
	if err := tx.SetMergedInto(ctx, f.Merged, f.Person); err != nil {
		return err
	}
	f.Secrets[model.Internal] = append(f.Secrets[model.Internal], InternalBirth, "internal-body-marker-kappa")
	f.Secrets[model.Restricted] = append(f.Secrets[model.Restricted], RestrictedPost, TrialQuote, f.Trial, f.Restricted,
		"restricted-body-marker-sigma")
	f.Secrets[model.Confidential] = append(f.Secrets[model.Confidential], VictimName, WitnessName, TortureQuote, f.Victim,
		f.Witness, f.Torture, f.Death, f.Testimony)
	return nil
}
