package store_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// appendForged adds what whoever holds the data directory can: an entity row
// written behind Athar's back with a correctly chained ledger entry
// recording it (issue 18: such an entry, making a viewer an admin, passed
// verify).
func appendForged(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	seq, prev, err := s.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	row := map[string]any{"id": "forged-entity", "type": "person", "merged_into": nil, "created_at": "2025-01-01T00:00:00Z", "created_by": "intruder"}
	exec(t, s, "INSERT INTO entities (id, type, merged_into, created_at, created_by) VALUES (?, ?, NULL, ?, ?)",
		row["id"], row["type"], row["created_at"], row["created_by"])
	e := ledger.Entry{Seq: seq + 1, At: "2025-01-01T00:00:00Z", Actor: "operator", Action: ledger.ActionInsert, Table: "entities",
		RowID: "forged-entity", RowHash: ledger.RowHash(row), PrevHash: prev}
	e.Seal()
	exec(t, s, "INSERT INTO ledger (seq, at, actor, action, tbl, row_id, row_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		e.Seq, e.At, e.Actor, e.Action, e.Table, e.RowID, e.RowHash, e.PrevHash, e.Hash)
}

// publish copies the data directory's checkpoints to an outside folder, as
// an operator publishing them would.
func publish(t *testing.T, s *store.Store) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "published")
	cps, err := ledger.ReadCheckpoints(s.CheckpointDir())
	if err != nil || len(cps) == 0 {
		t.Fatalf("no checkpoint to publish: %v", err)
	}
	for _, c := range cps {
		if _, err := ledger.WriteCheckpoint(out, c); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func verifyWith(t *testing.T, s *store.Store, anchors string) store.Report {
	t.Helper()
	r, err := s.VerifyAnchored(context.Background(), anchors)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func says(list []string, what string) bool {
	for _, s := range list {
		if strings.Contains(s, what) {
			return true
		}
	}
	return false
}

// TestSigningKeyLivesOutsideTheDataDir: a new store's signing key is made in
// the per-user key folder, named after its ledger, never in the data
// directory; ATHAR_SIGNING_KEY_FILE puts it elsewhere.
func TestSigningKeyLivesOutsideTheDataDir(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		populate(t, s)
		if _, err := os.Stat(filepath.Join(s.DataDir(), "keys", "ledger.ed25519")); err == nil {
			t.Error("the signing key was made in the data directory")
		}
		path, inData, err := s.SigningKeyFile(ctx)
		if err != nil || inData || !strings.HasPrefix(path, filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "athar", "ledger-")) {
			t.Fatalf("key file %s (in the data directory: %v), %v", path, inData, err)
		}
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("no key at %s: %v", path, err)
		}
		if _, ok := s.SigningKeyInDataDir(); ok {
			t.Error("a backup would carry a key that is not in the data directory")
		}
		r := verifyWith(t, s, "")
		if !r.OK || says(r.Unchecked, "who signed") || says(r.Unchecked, "lives in it") {
			t.Errorf("verify: %+v", r)
		}

		// Named by the environment: that file, made there.
		other := filepath.Join(t.TempDir(), "elsewhere", "signing.key")
		t.Setenv(ledger.KeyFileEnv, other)
		if p, _, _ := s.SigningKeyFile(ctx); p != other {
			t.Errorf("with %s set: %s", ledger.KeyFileEnv, p)
		}
	})
}

// TestOldStoresKeepTheirKeyWithAWarning: a key already in DIR/keys is used
// (checkpoints it signed still verify), a backup carries it, and verify
// says that it lives beside the data it protects.
func TestOldStoresKeepTheirKeyWithAWarning(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		legacy := filepath.Join(s.DataDir(), "keys", "ledger.ed25519")
		if _, err := ledger.LoadOrCreateKey(legacy, true); err != nil {
			t.Fatal(err)
		}
		populate(t, s)
		path, inData, err := s.SigningKeyFile(ctx)
		if err != nil || path != legacy || !inData {
			t.Fatalf("key file %s (in the data directory: %v), %v", path, inData, err)
		}
		if p, ok := s.SigningKeyInDataDir(); !ok || p != legacy {
			t.Errorf("a backup would not carry the data directory's key")
		}
		r := verifyWith(t, s, "")
		if !r.OK || !says(r.Unchecked, "the signing key lives in it") {
			t.Errorf("verify: %+v", r)
		}
	})
}

// TestAnchorsCatchWhatTheDataDirHolderCanDo is issue 18's finding 7: an
// appended, correctly chained entry passed verify, and so did deleting every
// checkpoint. Without an anchor verify still passes what it can check — and
// says what it could not; with checkpoints published outside, deleting them
// or rewriting what they cover fails, and what comes after them is named as
// not covered.
func TestAnchorsCatchWhatTheDataDirHolderCanDo(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		populate(t, s)
		anchors := publish(t, s)
		if r := verifyWith(t, s, anchors); !r.OK || r.Anchors != 1 || len(r.Unchecked) != 0 {
			t.Fatalf("an untouched store with its checkpoint published: %+v", r)
		}

		appendForged(t, s)
		r := verifyWith(t, s, "")
		if !r.OK || !says(r.Unchecked, "no outside anchor is configured") {
			t.Errorf("no anchor, an entry appended: %+v — want passed, saying what it could not check", r)
		}
		r = verifyWith(t, s, anchors)
		if !r.OK || !says(r.Unchecked, "after the newest checkpoint published outside") {
			t.Errorf("anchored, an entry appended after the anchor: %+v — want passed, naming the entries not covered", r)
		}

		// Every checkpoint deleted: unseen without an anchor, a failure with one.
		if err := os.RemoveAll(s.CheckpointDir()); err != nil {
			t.Fatal(err)
		}
		if r := verifyWith(t, s, ""); !r.OK || !says(r.Unchecked, "checkpoints deleted") {
			t.Errorf("no anchor, checkpoints deleted: %+v", r)
		}
		r = verifyWith(t, s, anchors)
		if r.OK || !strings.Contains(r.Problems[0].String(), "is missing from") {
			t.Errorf("anchored, checkpoints deleted: %+v — want the anchored checkpoint missing", r)
		}
	})
}

// TestAnchorContradicted: a chain rewritten and re-signed by whoever holds
// the data directory (with a key of their own, the real one being out of
// reach) fails against the published checkpoint, and against the real key.
func TestAnchorContradicted(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		populate(t, s)
		anchors := publish(t, s)
		seq, _, err := s.Head(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Rewrite the last entry and everything that hangs on it, and sign
		// the new head with a key of one's own.
		exec(t, s, "UPDATE ledger SET at = ? WHERE seq = ?", "2020-01-01T00:00:00Z", seq)
		var e ledger.Entry
		if err := s.DB().QueryRow(s.Rebind("SELECT seq, at, actor, action, tbl, row_id, row_hash, prev_hash FROM ledger WHERE seq = ?"), seq).
			Scan(&e.Seq, &e.At, &e.Actor, &e.Action, &e.Table, &e.RowID, &e.RowHash, &e.PrevHash); err != nil {
			t.Fatal(err)
		}
		e.Seal()
		exec(t, s, "UPDATE ledger SET hash = ? WHERE seq = ?", e.Hash, seq)
		forger, err := ledger.LoadOrCreateKey(filepath.Join(t.TempDir(), "forger.key"), true)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(s.CheckpointDir()); err != nil {
			t.Fatal(err)
		}
		if _, err := ledger.WriteCheckpoint(s.CheckpointDir(), forger.Sign(seq, e.Hash, "2020-01-01T00:00:00Z")); err != nil {
			t.Fatal(err)
		}
		r := verifyWith(t, s, anchors)
		if r.OK || !says(problems(r), "signed by another key") || !says(problems(r), "the chain was rewritten") {
			t.Errorf("rewritten and re-signed, anchored: %+v", r)
		}
		// Without the real key at hand, the anchor alone still tells.
		t.Setenv(ledger.KeyFileEnv, filepath.Join(t.TempDir(), "absent.key"))
		r = verifyWith(t, s, anchors)
		if r.OK || !says(problems(r), "signed by another key") {
			t.Errorf("rewritten and re-signed, anchored, no key: %+v", r)
		}
		// Neither key nor anchor: verify says it cannot tell who signed.
		if r := verifyWith(t, s, ""); !r.OK || !says(r.Unchecked, "who signed the checkpoints") {
			t.Errorf("rewritten and re-signed, no key, no anchor: %+v", r)
		}
	})
}

func TestReadAnchorsForms(t *testing.T) {
	dir := t.TempDir()
	signer, err := ledger.LoadOrCreateKey(filepath.Join(dir, "k"), true)
	if err != nil {
		t.Fatal(err)
	}
	a, b := signer.Sign(5, strings.Repeat("a", 64), "2025-01-01T00:00:00Z"), signer.Sign(9, strings.Repeat("b", 64), "2025-02-01T00:00:00Z")
	one, _ := json.Marshal(a)
	two, _ := json.Marshal(b)
	arr, _ := json.Marshal([]ledger.Checkpoint{b, a})
	for name, content := range map[string]string{"lines.jsonl": string(two) + "\n" + string(one) + "\n", "array.json": string(arr)} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ledger.ReadAnchors(path)
		if err != nil || len(got) != 2 || got[0].Seq != 5 || got[1].Seq != 9 {
			t.Errorf("%s: %+v %v", name, got, err)
		}
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"seq": 3}`), 0o644)
	if _, err := ledger.ReadAnchors(bad); err == nil {
		t.Error("a checkpoint without a hash was accepted")
	}
	if _, err := ledger.ReadAnchors(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing anchor file was accepted")
	}
}

func problems(r store.Report) []string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, p.String())
	}
	return out
}
