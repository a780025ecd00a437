package web

import (
	"regexp"
	"strings"

	"github.com/athar-project/athar/internal/web/i18n"
)

// The name matcher (internal/names, nameindex, resolve) says why two names
// agree in English sentences of a fixed shape, stored with merge
// proposals. reasonCodes reads each shape back into a catalogue key and its
// arguments — names stay as written, roles of name parts are translated —
// so that a page in Arabic shows the reasons in Arabic. A reason of no
// known shape is shown as it is (a test checks that every shape the
// matcher writes is known).
var reasonCodes = []struct {
	re  *regexp.Regexp
	key string
	// roles lists the arguments that are a name part's role ("given",
	// "family"...), translated through "namerole.ROLE".
	roles []int
}{
	{regexp.MustCompile(`^(\w+) agrees: (.+) ~ (.+) \(([0-9.]+)\)$`), "reason.role_agrees", []int{0}},
	{regexp.MustCompile(`^agrees: (.+) ~ (.+) \(([0-9.]+)\)$`), "reason.agrees", nil},
	{regexp.MustCompile(`^(\w+) is alike only: (.+) ~ (.+) \(([0-9.]+)\)$`), "reason.role_alike", []int{0}},
	{regexp.MustCompile(`^(\w+) missing in the other name: (.+)$`), "reason.role_missing", []int{0}},
	{regexp.MustCompile(`^missing in the other name: (.+)$`), "reason.missing", nil},
	{regexp.MustCompile(`^given names conflict: (.+) ≠ (.+)$`), "reason.given_conflict", nil},
	{regexp.MustCompile(`^family names conflict: (.+) ≠ (.+)$`), "reason.family_conflict", nil},
	{regexp.MustCompile(`^no name parts to compare$`), "reason.no_parts", nil},
	{regexp.MustCompile(`^no words to compare$`), "reason.no_words", nil},
	{regexp.MustCompile(`^given names in other positions$`), "reason.given_moved", nil},
	{regexp.MustCompile(`^given and father's names swapped: perhaps father and son$`), "reason.swapped", nil},
	{regexp.MustCompile(`^a given name pairs with the other's father's name: perhaps father and son$`), "reason.father_son", nil},
	{regexp.MustCompile(`^only common parts agree$`), "reason.only_common", nil},
	{regexp.MustCompile(`^only generic words agree$`), "reason.only_generic", nil},
	{regexp.MustCompile(`^an epithet: a weak alias$`), "reason.epithet", nil},
	{regexp.MustCompile(`^fewer than two parts agree: not enough to link$`), "reason.too_few", nil},
	{regexp.MustCompile(`^the agreeing parts are too common to link on$`), "reason.too_common", nil},
	{regexp.MustCompile(`^little evidence and not near-identical: not enough to link$`), "reason.little", nil},
	{regexp.MustCompile(`^too few of the parts agree to link \(([0-9.]+) of them, weighed, below ([0-9.]+)\)$`), "reason.share", nil},
	{regexp.MustCompile(`^score below the link threshold ([0-9.]+)$`), "reason.below", nil},
	{regexp.MustCompile(`^another entity's name fits the query too: not linked$`), "reason.other_fits", nil},
	{regexp.MustCompile(`^linked: the names match, nothing contradicts it and no other entity comes close$`), "reason.linked", nil},
	{regexp.MustCompile(`^proposed for review, not linked: the names score ([0-9.]+) but the reasons above leave room for doubt$`), "reason.proposed", nil},
	{regexp.MustCompile(`^the name agrees in full and (\d+) things the source ties to it match the candidate's: linked$`), "reason.context_linked", nil},
	{regexp.MustCompile(`^another entity matches nearly as well: proposed, not linked$`), "reason.near_other", nil},
	{regexp.MustCompile(`^birth dates conflict: (.+) here, (.+) on the candidate$`), "reason.birth_conflict", nil},
	{regexp.MustCompile(`^both tied to (.+)$`), "reason.both_tied", nil},
	{regexp.MustCompile(`^an acronym: (.+)$`), "reason.acronym", nil},
	{regexp.MustCompile(`^known only from sources more sensitive than this one: proposed, not linked$`), "reason.hidden_only", nil},
	{regexp.MustCompile(`^weighed on the names stated at this source's level only$`), "reason.level_only", nil},
}

// reasonKey finds the shape of a matcher's reason: its catalogue key and
// arguments, or ok false.
func reasonKey(reason string) (key string, args []string, roles []int, ok bool) {
	for _, c := range reasonCodes {
		if m := c.re.FindStringSubmatch(reason); m != nil {
			return c.key, m[1:], c.roles, true
		}
	}
	return "", nil, nil, false
}

// Reason translates one of the name matcher's reasons into the page's
// language.
func (v *view) Reason(reason string) string { return translateReason(v.Lang, reason) }

func translateReason(lang i18n.Lang, reason string) string {
	key, args, roles, ok := reasonKey(strings.TrimSpace(reason))
	if !ok {
		return reason
	}
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = a
	}
	for _, i := range roles {
		out[i] = i18n.T(lang, "namerole."+args[i])
	}
	return i18n.T(lang, key, out...)
}
