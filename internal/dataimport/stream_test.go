package dataimport

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// personLines is an FtM file of n people, each with a long Arabic name
// (some 2.5 KB a line), so that a few hundred lines make a text of several
// pieces, cut inside lines and inside letters.
func personLines(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		notes := fmt.Sprintf("%s %d", strings.Repeat("محمد علي ", 160+i%3), i)
		fmt.Fprintf(&b, `{"id":"p-%05d","schema":"Person","properties":{"name":["محمد %d"],"notes":[%q]}}`+"\n", i, i, notes)
	}
	return b.Bytes()
}

// A file larger than a piece of text is archived as read: its source's
// text and original are the file, byte for byte, its text in pieces; every
// line is imported; imported again, nothing is stored twice.
func TestLargeFileIsArchivedWhole(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		data := personLines(400)
		if len(data) < 2*store.TextPiece {
			t.Fatalf("the file is %d bytes: too small to test", len(data))
		}
		r, err := FtM(ctx, st, access.Operator(), data, Options{Filename: "people.json", BatchSize: 150})
		if err != nil {
			t.Fatal(err)
		}
		if r.Entities != 400 || r.Statements != 800 || len(r.Errors) != 0 {
			t.Fatalf("result: %d entities, %d statements, errors %v", r.Entities, r.Statements, r.Errors)
		}
		src, err := st.Source(ctx, access.Operator(), r.Source)
		if err != nil || src.Text != string(data) || src.SHA256 != store.Hash(data) || src.Size != int64(len(data)) {
			t.Errorf("archived text %d bytes of %d, sha %s (%v)", len(src.Text), len(data), src.SHA256, err)
		}
		if pieces, _, err := st.TextPending(ctx, r.Source); err != nil || pieces != 0 {
			t.Errorf("text pending: %d pieces (%v)", pieces, err)
		}
		orig, err := st.Blob(ctx, access.Operator(), r.Source)
		if err != nil || !bytes.Equal(orig, data) {
			t.Errorf("original %d bytes of %d (%v)", len(orig), len(data), err)
		}
		again, err := FtM(ctx, st, access.Operator(), data, Options{Filename: "people.json", BatchSize: 150})
		if err != nil || again.Source != r.Source || again.Entities != 0 || again.Statements != 0 || again.Existing != 800 {
			t.Errorf("again: %+v (%v)", again, err)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep.Problems, err)
		}
	})
}

// An import stopped half way (the process killed, the database gone)
// leaves whole batches — every entity it stored has its statements, no
// line is half written, nothing stored before is touched — and says which
// lines were not stored; importing the file again stores the rest.
func TestStoppedImportLeavesWholeBatches(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		data := personLines(50)
		ctx, cancel := context.WithCancel(context.Background())
		opt := Options{Filename: "people.json", BatchSize: 10, Progress: func(done, total int) {
			if done >= 20 {
				cancel()
			}
		}}
		r, err := FtM(ctx, st, access.Operator(), data, opt)
		if err == nil || !strings.Contains(err.Error(), "lines 21–30 not stored") {
			t.Fatalf("stopped import: %v", err)
		}
		if r.Entities != 20 || r.Statements != 40 {
			t.Errorf("stored %d entities, %d statements before it stopped; want 20, 40", r.Entities, r.Statements)
		}
		byEntity := statementsOf(t, st)
		if len(byEntity) != 20 {
			t.Errorf("%d entities stored, want 20", len(byEntity))
		}
		for id, ss := range byEntity {
			if len(ss) != 2 {
				t.Errorf("entity %s has %d statements", id, len(ss))
			}
		}
		opt.Progress = nil
		rest, err := FtM(context.Background(), st, access.Operator(), data, opt)
		if err != nil || rest.Source != r.Source || rest.Entities != 30 || rest.Existing != 40 {
			t.Errorf("the rest: %+v (%v)", rest, err)
		}
		if rep, err := st.Verify(context.Background()); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep.Problems, err)
		}
	})
}

// A file that cannot be imported at all (not UTF-8 on some line) stores
// nothing — not even its original — and names the line.
func TestUnreadableFileStoresNothing(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		data := append(personLines(3), []byte("{\"id\":\"x\",\"schema\":\"Person\",\"properties\":{\"name\":[\"\xff\"]}}\n")...)
		_, err := FtM(ctx, st, access.Operator(), data, Options{Filename: "bad.json"})
		var bad InputError
		if err == nil || !strings.Contains(err.Error(), "line 4") || !errorsAs(err, &bad) {
			t.Fatalf("error: %v", err)
		}
		if srcs, err := st.SourcesBySHA(ctx, store.Hash(data)); err != nil || len(srcs) != 0 {
			t.Errorf("sources: %v %v", srcs, err)
		}
		if n := len(statementsOf(t, st)); n != 0 {
			t.Errorf("%d entities stored", n)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %+v %v", rep.Problems, err)
		}
	})
}

func errorsAs(err error, target *InputError) bool {
	e, ok := err.(InputError)
	if ok {
		*target = e
	}
	return ok
}

// A file's text is cut in pieces as store.SplitText cuts it (the archived
// source's rows, whichever way they were written).
func FuzzTextPieces(f *testing.F) {
	f.Add([]byte("hello\n"), 3)
	f.Add(bytes.Repeat([]byte("سلام"), 1000), 1)
	f.Add(bytes.Repeat([]byte("a𝄞"), 100_000), 0)
	f.Add([]byte{}, 0)
	f.Fuzz(func(t *testing.T, data []byte, pad int) {
		if !utf8.Valid(data) {
			return
		}
		// Pad so that the cut falls anywhere in a code point.
		data = append(bytes.Repeat([]byte("x"), (pad%4+4)%4+store.TextPiece-len(data)%store.TextPiece), data...)
		want := store.SplitText(string(data), store.TextPiece)
		var got []string
		err := textPieces(bytes.NewReader(data), func(n int, piece string) error {
			if n != len(got) {
				t.Fatalf("piece %d after %d", n, len(got))
			}
			got = append(got, piece)
			return nil
		})
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("%d pieces, SplitText cuts %d (%v)", len(got), len(want), err)
		}
	})
}

// Lines are read as bytes.Split reads them, however long.
func FuzzLines(f *testing.F) {
	f.Add([]byte("a\nb\n\nc"))
	f.Add(bytes.Repeat([]byte("x"), 200_000))
	f.Fuzz(func(t *testing.T, data []byte) {
		want := bytes.Split(data, []byte("\n"))
		if len(want[len(want)-1]) == 0 {
			want = want[:len(want)-1]
		}
		l := newLines(bytes.NewReader(data))
		for i := 0; ; i++ {
			ok, err := l.next()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				if i != len(want) {
					t.Fatalf("%d lines, want %d", i, len(want))
				}
				return
			}
			if i >= len(want) || !bytes.Equal(l.line, want[i]) || l.n != i+1 {
				t.Fatalf("line %d: %q", l.n, l.line)
			}
		}
	})
}

// A line too long to read is reported, and the others imported; the
// file, archived whole, must still be UTF-8 text all through.
func TestLongLine(t *testing.T) {
	defer func(n int) { maxLine = n }(maxLine)
	maxLine = 3000
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		long := `{"id":"p-long","schema":"Person","properties":{"name":["` + strings.Repeat("م", 1600) + `"]}}` + "\n"
		data := append(personLines(2)[:0:0], personLines(2)...)
		data = append(data, long...)
		r, err := FtM(ctx, st, access.Operator(), data, Options{Filename: "long.json"})
		if err != nil || r.Entities != 2 || len(r.Errors) != 1 || r.Errors[0].Line != 3 || !strings.Contains(r.Errors[0].Error(), "longer than") {
			t.Errorf("%+v %v", r, err)
		}
		broken := append(append([]byte{}, personLines(1)...), strings.Replace(long, "م", "\xd9", 1)...)
		if _, err := FtM(ctx, st, access.Operator(), broken, Options{Filename: "broken.json"}); err == nil || !strings.Contains(err.Error(), "not UTF-8") {
			t.Errorf("a long line that is not UTF-8: %v", err)
		}
	})
}

// utf8Check agrees with utf8.Valid however the bytes are cut.
func FuzzUTF8Check(f *testing.F) {
	f.Add([]byte("سلام a𝄞"), uint8(3))
	f.Add([]byte{0xd9, 0x85, 0xff}, uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, step uint8) {
		var c utf8Check
		n := int(step%7) + 1
		for rest := data; len(rest) > 0; rest = rest[min(n, len(rest)):] {
			c.Write(rest[:min(n, len(rest))])
		}
		if c.valid() != utf8.Valid(data) {
			t.Fatalf("%q in steps of %d: %v", data, n, c.valid())
		}
	})
}

// An import stopped while the file's text was being stored a piece a
// transaction left its source marked incomplete; importing the file again
// writes the pieces it misses, then the lines.
func TestImportAgainCompletesTheFilesText(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		data := personLines(300)
		pieces := store.SplitText(string(data), store.TextPiece)
		if len(pieces) < 3 {
			t.Fatalf("%d pieces: too few to test", len(pieces))
		}
		// What the stopped import stored: the source, its first two pieces.
		w, err := st.NewBlobWriter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
		blob, err := w.Close()
		if err != nil {
			t.Fatal(err)
		}
		src := model.Source{Kind: model.KindDocument, Title: "FollowTheMoney import: people.json", Sensitivity: model.Internal}
		err = st.Write(ctx, "tester", func(tx *store.Tx) error {
			if err := tx.AddStagedSource(ctx, &src, blob, pieces[0], len(pieces)); err != nil {
				return err
			}
			return tx.AddTextPiece(ctx, src.ID, 1, pieces[1])
		})
		if err != nil {
			t.Fatal(err)
		}
		r, err := FtM(ctx, st, access.Operator(), data, Options{Filename: "people.json"})
		if err != nil || r.Source != src.ID || r.Entities != 300 {
			t.Fatalf("%+v %v", r, err)
		}
		got, err := st.Source(ctx, access.Operator(), src.ID)
		if err != nil || got.TextPending || got.Text != string(data) {
			t.Errorf("text %d bytes of %d, pending %v (%v)", len(got.Text), len(data), got.TextPending, err)
		}
	})
}
