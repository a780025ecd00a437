package reconcile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// seedBatches adds the specification's example batches of a version, valid
// and invalid, to a fuzz corpus.
func seedBatches(f *testing.F, version string) {
	files, _ := filepath.Glob(filepath.Join("testdata", version, "examples", "reconciliation-query-batch", "*", "*.json"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(athar(b))
	}
}

// checkParsed: a parser either refuses a batch with a query error or accepts
// one that the version's query batch schema accepts too, with every query
// bounded.
func checkParsed(t *testing.T, version string, in []byte, qs []query, err error) {
	var qe *queryError
	var tl *tooLarge
	if err != nil {
		if !errors.As(err, &qe) && !errors.As(err, &tl) {
			t.Fatalf("not a query error: %T %v", err, err)
		}
		return
	}
	doc, jerr := jsonschema.UnmarshalJSON(bytes.NewReader(in))
	if jerr != nil {
		t.Fatalf("accepted what is not JSON: %q", in)
	}
	if verr := schemas(t, version).schema(t, "reconciliation-query-batch").Validate(doc); verr != nil {
		t.Fatalf("accepted a batch the schema refuses: %q: %v", in, verr)
	}
	if len(qs) > maxBatch {
		t.Fatalf("%d queries accepted", len(qs))
	}
	for _, q := range qs {
		if q.limit < 1 || q.limit > maxLimit || (q.text == "" && len(q.conds) == 0) {
			t.Fatalf("accepted a query without bounds or content: %+v", q)
		}
	}
}

func FuzzParseBatch02(f *testing.F) {
	seedBatches(f, "0.2")
	for _, s := range []string{`{"q":{"query":"أوس سلوم","type":["person","place"],"limit":3}}`, `{"q":{"query":null}}`,
		`{"q":{"properties":[{"pid":"birthDate","v":[1980,{"id":"x","name":"y"},true]}]}}`, `{"q":{"type":[null],"query":"a"}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		qs, err := parseBatch02(string(in))
		checkParsed(t, "0.2", in, qs, err)
	})
}

func FuzzParseBatchDraft(f *testing.F) {
	seedBatches(f, "1.0-draft")
	for _, s := range []string{`{"queries":[{"conditions":[{"matchType":"name","propertyValue":"Aws"}],"limit":2}]}`,
		`{"queries":[{"conditions":[{"matchType":"id","propertyValue":["a","b"],"required":null}]}]}`, `{"queries":null}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		qs, err := parseBatchDraft(in)
		checkParsed(t, "1.0-draft", in, qs, err)
	})
}
