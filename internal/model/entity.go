package model

import (
	"fmt"
	"time"
)

// EntityType says what an entity is.
type EntityType string

// The entity types.
const (
	TypePerson       EntityType = "person"
	TypeOrganization EntityType = "organization"
	TypeFacility     EntityType = "facility"
	TypePlace        EntityType = "place"
	TypeEvent        EntityType = "event"
)

// EntityTypes lists every type.
func EntityTypes() []EntityType {
	return []EntityType{TypePerson, TypeOrganization, TypeFacility, TypePlace, TypeEvent}
}

// ParseEntityType checks a type's name.
func ParseEntityType(s string) (EntityType, error) {
	for _, t := range EntityTypes() {
		if string(t) == s {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown entity type %q (want person, organization, facility, place or event)", s)
}

// Entity is a person, organization, facility, place or event. What it is
// said to be lives in its statements; an entity row only names its type and,
// after a merge, the entity it was merged into.
type Entity struct {
	ID         string
	Type       EntityType
	MergedInto string // "" unless merged
	CreatedAt  time.Time
	CreatedBy  string
}

// Status is a statement's review state.
type Status string

// Review states.
const (
	StatusProposed  Status = "proposed"
	StatusConfirmed Status = "confirmed"
	StatusRejected  Status = "rejected"
)

// Modality is how a source reports an event.
type Modality string

// Modalities.
const (
	Asserted Modality = "asserted"
	Alleged  Modality = "alleged"
	Denied   Modality = "denied"
)

// Span locates a quote in a source's text: code-point offsets (end exclusive)
// plus the exact quote, the W3C Web Annotation TextPosition and TextQuote pair.
type Span struct {
	Start, End int
	Quote      string
}

// Statement says that an entity has a property with a value, according to a
// source. Property names follow FollowTheMoney where it has one.
type Statement struct {
	ID          string
	EntityID    string
	Property    Property
	Value       string // text value; empty when ValueEntity is set
	ValueEntity string // a link to another entity
	SourceID    string // "" for a manual statement with no source
	Span        Span
	DateStart   Date
	DateEnd     Date
	Confidence  float64
	Origin      string // extracted:NAME@VERSION, manual, imported:DATASET
	Status      Status
	Modality    Modality        // for event statements; "" elsewhere
	Role        ParticipantRole // a participant's part in an event; "" elsewhere
	Sensitivity Sensitivity
	Author      string
	CreatedAt   time.Time
	Reviewer    string
	ReviewedAt  time.Time
	ReviewNote  string
}

// Mention is a span of a source that an extractor found, and the entity it
// was linked to.
type Mention struct {
	ID        string
	SourceID  string
	Span      Span
	Type      EntityType
	Extractor string // NAME@VERSION
	EntityID  string // "" until linked
	Score     float64
	CreatedAt time.Time
}

// Verdict is a person's judgement on whether two entities are one.
type Verdict string

// Verdicts.
const (
	Same      Verdict = "same"
	Different Verdict = "different"
	Unsure    Verdict = "unsure"
)

// Judgement records a verdict on a pair of entities. A "same" judgement is a
// merge; a "different" one stops the matcher proposing the pair again.
type Judgement struct {
	ID        string
	EntityA   string
	EntityB   string
	Verdict   Verdict
	Author    string
	Note      string
	CreatedAt time.Time
}
