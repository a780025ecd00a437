package apptest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// A case read from many sources, as the pipeline leaves it: every
// statement proposed, each source's reading of the same arrest its own
// event entity. The texts are the project's own, written for these tests
// (no real person, no real report).

// CaseSources are the sources of the case study: each names Samir Khoury
// and his arrest on 14 March 2019; two allege torture in custody; one gives
// a wrong alias.
var CaseSources = []struct {
	Title, Language, Text string
}{
	{"Lawyer detained in Damascus", "en", "Security forces arrested Samir Khoury on 14 March 2019 in Damascus. The lawyer had represented detainees for a decade."},
	{"Rights group names detained lawyer", "en", "The group said Samir Khoury was arrested on 14 March 2019 at his office in Damascus.\nHis family has not heard from him since."},
	{"Family appeal", "en", "His brother told us that Samir Khoury was arrested on 14 March 2019. Former detainees say Samir Khoury was tortured in Sednaya."},
	{"Weekly detention roundup", "en", "Among those arrested this month: Samir Khoury, detained on 14 March 2019 in Damascus, also known as Abu Fadi."},
	{"Testimony summary", "en", "A released detainee alleged that Samir Khoury was tortured during interrogation. He said Samir Khoury was arrested on 14 March 2019."},
	{"بيان حول اعتقال محامٍ", "ar", "اعتقلت قوات الأمن المحامي سمير خوري في دمشق يوم 14 آذار 2019."},
}

// Case is the case study as seeded.
type Case struct {
	Person  string   // Samir Khoury
	Place   string   // Damascus, a gazetteer place
	Sources []string // in CaseSources' order
	// Arrests are the arrest event entities, one per source; Tortures the
	// alleged torture events.
	Arrests, Tortures []string
	// Names are the name statements of the person (one per source);
	// WrongAlias the alias one source gives wrongly ("Abu Fadi").
	Names      []string
	WrongAlias string
}

// SeedCase writes the case study into st as the extractor would: proposed
// statements with spans into each source's text.
func SeedCase(t testing.TB, st *store.Store) Case {
	t.Helper()
	return SeedCaseN(t, st, len(CaseSources))
}

// SeedCaseN is SeedCase with n sources: CaseSources in turn, each repeat
// a source of its own (a later edition of the same report).
func SeedCaseN(t testing.TB, st *store.Store, n int) Case {
	t.Helper()
	ctx := context.Background()
	var c Case
	err := st.Write(ctx, "extractor", func(tx *store.Tx) error {
		person, err := tx.AddEntity(ctx, model.TypePerson)
		if err != nil {
			return err
		}
		place, err := tx.AddEntity(ctx, model.TypePlace)
		if err != nil {
			return err
		}
		c.Person, c.Place = person.ID, place.ID
		for i := range n {
			s := CaseSources[i%len(CaseSources)]
			title := s.Title
			if i >= len(CaseSources) {
				title = fmt.Sprintf("%s (edition %d)", s.Title, i/len(CaseSources)+1)
			}
			src := model.Source{Kind: model.KindArticle, Title: title, Language: s.Language, Text: s.Text,
				Sensitivity: model.Public, Published: model.DayDate(2019, 3, 15+i%15)}
			if err := tx.AddSource(ctx, &src, []byte("case study source "+fmt.Sprint(i))); err != nil {
				return err
			}
			c.Sources = append(c.Sources, src.ID)
			name, arrested, city, date := "Samir Khoury", "arrested", "Damascus", "14 March 2019"
			if s.Language == "ar" {
				name, arrested, city, date = "سمير خوري", "اعتقلت", "دمشق", "14 آذار 2019"
			}
			add := func(entity string, p model.Property, value, valueEntity, quote string, role string, mod model.Modality) (string, error) {
				stmt := model.Statement{EntityID: entity, Property: p, Value: value, ValueEntity: valueEntity, SourceID: src.ID,
					Span: span(s.Text, quote), Confidence: 0.8, Origin: "extracted:test", Modality: mod, Role: model.ParticipantRole(role)}
				if p == model.PropDate {
					stmt.DateStart = model.DayDate(2019, 3, 14)
				}
				err := tx.AddStatement(ctx, &stmt)
				return stmt.ID, err
			}
			id, err := add(person.ID, model.PropName, name, "", name, "", model.Asserted)
			if err != nil {
				return err
			}
			c.Names = append(c.Names, id)
			if strings.Contains(s.Text, city) {
				if _, err := add(place.ID, model.PropName, city, "", city, "", model.Asserted); err != nil {
					return err
				}
				if _, err := add(place.ID, model.PropGazetteer, "geonames:170654", "", city, "", model.Asserted); err != nil {
					return err
				}
			}
			ev, err := tx.AddEntity(ctx, model.TypeEvent)
			if err != nil {
				return err
			}
			c.Arrests = append(c.Arrests, ev.ID)
			if _, err := add(ev.ID, model.PropEventType, string(model.EventArrest), "", arrested, "", model.Asserted); err != nil {
				return err
			}
			if _, err := add(ev.ID, model.PropDate, "2019-03-14", "", date, "", model.Asserted); err != nil {
				return err
			}
			if _, err := add(ev.ID, model.PropInvolved, name, person.ID, name, string(model.Subject), model.Asserted); err != nil {
				return err
			}
			if strings.Contains(s.Text, "tortured") {
				tv, err := tx.AddEntity(ctx, model.TypeEvent)
				if err != nil {
					return err
				}
				c.Tortures = append(c.Tortures, tv.ID)
				if _, err := add(tv.ID, model.PropEventType, string(model.EventTortureAllegation), "", "tortured", "", model.Alleged); err != nil {
					return err
				}
				if _, err := add(tv.ID, model.PropInvolved, name, person.ID, name, string(model.Victim), model.Alleged); err != nil {
					return err
				}
			}
			if strings.Contains(s.Text, "Abu Fadi") {
				if c.WrongAlias, err = add(person.ID, model.PropAlias, "Abu Fadi", "", "Abu Fadi", "", model.Asserted); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// span is the span of quote's first occurrence in text, in code points.
func span(text, quote string) model.Span {
	i := strings.Index(text, quote)
	if i < 0 {
		return model.Span{Quote: quote}
	}
	start := len([]rune(text[:i]))
	return model.Span{Start: start, End: start + len([]rune(quote)), Quote: quote}
}
