package reconcile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The specification's JSON Schemas, from testdata (see PROVENANCE.md),
// compiled once per version.

var versions = []string{"0.2", "1.0-draft"}

type schemaSet struct {
	c   *jsonschema.Compiler
	ids map[string]string // file name without .json → $id
	mu  sync.Mutex
	got map[string]*jsonschema.Schema
}

var (
	schemaOnce sync.Once
	schemaSets map[string]*schemaSet
	schemaErr  error
)

// schemas returns the compiler for a version, every schema file added as a
// resource under its $id, so that references between them resolve without
// the network.
func schemas(t testing.TB, version string) *schemaSet {
	t.Helper()
	schemaOnce.Do(func() {
		schemaSets = map[string]*schemaSet{}
		for _, v := range versions {
			set := &schemaSet{c: jsonschema.NewCompiler(), ids: map[string]string{}, got: map[string]*jsonschema.Schema{}}
			files, err := filepath.Glob(filepath.Join("testdata", v, "schemas", "*.json"))
			if err != nil || len(files) == 0 {
				schemaErr = err
				return
			}
			for _, f := range files {
				doc, err := readJSON(f)
				if err != nil {
					schemaErr = err
					return
				}
				id, _ := doc.(map[string]any)["$id"].(string)
				id = strings.TrimSuffix(id, "#")
				if err := set.c.AddResource(id, doc); err != nil {
					schemaErr = err
					return
				}
				set.ids[strings.TrimSuffix(filepath.Base(f), ".json")] = id
			}
			schemaSets[v] = set
		}
	})
	if schemaErr != nil {
		t.Fatalf("load schemas: %v", schemaErr)
	}
	return schemaSets[version]
}

// schema compiles one schema of a version by its file name.
func (s *schemaSet) schema(t testing.TB, name string) *jsonschema.Schema {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if sch, ok := s.got[name]; ok {
		return sch
	}
	id, ok := s.ids[name]
	if !ok {
		t.Fatalf("no schema %s", name)
	}
	sch, err := s.c.Compile(id)
	if err != nil {
		t.Fatalf("compile %s: %v", name, err)
	}
	s.got[name] = sch
	return sch
}

func readJSON(path string) (any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(b))
}

// validate checks a JSON document against a schema of a version.
func validate(t testing.TB, version, name string, body []byte) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s %s: not JSON: %v\n%s", version, name, err, body)
	}
	if err := schemas(t, version).schema(t, name).Validate(doc); err != nil {
		t.Fatalf("%s %s does not validate: %v\n%s", version, name, err, body)
	}
}

// TestSpecExamples reads the schemas the way the specification means them:
// each valid example validates and each invalid one does not.
func TestSpecExamples(t *testing.T) {
	for _, v := range versions {
		dirs, err := filepath.Glob(filepath.Join("testdata", v, "examples", "*"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, dir := range dirs {
			name := filepath.Base(dir)
			if _, ok := schemas(t, v).ids[name]; !ok {
				continue // the preview response is HTML
			}
			for _, want := range []string{"valid", "invalid"} {
				files, _ := filepath.Glob(filepath.Join(dir, want, "*.json"))
				for _, f := range files {
					doc, err := readJSON(f)
					if err != nil {
						t.Fatalf("%s: %v", f, err)
					}
					err = schemas(t, v).schema(t, name).Validate(doc)
					if (err == nil) != (want == "valid") {
						t.Errorf("%s: validation error %v, want %s", f, err, want)
					}
					n++
				}
			}
		}
		if n < 20 {
			t.Errorf("%s: only %d examples checked", v, n)
		}
	}
}

// TestParserAgreesWithSpecExamples: the query parsers accept every valid
// example batch of their version (refusing only property ids Athar does not
// have) and refuse every invalid one.
func TestParserAgreesWithSpecExamples(t *testing.T) {
	parsers := map[string]func([]byte) error{
		"0.2":       func(b []byte) error { _, err := parseBatch02(string(b)); return err },
		"1.0-draft": func(b []byte) error { _, err := parseBatchDraft(b); return err },
	}
	for _, v := range versions {
		for _, want := range []string{"valid", "invalid"} {
			files, _ := filepath.Glob(filepath.Join("testdata", v, "examples", "reconciliation-query-batch", want, "*.json"))
			if len(files) == 0 {
				t.Fatalf("%s: no %s query examples", v, want)
			}
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				err = parsers[v](b)
				switch {
				case want == "invalid" && err == nil:
					t.Errorf("%s: accepted an invalid batch", f)
				case want == "valid" && err != nil && !strings.Contains(err.Error(), "unknown property"):
					t.Errorf("%s: refused a valid batch: %v", f, err)
				case want == "valid" && err != nil:
					// Athar's property ids differ from the example's: with
					// them mapped, the batch must be accepted.
					if err := parsers[v](athar(b)); err != nil {
						t.Errorf("%s with Athar's properties: %v", f, err)
					}
				}
			}
		}
	}
}

// athar maps the example batches' property ids to Athar's.
func athar(b []byte) []byte {
	r := strings.NewReplacer(`"professionOrOccupation"`, `"position"`, `"uid"`, `"alias"`, `"variantName"`, `"alias"`)
	return []byte(r.Replace(string(b)))
}
