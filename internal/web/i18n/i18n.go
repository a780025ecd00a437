// Package i18n holds the web UI's message catalogue in English and Arabic and
// chooses a language for a request. Every string the UI shows is a key here,
// present in both languages (a test checks); templates never hold text of
// their own.
package i18n

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Lang is a UI language.
type Lang string

// The UI languages.
const (
	English Lang = "en"
	Arabic  Lang = "ar"
)

// Default is the language used when a request says nothing usable.
const Default = English

// Langs lists the UI languages.
func Langs() []Lang { return []Lang{English, Arabic} }

// Parse reads a language code ("en", "ar", "ar-SY", "EN-gb"); ok is false
// for a language the UI does not have.
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	for _, l := range Langs() {
		if string(l) == s {
			return l, true
		}
	}
	return Default, false
}

// Dir is the writing direction of the language: "rtl" or "ltr".
func (l Lang) Dir() string {
	if l == Arabic {
		return "rtl"
	}
	return "ltr"
}

// FromAcceptLanguage picks the UI language an Accept-Language header
// prefers most, or Default.
func FromAcceptLanguage(header string) Lang {
	type choice struct {
		lang Lang
		q    float64
		pos  int
	}
	var choices []choice
	for i, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		l, ok := Parse(tag)
		if !ok {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if v, found := strings.CutPrefix(strings.TrimSpace(p), "q="); found {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					q = f
				}
			}
		}
		if q > 0 {
			choices = append(choices, choice{l, q, i})
		}
	}
	if len(choices) == 0 {
		return Default
	}
	sort.SliceStable(choices, func(i, j int) bool { return choices[i].q > choices[j].q })
	return choices[0].lang
}

// T returns the message for key in l, formatted with args when given. A key
// missing from the catalogue comes back as "[[key]]" so that tests catch it.
func T(l Lang, key string, args ...any) string {
	msg, ok := catalogue[l][key]
	if !ok {
		return "[[" + key + "]]"
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Has reports whether key is in l's catalogue.
func Has(l Lang, key string) bool {
	_, ok := catalogue[l][key]
	return ok
}

// Keys lists the keys of l's catalogue, sorted.
func Keys(l Lang) []string {
	keys := make([]string, 0, len(catalogue[l]))
	for k := range catalogue[l] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var catalogue = map[Lang]map[string]string{English: english, Arabic: arabic}
