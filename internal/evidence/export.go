package evidence

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/dossier"
	"github.com/athar-project/athar/internal/ledger"
)

// Options are how a package is made.
type Options struct {
	Lang dossier.Lang
	// Now is the clock; nil: time.Now.
	Now func() time.Time
}

// safeName is what may stand in a path of the package: source ids and file
// names Athar makes.
var safeName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)

// Export writes the court package of the person id, as v may see it, into
// out, a folder that must not exist or be empty. It is written beside out
// and moved into place whole. Handing over restricted and confidential
// sources is recorded in the access log before the package appears.
func Export(ctx context.Context, a *app.App, v access.Viewer, id, out string, opt Options) (Manifest, error) {
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	if err := emptyOrMissing(out); err != nil {
		return Manifest{}, err
	}
	d, err := a.Dossiers(nil).Make(ctx, v, id, opt.Lang)
	if err != nil {
		return Manifest{}, err
	}
	pdf, err := d.PDF(ctx)
	if err != nil {
		return Manifest{}, fmt.Errorf("print the dossier: %w", err)
	}
	var files []app.EvidenceFile
	var withdrawn []string
	for _, src := range d.Shown {
		sf, err := a.EvidenceFiles(ctx, v, src.ID)
		if errors.Is(err, app.ErrWithdrawn) {
			withdrawn = append(withdrawn, src.ID)
			continue
		}
		if err != nil {
			return Manifest{}, fmt.Errorf("source %s: %w", src.ID, err)
		}
		files = append(files, sf...)
	}
	// The head after the dossier was read: every entry the dossier rests
	// on is at or before it. Configured authorities are asked to stamp it.
	stamped, err := a.Timestamp(ctx)
	if err != nil {
		return Manifest{}, err
	}
	cp := stamped.Checkpoint
	if cp.Seq == 0 {
		return Manifest{}, errors.New("the ledger has no signed head")
	}

	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(out)), "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return Manifest{}, err
	}
	defer os.RemoveAll(tmp)
	w := writer{dir: tmp}
	m := Manifest{Format: Format, Person: Person{ID: d.ID, DossierTitle: d.Title}, MadeAt: now().UTC().Format(time.RFC3339),
		MadeBy: v.Actor(), Clearance: v.Clearance.String(), Withdrawn: withdrawn}

	var rows []app.LedgerRow
	for _, f := range files {
		rows = append(rows, f.Rows...)
	}
	entries, err := a.EntriesFor(ctx, rows, cp.Seq)
	if err != nil {
		return Manifest{}, err
	}
	from := cp.Seq
	for _, f := range files {
		if !safeName.MatchString(f.SourceID) || !safeName.MatchString(f.Name) {
			return Manifest{}, fmt.Errorf("source %s: file %q has a name a package cannot hold", f.SourceID, f.Name)
		}
		p := path.Join("sources", f.SourceID, f.Name)
		mf, err := w.file(p, f.Data)
		if err != nil {
			return Manifest{}, err
		}
		mf.MediaType, mf.Role, mf.SourceID = f.MediaType, f.Role, f.SourceID
		mf.AcquisitionMethod, mf.SourceURL, mf.CollectedBy = f.Method, f.URL, f.CollectedBy
		if !f.AcquiredAt.IsZero() {
			mf.AcquiredAt = f.AcquiredAt.UTC().Format(time.RFC3339)
		}
		mf.LedgerEntries = []EntryRef{}
		for _, r := range f.Rows {
			for _, e := range entries[r] {
				mf.LedgerEntries = append(mf.LedgerEntries, EntryRef{Seq: e.Seq, Hash: e.Hash, PrevHash: e.PrevHash, Kind: e.Action + " " + e.Table, Row: e.RowID, At: e.At})
				from = min(from, e.Seq)
			}
		}
		if len(mf.LedgerEntries) == 0 {
			return Manifest{}, fmt.Errorf("source %s: no ledger entry records it: run athar verify", f.SourceID)
		}
		sort.Slice(mf.LedgerEntries, func(i, j int) bool { return mf.LedgerEntries[i].Seq < mf.LedgerEntries[j].Seq })
		m.Files = append(m.Files, mf)
	}
	dp, err := w.file(DossierFile, pdf)
	if err != nil {
		return Manifest{}, err
	}
	dp.MediaType, dp.Role, dp.CollectedBy, dp.AcquiredAt = "application/pdf", "dossier", v.Actor(), m.MadeAt
	dp.AcquisitionMethod = fmt.Sprintf("made by athar export package from %s's case file as %s (clearance %s) saw it", d.ID, v.Actor(), v.Clearance)
	dp.LedgerEntries = []EntryRef{}
	m.Files = append(m.Files, dp)

	// The ledger: its entries from the first that concerns a file to the
	// signed head, the head, and its trusted time.
	var jl bytes.Buffer
	err = a.LedgerRange(ctx, from, cp.Seq, func(e ledger.Entry) error {
		b, err := json.Marshal(e)
		jl.Write(b)
		jl.WriteByte('\n')
		return err
	})
	if err != nil {
		return Manifest{}, err
	}
	cpJSON, _ := json.MarshalIndent(cp, "", "  ")
	for name, b := range map[string][]byte{EntriesFile: jl.Bytes(), CheckpointFile: append(cpJSON, '\n'), SignedBytesFile: cp.SignedBytes()} {
		if _, err := w.file(name, b); err != nil {
			return Manifest{}, err
		}
	}
	m.Ledger = Ledger{Entries: EntriesFile, From: from, Head: cp.Seq, HeadHash: cp.Hash, Checkpoint: CheckpointFile,
		SignedBytes: SignedBytesFile, PublicKey: cp.PublicKey, Timestamps: []Timestamp{}}
	tc, err := ledger.TimeConfigFromEnv()
	if err != nil {
		return Manifest{}, err
	}
	tokens, err := ledger.Tokens(a.CheckpointDir())
	if err != nil {
		return Manifest{}, err
	}
	for _, t := range tokens[cp.Seq] {
		b, err := os.ReadFile(t)
		if err != nil {
			return Manifest{}, err
		}
		info, err := ledger.VerifyToken(b, cp.Imprint(), tc.Roots)
		if err != nil {
			return Manifest{}, fmt.Errorf("the time-stamp token %s does not verify: %w (athar verify says more)", filepath.Base(t), err)
		}
		p := path.Join(TimestampsDir, filepath.Base(t))
		if _, err := w.file(p, b); err != nil {
			return Manifest{}, err
		}
		m.Ledger.Timestamps = append(m.Ledger.Timestamps, Timestamp{Path: p, Authority: info.Authority, Time: info.Time.Format(time.RFC3339)})
	}
	if len(tc.Anchors) > 0 {
		var pemb bytes.Buffer
		for _, c := range tc.Anchors {
			pem.Encode(&pemb, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
		}
		if _, err := w.file(TSACAFile, pemb.Bytes()); err != nil {
			return Manifest{}, err
		}
		m.Ledger.TSACA = TSACAFile
	}

	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Manifest{}, err
	}
	mb = append(mb, '\n')
	sig, _, err := a.SignWithLedgerKey(ctx, v, mb)
	if err != nil {
		return Manifest{}, fmt.Errorf("sign the manifest: %w", err)
	}
	if _, err := w.file(ManifestFile, mb); err != nil {
		return Manifest{}, err
	}
	if _, err := w.file(SignatureFile, []byte(hex.EncodeToString(sig)+"\n")); err != nil {
		return Manifest{}, err
	}
	if err := a.RecordViews(ctx, v, "package", "local", app.Shown{Sources: d.Shown}); err != nil {
		return Manifest{}, err
	}
	if err := os.Remove(out); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Manifest{}, err
	}
	if err := os.Rename(tmp, out); err != nil {
		return Manifest{}, err
	}
	return m, nil
}

func emptyOrMissing(dir string) error {
	ents, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("--out %s: %w", dir, err)
	case len(ents) > 0:
		return fmt.Errorf("--out %s is not empty: a package is written into a new folder", dir)
	}
	return nil
}

type writer struct{ dir string }

// file writes b at the slash path p and returns its manifest entry.
func (w writer) file(p string, b []byte) (File, error) {
	full := filepath.Join(w.dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o700); err != nil {
		return File{}, err
	}
	if err := os.WriteFile(full, b, 0o600); err != nil {
		return File{}, err
	}
	sum := sha256.Sum256(b)
	return File{Path: p, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(b))}, nil
}
