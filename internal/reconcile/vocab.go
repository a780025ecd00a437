package reconcile

import (
	"strings"

	"github.com/athar-project/athar/internal/model"
)

// kind is an Athar entity type as the reconciliation API names it.
type kind struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// kinds lists Athar's entity types. Their ids are model.EntityType values,
// stable across versions. Events carry no names, so they are listed for
// completeness but never match a name.
var kinds = []kind{
	{string(model.TypePerson), "Person", "A person: perpetrator, victim, witness or official"},
	{string(model.TypeOrganization), "Organization", "A body: a security branch, ministry, court, armed group or NGO"},
	{string(model.TypeFacility), "Facility", "A prison, detention centre, branch building or base"},
	{string(model.TypePlace), "Place", "A governorate, city, town or village"},
	{string(model.TypeEvent), "Event", "An arrest, trial, death in custody or other dated event (not matched by name)"},
}

// kindOf returns the type with the given id (case-insensitive).
func kindOf(id string) (kind, bool) {
	for _, k := range kinds {
		if strings.EqualFold(k.ID, strings.TrimSpace(id)) {
			return k, true
		}
	}
	return kind{}, false
}

// typeRef is a type as candidates and suggestions carry it.
func typeRef(t model.EntityType) kind {
	k, ok := kindOf(string(t))
	if !ok {
		return kind{ID: string(t), Name: string(t)}
	}
	return kind{ID: k.ID, Name: k.Name}
}

// propKind says how values of a property compare.
type propKind int

const (
	propText  propKind = iota // folded text, or the name matcher for names of places and bodies
	propDate                  // a date at year, month or day precision
	propNames                 // every name and alias the entity carries
)

// property is a property reconciliation queries may constrain.
type property struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	kind        propKind
	// single: an entity has one true value, so a different value is
	// evidence against the candidate; otherwise a miss is only no evidence.
	single bool
	// nameLike: values are names of places or bodies, compared by the name
	// matcher too, so that "Al-Qabu" meets "القبو".
	nameLike bool
}

// properties are the statement properties Athar stores (FollowTheMoney
// names where FtM has one) that a query may use to confirm or rule out a
// candidate.
var properties = []property{
	{ID: string(model.PropAlias), Name: "Name or alias", Description: "Any name, alias or epithet the entity carries, in any script", kind: propNames},
	{ID: string(model.PropBirthDate), Name: "Date of birth", Description: "YYYY, YYYY-MM or YYYY-MM-DD; a different date counts strongly against", kind: propDate, single: true},
	{ID: string(model.PropDeathDate), Name: "Date of death", Description: "YYYY, YYYY-MM or YYYY-MM-DD; a different date counts strongly against", kind: propDate, single: true},
	{ID: string(model.PropBirthPlace), Name: "Place of birth", Description: "A town, village or governorate; a different place counts against", kind: propText, single: true, nameLike: true},
	{ID: string(model.PropNationality), Name: "Nationality", Description: "A nationality or country; a different one counts against", kind: propText, single: true},
	{ID: string(model.PropGender), Name: "Gender", Description: "male, female or other; a different one counts against", kind: propText, single: true},
	{ID: string(model.PropPosition), Name: "Position or role", Description: "A post or role the person held, such as prison guard or branch head", kind: propText},
	{ID: string(model.PropTitle), Name: "Rank or title", Description: "A rank or honorific, such as Colonel or العقيد", kind: propText},
	{ID: string(model.PropAffiliation), Name: "Affiliation", Description: "An organization or facility the person is tied to (its name, or its Athar id)", kind: propText, nameLike: true},
}

// propertyOf returns the property with the given id.
func propertyOf(id string) (property, bool) {
	for _, p := range properties {
		if p.ID == id {
			return p, true
		}
	}
	return property{}, false
}

// propertyIDs lists the property ids, for error messages.
func propertyIDs() string {
	ids := make([]string, len(properties))
	for i, p := range properties {
		ids[i] = p.ID
	}
	return strings.Join(ids, ", ")
}
