// Package ftm is FollowTheMoney's model as Athar's exports and imports need
// it: which schemata exist and what they extend, which properties each has
// and of what type, which schemata are edges, the entity-id syntax, and the
// values the enumerated types (country, language, topic, gender) accept.
//
// model.json is written by ftmtest/js/dump-model.js from the reference
// JavaScript implementation, @alephdata/followthemoney (MIT licence), at the
// version ftmtest/js/package.json pins; the package's test re-runs the
// script where node is installed and fails when the two differ. ftmtest
// validates whole exports with the same library.
package ftm

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

//go:embed model.json
var modelJSON []byte

// Model is FtM's schemata and property types.
type Model struct {
	Source   string             `json:"source"` // the library and version it was read from
	Schemata map[string]*Schema `json:"schemata"`
	Types    map[string]*Type   `json:"types"`
}

// Schema is one FtM schema.
type Schema struct {
	Name       string               `json:"-"`
	Extends    []string             `json:"extends"`
	Abstract   bool                 `json:"abstract"`
	Deprecated bool                 `json:"deprecated"`
	Required   []string             `json:"required"`
	Caption    []string             `json:"caption"`
	Edge       *Edge                `json:"edge"`
	Own        map[string]*Property `json:"properties"`

	parents map[string]bool      // every schema it extends, itself included
	props   map[string]*Property // its own and inherited properties
}

// Edge names the properties that hold an edge schema's two ends, and those
// that caption it (Family: relationship).
type Edge struct {
	Source  string   `json:"source"`
	Target  string   `json:"target"`
	Caption []string `json:"caption"`
}

// Property is one property of a schema.
type Property struct {
	Name       string `json:"-"`
	Type       string `json:"type"`
	Range      string `json:"range"` // for entity properties: the schema the value must be
	Stub       bool   `json:"stub"`  // the reverse side of another property: set there, not here
	Deprecated bool   `json:"deprecated"`
	MaxLength  int    `json:"maxLength"`
}

// Type is one property type.
type Type struct {
	MaxLength int               `json:"maxLength"`
	Values    map[string]string `json:"values"` // code → label, for enumerated types
}

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Default is the embedded model, read once.
func Default() *Model {
	defaultOnce.Do(func() {
		m, err := Parse(modelJSON)
		if err != nil {
			// Embedded and tested: a failure here is a build defect.
			panic("ftm: " + err.Error())
		}
		defaultModel = m
	})
	return defaultModel
}

// Parse reads a model as dump-model.js writes it.
func Parse(data []byte) (*Model, error) {
	var m Model
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	for name, s := range m.Schemata {
		s.Name = name
		for pname, p := range s.Own {
			p.Name = pname
		}
	}
	for _, s := range m.Schemata {
		if err := m.resolve(s, map[string]bool{}); err != nil {
			return nil, err
		}
	}
	return &m, nil
}

// resolve fills in a schema's parents and inherited properties.
func (m *Model) resolve(s *Schema, visiting map[string]bool) error {
	if s.props != nil {
		return nil
	}
	if visiting[s.Name] {
		return fmt.Errorf("schema %s extends itself", s.Name)
	}
	visiting[s.Name] = true
	s.parents, s.props = map[string]bool{s.Name: true}, map[string]*Property{}
	for _, name := range s.Extends {
		p := m.Schemata[name]
		if p == nil {
			return fmt.Errorf("schema %s extends unknown %s", s.Name, name)
		}
		if err := m.resolve(p, visiting); err != nil {
			return err
		}
		for k := range p.parents {
			s.parents[k] = true
		}
		for k, v := range p.props {
			s.props[k] = v
		}
	}
	for k, v := range s.Own {
		s.props[k] = v
	}
	return nil
}

// Schema returns the schema of this name, or nil.
func (m *Model) Schema(name string) *Schema { return m.Schemata[name] }

// Property returns the schema's property of this name, its own or
// inherited, or nil.
func (s *Schema) Property(name string) *Property { return s.props[name] }

// IsA reports whether the schema is other or extends it.
func (s *Schema) IsA(other string) bool { return s.parents[other] }

// Properties lists the names of every property the schema has, sorted.
func (s *Schema) Properties() []string {
	out := make([]string, 0, len(s.props))
	for k := range s.props {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// MaxIDLength is the longest entity id FtM accepts (its entity type's
// maximum length).
const MaxIDLength = 200

var idSyntax = regexp.MustCompile(`^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$`)

// ValidID reports whether id has FtM's entity-id syntax: letters, digits,
// dots and dashes, starting and ending with a letter or digit, at most
// MaxIDLength long.
func ValidID(id string) bool { return len(id) <= MaxIDLength && idSyntax.MatchString(id) }

var (
	dateSyntax = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d)?)?)?)?)?$`)
	mimeSyntax = regexp.MustCompile(`^[a-zA-Z]+/[a-zA-Z0-9.+-]+$`)
	sha1Syntax = regexp.MustCompile(`^[0-9a-f]{40}$`)
)

// ValidDate reports whether v is an FtM date: an ISO 8601 prefix in UTC,
// from a year (2021) to seconds (2021-02-16T21:48:52), that names a real day.
func ValidDate(v string) bool {
	if !dateSyntax.MatchString(v) {
		return false
	}
	if len(v) >= 10 {
		if _, err := time.Parse("2006-01-02", v[:10]); err != nil {
			return false // 2021-02-30
		}
	}
	return true
}

// Check says what is wrong with a value of property p, or nil. It checks
// what FtM's types define: dates, the codes of countries, languages, topics
// and genders, URLs, SHA-1 checksums, MIME types, entity ids, and every
// type's maximum length.
func (m *Model) Check(p *Property, v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("an empty value")
	}
	if !utf8.ValidString(v) {
		return fmt.Errorf("a value that is not UTF-8")
	}
	max := p.MaxLength
	if t := m.Types[p.Type]; max == 0 && t != nil {
		max = t.MaxLength
	}
	if n := utf8.RuneCountInString(v); max > 0 && n > max {
		return fmt.Errorf("%d characters, more than FtM's %s allows (%d)", n, p.Type, max)
	}
	switch p.Type {
	case "date":
		if !ValidDate(v) {
			return fmt.Errorf("%q is not an FtM date (YYYY, YYYY-MM, YYYY-MM-DD, or with a time: 2021-02-16T21:48)", v)
		}
	case "country", "language", "topic", "gender":
		if _, ok := m.Types[p.Type].Values[v]; !ok {
			return fmt.Errorf("%q is not an FtM %s code%s", v, p.Type, codeHint(p.Type))
		}
	case "url":
		if !validURL(v) {
			return fmt.Errorf("%q is not an http(s) or ftp URL", v)
		}
	case "checksum":
		if !sha1Syntax.MatchString(v) {
			return fmt.Errorf("%q is not a SHA-1 checksum (40 lowercase hex digits)", v)
		}
	case "mimetype":
		if !mimeSyntax.MatchString(v) {
			return fmt.Errorf("%q is not a MIME type", v)
		}
	case "entity":
		if !ValidID(v) {
			return fmt.Errorf("%q is not an FtM entity id", v)
		}
	}
	return nil
}

func codeHint(t string) string {
	switch t {
	case "country":
		return " (ISO 3166 alpha-2 in lower case: sy, lb, de)"
	case "language":
		return " (ISO 639-3 in lower case: ara, eng)"
	}
	return ""
}

// NonLinguistic reports whether FtM gives values of this type no language
// (statements of these types carry "lang": null).
func NonLinguistic(typ string) bool {
	switch typ {
	case "entity", "date", "checksum", "email", "phone", "gender", "mimetype", "topic", "url", "country",
		"language", "ip", "id":
		return true
	}
	return false
}

// CountryCode returns the FtM code of a country named by its code ("sy",
// "SY") or by the English name FtM gives it ("Syria"), or "".
func (m *Model) CountryCode(name string) string {
	t := m.Types["country"]
	if t == nil {
		return ""
	}
	key := strings.ToLower(strings.TrimSpace(name))
	if _, ok := t.Values[key]; ok {
		return key
	}
	for code, label := range t.Values {
		if strings.EqualFold(label, key) {
			return code
		}
	}
	return ""
}

func validURL(v string) bool {
	u, err := url.Parse(v)
	if err != nil || u.Host == "" {
		return false
	}
	switch u.Scheme {
	case "http", "https", "ftp":
		return true
	}
	return false
}
