package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
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
	OK          bool      `json:"ok"`
	Entries     int64     `json:"entries"`
	Head        string    `json:"head"`
	Rows        int64     `json:"rows"`
	Blobs       int64     `json:"blobs"`
	Checkpoints int       `json:"checkpoints"`
	Problems    []Problem `json:"problems"`
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

func (s *Store) keyPath() string { return filepath.Join(s.dataDir, "keys", "ledger.ed25519") }

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
	signer, err := ledger.LoadOrCreateKey(s.keyPath(), true)
	if err != nil {
		return ledger.Checkpoint{}, err
	}
	c := signer.Sign(seq, hash, s.now().Format(time.RFC3339))
	if _, err := ledger.WriteCheckpoint(s.CheckpointDir(), c); err != nil {
		return ledger.Checkpoint{}, fmt.Errorf("write checkpoint: %w", err)
	}
	return c, nil
}

// Verify re-walks the ledger's chain, re-hashes every current row against its
// latest entry and every blob against its name, and checks that the chain
// still holds every signed checkpoint. Problems come in the order found, the
// first break first.
func (s *Store) Verify(ctx context.Context) (Report, error) {
	var r Report
	latest, err := s.verifyChain(ctx, &r)
	if err != nil {
		return r, err
	}
	// Checkpoints before rows: a chain cut short is the cause of the rows
	// that then look unrecorded.
	if err := s.verifyCheckpoints(ctx, &r); err != nil {
		return r, err
	}
	if err := s.verifyRows(ctx, &r, latest); err != nil {
		return r, err
	}
	if err := s.verifyBlobs(ctx, &r); err != nil {
		return r, err
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
	rows, err := s.db.QueryContext(ctx, "SELECT id, sha256 FROM sources ORDER BY id")
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
	return rows.Err()
}

func (s *Store) verifyCheckpoints(ctx context.Context, r *Report) error {
	cps, err := ledger.ReadCheckpoints(s.CheckpointDir())
	if err != nil {
		r.add("checkpoint", s.CheckpointDir(), "%v", err)
		return nil
	}
	r.Checkpoints = len(cps)
	if len(cps) == 0 {
		return nil
	}
	signer, err := ledger.LoadOrCreateKey(s.keyPath(), false)
	if err != nil {
		r.add("checkpoint", s.keyPath(), "checkpoints exist but the signing key cannot be read: %v", err)
		return nil
	}
	for _, c := range cps {
		where := fmt.Sprintf("%012d.json", c.Seq)
		if err := c.Verify(signer.Public()); err != nil {
			r.add("checkpoint", where, "%v", err)
			continue
		}
		var hash string
		err := s.db.QueryRowContext(ctx, s.rebind("SELECT hash FROM ledger WHERE seq = ?"), c.Seq).Scan(&hash)
		switch {
		case err != nil && c.Seq > r.Entries:
			r.add("checkpoint", where, "the chain ends at entry %d but was signed at entry %d: entries were cut off the end", r.Entries, c.Seq)
		case err != nil:
			r.add("checkpoint", where, "entry %d, signed in this checkpoint, is not in the chain", c.Seq)
		case hash != c.Hash:
			r.add("checkpoint", where, "entry %d's hash differs from the signed one: the chain was rewritten", c.Seq)
		}
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
