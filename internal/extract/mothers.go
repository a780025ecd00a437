package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A mother's name tells namesakes apart: Syrian civil registers, death
// notifications and lists of the missing give it beside the person's own
// ("ريم يوسف دياب، والدتها سلمى"), and reports mention it ("his mother,
// Amina Haddad, ..."). mothers reads such a phrase and gives its name to
// the person the text names last before it — in the same paragraph, close
// by — as Person.Mother. It reads the phrase only: a mother the text names
// elsewhere, without one of these cues, is not tied to anyone.

// motherCues are the phrases that introduce a mother's name; the name
// follows (group 1).
var motherCues = []*regexp.Regexp{
	// English: "his mother, Amina Haddad", "whose mother Amina",
	// "X's mother is Amina Haddad", "his mother's name was Amina".
	regexp.MustCompile(`(?:\b(?i:his|her|whose)\s+|['’]s\s+)(?i:mother)(?:['’]s\s+name)?\s*,?\s*(?:(?i:is|was|named|called)\s+)?` +
		`((?:[A-Z][\p{L}'’-]+)(?:\s+(?:(?:al|el|bin|bint)-?\s?)?[A-Z][\p{L}'’-]+){0,3})`),
	// Arabic: "والدته سلمى", "والدتها: نوال", "اسم الأم فاطمة", "اسم والدته
	// خديجة", "أمه هند", "ابن السيدة هند".
	regexp.MustCompile(`(?:^|[^\p{L}])و?(?:والدته|والدتها|أمه|أمها|اسم\s+الأم|اسم\s+الام|اسم\s+والدته|اسم\s+والدتها|ابن\s+السيدة|ابنة\s+السيدة)` +
		`\s*[:،,]?\s*(?:هي\s+)?([\x{0621}-\x{064A}\x{064B}-\x{0652}\x{0671}-\x{06D3}]+(?:\s+[\x{0621}-\x{064A}\x{064B}-\x{0652}\x{0671}-\x{06D3}]+){0,2})`),
}

// motherStop are Arabic words that end a mother's name: what follows a
// name in running text, never part of it.
var motherStop = map[string]bool{
	"في": true, "من": true, "إلى": true, "الى": true, "على": true, "عن": true, "التي": true, "الذي": true,
	"قد": true, "وقد": true, "أن": true, "إن": true, "بعد": true, "قبل": true, "عام": true, "سنة": true,
	"مواليد": true, "تولد": true, "وكان": true, "وكانت": true, "كانت": true, "كان": true, "منذ": true, "وهي": true,
	"هي": true, "ما": true, "لا": true, "لم": true, "حتى": true, "عندما": true, "بين": true, "مع": true,
}

// englishStop are capitalised words that follow a mother's name in
// English running text without being part of it.
var englishStop = map[string]bool{"The": true, "He": true, "She": true, "They": true, "In": true, "On": true, "At": true,
	"Since": true, "When": true, "After": true, "Before": true, "And": true, "But": true}

// motherReach is how far (in code points) before the cue the person's
// mention may end.
const motherReach = 300

// mothers sets Person.Mother from the cues in text.
func mothers(text string, r *Result) {
	if len(r.Persons) == 0 {
		return
	}
	for _, re := range motherCues {
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			name := trimMother(text[m[2]:m[3]])
			if name == "" {
				continue
			}
			cue := utf8.RuneCountInString(text[:m[0]])
			owner := ownerBefore(text, r, cue, name)
			if owner >= 0 && r.Persons[owner].Mother == "" {
				r.Persons[owner].Mother = name
			}
		}
	}
}

// trimMother cuts a name at the first word that cannot be part of it: a
// word that follows names, a lone letter, or a word drawn out with a
// tatweel — the bare preposition of "لـ«عنب بلدي»" (told to ...).
func trimMother(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		if motherStop[w] || englishStop[w] || utf8.RuneCountInString(w) == 1 || strings.ContainsRune(w, '\u0640') {
			words = words[:i]
			break
		}
	}
	return strings.Join(words, " ")
}

// ownerBefore is the index of the person whose mention ends last before
// the cue at code point cue, within motherReach and without a paragraph
// break between, whose own name is not the mother's; -1 when none.
func ownerBefore(text string, r *Result, cue int, mother string) int {
	best, bestEnd := -1, -1
	for i, p := range r.Persons {
		if strings.EqualFold(p.Name, mother) {
			continue
		}
		for _, m := range p.Mentions {
			if m.End > cue || cue-m.End > motherReach || m.End <= bestEnd {
				continue
			}
			if strings.Contains(runeSlice(text, m.End, cue), "\n\n") {
				continue
			}
			best, bestEnd = i, m.End
		}
	}
	return best
}

// runeSlice is text[from:to] in code points.
func runeSlice(text string, from, to int) string {
	i, start, end := 0, -1, len(text)
	for b := range text {
		if i == from {
			start = b
		}
		if i == to {
			end = b
			break
		}
		i++
	}
	if start < 0 {
		return ""
	}
	return text[start:end]
}
