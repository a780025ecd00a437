package extract

import "github.com/athar-project/athar/internal/model"

// Mention is one occurrence of an entity in the source text: Start and End
// are offsets in Unicode code points (End exclusive), and Text is exactly the
// code-point slice [Start, End) of the text.
type Mention struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Entity is a facility, place or organization the source names.
type Entity struct {
	Name string `json:"name"`
	// Aliases are the other forms this source writes.
	Aliases  []string  `json:"aliases"`
	Mentions []Mention `json:"mentions"`
	// KnownAs are the gazetteer's English names for the entry, which the
	// source may not use: for matching and display, not statements.
	KnownAs []string `json:"known_as,omitempty"`
	// Gazetteer is the id of the gazetteer entry the name matched, "" when
	// the entity was found by pattern alone.
	Gazetteer string   `json:"gazetteer,omitempty"`
	Kind      string   `json:"kind,omitempty"`
	Lat       *float64 `json:"lat,omitempty"`
	Lon       *float64 `json:"lon,omitempty"`
}

// Person is a person the source names. Name is the fullest form the source
// writes, without rank or title.
type Person struct {
	Name     string    `json:"name"`
	Latin    *string   `json:"latin"` // Latin rendering of an Arabic-script name; nil for Latin names
	Aliases  []string  `json:"aliases"`
	Mentions []Mention `json:"mentions"`
	Rank     string    `json:"rank"`  // military or police rank: "Col.", "Brig. Gen."
	Title    string    `json:"title"` // office or honorific: "Interior Minister", "Dr."
	Roles    []string  `json:"roles"` // "a former guard at Sednaya Prison"
	// Affiliation is an organization or facility the source ties the person to.
	Affiliation string `json:"affiliation"`
	Birthplace  string `json:"birthplace"`
	// Mother is the mother's name as the text gives it ("his mother,
	// Amina Haddad"; "والدتها سلمى"), or "".
	Mother string `json:"mother,omitempty"`
	// Status is one of StatusArrested, StatusWanted, ... or "".
	Status string `json:"status"`
}

// Person statuses, most decisive first.
const (
	StatusConvicted = "convicted"
	StatusArrested  = "arrested"
	StatusWanted    = "wanted"
	StatusDeceased  = "deceased"
	StatusVictim    = "victim"
	StatusWitness   = "witness"
	StatusOfficial  = "official"
)

// Participant is a person's part in an event.
type Participant struct {
	Name string `json:"name"`
	Role string `json:"role"` // subject, perpetrator, victim, agent, witness
}

// Participant roles, modalities and event types are Athar's vocabulary
// (internal/model): the names below are the extractors' own spelling of
// them, as strings, so that a type added there is one the extractors can
// name.

// Participant roles.
const (
	RoleSubject     = string(model.Subject)
	RolePerpetrator = string(model.Perpetrator)
	RoleVictim      = string(model.Victim)
	RoleAgent       = string(model.Agent)
	RoleWitness     = string(model.Witness)
)

// Modalities: how the source reports an event.
const (
	Asserted = string(model.Asserted)
	Alleged  = string(model.Alleged)
	Denied   = string(model.Denied)
)

// Event types, as DESIGN.md lists them.
const (
	EventArrest              = string(model.EventArrest)
	EventDetention           = string(model.EventDetention)
	EventWanted              = string(model.EventWanted)
	EventConfession          = string(model.EventConfession)
	EventReferral            = string(model.EventReferral)
	EventCharge              = string(model.EventCharge)
	EventTrial               = string(model.EventTrial)
	EventConviction          = string(model.EventConviction)
	EventAcquittal           = string(model.EventAcquittal)
	EventSentence            = string(model.EventSentence)
	EventRelease             = string(model.EventRelease)
	EventEscape              = string(model.EventEscape)
	EventDeathInCustody      = string(model.EventDeathInCustody)
	EventDisappearance       = string(model.EventDisappearance)
	EventTestimony           = string(model.EventTestimony)
	EventTortureAllegation   = string(model.EventTortureAllegation)
	EventExecutionAllegation = string(model.EventExecutionAllegation)
	EventStatement           = string(model.EventStatement)
)

// Event is one fact the source states: what happened, to or by whom, where,
// when, and how the source reports it, with the quote it came from.
type Event struct {
	Type string        `json:"type"`
	Who  []Participant `json:"who"`
	// Agents are organizations that carried out or announced the event.
	Agents   []string `json:"agents,omitempty"`
	Where    *string  `json:"where"`
	Date     *string  `json:"date"` // YYYY-MM-DD, YYYY-MM or YYYY
	DateText *string  `json:"date_text"`
	// DateEnd ends a range the text gives ("from 2014 to 2018", "between
	// March and June 2013"); after "since" it is the published date, the
	// last day the source vouches for.
	DateEnd  *string `json:"date_end,omitempty"`
	Modality string  `json:"modality"`
	// Count is a number of victims or acts the source gives ("more than 500
	// detainees"), 0 when none.
	Count int    `json:"count,omitempty"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Quote string `json:"quote"`
}

// Result is everything extracted from one source.
type Result struct {
	File          string        `json:"file,omitempty"`
	Language      string        `json:"language,omitempty"`
	Persons       []Person      `json:"persons"`
	Facilities    []Entity      `json:"facilities"`
	Places        []Entity      `json:"places"`
	Organizations []Entity      `json:"organizations"`
	Events        []Event       `json:"events"`
	Dates         []DateMention `json:"dates,omitempty"`
}

// DateMention is a date expression of the text and what it resolves to.
type DateMention struct {
	Mention
	// Date is YYYY-MM-DD, YYYY-MM or YYYY, nil when the expression cannot be
	// resolved without guessing (a weekday in a source of unknown date).
	Date *string `json:"date"`
	// Relative is set for expressions read against the published date.
	Relative bool `json:"relative"`
}

// Normalize replaces nil slices with empty ones so that JSON prints [] rather
// than null, as the annotation shape expects.
func (r *Result) Normalize() {
	if r.Persons == nil {
		r.Persons = []Person{}
	}
	for i := range r.Persons {
		p := &r.Persons[i]
		if p.Aliases == nil {
			p.Aliases = []string{}
		}
		if p.Mentions == nil {
			p.Mentions = []Mention{}
		}
		if p.Roles == nil {
			p.Roles = []string{}
		}
	}
	for _, es := range []*[]Entity{&r.Facilities, &r.Places, &r.Organizations} {
		if *es == nil {
			*es = []Entity{}
		}
		for i := range *es {
			e := &(*es)[i]
			if e.Aliases == nil {
				e.Aliases = []string{}
			}
			if e.Mentions == nil {
				e.Mentions = []Mention{}
			}
		}
	}
	if r.Events == nil {
		r.Events = []Event{}
	}
	for i := range r.Events {
		if r.Events[i].Who == nil {
			r.Events[i].Who = []Participant{}
		}
	}
}
