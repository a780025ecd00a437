package extracttest

import (
	"encoding/json"
	"fmt"
)

// Doc is one document as the scorer reads it: a gold annotation file, or one
// line of `athar extract --json`. Fields the scorer does not read are
// ignored.
//
// Decoding reads the keys exactly as score-extraction does (JSON keys are
// case-sensitive here, unlike encoding/json's default), takes null for an
// empty value, and fails, naming the place, on a value of the wrong kind
// where the reference would either crash or read it in some accidental way.
type Doc struct {
	Persons       []Entity
	Facilities    []Entity
	Places        []Entity
	Organizations []Entity
	Events        []Event
}

// Entity is a person, facility, place or organization.
type Entity struct {
	Name     string
	Aliases  []string
	Mentions []string // the text of each mention
	// Birthplace is read for persons only.
	Birthplace string
}

// Event is an event as written; the scorer normalizes the types of predicted
// events itself (see NormalizeType).
type Event struct {
	Type  string
	Who   []string // participant names
	Where string
	Date  string
	// DateText is the words a gold event's date comes from, where the
	// annotation gives them ("May 21-24, 2024", "2020"): the reference reads
	// a predicted date against them when the gold date is empty.
	DateText string
}

// categories are the entity categories in the order the scorer reports them.
var categories = []string{"persons", "facilities", "places", "organizations"}

// entities returns the entities of category c.
func (d *Doc) entities(c string) *[]Entity {
	switch c {
	case "persons":
		return &d.Persons
	case "facilities":
		return &d.Facilities
	case "places":
		return &d.Places
	case "organizations":
		return &d.Organizations
	}
	panic("extracttest: no category " + c)
}

// UnmarshalJSON reads a document object.
func (d *Doc) UnmarshalJSON(b []byte) error {
	var o map[string]json.RawMessage
	if err := json.Unmarshal(b, &o); err != nil {
		return fmt.Errorf("document: %w", err)
	}
	*d = Doc{}
	for _, c := range categories {
		if err := decodeList(o[c], c, d.entities(c)); err != nil {
			return err
		}
	}
	return decodeList(o["events"], "events", &d.Events)
}

// decodeList decodes the JSON list raw (absent or null: empty) into out,
// naming the item that fails.
func decodeList[T any](raw json.RawMessage, what string, out *[]T) error {
	var items []json.RawMessage
	if err := decodeValue(raw, &items); err != nil {
		return fmt.Errorf("%s: want a list: %w", what, err)
	}
	*out = make([]T, len(items))
	for i, it := range items {
		if err := json.Unmarshal(it, &(*out)[i]); err != nil {
			return fmt.Errorf("%s[%d]: %w", what, i, err)
		}
	}
	return nil
}

// decodeValue decodes raw into v unless raw is absent.
func decodeValue(raw json.RawMessage, v any) error {
	if len(raw) == 0 {
		return nil
	}
	return json.Unmarshal(raw, v)
}

// field is a key of a JSON object and where its value goes.
type field struct {
	key string
	to  any
}

// decodeFields decodes the given keys of the JSON object b, in order.
func decodeFields(b []byte, fields ...field) error {
	var o map[string]json.RawMessage
	if err := json.Unmarshal(b, &o); err != nil {
		return fmt.Errorf("want an object: %w", err)
	}
	for _, f := range fields {
		if err := decodeValue(o[f.key], f.to); err != nil {
			return fmt.Errorf("%s: %w", f.key, err)
		}
	}
	return nil
}

// UnmarshalJSON reads an entity object.
func (e *Entity) UnmarshalJSON(b []byte) error {
	*e = Entity{}
	var mentions []textOf
	err := decodeFields(b, field{"name", &e.Name}, field{"aliases", &e.Aliases},
		field{"mentions", &mentions}, field{"birthplace", &e.Birthplace})
	for _, m := range mentions {
		e.Mentions = append(e.Mentions, m.text)
	}
	return err
}

// UnmarshalJSON reads an event object.
func (e *Event) UnmarshalJSON(b []byte) error {
	*e = Event{}
	var who []nameOf
	err := decodeFields(b, field{"type", &e.Type}, field{"who", &who},
		field{"where", &e.Where}, field{"date", &e.Date}, field{"date_text", &e.DateText})
	for _, w := range who {
		e.Who = append(e.Who, w.text)
	}
	return err
}

// textOf is a mention: a string, or an object whose "text" is the string.
type textOf struct{ text string }

func (t *textOf) UnmarshalJSON(b []byte) error { return stringOrField(b, "text", &t.text) }

// nameOf is a participant: a string, or an object whose "name" is the string.
type nameOf struct{ text string }

func (t *nameOf) UnmarshalJSON(b []byte) error { return stringOrField(b, "name", &t.text) }

// stringOrField reads b as a string, null, or an object whose field key
// holds the string.
func stringOrField(b []byte, key string, out *string) error {
	if json.Unmarshal(b, out) == nil {
		return nil
	}
	if err := decodeFields(b, field{key, out}); err != nil {
		return fmt.Errorf("want a string or an object with a string %q: %w", key, err)
	}
	return nil
}
