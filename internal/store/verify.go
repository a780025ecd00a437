package store

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/ledger"
)

// Problem is one break verify found.
type Problem struct {
	Kind   string `json:"kind"`  // chain, row, blob, checkpoint
	Where  string `json:"where"` // ledger entry, table/row, blob hash or checkpoint file
	Detail string `json:"detail"`
}

func (p Problem) String() string { return p.Kind + " " + p.Where + ": " + p.Detail }

// Report is what verify found.
type Report struct {
	OK          bool   `json:"ok"`
	Entries     int64  `json:"entries"`
	Head        string `json:"head"`
	Rows        int64  `json:"rows"`
	Blobs       int64  `json:"blobs"`
	Checkpoints int    `json:"checkpoints"`
	Anchors     int    `json:"anchors"` // checkpoints published outside the data directory, checked
	// TakeDowns counts the sources taken down (Tx.TakeDown): their content
	// erased for good, as the ledger records — not a break.
	TakeDowns int       `json:"takedowns"`
	Problems  []Problem `json:"problems"`
	// Unchecked says what verify could not check, and why: with no
	// outside anchor, a chain whoever holds the data directory extended or
	// whose checkpoints they deleted looks whole (CONTRACTS.md: verify
	// still passes what it can check and says what it could not).
	Unchecked []string `json:"unchecked"`
	// Timestamps counts the RFC 3161 tokens over checkpoints that were
	// checked (by the application layer: internal/app, VerifyAnchored).
	Timestamps int `json:"timestamps"`
}

// maxProblems bounds the report: past the first break, more rarely helps.
const maxProblems = 100

func (r *Report) add(kind, where, format string, args ...any) {
	if len(r.Problems) < maxProblems {
		r.Problems = append(r.Problems, Problem{kind, where, fmt.Sprintf(format, args...)})
	}
}

// CheckpointDir is where signed checkpoints of the ledger's head are kept.
func (s *Store) CheckpointDir() string { return filepath.Join(s.dataDir, "checkpoints") }

// SigningKeyInDataDir returns the path of a signing key kept in the data
// directory (stores made before the key moved out), if there is one: the
// one a backup carries.
func (s *Store) SigningKeyInDataDir() (string, bool) {
	path := filepath.Join(s.dataDir, filepath.FromSlash(ledger.LegacyKeyFile))
	if s.keyFile != "" && filepath.Clean(s.keyFile) != path {
		return "", false
	}
	if os.Getenv(ledger.KeyFileEnv) != "" && filepath.Clean(os.Getenv(ledger.KeyFileEnv)) != path {
		return "", false
	}
	if _, err := os.Stat(path); err != nil {
		return "", false
	}
	return path, true
}

// SigningKeyFile is where the ledger's signing key is, or will be made:
// Config.SigningKeyFile, else ATHAR_SIGNING_KEY_FILE, else the data
// directory's old key file when it has one (inData), else the per-user
// default named after the ledger's first entry. "" before the ledger has
// an entry and no file is named.
func (s *Store) SigningKeyFile(ctx context.Context) (path string, inData bool, err error) {
	if s.keyFile != "" {
		return s.keyFile, false, nil
	}
	if env := os.Getenv(ledger.KeyFileEnv); env != "" {
		return env, false, nil
	}
	if path, ok := s.SigningKeyInDataDir(); ok {
		return path, true, nil
	}
	var genesis string
	err = s.db.QueryRowContext(ctx, s.rebind("SELECT hash FROM ledger WHERE seq = ?"), 1).Scan(&genesis)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read the ledger's first entry: %w", err)
	}
	path, err = ledger.DefaultKeyFile(genesis)
	return path, false, err
}

// Checkpoint signs the ledger's current head into a checkpoint file, unless
// the newest checkpoint already holds it. It returns the checkpoint.
func (s *Store) Checkpoint(ctx context.Context) (ledger.Checkpoint, error) {
	seq, hash, err := s.Head(ctx)
	if err != nil {
		return ledger.Checkpoint{}, err
	}
	existing, err := ledger.ReadCheckpoints(s.CheckpointDir())
	if err != nil {
		return ledger.Checkpoint{}, err
	}
	if n := len(existing); n > 0 && existing[n-1].Seq == seq && existing[n-1].Hash == hash {
		return existing[n-1], nil
	}
	if seq == 0 {
		return ledger.Checkpoint{}, nil
	}
	path, _, err := s.SigningKeyFile(ctx)
	if err != nil {
		return ledger.Checkpoint{}, err
	}
	signer, err := ledger.LoadOrCreateKey(path, true)
	if err != nil {
		return ledger.Checkpoint{}, err
	}
	c := signer.Sign(seq, hash, s.now().Format(time.RFC3339))
	if _, err := ledger.WriteCheckpoint(s.CheckpointDir(), c); err != nil {
		return ledger.Checkpoint{}, fmt.Errorf("write checkpoint: %w", err)
	}
	return c, nil
}

// Verify is VerifyAnchored with the anchors ATHAR_LEDGER_ANCHORS names.
func (s *Store) Verify(ctx context.Context) (Report, error) {
	return s.VerifyAnchored(ctx, os.Getenv(ledger.AnchorsEnv))
}

// VerifyAnchored re-walks the ledger's chain, re-hashes every current row
// against its latest entry and every blob against its name, checks every
// signed checkpoint (signed by the ledger's key when that is found) and that
// the chain still holds it, and — with anchors, a folder or file of
// checkpoints published outside the data directory ("": none) — that each
// of those is in the data directory and agrees with the chain. Problems come
// in the order found, the first break first; Unchecked says what it could
// not check.
func (s *Store) VerifyAnchored(ctx context.Context, anchors string) (Report, error) {
	var r Report
	latest, err := s.verifyChain(ctx, &r)
	if err != nil {
		return r, err
	}
	// Checkpoints before rows: a chain cut short is the cause of the rows
	// that then look unrecorded.
	if err := s.verifyCheckpoints(ctx, &r, anchors); err != nil {
		return r, err
	}
	if err := s.verifyRows(ctx, &r, latest); err != nil {
		return r, err
	}
	if err := s.verifyBlobs(ctx, &r); err != nil {
		return r, err
	}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM takedowns").Scan(&r.TakeDowns); err != nil {
		return r, fmt.Errorf("count take-downs: %w", err)
	}
	r.OK = len(r.Problems) == 0
	return r, nil
}

type rowKey struct{ table, id string }

func (s *Store) verifyChain(ctx context.Context, r *Report) (map[rowKey]ledger.Entry, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT seq, at, actor, action, tbl, row_id, row_hash, prev_hash, hash FROM ledger ORDER BY seq")
	if err != nil {
		return nil, fmt.Errorf("read ledger: %w", err)
	}
	defer rows.Close()
	latest := map[rowKey]ledger.Entry{}
	prev, want := ledger.Genesis, int64(1)
	for rows.Next() {
		var e ledger.Entry
		if err := rows.Scan(&e.Seq, &e.At, &e.Actor, &e.Action, &e.Table, &e.RowID, &e.RowHash, &e.PrevHash, &e.Hash); err != nil {
			return nil, fmt.Errorf("read ledger: %w", err)
		}
		r.Entries++
		where := fmt.Sprintf("entry %d", e.Seq)
		switch {
		case e.Seq != want:
			r.add("chain", where, "expected entry %d here: entries %d to %d are missing", want, want, e.Seq-1)
		case e.PrevHash != prev:
			r.add("chain", where, "does not chain to the entry before it (previous hash %.12s…, recorded %.12s…)", prev, e.PrevHash)
		case e.ComputeHash() != e.Hash:
			r.add("chain", where, "its contents no longer match its hash (the entry was edited)")
		}
		prev, want = e.Hash, e.Seq+1
		latest[rowKey{e.Table, e.RowID}] = e
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	r.Head = prev
	return latest, nil
}

func (s *Store) verifyRows(ctx context.Context, r *Report, latest map[rowKey]ledger.Entry) error {
	seen := map[rowKey]bool{}
	for _, tb := range ledgeredTables {
		if tb.postgresOnly && s.dialect.name() != "postgres" {
			continue
		}
		rows, err := s.db.QueryContext(ctx, "SELECT "+strings.Join(tb.cols, ", ")+" FROM "+tb.name+" ORDER BY "+tb.key)
		if err != nil {
			return fmt.Errorf("read %s: %w", tb.name, err)
		}
		for rows.Next() {
			vals := make([]any, len(tb.cols))
			ptrs := make([]any, len(tb.cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return fmt.Errorf("read %s: %w", tb.name, err)
			}
			row := make(map[string]any, len(tb.cols))
			for i, c := range tb.cols {
				if row[c], err = normalize(vals[i]); err != nil {
					rows.Close()
					return err
				}
			}
			r.Rows++
			k := rowKey{tb.name, fmt.Sprint(row[tb.key])}
			seen[k] = true
			e, ok := latest[k]
			where := tb.name + " " + k.id
			switch {
			case !ok:
				r.add("row", where, "is in the database but not in the ledger (written outside Athar)")
			case e.Action == ledger.ActionDelete:
				r.add("row", where, "was deleted at entry %d but is back", e.Seq)
			case ledger.RowHash(row) != e.RowHash:
				r.add("row", where, "was changed after ledger entry %d recorded it", e.Seq)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	var missing []ledger.Entry
	for k, e := range latest {
		if !seen[k] && e.Action != ledger.ActionDelete {
			missing = append(missing, e)
		}
	}
	sort.Slice(missing, func(i, j int) bool { return missing[i].Seq < missing[j].Seq })
	for _, e := range missing {
		r.add("row", e.Table+" "+e.RowID, "is missing: ledger entry %d recorded it, nothing deleted it", e.Seq)
	}
	return nil
}

func (s *Store) verifyBlobs(ctx context.Context, r *Report) error {
	found := map[string]bool{}
	err := s.archive.walk(ctx, s.db, func(name string, rd io.Reader) error {
		h := sha256.New()
		if _, err := io.Copy(h, rd); err != nil {
			return err
		}
		r.Blobs++
		found[name] = true
		if got := hex.EncodeToString(h.Sum(nil)); got != name {
			r.add("blob", name, "its bytes now hash to %s (the original was altered)", got)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("walk archive: %w", err)
	}
	// A sealed source's original is stored sealed, under the hash of what
	// is stored (its source_keys row).
	rows, err := s.db.QueryContext(ctx, "SELECT s.id, COALESCE(k.blob_sha256, s.sha256) FROM sources s "+
		"LEFT JOIN source_keys k ON k.source_id = s.id ORDER BY s.id")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, sum string
		if err := rows.Scan(&id, &sum); err != nil {
			return err
		}
		if !found[sum] {
			r.add("blob", sum, "the original of source %s is missing from the archive", id)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return s.verifySourceFiles(ctx, r, found)
}

// verifySourceFiles names every file kept with a source (a capture's WARC,
// screenshot, media) whose bytes are missing from the archive: the sealed
// bytes for a file of a sealed source.
func (s *Store) verifySourceFiles(ctx context.Context, r *Report, found map[string]bool) error {
	rows, err := s.db.QueryContext(ctx, "SELECT source_id, role, CASE WHEN blob_sha256 = '' THEN sha256 ELSE blob_sha256 END "+
		"FROM source_files ORDER BY source_id, id")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, role, sum string
		if err := rows.Scan(&id, &role, &sum); err != nil {
			return err
		}
		if !found[sum] {
			r.add("blob", sum, "the %s file of source %s is missing from the archive", role, id)
		}
	}
	return rows.Err()
}

func (s *Store) verifyCheckpoints(ctx context.Context, r *Report, anchors string) error {
	cps, err := ledger.ReadCheckpoints(s.CheckpointDir())
	if err != nil {
		r.add("checkpoint", s.CheckpointDir(), "%v", err)
		return nil
	}
	r.Checkpoints = len(cps)
	trusted, err := s.trustedKey(ctx, r, len(cps) > 0)
	if err != nil {
		return err
	}
	var anchored []ledger.Checkpoint
	if anchors != "" {
		if anchored, err = ledger.ReadAnchors(anchors); err != nil {
			r.add("anchor", anchors, "%v", err)
		}
		r.Anchors = len(anchored)
		if trusted == nil && len(anchored) > 0 {
			// Published outside, the anchors' key is as trusted as they are.
			trusted = anchorKey(r, anchored)
		}
	}
	if trusted == nil && len(cps) > 0 {
		r.unchecked("who signed the checkpoints: neither the ledger's signing key nor an anchor is at hand, so each was checked " +
			"against the key it carries, which whoever rewrote the chain could have made")
	}
	signed := map[int64]string{}
	for _, c := range cps {
		where := fmt.Sprintf("%012d.json", c.Seq)
		if err := c.Verify(trusted); err != nil {
			r.add("checkpoint", where, "%v", err)
			continue
		}
		signed[c.Seq] = c.Hash
		s.checkAgainstChain(ctx, r, "checkpoint", where, c)
	}
	for _, a := range anchored {
		where := fmt.Sprintf("anchor %s entry %d", filepath.Base(anchors), a.Seq)
		if err := a.Verify(trusted); err != nil {
			r.add("anchor", where, "%v", err)
			continue
		}
		if !s.checkAgainstChain(ctx, r, "anchor", where, a) {
			continue
		}
		switch h, ok := signed[a.Seq]; {
		case !ok:
			r.add("anchor", where, "the checkpoint published outside at entry %d is missing from %s: checkpoints were deleted", a.Seq, s.CheckpointDir())
		case h != a.Hash:
			r.add("anchor", where, "the data directory's checkpoint at entry %d contradicts the one published outside", a.Seq)
		}
	}
	switch {
	case anchors == "":
		r.unchecked("entries added to the end of the chain, or checkpoints deleted, by whoever holds the data directory: " +
			"no outside anchor is configured (" + ledger.AnchorsEnv + "; see docs/security.md)")
	case len(anchored) > 0 && anchored[len(anchored)-1].Seq < r.Entries:
		r.unchecked(fmt.Sprintf("entries %d to %d, after the newest checkpoint published outside: publish a newer one to cover them",
			anchored[len(anchored)-1].Seq+1, r.Entries))
	case len(anchored) == 0 && r.Entries > 0 && len(r.Problems) == 0:
		r.unchecked("the anchor " + anchors + " holds no checkpoint yet: publish one from " + s.CheckpointDir())
	}
	return nil
}

// Ledger lists up to limit ledger entries after sequence number after, in
// order: what an auditor reads, and what tests check a write against.
func (s *Store) Ledger(ctx context.Context, after int64, limit int) ([]ledger.Entry, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(fmt.Sprintf("SELECT seq, at, actor, action, tbl, row_id, row_hash, prev_hash, hash "+
		"FROM ledger WHERE seq > ? ORDER BY seq LIMIT %d", limit)), after)
	if err != nil {
		return nil, fmt.Errorf("read ledger: %w", err)
	}
	defer rows.Close()
	var out []ledger.Entry
	for rows.Next() {
		var e ledger.Entry
		if err := rows.Scan(&e.Seq, &e.At, &e.Actor, &e.Action, &e.Table, &e.RowID, &e.RowHash, &e.PrevHash, &e.Hash); err != nil {
			return nil, fmt.Errorf("read ledger: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// trustedKey is the public half of the ledger's signing key, when the key
// is found; nil (with what could not be checked said) when not.
func (s *Store) trustedKey(ctx context.Context, r *Report, needed bool) (ed25519.PublicKey, error) {
	path, inData, err := s.SigningKeyFile(ctx)
	if err != nil {
		return nil, err
	}
	if path == "" {
		return nil, nil
	}
	signer, err := ledger.LoadKey(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if needed {
			r.unchecked("the checkpoints' signatures against the ledger's own key: no key at " + path + " (set " + ledger.KeyFileEnv + " to where it is)")
		}
		return nil, nil
	case err != nil:
		r.add("checkpoint", path, "the signing key cannot be read: %v", err)
		return nil, nil
	}
	if inData {
		r.unchecked("that the checkpoints were signed by someone other than whoever holds the data directory: the signing key lives in it (" +
			path + "); move it out (docs/security.md, \"Moving the signing key\")")
	}
	return signer.Public(), nil
}

// anchorKey is the key every anchor is signed with; anchors signed with
// more than one key are a problem (nil).
func anchorKey(r *Report, anchored []ledger.Checkpoint) ed25519.PublicKey {
	var key ed25519.PublicKey
	for _, a := range anchored {
		if err := a.Verify(nil); err != nil {
			continue // reported as the anchors are checked
		}
		k, _ := hex.DecodeString(a.PublicKey)
		switch {
		case key == nil:
			key = k
		case !key.Equal(ed25519.PublicKey(k)):
			r.add("anchor", fmt.Sprintf("entry %d", a.Seq), "the published checkpoints are signed with more than one key")
			return nil
		}
	}
	return key
}

// checkAgainstChain checks that the chain holds entry c.Seq with c's hash.
func (s *Store) checkAgainstChain(ctx context.Context, r *Report, kind, where string, c ledger.Checkpoint) bool {
	var hash string
	err := s.db.QueryRowContext(ctx, s.rebind("SELECT hash FROM ledger WHERE seq = ?"), c.Seq).Scan(&hash)
	switch {
	case err != nil && c.Seq > r.Entries:
		r.add(kind, where, "the chain ends at entry %d but was signed at entry %d: entries were cut off the end", r.Entries, c.Seq)
	case err != nil:
		r.add(kind, where, "entry %d, signed in this checkpoint, is not in the chain", c.Seq)
	case hash != c.Hash:
		r.add(kind, where, "entry %d's hash differs from the signed one: the chain was rewritten", c.Seq)
	default:
		return true
	}
	return false
}

func (r *Report) unchecked(what string) { r.Unchecked = append(r.Unchecked, what) }
