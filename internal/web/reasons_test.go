package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/names"
	"github.com/athar-project/athar/internal/web/i18n"
)

// reasonLiteral finds the sentences the matcher writes as reasons in its
// source: the format of say(...) and the literals appended to Reasons.
var reasonLiteral = regexp.MustCompile(`(?:say\(|Reasons = append\([^,]+, (?:fmt\.Sprintf\()?|Reasons = \[\]string\{(?:fmt\.Sprintf\()?)"((?:[^"\\]|\\.)*)"`)

// TestEveryReasonTranslates: every shape of reason written in the name
// matcher's source (names, nameindex, resolve) reads back into a key of
// both catalogues, and so does every reason of a set of real comparisons;
// in Arabic none is left as English.
func TestEveryReasonTranslates(t *testing.T) {
	verb := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)
	var shapes int
	for _, dir := range []string{"../names", "../nameindex", "../resolve"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range reasonLiteral.FindAllStringSubmatch(string(src), -1) {
				shapes++
				sample := verb.ReplaceAllStringFunc(m[1], func(v string) string {
					switch v[len(v)-1] {
					case 'd':
						return "3"
					case 'f':
						return "0.96"
					}
					return "given"
				})
				if strings.HasSuffix(sample, " ") {
					sample += "Sednaya" // a name concatenated to the literal
				}
				checkReason(t, f, sample)
			}
		}
	}
	if shapes < 20 {
		t.Fatalf("found only %d reason shapes in the matcher's source: has it changed how it writes them?", shapes)
	}
	for _, k := range []names.Kind{names.KindPerson, names.KindOrganization, names.KindFacility, names.KindPlace} {
		for _, p := range [][2]string{
			{"Ous Salloum", "أوس سلوم"}, {"Aws Ahmad Salloum", "Ahmad Aws Salloum"}, {"Ali Hassan", "Hassan Ali"},
			{"Abu Haidar", "Ous Salloum"}, {"Sednaya Prison", "صيدنايا"}, {"Military Court", "Court of Cassation"},
			{"SOHR", "Syrian Observatory for Human Rights"}, {"Al-Qabu", "Al-Qabo"}, {"Mohammed", "Muhammad Ali"},
		} {
			for _, r := range names.CompareKind(k, names.ParseKind(k, p[0]), names.ParseKind(k, p[1])).Reasons {
				checkReason(t, "compare "+p[0]+" / "+p[1], r)
			}
		}
	}
}

func checkReason(t *testing.T, where, reason string) {
	t.Helper()
	key, _, _, ok := reasonKey(reason)
	if !ok {
		t.Errorf("%s: reason %q has no known shape (internal/web/reasons.go)", where, reason)
		return
	}
	for _, l := range i18n.Langs() {
		if !i18n.Has(l, key) {
			t.Errorf("%s: %s has no %s", where, key, l)
		}
	}
	ar := translateReason(i18n.Arabic, reason)
	if strings.Contains(ar, "[[") || ar == reason {
		t.Errorf("%s: %q in Arabic is %q", where, reason, ar)
	}
}
