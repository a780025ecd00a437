package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"path/filepath"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/ledger"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// What a court package (internal/evidence) takes from the store: every
// archived file of a source, with how and when it was acquired and by whom,
// and the ledger entries that concern it.

// EvidenceFile is one archived file of a source.
type EvidenceFile struct {
	SourceID string
	// Role says what the file is to its source: "original" (the bytes
	// stored as the source), or what a capture adds ("warc", "wacz",
	// "screenshot", ...).
	Role       string
	Name       string // a file name for it, unique among its source's files
	MediaType  string
	Data       []byte
	AcquiredAt time.Time // zero when unknown
	// Method says how it was acquired, in words a reader understands.
	Method      string
	URL         string // where it came from, when from the web
	CollectedBy string // the account that stored it
	// Rows are the ledgered rows whose entries concern this file: the
	// package carries those entries.
	Rows []LedgerRow
}

// LedgerRow names a ledgered row: its table and id.
type LedgerRow struct{ Table, ID string }

// SHA256 is the hex SHA-256 of the file's bytes.
func (f EvidenceFile) SHA256() string {
	sum := sha256.Sum256(f.Data)
	return hex.EncodeToString(sum[:])
}

// EvidenceFiles returns every archived file of the source id that v may
// see, with the bytes and what a court package says of each: its original
// and — for a captured page — the capture's other files (SourceFiles, the
// one list of a source's files). The court package learns a source's files
// here.
func (a *App) EvidenceFiles(ctx context.Context, v access.Viewer, id string) ([]EvidenceFile, error) {
	src, err := a.st.Source(ctx, v, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("source")
	}
	if err != nil {
		return nil, err
	}
	data, err := a.st.Blob(ctx, v, id)
	if err != nil {
		return nil, fmt.Errorf("the original of source %s: %w", id, err)
	}
	if got := store.Hash(data); got != src.SHA256 {
		return nil, fmt.Errorf("the original of source %s hashes to %s, not to the %s it was stored with: run athar verify", id, got, src.SHA256)
	}
	files, err := a.SourceFiles(ctx, v, id)
	if err != nil {
		return nil, err
	}
	orig := EvidenceFile{
		SourceID: src.ID, Role: "original", Name: originalName(src), MediaType: mediaType(src), Data: data,
		AcquiredAt: src.RetrievedAt, Method: acquisition(src, len(files) > 0), URL: src.URL, CollectedBy: src.AddedBy,
		Rows: []LedgerRow{{"sources", src.ID}},
	}
	out := []EvidenceFile{orig}
	for _, f := range files {
		if f.SHA256 == src.SHA256 {
			// The capture's WACZ is the source's original: listed once,
			// with the file's row among its entries.
			out[0].Role, out[0].Name = string(f.Role), f.Name
			out[0].Rows = append(out[0].Rows, LedgerRow{"source_files", f.ID})
			continue
		}
		_, b, err := a.SourceFile(ctx, v, id, f.SHA256)
		if err != nil {
			return nil, fmt.Errorf("file %s of source %s: %w", f.Name, id, err)
		}
		if got := store.Hash(b); got != f.SHA256 {
			return nil, fmt.Errorf("file %s of source %s hashes to %s, not to the %s it was stored with: run athar verify", f.Name, id, got, f.SHA256)
		}
		url := f.URL
		if url == "" {
			url = src.URL
		}
		out = append(out, EvidenceFile{
			SourceID: src.ID, Role: string(f.Role), Name: f.Name, MediaType: f.MediaType, Data: b,
			AcquiredAt: src.RetrievedAt, Method: captureMethod, URL: url, CollectedBy: src.AddedBy,
			Rows: []LedgerRow{{"source_files", f.ID}},
		})
	}
	return out, nil
}

func originalName(src model.Source) string {
	ext := strings.ToLower(filepath.Ext(src.Filename))
	if ext == "" {
		if exts, _ := mime.ExtensionsByType(mediaType(src)); len(exts) > 0 {
			ext = exts[0]
		}
	}
	if ext == "" || len(ext) > 10 || strings.ContainsAny(ext, `/\ `) {
		ext = ".bin"
	}
	return "original" + ext
}

func mediaType(src model.Source) string {
	if src.ContentType == "" {
		return "application/octet-stream"
	}
	return src.ContentType
}

func acquisition(src model.Source, captured bool) string {
	switch {
	case captured:
		return captureMethod
	case src.Filename != "":
		return "read from a file handed to Athar (athar ingest FILE, or an upload), stored as received"
	case src.URL != "":
		return "fetched from its URL over HTTP(S) by Athar (athar ingest URL, or a feed), stored as served"
	}
	return "stored by Athar as received"
}

// LedgerRange calls fn with each ledger entry from seq from to seq to, in
// order, a page at a time.
func (a *App) LedgerRange(ctx context.Context, from, to int64, fn func(ledger.Entry) error) error {
	for after := from - 1; after < to; {
		page, err := a.st.Ledger(ctx, after, 5000)
		if err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		for _, e := range page {
			if e.Seq > to {
				return nil
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		after = page[len(page)-1].Seq
	}
	return nil
}

// EntriesFor returns, for each row, the ledger entries up to seq to that
// recorded it, in order.
func (a *App) EntriesFor(ctx context.Context, rows []LedgerRow, to int64) (map[LedgerRow][]ledger.Entry, error) {
	want := map[LedgerRow]bool{}
	for _, r := range rows {
		want[r] = true
	}
	out := map[LedgerRow][]ledger.Entry{}
	err := a.LedgerRange(ctx, 1, to, func(e ledger.Entry) error {
		if k := (LedgerRow{e.Table, e.RowID}); want[k] {
			out[k] = append(out[k], e)
		}
		return nil
	})
	return out, err
}

// SignWithLedgerKey signs data with the ledger's signing key, as v, who
// must hold the clearance to export (any signed-in account: what is signed
// is what v may already see). It returns the signature and the public key.
func (a *App) SignWithLedgerKey(ctx context.Context, v access.Viewer, data []byte) (sig, pub []byte, err error) {
	if v.Anonymous {
		return nil, nil, forbidden("sign in to export")
	}
	path, _, err := a.st.SigningKeyFile(ctx)
	if err != nil {
		return nil, nil, err
	}
	if path == "" {
		return nil, nil, errors.New("the ledger has no signing key yet")
	}
	s, err := ledger.LoadKey(path)
	if err != nil {
		return nil, nil, fmt.Errorf("the ledger's signing key: %w", err)
	}
	return s.SignBytes(data), s.Public(), nil
}

// CheckpointDir is where the ledger's checkpoints and their time-stamp
// tokens are kept.
func (a *App) CheckpointDir() string { return a.st.CheckpointDir() }
