// Package enquiry owns families' enquiries about missing persons: what an
// enquiry holds and the states it moves through, how one is matched against
// the persons sources name — the names matcher across scripts, then the
// evidence beyond the name that tells namesakes apart (father's and
// mother's names, birth year, places, facility) — how a stream of newly
// named persons is screened against every open enquiry through an index
// keyed by the matcher's blocking keys, and the short answer a family may
// be given. It does no I/O: internal/app reads the store and calls it.
package enquiry

import (
	"fmt"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/model"
)

// Status is where an enquiry stands.
type Status string

// The states of an enquiry, in the order it moves through them.
const (
	// Open: recorded, no candidate confirmed.
	Open Status = "open"
	// Possible: Athar holds a confident candidate no caseworker has judged.
	Possible Status = "possible"
	// Matched: a caseworker confirmed a candidate.
	Matched Status = "matched"
	// Fate: the confirmed person's fate is established in the case file.
	Fate Status = "fate"
)

// Statuses lists the states in order.
func Statuses() []Status { return []Status{Open, Possible, Matched, Fate} }

// ParseStatus checks a state's name.
func ParseStatus(s string) (Status, error) {
	for _, st := range Statuses() {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("unknown enquiry status %q (want open, possible, matched or fate)", s)
}

// Sensitivity is every enquiry's level: the family's name, their contact
// and what they told the caseworker are confidential.
const Sensitivity = model.Confidential

// Enquiry is a family's enquiry about a missing person, as a caseworker
// records it.
type Enquiry struct {
	ID     string
	Name   string // the missing person's name, as the family writes it
	Father string // father's given name
	Mother string // mother's name
	Family string // family name, when not in Name
	Sex    string // m, f or ""
	Born   model.Date
	Home   string // home place

	LastSeenDate model.Date
	LastSeenAt   string // place or facility last seen
	HeldAt       string // the facility the family believes held them

	AskedBy string // who asked
	Contact string // how to reach them
	Consent string // what the family agreed may be shared

	Status    Status
	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Query is the name the enquiry is matched by: its name, with the family
// name after it when the name does not already end with it.
func (e Enquiry) Query() string {
	n := strings.TrimSpace(e.Name)
	f := strings.TrimSpace(e.Family)
	if f == "" || strings.Contains(n, f) {
		return n
	}
	return n + " " + f
}

// Sexes are the values Sex takes.
var sexes = map[string]string{"": "", "m": "m", "male": "m", "f": "f", "female": "f", "ذكر": "m", "أنثى": "f", "انثى": "f"}

// ParseSex reads m, f, male, female (or ذكر, أنثى); "" for unknown.
func ParseSex(s string) (string, error) {
	v, ok := sexes[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return "", fmt.Errorf("sex %q: want m, f or nothing", s)
	}
	return v, nil
}

// Limits on what an enquiry's fields hold.
const (
	maxField = 500
	maxName  = 200
)

// Check reports the first field of e that is missing or malformed, naming
// it as the command line does.
func (e Enquiry) Check() error {
	if strings.TrimSpace(e.Name) == "" {
		return fmt.Errorf("--name: an enquiry needs the missing person's name")
	}
	for _, f := range []struct {
		flag, v string
		max     int
	}{{"--name", e.Name, maxName}, {"--father", e.Father, maxName}, {"--mother", e.Mother, maxName},
		{"--family", e.Family, maxName}, {"--home", e.Home, maxField}, {"--last-seen-at", e.LastSeenAt, maxField},
		{"--held-at", e.HeldAt, maxField}, {"--asked-by", e.AskedBy, maxField}, {"--contact", e.Contact, maxField},
		{"--consent", e.Consent, maxField}} {
		if len([]rune(f.v)) > f.max {
			return fmt.Errorf("%s: at most %d characters", f.flag, f.max)
		}
	}
	if _, err := ParseSex(e.Sex); err != nil {
		return fmt.Errorf("--sex: %w", err)
	}
	return nil
}
