package apptest

import (
	"context"
	"fmt"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Hub says what SeedHub stores: a facility that more events name than a
// page lists, some of them from a public source and some from a
// confidential one only an account cleared for it may see.
type Hub struct {
	Public, Confidential int
	// Names is how many name statements give the facility's name (at least
	// one): more than one answer holds tests the API's paging of statements.
	Names int
	// SharedDates gives some events the same date (five years of dates
	// over and over), so that a walk must order ties; otherwise every event
	// has a date of its own.
	SharedDates bool
}

// SeedHub stores h and returns the facility's id and the ids of the events
// from the public and the confidential source.
func SeedHub(t testing.TB, st *store.Store, h Hub) (hub string, open, secret []string) {
	t.Helper()
	ctx := context.Background()
	src := func(sens model.Sensitivity) model.Source {
		text := fmt.Sprintf("A report on the hub prison, at level %s.", sens)
		s := model.Source{Kind: model.KindArticle, Title: "Hub report " + sens.String(), Text: text, Language: "en",
			Sensitivity: sens, Published: model.DayDate(2024, 1, 1)}
		if err := st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddSource(ctx, &s, []byte(text)) }); err != nil {
			t.Fatal(err)
		}
		return s
	}
	pub, conf := src(model.Public), src(model.Confidential)
	err := st.Write(ctx, "tester", func(tx *store.Tx) error {
		f, err := tx.AddEntity(ctx, model.TypeFacility)
		if err != nil {
			return err
		}
		hub = f.ID
		for range max(h.Names, 1) {
			if err := tx.AddStatement(ctx, &model.Statement{EntityID: hub, Property: model.PropName, Value: "Hub Prison Marker",
				SourceID: pub.ID, Origin: "manual", Status: model.StatusConfirmed}); err != nil {
				return err
			}
		}
		for i := range h.Public + h.Confidential {
			s := pub
			if i >= h.Public {
				s = conf
			}
			ev, err := tx.AddEntity(ctx, model.TypeEvent)
			if err != nil {
				return err
			}
			date := model.DayDate(2010+i/84, 1+i%12, 1+i%28)
			if h.SharedDates {
				date = model.DayDate(2010+i%5, 1+i%12, 1+i%28)
			}
			for _, st := range []model.Statement{
				{Property: model.PropEventType, Value: "arrest"},
				{Property: model.PropLocation, Value: "Hub Prison Marker", ValueEntity: hub},
			} {
				st.EntityID, st.SourceID, st.Origin, st.Status, st.DateStart, st.Sensitivity = ev.ID, s.ID, "manual", model.StatusConfirmed, date, s.Sensitivity
				if err := tx.AddStatement(ctx, &st); err != nil {
					return err
				}
			}
			if s.ID == pub.ID {
				open = append(open, ev.ID)
			} else {
				secret = append(secret, ev.ID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hub, open, secret
}
