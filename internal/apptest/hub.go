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
	// Person makes the hub a person the events name as taking part
	// (involved) instead of a facility they happen at: the first of them
	// bear on the person's case status and fate (see PersonStory), the
	// rest are torture allegations against them, which do not.
	Person bool
}

// PersonStory are the parts a Person hub takes in its first events, in
// turn (type, role, review state): a case and a fate, some of it
// unreviewed, and a torture they are said to have committed (a perpetrator's
// part bears on the status whatever the event). Events past these are
// torture allegations in which the person is the perpetrator. Each event
// of a Person hub has a date statement.
var PersonStory = []struct {
	Type   model.EventType
	Role   model.ParticipantRole
	Status model.Status
}{
	{model.EventArrest, model.Subject, model.StatusConfirmed},
	{model.EventDetention, model.Victim, model.StatusConfirmed},
	{model.EventDisappearance, model.Victim, model.StatusProposed},
	{model.EventCharge, model.Subject, model.StatusConfirmed},
	{model.EventTrial, model.Subject, model.StatusProposed},
	{model.EventRelease, model.Victim, model.StatusConfirmed},
	{model.EventConviction, model.Subject, model.StatusProposed},
	{model.EventArrest, model.Subject, model.StatusProposed},
	{model.EventDeathInCustody, model.Victim, model.StatusProposed},
	{model.EventTortureAllegation, model.Perpetrator, model.StatusConfirmed},
	{model.EventReferral, model.Subject, model.StatusConfirmed},
	{model.EventAcquittal, model.Subject, model.StatusProposed},
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
		typ := model.TypeFacility
		if h.Person {
			typ = model.TypePerson
		}
		f, err := tx.AddEntity(ctx, typ)
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
			sts := []model.Statement{
				{Property: model.PropEventType, Value: "arrest"},
				{Property: model.PropLocation, Value: "Hub Prison Marker", ValueEntity: hub},
			}
			status := model.StatusConfirmed
			if h.Person {
				kind, role := model.EventTortureAllegation, model.Perpetrator
				if i < len(PersonStory) {
					kind, role, status = PersonStory[i].Type, PersonStory[i].Role, PersonStory[i].Status
				}
				sts = []model.Statement{
					{Property: model.PropEventType, Value: string(kind)},
					{Property: model.PropInvolved, Value: "Hub Prison Marker", ValueEntity: hub, Role: role},
					{Property: model.PropDate, Value: date.String()},
				}
			}
			for _, st := range sts {
				st.EntityID, st.SourceID, st.Origin, st.Status, st.DateStart, st.Sensitivity = ev.ID, s.ID, "manual", status, date, s.Sensitivity
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
