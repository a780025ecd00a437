package model

import "fmt"

// Athar's vocabulary: the properties statements carry, the types of event,
// the parts people play in events, and how a source reports an event
// (Modality, in entity.go). Every package names them by these constants, so
// that adding an event type or a property is a change the compiler walks you
// through: add the constant here and to its list below, then the tables
// keyed by it (the web UI's labels, FtM's mapping, the case status) fail
// their tests until they know it.

// Property is what a statement says about its entity: FollowTheMoney's
// property name wherever FtM has one, so that export is a mapping.
type Property string

// Properties of persons, organizations, facilities and places.
const (
	PropName        Property = "name"
	PropAlias       Property = "alias"
	PropWeakAlias   Property = "weakAlias" // an epithet or kunya: searches, never links on its own
	PropFirstName   Property = "firstName"
	PropFatherName  Property = "fatherName"
	PropMotherName  Property = "motherName"
	PropLastName    Property = "lastName"
	PropTitle       Property = "title"    // a rank or honorific
	PropPosition    Property = "position" // a post or role held
	PropBirthPlace  Property = "birthPlace"
	PropBirthDate   Property = "birthDate"
	PropDeathDate   Property = "deathDate"
	PropNationality Property = "nationality"
	PropGender      Property = "gender"
	PropNotes       Property = "notes"
	PropAffiliation Property = "affiliation" // an organization or facility the person belongs to (Athar's own)
	PropGazetteer   Property = "gazetteer"   // the gazetteer entry a facility, place or body is (Athar's own)
)

// Properties of events.
const (
	PropEventType Property = "eventType" // one of the EventTypes (Athar's own)
	PropDate      Property = "date"
	PropLocation  Property = "location"
	PropInvolved  Property = "involved" // a participant, with a ParticipantRole
	PropOrganizer Property = "organizer"
	PropSummary   Property = "summary"
)

// Properties lists every property Athar stores.
func Properties() []Property {
	return []Property{PropName, PropAlias, PropWeakAlias, PropFirstName, PropFatherName, PropMotherName, PropLastName,
		PropTitle, PropPosition, PropBirthPlace, PropBirthDate, PropDeathDate, PropNationality, PropGender, PropNotes,
		PropAffiliation, PropGazetteer, PropEventType, PropDate, PropLocation, PropInvolved, PropOrganizer, PropSummary}
}

// IsName reports whether the property names its entity: a name, an alias or
// an epithet, which the name matcher indexes.
func (p Property) IsName() bool { return p == PropName || p == PropAlias || p == PropWeakAlias }

// ParseProperty checks a property's name.
func ParseProperty(s string) (Property, error) {
	for _, p := range Properties() {
		if string(p) == s {
			return p, nil
		}
	}
	return "", fmt.Errorf("unknown property %q", s)
}

// EventType is what kind of fact an event is: the value of its eventType
// statement.
type EventType string

// Event types, as DESIGN.md lists them. torture_allegation and
// execution_allegation name the alleged act; the Modality still says how a
// source reports it.
const (
	EventArrest              EventType = "arrest"
	EventDetention           EventType = "detention"
	EventWanted              EventType = "wanted" // a warrant or a wanted list
	EventConfession          EventType = "confession"
	EventReferral            EventType = "referral_to_judiciary"
	EventCharge              EventType = "charge"
	EventTrial               EventType = "trial"
	EventConviction          EventType = "conviction"
	EventAcquittal           EventType = "acquittal"
	EventSentence            EventType = "sentence"
	EventRelease             EventType = "release"
	EventEscape              EventType = "escape"
	EventDeathInCustody      EventType = "death_in_custody"
	EventDisappearance       EventType = "disappearance"
	EventTestimony           EventType = "testimony"
	EventTortureAllegation   EventType = "torture_allegation"
	EventExecutionAllegation EventType = "execution_allegation"
	EventStatement           EventType = "statement"
)

// EventTypes lists every event type.
func EventTypes() []EventType {
	return []EventType{EventArrest, EventDetention, EventWanted, EventConfession, EventReferral, EventCharge,
		EventTrial, EventConviction, EventAcquittal, EventSentence, EventRelease, EventEscape, EventDeathInCustody,
		EventDisappearance, EventTestimony, EventTortureAllegation, EventExecutionAllegation, EventStatement}
}

// ParseEventType checks an event type's name.
func ParseEventType(s string) (EventType, error) {
	for _, t := range EventTypes() {
		if string(t) == s {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown event type %q", s)
}

// ParticipantRole is a person's part in an event (the role of an involved
// statement).
type ParticipantRole string

// Participant roles.
const (
	Subject     ParticipantRole = "subject" // whom the event is about: the one arrested, tried, wanted
	Perpetrator ParticipantRole = "perpetrator"
	Victim      ParticipantRole = "victim"
	Agent       ParticipantRole = "agent" // who carried it out for an institution
	Witness     ParticipantRole = "witness"
)

// ParticipantRoles lists every participant role.
func ParticipantRoles() []ParticipantRole {
	return []ParticipantRole{Subject, Perpetrator, Victim, Agent, Witness}
}

// ParseParticipantRole checks a participant role's name.
func ParseParticipantRole(s string) (ParticipantRole, error) {
	for _, r := range ParticipantRoles() {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown participant role %q (want subject, perpetrator, victim, agent or witness)", s)
}

// Modalities lists how a source may report an event.
func Modalities() []Modality { return []Modality{Asserted, Alleged, Denied} }

// ParseModality checks a modality's name.
func ParseModality(s string) (Modality, error) {
	for _, m := range Modalities() {
		if string(m) == s {
			return m, nil
		}
	}
	return "", fmt.Errorf("unknown modality %q (want asserted, alleged or denied)", s)
}

// NameProperties are the properties that name an entity, strongest first:
// weakAlias holds epithets and nicknames ("Azrael of Sednaya"), which
// suggest but never alone identify.
func NameProperties() []Property { return []Property{PropName, PropAlias, PropWeakAlias} }
