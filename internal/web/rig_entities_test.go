package web

import (
	"context"
	"time"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// fixture is what seedEntities stored: a person with names in both
// scripts, disagreeing birthplaces, an arrest, an alleged torture told in a
// confidential testimony that names a witness and a victim, a facility, a
// near-copy, and merge proposals.
type fixture struct {
	person, facility, witness, victim, twin, hidden, merged string
	arrest, torture                                         string
	wire, copy                                              model.Source // a public article and its public near-copy
	proposed                                                string       // a public proposed statement of the person
	confidentialStmt                                        string       // the witness's name
	restrictedStmt                                          string
	openProposal, hiddenProposal                            string
}

// Values that must never reach a viewer below their level.
const (
	witnessName     = "Witness-Name-Omicron"       // confidential
	victimName      = "Victim-Name-Upsilon"        // confidential
	restrictedRole  = "restricted-position-rho"    // restricted
	internalBirth   = "Internal-Birthplace-Jableh" // internal
	hiddenTwinName  = "Confidential-Twin-Chi"      // confidential
	storedReason    = "stored-reason-marker-tau"   // in a proposal's stored reasons (full clearance only)
	tortureQuote    = "confidential-quote-torture-phi"
	publicPerson    = "Ous Salloum"
	publicPersonAr  = "أوس سلوم"
	publicTwin      = "Aws Saloum"
	publicFacility  = "Sednaya Prison"
	watchNote       = "watch-note-marker-eta"   // an internal watch-list entry's note
	watchSecretNote = "watch-note-marker-theta" // a confidential one's
	publicArrestTxt = "Ous Salloum was arrested near Sednaya Prison."
)

func (r *rig) seedEntities(ctx context.Context) {
	t := r.t
	f := &r.fx
	err := r.st.Write(ctx, "tester", func(tx *store.Tx) error {
		// A public article, and a public near-copy of it.
		f.wire = model.Source{Kind: model.KindArticle, Title: "Arrest in Homs", Publisher: "Wire One", Language: "en",
			Text: publicArrestTxt + "\nHe was born in Al-Qabu.", Sensitivity: model.Public, Published: model.DayDate(2025, 1, 3),
			IngestedAt: r.clock.Now().Add(-2 * time.Hour)}
		if err := tx.AddSource(ctx, &f.wire, []byte("wire bytes")); err != nil {
			return err
		}
		f.copy = model.Source{Kind: model.KindArticle, Title: "Arrest in Homs (syndicated)", Publisher: "Wire Two", Language: "en",
			Text: publicArrestTxt, Sensitivity: model.Public, IngestedAt: r.clock.Now().Add(-90 * time.Minute)}
		if err := tx.AddSource(ctx, &f.copy, []byte("copy bytes")); err != nil {
			return err
		}
		if err := tx.SetDuplicate(ctx, f.copy.ID, f.wire.ID, 0.9); err != nil {
			return err
		}
		f.copy.DuplicateOf = f.wire.ID
		public, internal := r.sources[model.Public].src, r.sources[model.Internal].src
		restricted, confidential := r.sources[model.Restricted].src, r.sources[model.Confidential].src

		ent := func(typ model.EntityType) string {
			e, err := tx.AddEntity(ctx, typ)
			if err != nil {
				panic(err)
			}
			return e.ID
		}
		f.person, f.facility, f.witness, f.victim = ent(model.TypePerson), ent(model.TypeFacility), ent(model.TypePerson), ent(model.TypePerson)
		f.twin, f.hidden, f.merged = ent(model.TypePerson), ent(model.TypePerson), ent(model.TypePerson)
		f.arrest, f.torture = ent(model.TypeEvent), ent(model.TypeEvent)
		testimony := ent(model.TypeEvent)
		death := ent(model.TypeEvent)

		add := func(st model.Statement, status model.Status) string {
			if st.Origin == "" {
				st.Origin = "extracted:athar-en@test"
			}
			st.Status = status
			if err := tx.AddStatement(ctx, &st); err != nil {
				panic(err)
			}
			return st.ID
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
		ok, prop := model.StatusConfirmed, model.StatusProposed
		// The person: named by the article and its copy (one independent
		// source), in Arabic by the public source, born in two places.
		add(model.Statement{EntityID: f.person, Property: "name", Value: publicPerson, SourceID: f.wire.ID, Span: span(f.wire, publicPerson)}, ok)
		add(model.Statement{EntityID: f.person, Property: "name", Value: publicPerson, SourceID: f.copy.ID, Span: span(f.copy, publicPerson)}, ok)
		f.proposed = add(model.Statement{EntityID: f.person, Property: "alias", Value: publicPersonAr, SourceID: public.ID}, prop)
		add(model.Statement{EntityID: f.person, Property: "birthPlace", Value: "Al-Qabu", SourceID: f.wire.ID, Span: span(f.wire, "Al-Qabu")}, ok)
		add(model.Statement{EntityID: f.person, Property: "birthPlace", Value: internalBirth, SourceID: internal.ID}, prop)
		add(model.Statement{EntityID: f.person, Property: "title", Value: "Col.", SourceID: public.ID}, prop)
		f.restrictedStmt = add(model.Statement{EntityID: f.person, Property: "position", Value: restrictedRole, SourceID: restricted.ID}, prop)
		add(model.Statement{EntityID: f.facility, Property: "name", Value: publicFacility, SourceID: f.wire.ID, Span: span(f.wire, publicFacility)}, ok)

		// The arrest, public, at the facility.
		q := span(f.wire, publicArrestTxt)
		for _, st := range []model.Statement{
			{Property: "eventType", Value: "arrest"},
			{Property: "date", Value: "2025-01-02", DateStart: model.DayDate(2025, 1, 2)},
			{Property: "location", Value: publicFacility, ValueEntity: f.facility},
			{Property: "involved", Value: publicPerson, ValueEntity: f.person, Role: "subject"},
		} {
			st.EntityID, st.SourceID, st.Span, st.Modality = f.arrest, f.wire.ID, q, model.Asserted
			add(st, ok)
		}
		// The confidential testimony: a witness, a victim, an alleged torture.
		f.confidentialStmt = add(model.Statement{EntityID: f.witness, Property: "name", Value: witnessName, SourceID: confidential.ID}, ok)
		add(model.Statement{EntityID: f.victim, Property: "name", Value: victimName, SourceID: confidential.ID}, prop)
		for _, st := range []model.Statement{
			{Property: "eventType", Value: "torture_allegation"},
			{Property: "location", Value: publicFacility, ValueEntity: f.facility},
			{Property: "involved", Value: publicPerson, ValueEntity: f.person, Role: "perpetrator"},
			{Property: "involved", Value: victimName, ValueEntity: f.victim, Role: "victim"},
		} {
			st.EntityID, st.SourceID, st.Span, st.Modality = f.torture, confidential.ID, model.Span{Start: 0, End: 3, Quote: tortureQuote}, model.Alleged
			add(st, prop)
		}
		for _, st := range []model.Statement{
			{Property: "eventType", Value: "testimony"},
			{Property: "involved", Value: witnessName, ValueEntity: f.witness, Role: "witness"},
		} {
			st.EntityID, st.SourceID, st.Modality = testimony, confidential.ID, model.Asserted
			add(st, prop)
		}
		for _, st := range []model.Statement{
			{Property: "eventType", Value: "death_in_custody"},
			{Property: "date", Value: "2024-12", DateStart: model.Date{Year: 2024, Month: 12, Precision: model.PrecisionMonth}},
			{Property: "involved", Value: victimName, ValueEntity: f.victim, Role: "victim"},
		} {
			st.EntityID, st.SourceID, st.Modality = death, confidential.ID, model.Asserted
			add(st, prop)
		}
		// Mentions on the public article.
		for _, m := range []struct{ quote, id string }{{publicPerson, f.person}, {publicFacility, f.facility}} {
			mn := model.Mention{SourceID: f.wire.ID, Span: span(f.wire, m.quote), Type: model.TypePerson, Extractor: "athar-en@test", EntityID: m.id, Score: 1}
			if m.id == f.facility {
				mn.Type = model.TypeFacility
			}
			if err := tx.AddMention(ctx, &mn); err != nil {
				return err
			}
		}
		// A twin the matcher was unsure of (public), one whose only name is
		// confidential, and one merged into the person.
		add(model.Statement{EntityID: f.twin, Property: "name", Value: publicTwin, SourceID: public.ID}, prop)
		add(model.Statement{EntityID: f.hidden, Property: "name", Value: hiddenTwinName, SourceID: confidential.ID}, prop)
		add(model.Statement{EntityID: f.merged, Property: "alias", Value: "Abu Ali", SourceID: f.wire.ID}, prop)
		mm := model.Mention{SourceID: f.wire.ID, Span: model.Span{Start: 0, End: 3, Quote: "Ous"}, Type: model.TypePerson, Extractor: "athar-en@test", EntityID: f.merged, Score: 1}
		if err := tx.AddMention(ctx, &mm); err != nil {
			return err
		}
		if err := tx.SetMergedInto(ctx, f.merged, f.person); err != nil {
			return err
		}
		p1 := store.MergeProposal{EntityA: f.person, EntityB: f.twin, Score: 0.8, Reasons: []string{storedReason, "given name agrees: Ous ~ Aws"}}
		if _, err := tx.ProposeMerge(ctx, &p1); err != nil {
			return err
		}
		p2 := store.MergeProposal{EntityA: f.person, EntityB: f.hidden, Score: 0.75, Reasons: []string{"family name agrees: " + hiddenTwinName}}
		if _, err := tx.ProposeMerge(ctx, &p2); err != nil {
			return err
		}
		f.openProposal, f.hiddenProposal = p1.ID, p2.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r.extra = map[model.Sensitivity][]string{
		model.Internal:     {internalBirth},
		model.Restricted:   {restrictedRole},
		model.Confidential: {witnessName, victimName, hiddenTwinName, storedReason, tortureQuote},
	}
}
