// Package evidence makes a court package — a person's dossier and
// everything it cites, with the ledger's signed head and its trusted time —
// and checks one offline, with no database (docs/evidence.md).
//
// A package is a folder:
//
//	manifest.json            what is in it (Manifest), signed:
//	manifest.sig             hex ed25519 signature of manifest.json's bytes, by the ledger's key
//	dossier.pdf              the person's dossier
//	sources/<id>/<file>      every file of every source the dossier cites
//	ledger/entries.jsonl     the ledger's entries from the first that concerns a file to the head
//	ledger/checkpoint.json   the signed head (its public key inside)
//	ledger/checkpoint.signed the exact bytes the signature and the time-stamp tokens cover
//	ledger/timestamps/*.tsr  RFC 3161 tokens over those bytes
//	ledger/tsa-ca.pem        the certificates the exporter trusts for those tokens
package evidence

import (
	"encoding/json"
	"fmt"
)

// Format names this layout in Manifest.Format.
const Format = "athar-package/1"

// Names of the package's fixed files.
const (
	ManifestFile    = "manifest.json"
	SignatureFile   = "manifest.sig"
	DossierFile     = "dossier.pdf"
	EntriesFile     = "ledger/entries.jsonl"
	CheckpointFile  = "ledger/checkpoint.json"
	SignedBytesFile = "ledger/checkpoint.signed"
	TimestampsDir   = "ledger/timestamps"
	TSACAFile       = "ledger/tsa-ca.pem"
)

// Manifest lists a package's contents.
type Manifest struct {
	Format string `json:"format"`
	Person Person `json:"person"`
	// MadeAt and MadeBy say when and by which account the package was
	// made; Clearance is the most sensitive level it could hold.
	MadeAt    string `json:"made_at"`
	MadeBy    string `json:"made_by"`
	Clearance string `json:"clearance"`
	Files     []File `json:"files"`
	// Withdrawn lists the cited sources that were taken down: their content
	// was erased for good, so the package cannot carry them (the dossier's
	// footnotes say "source withdrawn"; the ledger entries record it).
	Withdrawn []string `json:"withdrawn,omitempty"`
	Ledger    Ledger   `json:"ledger"`
}

// Person is whom the package is about: their id and the dossier's title.
type Person struct {
	ID           string `json:"id"`
	DossierTitle string `json:"dossier_title"`
}

// File is one file of the package and its chain of custody.
type File struct {
	Path      string `json:"path"` // slash-separated, relative to the package
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
	MediaType string `json:"media_type"`
	// Role: "dossier", "original", or what a capture adds.
	Role     string `json:"role"`
	SourceID string `json:"source_id,omitempty"`
	// AcquiredAt is when the bytes were fetched or read (RFC 3339, the
	// collecting machine's clock); "" when unknown.
	AcquiredAt        string     `json:"acquired_at,omitempty"`
	AcquisitionMethod string     `json:"acquisition_method"`
	SourceURL         string     `json:"source_url,omitempty"`
	CollectedBy       string     `json:"collected_by,omitempty"`
	LedgerEntries     []EntryRef `json:"ledger_entries"`
}

// EntryRef is a ledger entry that concerns a file.
type EntryRef struct {
	Seq      int64  `json:"seq"`
	Hash     string `json:"hash"`
	PrevHash string `json:"prev_hash"`
	Kind     string `json:"kind"` // "<action> <table>", e.g. "insert sources"
	// Row is the id of the row the entry records: the source's own id for
	// its row in sources, a file's row id for a captured page's other files
	// (source_files).
	Row string `json:"row"`
	At  string `json:"at"`
}

// Ledger points at the package's part of the ledger.
type Ledger struct {
	Entries     string      `json:"entries"`
	From        int64       `json:"from"`
	Head        int64       `json:"head"`
	HeadHash    string      `json:"head_hash"`
	Checkpoint  string      `json:"checkpoint"`
	SignedBytes string      `json:"signed_bytes"`
	PublicKey   string      `json:"public_key"`
	Timestamps  []Timestamp `json:"timestamps"`
	TSACA       string      `json:"tsa_ca,omitempty"`
}

// Timestamp is one time-stamp token over the checkpoint.
type Timestamp struct {
	Path      string `json:"path"`
	Authority string `json:"authority"`
	Time      string `json:"time"`
}

// ParseManifest reads a manifest, refusing another format.
func ParseManifest(b []byte) (Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("not JSON: %w", err)
	}
	if m.Format != Format {
		return m, fmt.Errorf("format %q, want %q", m.Format, Format)
	}
	return m, nil
}
