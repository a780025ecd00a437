// Command freqgen builds internal/names/freq.tsv, the table of how many
// persons' names hold each name part, from public lists of persons' names.
//
//	go run ./internal/names/freqgen -out internal/names/freq.tsv FILE...
//
// A FILE ending in .csv is read as a CSV with a header that has the columns
// schema, name, alias and weakAlias (the EU Official Journal sanctions
// tables as OpenSanctions keeps them: names and aliases separated by
// semicolons; rows whose schema is not Person are skipped). A FILE ending in
// .json is read as an array of objects with the fields Name and FatherName
// (Pakistan's list of proscribed persons as published). Only counts of name
// parts are written: no name, no row, nothing else of the sources.
package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/names"
)

func main() {
	out := flag.String("out", "", "the table to write")
	min := flag.Int("min", 2, "leave out parts held by fewer names")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: freqgen -out FILE SOURCE...")
		os.Exit(2)
	}
	c := newCounter()
	for _, path := range flag.Args() {
		var err error
		switch filepath.Ext(path) {
		case ".csv":
			err = readCSV(path, c)
		case ".json":
			err = readJSON(path, c)
		default:
			err = fmt.Errorf("unknown kind of file (want .csv or .json)")
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "freqgen: %s: %v\n", path, err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "freqgen: %s: %d names so far\n", path, c.names)
	}
	if err := c.write(*out, *min, flag.Args()); err != nil {
		fmt.Fprintf(os.Stderr, "freqgen: %v\n", err)
		os.Exit(1)
	}
}

type counter struct {
	names  int
	counts map[string]int
	seen   map[string]bool // names counted already, folded
}

func newCounter() *counter { return &counter{counts: map[string]int{}, seen: map[string]bool{}} }

// add counts each part key of a name once; the same name given twice (an
// alias repeating the name) counts once.
func (c *counter) add(s string) {
	for _, alt := range names.Split(s) {
		n := names.Parse(alt)
		if len(n.Parts) == 0 {
			continue
		}
		k := strings.ToLower(n.Latin())
		if c.seen[k] {
			continue
		}
		c.seen[k] = true
		c.names++
		keys := map[string]bool{}
		for i := range n.Parts {
			keys[n.Parts[i].FreqKey()] = true
		}
		for k := range keys {
			c.counts[k]++
		}
	}
}

func readCSV(path string, c *counter) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return err
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, need := range []string{"schema", "name"} {
		if _, ok := col[need]; !ok {
			return fmt.Errorf("no column %q", need)
		}
	}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		get := func(h string) string {
			if i, ok := col[h]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		if get("schema") != "Person" {
			continue
		}
		for _, h := range []string{"name", "alias", "weakAlias"} {
			for _, v := range strings.Split(get(h), ";") {
				if v = strings.TrimSpace(v); v != "" {
					c.add(v)
				}
			}
		}
	}
}

func readJSON(path string, c *counter) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var rows []struct{ Name, FatherName string }
	if err := json.Unmarshal(b, &rows); err != nil {
		return err
	}
	for _, r := range rows {
		for _, v := range []string{r.Name, r.FatherName} {
			if v = strings.TrimSpace(v); v != "" {
				c.add(v)
			}
		}
	}
	return nil
}

func (c *counter) write(path string, min int, sources []string) error {
	keys := make([]string, 0, len(c.counts))
	for k, n := range c.counts {
		if n >= min {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if c.counts[keys[i]] != c.counts[keys[j]] {
			return c.counts[keys[i]] > c.counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var b strings.Builder
	fmt.Fprintf(&b, "# names\t%d\n", c.names)
	for _, s := range sources {
		fmt.Fprintf(&b, "# source\t%s\n", filepath.Base(s))
	}
	for _, k := range keys {
		fmt.Fprintf(&b, "%s\t%d\n", k, c.counts[k])
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
