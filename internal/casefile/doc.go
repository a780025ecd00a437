package casefile

import (
	"slices"

	"github.com/athar-project/athar/internal/model"
)

// Doc is a case file as data for scripts: what `athar case ID --json`
// prints and GET /api/v1/entities/{id}/case returns (CONTRACTS.md, "The
// case file and review"). The contract's fields come first; the rest add to
// it.
type Doc struct {
	ID      string     `json:"id"`
	Type    string     `json:"type" enum:"person,organization,facility,place,event"`
	Caption string     `json:"caption" doc:"The strongest name the caller may see (for an event, its type); empty when none."`
	Names   []string   `json:"names" doc:"Every name, alias and epithet the caller may see, in every script, strongest first."`
	Status  StatusDoc  `json:"status" doc:"A person's case status; both null for other entities."`
	Fate    FateDoc    `json:"fate" doc:"A victim's fate; both null for other entities."`
	Events  []EventDoc `json:"events" doc:"The events it takes part in, one per event entity, by date (unknown last); rejected ones too. Of a hub (in more than 200 events), the latest page of them (events_total)."`

	MergedFrom []string      `json:"merged_from" doc:"Entities merged into it; their statements are included."`
	NameClaims []ClaimDoc    `json:"name_claims" doc:"Its names and aliases (then epithets), each with its sources and review state."`
	Facts      []FactDoc     `json:"facts" doc:"Its other properties, each with every value sources give."`
	Conflicts  []ConflictDoc `json:"conflicts" doc:"Where sources disagree: a property with one true value given several, a kind of event given several dates."`
	Ties       []TieDoc      `json:"ties" doc:"Entities tied to it through its events and the chain of command."`
	Proposed   int           `json:"proposed" doc:"Its own statements awaiting review."`
	Rejected   int           `json:"rejected" doc:"Its own statements a reviewer rejected (not in the claims)."`

	// A hub's case file is read bounded (Options.BoundHubs): these say
	// what it left out. An ordinary entity's has none of them.
	EventsTotal      int     `json:"events_total,omitempty" doc:"Of a hub: how many events it takes part in when more than events lists, counted up to 1000."`
	EventsMore       bool    `json:"events_more,omitempty" doc:"Of a hub: more events than events_total."`
	EventsNextCursor *string `json:"events_next_cursor,omitempty" doc:"Of a hub: where the page of its timeline before the events listed starts (GET /api/v1/entities/{id}/events?cursor=)."`
	StatusPartial    bool    `json:"status_partial,omitempty" doc:"Of a hub person: more than 500 events bear on the case status and fate, which were read from 500 of them."`
}

// StatusDoc is a person's case status, confirmed and suggested.
type StatusDoc struct {
	Confirmed *string `json:"confirmed" nullable:"true" doc:"wanted, arrested, referred, charged, tried, convicted or acquitted: the furthest step confirmed events reach; null when none."`
	Suggested *string `json:"suggested" nullable:"true" doc:"The same step as every event the caller may see suggests, unreviewed ones included; null when none."`

	ConfirmedDate *string `json:"confirmed_date" nullable:"true" doc:"When the confirmed step was reached: YYYY-MM-DD, YYYY-MM or YYYY; null when unknown."`
	SuggestedDate *string `json:"suggested_date" nullable:"true" doc:"When the suggested step was reached, as far as known."`
	Unreviewed    int     `json:"suggested_unreviewed_sources" doc:"Independent sources of the unreviewed events the suggestion rests on."`
}

// FateDoc is a victim's fate, confirmed and suggested.
type FateDoc struct {
	Confirmed *string `json:"confirmed" nullable:"true" doc:"detained, disappeared, died_in_custody or released, from confirmed events only; null when none."`
	Suggested *string `json:"suggested" nullable:"true" doc:"The same from every event the caller may see; null when none."`

	ConfirmedDate *string `json:"confirmed_date" nullable:"true"`
	SuggestedDate *string `json:"suggested_date" nullable:"true"`
	Unreviewed    int     `json:"suggested_unreviewed_sources"`
}

// EventDoc is one event entity as the case file reads it.
type EventDoc struct {
	ID          string      `json:"id"`
	Type        *string     `json:"type" nullable:"true" doc:"arrest, trial, torture_allegation, …; null when the caller may see no type."`
	Role        *string     `json:"role" nullable:"true" doc:"This entity's part in it: subject, perpetrator, victim, agent or witness; null for a place's or an organizer's part, or none given."`
	Date        *string     `json:"date" nullable:"true" doc:"YYYY-MM-DD, YYYY-MM or YYYY; null when unknown."`
	Modality    string      `json:"modality" enum:"asserted,alleged,denied" doc:"How its sources report it."`
	Review      string      `json:"review" enum:"confirmed,proposed,rejected" doc:"confirmed when the statements that make it (its type and this entity's part) are all confirmed, rejected when one is (and no correction stands in its place), else proposed."`
	Statements  []string    `json:"statements" doc:"Ids of every statement of it the caller may see, rejected ones too."`
	Sources     []string    `json:"sources" doc:"Ids of their sources."`
	Places      []EntityDoc `json:"places" doc:"Where it happened."`
	Independent int         `json:"independent_sources" doc:"Independent sources behind what of it stands (near-copies count once)."`
}

// EntityDoc names an entity.
type EntityDoc struct {
	ID      string `json:"id,omitempty" doc:"The entity, when the value is linked to one."`
	Caption string `json:"caption"`
}

// ClaimDoc is one value with what stands behind it.
type ClaimDoc struct {
	Value       string   `json:"value"`
	Entity      string   `json:"entity,omitempty" doc:"The entity the value links to, if any."`
	Script      string   `json:"script,omitempty" enum:"latin,arabic" doc:"For names: the script it is written in."`
	Latin       string   `json:"latin,omitempty" doc:"Machine transliteration of an Arabic-only value."`
	Review      string   `json:"review" enum:"confirmed,proposed" doc:"confirmed when a reviewer confirmed one of its statements."`
	Alleged     bool     `json:"alleged" doc:"Some source only alleges it."`
	Denied      bool     `json:"denied" doc:"Some source reports a denial."`
	Manual      bool     `json:"manual" doc:"A person entered it with no source."`
	Independent int      `json:"independent_sources"`
	Statements  []string `json:"statements" doc:"Ids of its statements the case file read (all of them, unless it was read bounded as a page reads it)."`
	Sources     []string `json:"sources" doc:"Ids of their sources."`
}

// FactDoc is one property with every value sources give it.
type FactDoc struct {
	Property string     `json:"property"`
	Disagree bool       `json:"disagree" doc:"A property with one true value given several."`
	Claims   []ClaimDoc `json:"claims"`
}

// ConflictDoc is one disagreement between sources.
type ConflictDoc struct {
	Kind   string   `json:"kind" enum:"fact,event_date" doc:"fact: a property with one true value given several; event_date: a kind of event given several dates."`
	About  string   `json:"about" doc:"The property, or the event type."`
	Values []string `json:"values" doc:"The values, or the dates, sources give."`
	Events []string `json:"events,omitempty" doc:"For event_date: the event entities."`
}

// TieDoc is an entity tied to this one.
type TieDoc struct {
	ID      string   `json:"id"`
	Type    string   `json:"type"`
	Caption string   `json:"caption"`
	As      string   `json:"as" enum:"victim,perpetrator,linked,superior,subordinate,place,organization" doc:"How it is tied: a victim of this person's acts (or at this place), a perpetrator, another participant, in the chain of command, or where and by whom its events happened."`
	Roles   []string `json:"roles" doc:"Its roles in the shared events."`
}

// Doc is the case file as data for scripts.
func (f *File) Doc() Doc {
	d := Doc{ID: f.Ref.ID, Type: string(f.Ref.Type), Caption: f.Ref.Caption, Names: f.Names(),
		Status:     StatusDoc{Confirmed: str(f.Case.Confirmed.Value), Suggested: str(f.Case.Suggested.Value), ConfirmedDate: date(f.Case.Confirmed.Date), SuggestedDate: date(f.Case.Suggested.Date), Unreviewed: f.Case.Suggested.Unreviewed},
		Fate:       FateDoc{Confirmed: str(f.Fate.Confirmed.Value), Suggested: str(f.Fate.Suggested.Value), ConfirmedDate: date(f.Fate.Confirmed.Date), SuggestedDate: date(f.Fate.Suggested.Date), Unreviewed: f.Fate.Suggested.Unreviewed},
		Events:     []EventDoc{},
		MergedFrom: append([]string{}, f.Merged...), NameClaims: []ClaimDoc{}, Facts: []FactDoc{}, Conflicts: []ConflictDoc{},
		Ties: []TieDoc{}, Proposed: f.Proposed, Rejected: f.Rejected,
		EventsTotal: f.TimelineTotal, EventsMore: f.TimelineMore, StatusPartial: f.StatusPartial}
	if d.Type == string(model.TypeEvent) && f.Event != nil && d.Caption == "" {
		d.Caption = string(f.Event.Type)
	}
	// A claim names the sources its footnotes cite: those the caller may see.
	cited := map[string]bool{}
	for _, n := range f.Notes {
		cited[n.Source.ID] = true
	}
	for _, ev := range f.Events {
		d.Events = append(d.Events, eventDoc(ev))
	}
	for _, c := range f.NamesLatin {
		d.NameClaims = append(d.NameClaims, claimDoc(c, "latin", cited))
	}
	for _, c := range f.NamesArabic {
		d.NameClaims = append(d.NameClaims, claimDoc(c, "arabic", cited))
	}
	for _, c := range f.Epithets {
		script := "latin"
		if c.Arabic() {
			script = "arabic"
		}
		d.NameClaims = append(d.NameClaims, claimDoc(c, script, cited))
	}
	for _, fact := range f.Facts {
		fd := FactDoc{Property: string(fact.Property), Disagree: fact.Disagree, Claims: []ClaimDoc{}}
		var values []string
		for _, c := range fact.Claims {
			fd.Claims = append(fd.Claims, claimDoc(c, "", cited))
			values = append(values, valueOf(c))
		}
		d.Facts = append(d.Facts, fd)
		if fact.Disagree {
			d.Conflicts = append(d.Conflicts, ConflictDoc{Kind: "fact", About: string(fact.Property), Values: values})
		}
	}
	for _, dis := range f.Disagreements {
		c := ConflictDoc{Kind: "event_date", About: string(dis.Type), Values: []string{}}
		for _, ev := range dis.Events {
			c.Values = append(c.Values, ev.Date.String())
			c.Events = append(c.Events, ev.IDs...)
		}
		d.Conflicts = append(d.Conflicts, c)
	}
	tie := func(as string, ls []Linked) {
		for _, l := range ls {
			roles := []string{}
			for _, r := range l.Roles {
				roles = append(roles, string(r))
			}
			d.Ties = append(d.Ties, TieDoc{ID: l.Ref.ID, Type: string(l.Ref.Type), Caption: l.Ref.Caption, As: as, Roles: roles})
		}
	}
	tie("victim", f.Victims)
	tie("perpetrator", f.Perpetrators)
	tie("linked", f.Linked)
	for _, c := range f.Superiors {
		if c.Ref != nil {
			d.Ties = append(d.Ties, TieDoc{ID: c.Ref.ID, Type: string(c.Ref.Type), Caption: c.Ref.Caption, As: "superior", Roles: []string{}})
		}
	}
	tie("subordinate", f.Subordinates)
	for _, r := range f.Places {
		d.Ties = append(d.Ties, TieDoc{ID: r.ID, Type: string(r.Type), Caption: r.Caption, As: "place", Roles: []string{}})
	}
	for _, r := range f.Organizations {
		d.Ties = append(d.Ties, TieDoc{ID: r.ID, Type: string(r.Type), Caption: r.Caption, As: "organization", Roles: []string{}})
	}
	return d
}

func eventDoc(ev Event) EventDoc {
	e := EventDoc{ID: ev.ID, Type: str(string(ev.Type)), Role: str(string(ev.Role)), Date: date(ev.Date), Modality: string(Modality(ev)),
		Review: string(ev.Status), Statements: append([]string{}, ev.StatementIDs...), Sources: append([]string{}, ev.SourceIDs...),
		Places: []EntityDoc{}, Independent: ev.Independent}
	for _, c := range ev.Location {
		p := EntityDoc{Caption: c.Value}
		if c.Ref != nil {
			p.ID = c.Ref.ID
			if c.Ref.Caption != "" {
				p.Caption = c.Ref.Caption
			}
		}
		e.Places = append(e.Places, p)
	}
	return e
}

// Modality is how an event's sources report it: asserted when one asserts
// it, else alleged when one alleges it, else denied.
func Modality(ev Event) model.Modality {
	alleged, denied := false, false
	for _, st := range ev.Statements {
		switch st.Modality {
		case model.Alleged:
			alleged = true
		case model.Denied:
			denied = true
		default:
			return model.Asserted
		}
	}
	switch {
	case alleged:
		return model.Alleged
	case denied:
		return model.Denied
	}
	return model.Asserted
}

func claimDoc(c Claim, script string, cited map[string]bool) ClaimDoc {
	d := ClaimDoc{Value: c.Value, Script: script, Latin: c.Latin, Review: string(c.Status), Alleged: c.Alleged,
		Denied: c.Denied, Manual: c.Manual, Independent: c.Independent, Statements: []string{}, Sources: []string{}}
	if c.Ref != nil {
		d.Entity = c.Ref.ID
	}
	for _, st := range c.Statements {
		d.Statements = append(d.Statements, st.ID)
		if st.SourceID != "" && cited[st.SourceID] && !slices.Contains(d.Sources, st.SourceID) {
			d.Sources = append(d.Sources, st.SourceID)
		}
	}
	return d
}

// valueOf is a claim's value as text: a linked entity's caption when the
// statement gives no text of its own.
func valueOf(c Claim) string {
	if c.Value == "" && c.Ref != nil {
		return c.Ref.Caption
	}
	return c.Value
}

func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func date(d model.Date) *string {
	if d.IsZero() {
		return nil
	}
	return str(d.String())
}
