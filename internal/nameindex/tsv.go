package nameindex

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// IndexRow is a row of an index file: entity_id<TAB>name.
type IndexRow struct {
	Line     int
	EntityID string
	Name     string
}

// QueryRow is a row of a queries file: query<TAB>expected_entity_id, the
// expected entity empty when the query names nobody in the index.
type QueryRow struct {
	Line     int
	Query    string
	Expected string
}

// PairRow is a line of a pairs file: name1<TAB>name2[<TAB>anything]. Err is
// set when the line cannot be read as a pair.
type PairRow struct {
	Line         int
	Name1, Name2 string
	Err          error
}

// lines calls fn with each line of r, numbered from 1, without its line end.
func lines(r io.Reader, fn func(n int, line string)) error {
	br := bufio.NewReaderSize(r, 64*1024)
	n := 0
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			n++
			fn(n, strings.TrimRight(line, "\r\n"))
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// ReadIndex reads an index file with its header row. Rows it cannot read
// are returned as errors naming their line; the others are kept.
func ReadIndex(r io.Reader) (rows []IndexRow, bad []error, err error) {
	err = lines(r, func(n int, line string) {
		if n == 1 && isHeader(line, "entity_id") {
			return
		}
		id, name, ok := strings.Cut(line, "\t")
		name, _, _ = strings.Cut(name, "\t")
		id = strings.TrimSpace(id)
		switch {
		case !ok:
			bad = append(bad, fmt.Errorf("line %d: no tab between entity_id and name", n))
		case id == "":
			bad = append(bad, fmt.Errorf("line %d: empty entity_id", n))
		default:
			rows = append(rows, IndexRow{Line: n, EntityID: id, Name: name})
		}
	})
	return rows, bad, err
}

// ReadQueries reads a queries file with its header row. A line without a
// tab is a query that names nobody.
func ReadQueries(r io.Reader) (rows []QueryRow, err error) {
	err = lines(r, func(n int, line string) {
		if n == 1 && isHeader(line, "query") {
			return
		}
		q, exp, _ := strings.Cut(line, "\t")
		exp, _, _ = strings.Cut(exp, "\t")
		rows = append(rows, QueryRow{Line: n, Query: q, Expected: strings.TrimSpace(exp)})
	})
	return rows, err
}

// ReadPairs reads a pairs file: no header, one pair a line.
func ReadPairs(r io.Reader) (rows []PairRow, err error) {
	err = lines(r, func(n int, line string) {
		f := strings.SplitN(line, "\t", 3)
		if len(f) < 2 {
			rows = append(rows, PairRow{Line: n, Err: fmt.Errorf("line %d: expected name1<TAB>name2", n)})
			return
		}
		rows = append(rows, PairRow{Line: n, Name1: f[0], Name2: f[1]})
	})
	return rows, err
}

func isHeader(line, first string) bool {
	f, _, _ := strings.Cut(line, "\t")
	return strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(f, "\uFEFF")), first)
}
