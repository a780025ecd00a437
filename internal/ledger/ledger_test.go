package ledger

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"
)

func TestCanonical(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{map[string]any{"b": int64(1), "a": "x<y", "c": nil}, `{"a":"x<y","b":1,"c":null}`},
		{map[string]any{"f": 0.5, "g": float64(3)}, `{"f":0.5,"g":3}`},
		{map[string]any{"ar": "أوس سلوم"}, `{"ar":"أوس سلوم"}`},
		{map[string]any{"n": map[string]any{"z": true, "y": "\n"}}, `{"n":{"y":"\n","z":true}}`},
	}
	for _, tt := range tests {
		if got := string(Canonical(tt.in)); got != tt.want {
			t.Errorf("Canonical(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestEntryHashCoversEveryField(t *testing.T) {
	base := Entry{Seq: 1, At: "2025-01-03T00:00:00Z", Actor: "op", Action: ActionInsert, Table: "sources", RowID: "s1", RowHash: "aa", PrevHash: Genesis}
	h := base.ComputeHash()
	changes := []func(*Entry){
		func(e *Entry) { e.Seq = 2 },
		func(e *Entry) { e.At = "2025-01-04T00:00:00Z" },
		func(e *Entry) { e.Actor = "other" },
		func(e *Entry) { e.Action = ActionUpdate },
		func(e *Entry) { e.Table = "statements" },
		func(e *Entry) { e.RowID = "s2" },
		func(e *Entry) { e.RowHash = "bb" },
		func(e *Entry) { e.PrevHash = "cc" },
	}
	for i, change := range changes {
		e := base
		change(&e)
		if e.ComputeHash() == h {
			t.Errorf("change %d left the hash unchanged", i)
		}
	}
}

func TestCheckpointSignature(t *testing.T) {
	dir := t.TempDir()
	s, err := LoadOrCreateKey(dir+"/keys/ledger.key", true)
	if err != nil {
		t.Fatal(err)
	}
	again, err := LoadOrCreateKey(dir+"/keys/ledger.key", false)
	if err != nil || !again.Public().Equal(s.Public()) {
		t.Fatalf("reloaded key differs: %v", err)
	}
	c := s.Sign(7, "abc", "2025-01-03T00:00:00Z")
	if err := c.Verify(s.Public()); err != nil {
		t.Fatalf("fresh checkpoint: %v", err)
	}
	if _, err := WriteCheckpoint(dir+"/checkpoints", c); err != nil {
		t.Fatal(err)
	}
	cs, err := ReadCheckpoints(dir + "/checkpoints")
	if err != nil || len(cs) != 1 || cs[0] != c {
		t.Fatalf("read back %v, %v", cs, err)
	}
	forged := c
	forged.Hash = "abd"
	if forged.Verify(s.Public()) == nil {
		t.Error("a checkpoint with a changed hash verified")
	}
	other, _ := LoadOrCreateKey(t.TempDir()+"/k", true)
	if c.Verify(other.Public()) == nil {
		t.Error("a checkpoint verified against another key")
	}
	if _, err := LoadOrCreateKey(t.TempDir()+"/missing", false); err == nil {
		t.Error("loading a missing key without create succeeded")
	}
}

// FuzzStringMatchesEncoder holds writeString's short cut for plain ASCII to
// the bytes encoding/json writes, which every stored hash was made with.
func FuzzStringMatchesEncoder(f *testing.F) {
	for _, s := range []string{"", "src_01", "x<y&z", `quo"te`, `back\slash`, "tab\there", "\x7f", "أوس", "\u2028", "\xff\xfe", "~ ok !"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		matchesEncoder(t, s)
		// Repeated past the length writeString encodes in pieces, so that
		// the pieces' cuts fall at every offset of s.
		if s != "" && len(s) < 1000 {
			matchesEncoder(t, strings.Repeat(s, stringPiece/len(s)+len(s)+1))
		}
	})
}

func matchesEncoder(t *testing.T, s string) {
	t.Helper()
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	writeString(&got, s)
	if got.String()+"\n" != want.String() {
		if len(s) > 200 {
			t.Fatalf("writeString of %d bytes (%q...) differs from encoding/json's", len(s), s[:200])
		}
		t.Fatalf("writeString(%q) = %s, encoding/json gives %s", s, got.String(), want.String())
	}
}

// A long text — a source's row holds its whole text — is hashed as it is
// encoded, in pieces, to the hash of its canonical JSON whole, wherever the
// pieces' cuts fall: inside a code point of two, three or four bytes, at a
// quote, a control character or an invalid byte.
func TestRowHashOfLongText(t *testing.T) {
	for _, unit := range []string{"أوس سلوم ", "a\"b\\c\n", "x\xff\xfe", "€𝄞\u2028<&>", "\x80\x80\xe2\x82"} {
		for _, n := range []int{stringPiece - 1, stringPiece, stringPiece + 1, 3*stringPiece + 7} {
			text := strings.Repeat(unit, n/len(unit)+1)[:n]
			row := map[string]any{"id": "src_1", "text": text, "size": int64(n)}
			if got, want := RowHash(row), hashBytes(Canonical(row)); got != want {
				t.Errorf("%q × %d bytes: RowHash %s, the hash of the canonical JSON %s", unit, n, got, want)
			}
			matchesEncoder(t, text)
		}
	}
}

// TestKeyMadeOnceByRacingProcesses: workers starting together on a new
// store each find no key and make one; all of them must end up signing
// with the same key, the first one written.
func TestKeyMadeOnceByRacingProcesses(t *testing.T) {
	path := t.TempDir() + "/keys/ledger.key"
	const n = 16
	keys := make(chan string, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := LoadOrCreateKey(path, true)
			if err != nil {
				t.Error(err)
				return
			}
			keys <- string(s.Public())
		}()
	}
	wg.Wait()
	close(keys)
	again, err := LoadOrCreateKey(path, false)
	if err != nil {
		t.Fatal(err)
	}
	for k := range keys {
		if k != string(again.Public()) {
			t.Fatal("two racing makers signed with different keys")
		}
	}
}
