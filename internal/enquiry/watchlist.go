package enquiry

import (
	"fmt"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/names"
)

// Wanted is an entry of a watch list: a perpetrator an analyst names, so
// that every new source that mentions them is flagged. Its names are
// screened through the same index as the enquiries (NewNameWatch).
type Wanted struct {
	ID      string
	Name    string   // as written, in any script
	Aliases []string // other names and spellings
	Rank    string   // rank or function, as the analyst writes it
	Born    model.Date
	Note    string
	// Sensitivity is the entry's level (internal unless chosen): that an
	// analyst watches for someone is itself information.
	Sensitivity model.Sensitivity
	CreatedBy   string
	CreatedAt   time.Time
}

// WantedSensitivity is a watch-list entry's level unless one is chosen.
const WantedSensitivity = model.Internal

// Limits on a watch-list entry.
const maxAliases = 50

// Check reports the first field of w that is missing or malformed, naming
// it as the command line does.
func (w Wanted) Check() error {
	if strings.TrimSpace(w.Name) == "" {
		return fmt.Errorf("NAME: a watch-list entry needs the wanted person's name")
	}
	if len(names.Parse(Clean(w.Name).Name).Parts) == 0 {
		return fmt.Errorf("NAME %q: no name to match in it", w.Name)
	}
	if len([]rune(w.Name)) > maxName {
		return fmt.Errorf("NAME: at most %d characters", maxName)
	}
	if len(w.Aliases) > maxAliases {
		return fmt.Errorf("--alias: at most %d aliases", maxAliases)
	}
	for _, a := range w.Aliases {
		if strings.TrimSpace(a) == "" || len([]rune(a)) > maxName {
			return fmt.Errorf("--alias %q: want a name of 1 to %d characters", a, maxName)
		}
	}
	if len([]rune(w.Rank)) > maxName {
		return fmt.Errorf("--rank: at most %d characters", maxName)
	}
	if len([]rune(w.Note)) > maxField {
		return fmt.Errorf("--note: at most %d characters", maxField)
	}
	if !w.Born.IsZero() && (w.Born.Year < 1880 || w.Born.Year > 2100) {
		return fmt.Errorf("--born %d: want a year between 1880 and 2100", w.Born.Year)
	}
	if !w.Sensitivity.Valid() {
		return fmt.Errorf("--sensitivity: want public, internal, restricted or confidential")
	}
	return nil
}

// Filed lists the names of w as a watch files them: its name and aliases.
func (w Wanted) Filed() []Filed {
	out := []Filed{{ID: w.ID, Name: w.Name}}
	for _, a := range w.Aliases {
		out = append(out, Filed{ID: w.ID, Name: a})
	}
	return out
}

// Mention is a person a source names, with what the same source says of
// their father and birth: the evidence a watch-list hit is weighed by.
type Mention struct {
	Name    string
	Fathers []string
	Born    []model.Date
}

// WeighWanted scores a mention the watch flagged against the entry's name
// it matched (filed: the name or an alias): the names matcher, then the
// father's name (the entry's from the second part of a name of three or
// more, as Syrian names are written) and the birth year, each with its
// reason. A namesake with another father's name is still flagged, lower,
// with the reason; an analyst judges.
func WeighWanted(w Wanted, filed string, m Mention) Candidate {
	e := Enquiry{Name: filed, Father: fatherPart(filed), Born: w.Born}
	if e.Father == "" {
		e.Father = fatherPart(w.Name)
	}
	c := Score(e, Person{Names: []string{m.Name}, Fathers: m.Fathers, Born: m.Born})
	if e.Father == "" && len(m.Fathers) > 0 {
		c.Reasons = append(c.Reasons, reason(ReasonFatherInSource, strings.Join(m.Fathers, ", ")))
	}
	return c
}

// fatherPart is the father's given name in a name of three or more parts.
func fatherPart(name string) string {
	k := Clean(name)
	if k.Father != "" {
		return k.Father
	}
	n := names.Parse(k.Name)
	for _, p := range n.Parts {
		if p.Role == names.RoleFather {
			// The part as written: the original word at the same position.
			return p.Text
		}
	}
	return ""
}
