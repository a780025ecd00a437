package enquiry

import (
	"regexp"
	"strings"
)

// Kin is a name as lists write it, taken apart: the person's own name, and
// the father's and mother's names the list gives beside it.
type Kin struct {
	Name, Father, Mother string
}

// Markers of a mother's name in a list's name field ("محمد أحمد الخطيب،
// والدته فاطمة", "Ahmad Khatib, mother: Fatima", "اسم الأم: فاطمة"):
// everything after the marker up to a separator is the mother's name.
var motherMark = regexp.MustCompile(`(?i)(?:^|[\s,،;؛(\-–])(?:mother's name|mother name|mother|والدتها|والدته|أمها|امها|أمه|امه|اسم الأم|اسم الام|الأم|الام)(?:\s*[:：]\s*|\s+)([^,،;؛()\n]+)`)

// Markers of a father's name written out: "X son of Y", "X daughter of Y",
// "X, father: Y", "اسم الأب: Y".
var fatherMark = regexp.MustCompile(`(?i)(?:^|[\s,،;؛(\-–])(?:son of|daughter of|father's name|father name|father|اسم الأب|اسم الاب|والدها|والده)(?:\s*[:：]\s*|\s+)([^,،;؛()\n]+)`)

// sonWord are the words that join a given name to the father's in the
// name itself ("أحمد بن محمد", "Ahmad bin Muhammad").
var sonWord = map[string]bool{"bin": true, "ben": true, "ibn": true, "bint": true, "بن": true, "ابن": true, "بنت": true, "ابنة": true}

// Clean takes a name field apart. The mother's and a spelt-out father's
// name are cut out of the name; a father joined by بن or bin stays in the
// name (the names matcher reads it as the father's part) and is also given
// as Father.
func Clean(s string) Kin {
	var k Kin
	if m := motherMark.FindStringSubmatchIndex(s); m != nil {
		k.Mother = strings.TrimSpace(s[m[2]:m[3]])
		s = s[:m[0]] + " " + s[m[1]:]
	}
	if m := fatherMark.FindStringSubmatchIndex(s); m != nil {
		k.Father = strings.TrimSpace(s[m[2]:m[3]])
		// "X son of Y Z": Y is the father, Z the family name they share.
		fs := strings.Fields(k.Father)
		rest := ""
		if len(fs) > 1 {
			k.Father, rest = fs[0], strings.Join(fs[1:], " ")
		}
		if rest != "" {
			s = s[:m[0]] + " " + k.Father + " " + rest + " " + s[m[1]:]
		} else {
			s = s[:m[0]] + " " + s[m[1]:]
		}
	}
	ws := strings.Fields(strings.Trim(s, " ,،;؛-–"))
	for i, w := range ws {
		if sonWord[strings.ToLower(w)] && i+1 < len(ws) && k.Father == "" {
			k.Father = ws[i+1]
		}
	}
	k.Name = strings.Join(ws, " ")
	return k
}
