package evidence

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/ledger"
)

// Report is what VerifyPackage found.
type Report struct {
	OK bool `json:"ok"`
	// Checked lists what was checked and held, in order.
	Checked []string `json:"checked"`
	// Problems are the checks that failed, the first first; each names the
	// package's file it concerns.
	Problems []Problem `json:"problems"`
	// Unchecked says what the package alone cannot prove.
	Unchecked []string `json:"unchecked"`
}

// Problem is one failed check.
type Problem struct {
	Where  string `json:"where"` // the package's file, and more where it helps
	Detail string `json:"detail"`
}

func (p Problem) String() string { return p.Where + ": " + p.Detail }

func (r *Report) fail(where, format string, args ...any) {
	r.Problems = append(r.Problems, Problem{where, fmt.Sprintf(format, args...)})
}

func (r *Report) ok(format string, args ...any) {
	r.Checked = append(r.Checked, fmt.Sprintf(format, args...))
}

// VerifyOptions are how a package is checked.
type VerifyOptions struct {
	// TSACA, when not nil, are the certificates to trust for the
	// time-stamp tokens (the court's own copy of the authority's
	// certificate); nil: the package's ledger/tsa-ca.pem.
	TSACA []*x509.Certificate
}

// maxManifest bounds what is read of a manifest, a checkpoint or a
// signature file.
const maxManifest = 64 << 20

// VerifyPackage checks the package in dir with no database: the manifest's
// signature, the signed head, the ledger entries' chain up to it, every
// file's size and SHA-256 and the entries the manifest says concern it, and
// every time-stamp token. An error means it could not run (dir is not
// there); what does not check out is in the report.
func VerifyPackage(dir string, opt VerifyOptions) (Report, error) {
	r := Report{Checked: []string{}, Problems: []Problem{}, Unchecked: []string{}}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		if err == nil {
			err = errors.New("not a folder")
		}
		return r, fmt.Errorf("package %s: %w", dir, err)
	}
	mb, err := readSmall(dir, ManifestFile)
	if err != nil {
		r.fail(ManifestFile, "%v", err)
		return r, nil
	}
	return verifyManifest(r, dir, mb, opt), nil
}

// verifyManifest is VerifyPackage with the manifest's bytes read.
func verifyManifest(r Report, dir string, mb []byte, opt VerifyOptions) Report {
	m, err := ParseManifest(mb)
	if err != nil {
		r.fail(ManifestFile, "%v", err)
		return r
	}

	// The signed head and the manifest's signature by the same key.
	cp, cpOK := checkCheckpoint(&r, dir, m)
	if cpOK {
		pub, _ := hex.DecodeString(cp.PublicKey)
		sig, err := readSmall(dir, SignatureFile)
		if err == nil {
			sig, err = hex.DecodeString(strings.TrimSpace(string(sig)))
		}
		switch {
		case err != nil:
			r.fail(SignatureFile, "%v", err)
		case !ed25519.Verify(pub, mb, sig):
			r.fail(ManifestFile, "its signature (%s) does not verify with the ledger's key: the manifest was altered", SignatureFile)
		default:
			r.ok("%s: signed by the ledger's key %.16s…", ManifestFile, cp.PublicKey)
		}
	}

	// The ledger's entries, chained to the signed head.
	entries := checkEntries(&r, dir, m, cp, cpOK)

	// Every file.
	listed := map[string]bool{ManifestFile: true, SignatureFile: true, m.Ledger.Entries: true, m.Ledger.Checkpoint: true,
		m.Ledger.SignedBytes: true, m.Ledger.TSACA: true}
	for _, f := range m.Files {
		listed[f.Path] = true
		checkFile(&r, dir, f, entries)
	}

	// Trusted time.
	checkTimestamps(&r, dir, m, cp, cpOK, opt, listed)

	// Files in the folder that the manifest does not list.
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if rel = filepath.ToSlash(rel); !listed[rel] {
			r.Unchecked = append(r.Unchecked, rel+": not listed in the manifest, so not part of what the package proves")
		}
		return nil
	})
	r.Unchecked = append(r.Unchecked,
		"that the ledger's key is Athar's: compare "+m.Ledger.PublicKey+" with the key the organisation published",
		"that each ledger entry's row held the file's SHA-256: the package carries the entries (their row hashes), not the database's rows")
	r.OK = len(r.Problems) == 0
	return r
}

func checkCheckpoint(r *Report, dir string, m Manifest) (ledger.Checkpoint, bool) {
	var cp ledger.Checkpoint
	b, err := readSmall(dir, m.Ledger.Checkpoint)
	if err == nil {
		err = json.Unmarshal(b, &cp)
	}
	if err != nil {
		r.fail(m.Ledger.Checkpoint, "%v", err)
		return cp, false
	}
	if err := cp.Verify(nil); err != nil {
		r.fail(m.Ledger.Checkpoint, "%v", err)
		return cp, false
	}
	if cp.Seq != m.Ledger.Head || cp.Hash != m.Ledger.HeadHash || cp.PublicKey != m.Ledger.PublicKey {
		r.fail(ManifestFile, "its ledger head (entry %d, %.12s…) is not the signed checkpoint's (entry %d, %.12s…)", m.Ledger.Head, m.Ledger.HeadHash, cp.Seq, cp.Hash)
		return cp, false
	}
	r.ok("%s: the ledger's head at entry %d, signed %s, signature valid", m.Ledger.Checkpoint, cp.Seq, cp.At)
	sb, err := readSmall(dir, m.Ledger.SignedBytes)
	switch {
	case err != nil:
		r.fail(m.Ledger.SignedBytes, "%v", err)
	case !bytes.Equal(sb, cp.SignedBytes()):
		r.fail(m.Ledger.SignedBytes, "is not the bytes the checkpoint's signature covers")
	default:
		r.ok("%s: the bytes the signature and the time-stamps cover (SHA-256 %x)", m.Ledger.SignedBytes, cp.Imprint())
	}
	return cp, true
}

func checkEntries(r *Report, dir string, m Manifest, cp ledger.Checkpoint, cpOK bool) map[int64]ledger.Entry {
	out := map[int64]ledger.Entry{}
	f, err := open(dir, m.Ledger.Entries)
	if err != nil {
		r.fail(m.Ledger.Entries, "%v", err)
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var prev ledger.Entry
	n, line := 0, 0
	for sc.Scan() {
		line++
		var e ledger.Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			r.fail(m.Ledger.Entries, "line %d: %v", line, err)
			return out
		}
		where := fmt.Sprintf("%s entry %d", m.Ledger.Entries, e.Seq)
		switch {
		case n == 0 && e.Seq != m.Ledger.From:
			r.fail(where, "the entries begin at %d, the manifest says %d", e.Seq, m.Ledger.From)
			return out
		case n > 0 && e.Seq != prev.Seq+1:
			r.fail(where, "follows entry %d: entries are missing", prev.Seq)
			return out
		case e.ComputeHash() != e.Hash:
			r.fail(where, "its contents no longer match its hash (the entry was edited)")
			return out
		case n > 0 && e.PrevHash != prev.Hash:
			r.fail(where, "does not chain to entry %d", prev.Seq)
			return out
		}
		out[e.Seq] = e
		prev = e
		n++
	}
	if err := sc.Err(); err != nil {
		r.fail(m.Ledger.Entries, "%v", err)
		return out
	}
	switch {
	case n == 0:
		r.fail(m.Ledger.Entries, "holds no entry")
	case prev.Seq != m.Ledger.Head || prev.Hash != m.Ledger.HeadHash:
		r.fail(m.Ledger.Entries, "ends at entry %d (%.12s…), not at the signed head %d (%.12s…)", prev.Seq, prev.Hash, m.Ledger.Head, m.Ledger.HeadHash)
	case cpOK:
		r.ok("%s: entries %d to %d each match their hash and chain to the one before, up to the signed head", m.Ledger.Entries, m.Ledger.From, prev.Seq)
	}
	return out
}

func checkFile(r *Report, dir string, f File, entries map[int64]ledger.Entry) {
	fh, err := open(dir, f.Path)
	if err != nil {
		r.fail(f.Path, "%v", err)
		return
	}
	defer fh.Close()
	h := sha256.New()
	size, err := io.Copy(h, fh)
	if err != nil {
		r.fail(f.Path, "%v", err)
		return
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != f.SHA256 || size != f.Size {
		r.fail(f.Path, "its bytes (%d, SHA-256 %s) are not those listed (%d, %s): the file was altered", size, got, f.Size, f.SHA256)
		return
	}
	for _, ref := range f.LedgerEntries {
		e, ok := entries[ref.Seq]
		switch {
		case !ok:
			r.fail(f.Path, "ledger entry %d, which concerns it, is not in %s", ref.Seq, EntriesFile)
			return
		case e.Hash != ref.Hash || e.PrevHash != ref.PrevHash || e.Action+" "+e.Table != ref.Kind:
			r.fail(f.Path, "ledger entry %d is not the one the manifest lists for it", ref.Seq)
			return
		case e.RowID != ref.Row:
			r.fail(f.Path, "ledger entry %d records row %s, not the %s the manifest lists", ref.Seq, e.RowID, ref.Row)
			return
		case f.SourceID != "" && e.Table == "sources" && e.RowID != f.SourceID:
			r.fail(f.Path, "ledger entry %d records row %s, not source %s", ref.Seq, e.RowID, f.SourceID)
			return
		}
	}
	if len(f.LedgerEntries) > 0 {
		seqs := make([]string, len(f.LedgerEntries))
		for i, e := range f.LedgerEntries {
			seqs[i] = fmt.Sprint(e.Seq)
		}
		r.ok("%s: SHA-256 %s, %d bytes; ledger entries %s in the chain", f.Path, f.SHA256, f.Size, strings.Join(seqs, ", "))
	} else {
		r.ok("%s: SHA-256 %s, %d bytes", f.Path, f.SHA256, f.Size)
	}
}

func checkTimestamps(r *Report, dir string, m Manifest, cp ledger.Checkpoint, cpOK bool, opt VerifyOptions, listed map[string]bool) {
	if len(m.Ledger.Timestamps) == 0 {
		r.Unchecked = append(r.Unchecked, "when the ledger's head existed, by a clock outside Athar: no trusted time was obtained for it")
		return
	}
	anchors := opt.TSACA
	if anchors == nil && m.Ledger.TSACA != "" {
		b, err := readSmall(dir, m.Ledger.TSACA)
		if err == nil {
			anchors, err = ledger.ParseCertificates(b)
		}
		if err != nil {
			r.fail(m.Ledger.TSACA, "%v", err)
			return
		}
		r.Unchecked = append(r.Unchecked, "who the time-stamping authority is: its certificate was checked against the package's own "+
			m.Ledger.TSACA+"; pass --tsa-ca with the authority's certificate obtained from it")
	}
	var roots *x509.CertPool
	if anchors != nil {
		roots = x509.NewCertPool()
		for _, c := range anchors {
			roots.AddCert(c)
		}
	} else {
		r.Unchecked = append(r.Unchecked, "who the time-stamping authority is: no certificate to trust is given")
	}
	sort.Slice(m.Ledger.Timestamps, func(i, j int) bool { return m.Ledger.Timestamps[i].Path < m.Ledger.Timestamps[j].Path })
	for _, t := range m.Ledger.Timestamps {
		listed[t.Path] = true
		b, err := readSmall(dir, t.Path)
		if err != nil {
			r.fail(t.Path, "%v", err)
			continue
		}
		if !cpOK {
			continue
		}
		info, err := ledger.VerifyToken(b, cp.Imprint(), roots)
		if err != nil {
			r.fail(t.Path, "the time-stamp token over the checkpoint at entry %d does not verify: %v", cp.Seq, err)
			continue
		}
		r.ok("%s: %s stamped the checkpoint at entry %d at %s", t.Path, info.Authority, cp.Seq, info.Time.Format("2006-01-02T15:04:05Z"))
	}
}

// open opens the package's file at the slash path p, refusing a path that
// leaves the package.
func open(dir, p string) (*os.File, error) {
	if p == "" || !fs.ValidPath(p) || path.IsAbs(p) {
		return nil, fmt.Errorf("the manifest names %q, which is not a path inside the package", p)
	}
	return os.Open(filepath.Join(dir, filepath.FromSlash(p)))
}

func readSmall(dir, p string) ([]byte, error) {
	f, err := open(dir, p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxManifest+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxManifest {
		return nil, fmt.Errorf("larger than %d bytes", maxManifest)
	}
	return b, nil
}
