package ledger

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/digitorus/pkcs7"
	"github.com/digitorus/timestamp"
)

// Trusted time: RFC 3161 time-stamp tokens over each checkpoint, from
// authorities nobody in the case controls. A token is kept beside its
// checkpoint as <seq>.<authority>.tsr (the DER TimeStampToken, what
// `openssl ts -verify -token_in` reads) and covers the SHA-256 of the
// checkpoint's signed bytes (Checkpoint.Imprint).
const (
	// TSAURLEnv names one or more time-stamping authorities' URLs,
	// separated by spaces or commas. Unset: no trusted time is asked for.
	TSAURLEnv = "ATHAR_TSA_URL"
	// TSACAEnv names one or more PEM files, separated by the list
	// separator (':' on Unix), of the certificates to trust for the
	// authorities' tokens: every certificate in them is a trust anchor.
	TSACAEnv = "ATHAR_TSA_CA"
	// TokenExt ends the name of a time-stamp token file.
	TokenExt = ".tsr"
	// maxTSAReply bounds what is read of an authority's answer.
	maxTSAReply = 1 << 20
)

// TimeConfig is which authorities to ask and which certificates to trust.
type TimeConfig struct {
	URLs    []string
	Roots   *x509.CertPool      // nil: no trust anchor configured
	Anchors []*x509.Certificate // what Roots holds, in file order
	Files   []string            // the PEM files they came from
	Client  *http.Client        // nil: a client with a 20 s time-out
}

// TimeConfigFromEnv reads TSAURLEnv and TSACAEnv. An unreadable or empty
// certificate file is an error naming it.
func TimeConfigFromEnv() (TimeConfig, error) {
	var tc TimeConfig
	for _, u := range strings.FieldsFunc(os.Getenv(TSAURLEnv), func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			return tc, fmt.Errorf("%s: %q is not an http(s) URL", TSAURLEnv, u)
		}
		tc.URLs = append(tc.URLs, u)
	}
	if files := os.Getenv(TSACAEnv); files != "" {
		for _, f := range filepath.SplitList(files) {
			if f == "" {
				continue
			}
			certs, err := ReadCertificates(f)
			if err != nil {
				return tc, fmt.Errorf("%s: %w", TSACAEnv, err)
			}
			tc.Files = append(tc.Files, f)
			tc.Anchors = append(tc.Anchors, certs...)
		}
		tc.Roots = x509.NewCertPool()
		for _, c := range tc.Anchors {
			tc.Roots.AddCert(c)
		}
	}
	return tc, nil
}

// ReadCertificates reads every certificate of a PEM file; a file with none
// is an error.
func ReadCertificates(path string) ([]*x509.Certificate, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	certs, err := ParseCertificates(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return certs, nil
}

// ParseCertificates parses every CERTIFICATE block of PEM text.
func ParseCertificates(b []byte) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	for n := 1; ; n++ {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			break
		}
		if blk.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("PEM block %d: %w", n, err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, errors.New("holds no PEM certificate")
	}
	return out, nil
}

// Imprint is what an authority stamps for c: the SHA-256 of its signed
// bytes.
func (c Checkpoint) Imprint() []byte {
	sum := sha256.Sum256(c.SignedBytes())
	return sum[:]
}

// AuthorityID names an authority's tokens on disk: the first 12 hex digits
// of the SHA-256 of its URL.
func AuthorityID(url string) string {
	sum := sha256.Sum256([]byte(url))
	return hex.EncodeToString(sum[:6])
}

// TokenFile is where the token of the authority at url over the checkpoint
// at seq is kept, in the checkpoints' folder dir.
func TokenFile(dir string, seq int64, url string) string {
	return filepath.Join(dir, fmt.Sprintf("%012d.%s%s", seq, AuthorityID(url), TokenExt))
}

// Tokens lists the token files kept for each checkpoint in dir, by
// sequence number, each list sorted by name.
func Tokens(dir string) (map[int64][]string, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[int64][]string{}
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, TokenExt) || strings.HasPrefix(name, ".") {
			continue
		}
		seq, err := strconv.ParseInt(strings.SplitN(name, ".", 2)[0], 10, 64)
		if err != nil {
			continue
		}
		out[seq] = append(out[seq], filepath.Join(dir, name))
	}
	for _, l := range out {
		sort.Strings(l)
	}
	return out, nil
}

// Stamp asks the authority at url for a token over c, checks the answer
// (its status, that it covers c's imprint and echoes the request's nonce,
// its signature) and keeps it beside the checkpoint in dir. It returns the
// token file. A checkpoint that already has this authority's token is left
// as it is.
func Stamp(ctx context.Context, tc TimeConfig, url, dir string, c Checkpoint) (string, error) {
	path := TokenFile(dir, c.Seq, url)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	token, err := RequestToken(ctx, tc.Client, url, c.Imprint())
	if err != nil {
		return "", err
	}
	if _, err := VerifyToken(token, c.Imprint(), tc.Roots); err != nil {
		return "", fmt.Errorf("time-stamping authority %s: its token does not verify: %w", url, err)
	}
	switch err := createFileAtomic(path, token, 0o644); {
	case errors.Is(err, fs.ErrExist): // another process stamped it first
	case err != nil:
		return "", fmt.Errorf("keep the token of %s: %w", url, err)
	}
	return path, nil
}

// RequestToken sends an RFC 3161 request over the SHA-256 digest to the
// authority at url and returns the TimeStampToken of its granted answer.
func RequestToken(ctx context.Context, client *http.Client, url string, digest []byte) ([]byte, error) {
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	nonce, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 63))
	if err != nil {
		return nil, err
	}
	req := timestamp.Request{HashAlgorithm: crypto.SHA256, HashedMessage: digest, Certificates: true, Nonce: nonce}
	body, err := req.Marshal()
	if err != nil {
		return nil, err
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("time-stamping authority %s: %w", url, err)
	}
	hr.Header.Set("Content-Type", "application/timestamp-query")
	hr.Header.Set("Accept", "application/timestamp-reply")
	resp, err := client.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("time-stamping authority %s: %w", url, err)
	}
	defer resp.Body.Close()
	reply, err := io.ReadAll(io.LimitReader(resp.Body, maxTSAReply+1))
	if err != nil {
		return nil, fmt.Errorf("time-stamping authority %s: read its answer: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("time-stamping authority %s answered %s", url, resp.Status)
	}
	if len(reply) > maxTSAReply {
		return nil, fmt.Errorf("time-stamping authority %s: its answer is larger than %d bytes", url, maxTSAReply)
	}
	ts, err := timestamp.ParseResponse(reply)
	if err != nil {
		return nil, fmt.Errorf("time-stamping authority %s: %w", url, err)
	}
	if ts.Nonce == nil || ts.Nonce.Cmp(nonce) != 0 {
		return nil, fmt.Errorf("time-stamping authority %s: its answer does not carry the request's nonce (a replayed answer?)", url)
	}
	if !bytes.Equal(ts.HashedMessage, digest) {
		return nil, fmt.Errorf("time-stamping authority %s stamped another hash than the one asked for", url)
	}
	return ts.RawToken, nil
}

// TokenInfo is what a verified token says.
type TokenInfo struct {
	Time      time.Time `json:"time"`      // when the authority stamped it
	Authority string    `json:"authority"` // the subject of its signing certificate
	Serial    string    `json:"serial"`    // the token's serial number
	Chained   bool      `json:"chained"`   // its certificate chains to a configured anchor
}

// idTSTInfo is the content type of a TimeStampToken's content (RFC 3161).
var idTSTInfo = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 1, 4}

// signedContentType is the type of what a CMS SignedData signs
// (RFC 5652, EncapsulatedContentInfo.eContentType).
func signedContentType(der []byte) (asn1.ObjectIdentifier, error) {
	var ci struct {
		Type    asn1.ObjectIdentifier
		Content asn1.RawValue `asn1:"explicit,tag:0"`
	}
	if rest, err := asn1.Unmarshal(der, &ci); err != nil || len(rest) > 0 {
		return nil, errors.New("not one DER value")
	}
	var sd struct {
		Version          int
		DigestAlgorithms asn1.RawValue
		Encap            struct {
			Type    asn1.ObjectIdentifier
			Content asn1.RawValue `asn1:"explicit,optional,tag:0"`
		}
		Certificates asn1.RawValue `asn1:"optional,tag:0"`
		CRLs         asn1.RawValue `asn1:"optional,tag:1"`
		SignerInfos  asn1.RawValue
	}
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil {
		return nil, err
	}
	return sd.Encap.Type, nil
}

// VerifyToken checks an RFC 3161 TimeStampToken: that it is a signed
// TSTInfo whose signature verifies with the certificate of its one signer,
// a certificate meant for time-stamping; with roots, that this certificate
// chains to one of them, valid when the token was made; and that what it
// stamps is the SHA-256 digest given.
func VerifyToken(token, digest []byte, roots *x509.CertPool) (info TokenInfo, err error) {
	// A token is DER (RFC 3161): anything else is refused before the CMS
	// parser, whose BER reader panics on some malformed input (found by
	// FuzzVerifyToken); a panic left in it is an error too.
	if ct, err := signedContentType(token); err != nil || !ct.Equal(idTSTInfo) {
		return info, errors.New("not a time-stamp token: not DER CMS signed data over a TSTInfo")
	}
	defer func() {
		if p := recover(); p != nil {
			info, err = TokenInfo{}, fmt.Errorf("not a time-stamp token: malformed (%v)", p)
		}
	}()
	p7, err := pkcs7.Parse(token)
	if err != nil {
		return info, fmt.Errorf("not a time-stamp token: %w", err)
	}
	if len(p7.Certificates) == 0 {
		return info, errors.New("the token carries no certificate of its authority")
	}
	signer := p7.GetOnlySigner()
	if signer == nil {
		return info, errors.New("the token has no single signer whose certificate it carries")
	}
	ts, err := timestamp.Parse(token) // checks the signature with the signer's certificate
	if err != nil {
		return info, fmt.Errorf("the token's signature does not verify: %w", err)
	}
	timeStamping := false
	for _, u := range signer.ExtKeyUsage {
		timeStamping = timeStamping || u == x509.ExtKeyUsageTimeStamping
	}
	if !timeStamping {
		return info, errors.New("the token was signed with a certificate not meant for time-stamping")
	}
	info = TokenInfo{Time: ts.Time.UTC(), Authority: signer.Subject.String(), Serial: fmt.Sprint(ts.SerialNumber)}
	if roots != nil {
		inter := x509.NewCertPool()
		for _, c := range p7.Certificates {
			inter.AddCert(c)
		}
		opts := x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: ts.Time,
			KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}}
		if _, err := signer.Verify(opts); err != nil {
			return info, fmt.Errorf("the authority's certificate (%s) does not chain to a trusted one: %w", info.Authority, err)
		}
		info.Chained = true
	}
	if ts.HashAlgorithm != crypto.SHA256 || !bytes.Equal(ts.HashedMessage, digest) {
		return info, fmt.Errorf("the token stamps another hash (%x) than the checkpoint's (%x)", ts.HashedMessage, digest)
	}
	return info, nil
}
