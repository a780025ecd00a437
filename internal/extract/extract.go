package extract

import (
	"sync"

	"github.com/athar-project/athar/internal/model"
)

// Extractor extracts from the text of one source in its language.
type Extractor func(text string, published model.Date) Result

var (
	mu         sync.RWMutex
	extractors = map[string]Extractor{}
)

// Register makes an extractor available for a language code ("en", "ar").
// Language packages call it from init; importing the package for its side
// effect is what enables the language.
func Register(lang string, x Extractor) {
	mu.Lock()
	defer mu.Unlock()
	extractors[lang] = x
}

// Supported reports whether an extractor for lang is registered.
func Supported(lang string) bool {
	mu.RLock()
	defer mu.RUnlock()
	_, ok := extractors[lang]
	return ok
}

// Extract extracts persons, facilities, places, organizations and events
// from text written in lang, resolving relative dates against published
// (the zero Date when unknown: relative dates then stay unresolved). A
// language without an extractor gives an empty Result. Every span in the
// Result is in code points of text.
func Extract(text string, published model.Date, lang string) Result {
	mu.RLock()
	x := extractors[lang]
	mu.RUnlock()
	var r Result
	if x != nil {
		r = x(text, published)
		victimArrests(&r)
		mothers(text, &r)
	}
	r.Language = lang
	r.Normalize()
	return r
}
