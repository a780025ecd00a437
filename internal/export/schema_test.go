package export

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ftmSchema is what the tests need of a FtM schema: its parents and the
// properties it defines itself.
type ftmSchema struct {
	extends []string
	props   map[string]bool
}

// loadFtM reads the FtM YAML files in testdata with a reader just good
// enough for their layout: a schema name at column 0, "extends:" and
// "properties:" at two spaces, list items and property names at four.
func loadFtM(t *testing.T) map[string]*ftmSchema {
	t.Helper()
	files, err := filepath.Glob("testdata/followthemoney/*.y*ml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no FtM schemas in testdata: %v", err)
	}
	out := map[string]*ftmSchema{}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		var cur *ftmSchema
		section := ""
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			line := sc.Text()
			trimmed := strings.TrimSpace(line)
			if trimmed == "" || strings.HasPrefix(trimmed, "#") {
				continue
			}
			indent := len(line) - len(strings.TrimLeft(line, " "))
			switch {
			case indent == 0 && strings.HasSuffix(trimmed, ":"):
				cur = &ftmSchema{props: map[string]bool{}}
				out[strings.TrimSuffix(trimmed, ":")] = cur
			case cur == nil:
			case indent == 2:
				key, val, _ := strings.Cut(trimmed, ":")
				section = key
				if key == "extends" && strings.TrimSpace(val) != "" {
					cur.extends = append(cur.extends, strings.TrimSpace(val))
				}
			case indent == 4 && section == "extends" && strings.HasPrefix(trimmed, "- "):
				cur.extends = append(cur.extends, strings.TrimSpace(strings.TrimPrefix(trimmed, "- ")))
			case indent == 4 && section == "properties" && strings.HasSuffix(trimmed, ":"):
				cur.props[strings.TrimSuffix(trimmed, ":")] = true
			}
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// hasProp reports whether schema (or a schema it extends) defines prop.
func hasProp(schemas map[string]*ftmSchema, schema, prop string) bool {
	s := schemas[schema]
	if s == nil {
		return false
	}
	if s.props[prop] {
		return true
	}
	for _, p := range s.extends {
		if hasProp(schemas, p, prop) {
			return true
		}
	}
	return false
}

func TestFtMReader(t *testing.T) {
	schemas := loadFtM(t)
	for _, c := range []struct {
		schema, prop string
		want         bool
	}{
		{"Person", "name", true}, {"Person", "birthPlace", true}, {"Person", "weakAlias", true},
		{"Event", "involved", true}, {"Event", "date", true}, {"Event", "addressEntity", true},
		{"PublicBody", "name", true}, {"Document", "publishedAt", true},
		{"Person", "eventType", false}, {"Event", "role", false}, {"Nope", "name", false},
	} {
		if got := hasProp(schemas, c.schema, c.prop); got != c.want {
			t.Errorf("%s.%s: got %v, want %v", c.schema, c.prop, got, c.want)
		}
	}
}

// TestMappingTables checks every property the mapping may emit, whatever
// the store holds.
func TestMappingTables(t *testing.T) {
	schemas := loadFtM(t)
	for schema, props := range ftmProps {
		for _, p := range append(props, "full", "addressEntity") {
			if (p == "full" && schema != "Address") || (p == "addressEntity" && schema != "Event") {
				continue
			}
			if !hasProp(schemas, schema, p) {
				t.Errorf("%s has no property %s", schema, p)
			}
		}
	}
	for schema, props := range entityProps {
		for p := range props {
			if !hasProp(schemas, schema, p) {
				t.Errorf("%s has no property %s", schema, p)
			}
		}
	}
	for _, p := range []string{"title", "name", "publisher", "sourceUrl", "publishedAt", "language"} {
		if !hasProp(schemas, "Document", p) {
			t.Errorf("Document has no property %s", p)
		}
	}
}
