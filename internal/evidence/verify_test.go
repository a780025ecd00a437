package evidence

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/ledger"
)

// writePackage writes a small package by hand — two sources' originals,
// a chain of four entries, its signed head — the way Export lays one out.
func writePackage(t testing.TB, dir string) Manifest {
	t.Helper()
	s, err := ledger.LoadOrCreateKey(filepath.Join(t.TempDir(), "key"), true)
	if err != nil {
		t.Fatal(err)
	}
	w := writer{dir: dir}
	var chain []ledger.Entry
	prev := ledger.Genesis
	for i, row := range []string{"src_a", "users_1", "src_b", "src_a"} {
		e := ledger.Entry{Seq: int64(i + 1), At: "2026-12-06T10:00:0" + string(rune('0'+i)) + "Z", Actor: "op",
			Action: ledger.ActionInsert, Table: "sources", RowID: row, RowHash: strings.Repeat("ab", 32), PrevHash: prev}
		if i == 3 {
			e.Action = ledger.ActionUpdate
		}
		e.Seal()
		chain = append(chain, e)
		prev = e.Hash
	}
	cp := s.Sign(4, prev, "2026-12-06T10:00:05Z")
	m := Manifest{Format: Format, Person: Person{ID: "p1", DossierTitle: "Case dossier: test"}, MadeAt: "2026-12-06T10:01:00Z", MadeBy: "op", Clearance: "internal"}
	for _, src := range []struct {
		id   string
		data string
		refs []ledger.Entry
	}{{"src_a", "original bytes of a", []ledger.Entry{chain[0], chain[3]}}, {"src_b", "original bytes of b", []ledger.Entry{chain[2]}}} {
		f, err := w.file("sources/"+src.id+"/original.txt", []byte(src.data))
		if err != nil {
			t.Fatal(err)
		}
		f.Role, f.SourceID, f.MediaType, f.AcquisitionMethod, f.CollectedBy = "original", src.id, "text/plain", "read from a file", "op"
		for _, e := range src.refs {
			f.LedgerEntries = append(f.LedgerEntries, EntryRef{Seq: e.Seq, Hash: e.Hash, PrevHash: e.PrevHash, Kind: e.Action + " " + e.Table, Row: e.RowID, At: e.At})
		}
		m.Files = append(m.Files, f)
	}
	var jl []byte
	for _, e := range chain {
		b, _ := json.Marshal(e)
		jl = append(append(jl, b...), '\n')
	}
	cpb, _ := json.Marshal(cp)
	for name, b := range map[string][]byte{EntriesFile: jl, CheckpointFile: cpb, SignedBytesFile: cp.SignedBytes()} {
		if _, err := w.file(name, b); err != nil {
			t.Fatal(err)
		}
	}
	m.Ledger = Ledger{Entries: EntriesFile, From: 1, Head: 4, HeadHash: cp.Hash, Checkpoint: CheckpointFile, SignedBytes: SignedBytesFile,
		PublicKey: cp.PublicKey, Timestamps: []Timestamp{}}
	mb, _ := json.MarshalIndent(m, "", "  ")
	w.file(ManifestFile, mb)
	w.file(SignatureFile, []byte(hex.EncodeToString(s.SignBytes(mb))))
	return m
}

func TestVerifyPackage(t *testing.T) {
	rewrite := func(name string, f func(string) string) func(string) {
		return func(dir string) {
			p := filepath.Join(dir, filepath.FromSlash(name))
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(p, []byte(f(string(b))), 0o600)
		}
	}
	tests := []struct {
		name  string
		alter func(dir string)
		where string // "" : it verifies
	}{
		{"as made", func(string) {}, ""},
		{"an original altered", rewrite("sources/src_b/original.txt", func(s string) string { return s + "!" }), "sources/src_b/original.txt: its bytes"},
		{"an original gone", func(d string) { os.Remove(filepath.Join(d, "sources/src_a/original.txt")) }, "sources/src_a/original.txt: open"},
		{"the manifest altered", rewrite(ManifestFile, func(s string) string { return strings.Replace(s, `"made_by": "op"`, `"made_by": "eve"`, 1) }), "manifest.json: its signature"},
		{"the manifest not JSON", rewrite(ManifestFile, func(s string) string { return s[:10] }), "manifest.json: not JSON"},
		{"the manifest's signature gone", func(d string) { os.Remove(filepath.Join(d, SignatureFile)) }, "manifest.sig: open"},
		{"an entry edited", rewrite(EntriesFile, func(s string) string { return strings.Replace(s, `"row_id":"users_1"`, `"row_id":"users_2"`, 1) }), "ledger/entries.jsonl entry 2: its contents"},
		{"an entry dropped", rewrite(EntriesFile, func(s string) string {
			l := strings.SplitAfter(s, "\n")
			return l[0] + l[2] + l[3]
		}), "ledger/entries.jsonl entry 3: follows entry 1"},
		{"the head cut", rewrite(EntriesFile, func(s string) string {
			l := strings.SplitAfter(s, "\n")
			return l[0] + l[1] + l[2]
		}), "ledger/entries.jsonl: ends at entry 3"},
		{"the checkpoint's signature", rewrite(CheckpointFile, func(s string) string { return strings.Replace(s, `"seq":4`, `"seq":5`, 1) }), "ledger/checkpoint.json: checkpoint signature does not verify"},
		{"the signed bytes", rewrite(SignedBytesFile, func(s string) string { return s + " " }), "ledger/checkpoint.signed: is not the bytes"},
		{"a path out of the package", rewrite(ManifestFile, func(s string) string {
			return strings.Replace(s, `"entries": "ledger/entries.jsonl"`, `"entries": "../entries.jsonl"`, 1)
		}), "manifest.json: its signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writePackage(t, dir)
			tt.alter(dir)
			r, err := VerifyPackage(dir, VerifyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.where == "" && !r.OK:
				t.Fatalf("a package as made fails: %v", r.Problems)
			case tt.where == "" && len(r.Checked) != 6:
				t.Errorf("checked %d things, want 6: %q", len(r.Checked), r.Checked)
			case tt.where != "" && (r.OK || !strings.HasPrefix(r.Problems[0].String(), tt.where)):
				t.Errorf("first problem %v, want one at %q", r.Problems, tt.where)
			}
		})
	}
	if _, err := VerifyPackage(filepath.Join(t.TempDir(), "none"), VerifyOptions{}); err == nil {
		t.Error("a missing folder verified")
	}
}

// FuzzVerifyManifest: whatever a package's manifest holds, checking it
// never panics nor reads outside the package, and only the manifest as
// signed verifies.
func FuzzVerifyManifest(f *testing.F) {
	dir := f.TempDir()
	writePackage(f, dir)
	signed, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(signed)
	f.Add([]byte(`{"format":"athar-package/1","files":[{"path":"/etc/passwd"}],"ledger":{"entries":"../x"}}`))
	f.Fuzz(func(t *testing.T, manifest []byte) {
		r := verifyManifest(Report{}, dir, manifest, VerifyOptions{})
		if r.OK != bytes.Equal(manifest, signed) {
			t.Fatalf("ok %v for the manifest %q: %v", r.OK, manifest, r.Problems)
		}
	})
}
