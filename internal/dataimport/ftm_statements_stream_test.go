package dataimport

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// bigStatements is a generated statement file (JSON lines) of n entities
// whose statements are scattered: every entity's first statement, then
// every entity's second, and so on. Some entities are merged into the one
// before (canonical_id), some are first a LegalEntity and then a Person
// (the more specific schema wins), some give an Organization statement
// too (an error on its line), and every 499th line is not JSON.
func bigStatements(n int) []byte {
	var rounds [4][]string
	for i := 0; i < n; i++ {
		id, canon := fmt.Sprintf("e-%05d", i), ""
		if i%23 == 7 {
			canon = fmt.Sprintf("e-%05d", i-1)
		}
		first := "Person"
		if i%10 == 3 {
			first = "LegalEntity"
		}
		st := func(k int, schema, prop, value string) {
			b, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("s-%d-%d", i, k), "entity_id": id, "canonical_id": canon,
				"schema": schema, "prop": prop, "value": value})
			rounds[k] = append(rounds[k], string(b))
		}
		st(0, first, "name", fmt.Sprintf("Person %d", i))
		st(1, "Person", "birthDate", fmt.Sprintf("19%02d-01-%02d", i%100, 1+i%28))
		st(2, "Person", "alias", fmt.Sprintf("شخص %d", i))
		if i%17 == 5 {
			st(3, "Organization", "name", fmt.Sprintf("Org %d", i))
		}
	}
	var b bytes.Buffer
	line := 0
	for _, round := range rounds {
		for _, l := range round {
			if line++; line%499 == 0 {
				b.WriteString("{not json\n")
				line++
			}
			b.WriteString(l + "\n")
		}
	}
	return b.Bytes()
}

// asStatementCSV writes statement JSON lines as FtM's statement CSV.
func asStatementCSV(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	cols := []string{"id", "entity_id", "canonical_id", "prop", "schema", "value"}
	_ = w.Write(cols)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var m map[string]string
		if json.Unmarshal([]byte(line), &m) != nil {
			_ = w.Write([]string{"x", "bad id!", "", "name", "Person", "a row FtM refuses"})
			continue
		}
		var rec []string
		for _, c := range cols {
			rec = append(rec, m[c])
		}
		_ = w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// streamedStatements reads a statement file as FtMFile does: placed in a
// first read, each entity read back and put together.
func streamedStatements(t *testing.T, data []byte) ([]item, []LineError) {
	t.Helper()
	var r Result
	f := bytes.NewReader(data)
	sf, err := readStatementsFile(f, format(data), &r)
	if err != nil {
		t.Fatal(err)
	}
	var items []item
	for _, e := range sf.order {
		it, bad, err := sf.item(f, e)
		if err != nil {
			t.Fatal(err)
		}
		if bad != nil {
			r.Errors = append(r.Errors, LineError{e.line, bad})
			continue
		}
		items = append(items, it)
	}
	r.sortErrors()
	return items, r.Errors
}

// A statement file read without being held puts together the same
// entities, and finds the same bad lines, as reading it held whole.
func TestStatementsReadAsHeld(t *testing.T) {
	big := bigStatements(3000)
	for name, data := range map[string][]byte{
		"opensanctions csv":  readTestdata(t, "opensanctions.statements.csv"),
		"opensanctions json": readTestdata(t, "opensanctions.statements.json"),
		"generated json":     big,
		"generated csv":      asStatementCSV(t, big),
		"csv with a bom":     append([]byte("\ufeff"), asStatementCSV(t, bigStatements(50))...),
	} {
		t.Run(name, func(t *testing.T) {
			var r Result
			want, err := readStatements(data, &r)
			if err != nil {
				t.Fatal(err)
			}
			r.sortErrors()
			got, bad := streamedStatements(t, data)
			if strings.HasPrefix(name, "generated") && (len(want) < 2000 || len(r.Errors) < 100) {
				t.Fatalf("only %d entities and %d errors", len(want), len(r.Errors))
			}
			if fmt.Sprint(bad) != fmt.Sprint(r.Errors) {
				t.Errorf("%d errors, held whole %d", len(bad), len(r.Errors))
				for i := range min(len(bad), len(r.Errors)) {
					if bad[i].Error() != r.Errors[i].Error() {
						t.Fatalf("first difference: %v; held whole: %v", bad[i], r.Errors[i])
					}
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%d entities, held whole %d", len(got), len(want))
			}
			for i := range want {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("entity %d (line %d) differs from the one read held whole", i, want[i].line)
				}
			}
		})
	}
}

// A large statement file imported from a file reports its bad lines, deep
// in it, by their numbers, stores every entity the good ones give, and
// archives the file whole.
func TestStatementsFileImported(t *testing.T) {
	data := bigStatements(1000)
	var held Result
	items, err := readStatements(data, &held)
	if err != nil {
		t.Fatal(err)
	}
	held.sortErrors()
	var want []int
	for _, e := range held.Errors {
		want = append(want, e.Line)
	}
	if len(want) < 50 || want[len(want)-1] < 3000 {
		t.Fatalf("the generated file's bad lines: %v", want)
	}
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		path := filepath.Join(t.TempDir(), "statements.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r, err := FtMFile(ctx, st, access.Operator(), f, Options{Filename: "statements.json", Sensitivity: model.Internal, BatchSize: 100})
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, e := range r.Errors {
			got = append(got, e.Line)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("bad lines %v, want %v", got, want)
		}
		// Every entity the good lines give, merged-away ones into theirs.
		if r.Entities < len(items) {
			t.Errorf("%d entities stored, the file gives %d", r.Entities, len(items))
		}
		src, err := st.Source(ctx, access.Operator(), r.Source)
		if err != nil {
			t.Fatal(err)
		}
		if src.Text != string(data) {
			t.Errorf("archived text of %d bytes, the file has %d", len(src.Text), len(data))
		}
		again, err := FtMFile(ctx, st, access.Operator(), f, Options{Filename: "statements.json", Sensitivity: model.Internal})
		if err != nil || again.Statements != 0 || again.Entities != 0 || again.Existing != r.Statements {
			t.Errorf("again: %d statements, %d entities, %d existing (first: %d) %v", again.Statements, again.Entities, again.Existing, r.Statements, err)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %v %+v", err, rep)
		}
	})
}
