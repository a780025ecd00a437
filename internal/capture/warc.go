package capture

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// WARC is written with github.com/nlnwa/gowarc (the National Library of
// Norway's WARC 1.1 library, used by its Veidemann crawler): it builds each
// record, computes the block and payload digests and checks the record
// against the standard before it is written, and reads WARC files back with
// the same checks. (github.com/CorentinB/warc, the other candidate, is a
// recording HTTP client first; Athar records through its own guarded client
// and needs only the format.)

// warcFile is the WARC a capture writes: one gzip member per record, so that
// an index can point at each record by offset and length, as WACZ readers
// expect.
type warcFile struct {
	name string
	buf  bytes.Buffer
	// index holds, per response or resource record, where it lies.
	index []cdxEntry
}

// cdxEntry locates one record for the CDXJ index.
type cdxEntry struct {
	url      string
	date     time.Time
	status   int
	mime     string
	digest   string // "sha256:<hex>" of the payload
	offset   int64
	length   int64
	recordID string
}

// options the records are built with: digests and lengths filled in, ids
// made, and the record checked against the standard.
var recordOptions = []gowarc.WarcRecordOption{
	gowarc.WithAddMissingDigest(true),
	gowarc.WithAddMissingContentLength(true),
	gowarc.WithSpecViolationPolicy(gowarc.ErrFail),
	gowarc.WithSyntaxErrorPolicy(gowarc.ErrFail),
}

// newRecordID is a WARC record id: a random (version 4) UUID URN.
func newRecordID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on the systems Athar runs on
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return fmt.Sprintf("<urn:uuid:%s-%s-%s-%s-%s>", h[:8], h[8:12], h[12:16], h[16:20], h[20:])
}

// add writes one record: block is its content, fields its WARC header
// fields besides the type, id, date and those the library computes.
func (w *warcFile) add(typ gowarc.RecordType, date time.Time, contentType string, fields [][2]string, block []byte) (string, int64, int64, error) {
	b := gowarc.NewRecordBuilder(typ, recordOptions...)
	if _, err := b.Write(block); err != nil {
		return "", 0, 0, err
	}
	id := newRecordID()
	b.AddWarcHeader(gowarc.WarcRecordID, id)
	b.AddWarcHeaderTime(gowarc.WarcDate, date)
	b.AddWarcHeader(gowarc.ContentType, contentType)
	for _, f := range fields {
		if f[1] != "" {
			b.AddWarcHeader(f[0], f[1])
		}
	}
	rec, _, err := b.Build()
	if err != nil {
		return "", 0, 0, fmt.Errorf("WARC %s record: %w", typ, err)
	}
	defer rec.Close()
	offset := int64(w.buf.Len())
	zw := gzip.NewWriter(&w.buf)
	if _, _, err := gowarc.NewMarshaler().Marshal(zw, rec, 0); err != nil {
		return "", 0, 0, err
	}
	if err := zw.Close(); err != nil {
		return "", 0, 0, err
	}
	return id, offset, int64(w.buf.Len()) - offset, nil
}

// warcinfo starts the file with what made it.
func (w *warcFile) warcinfo(date time.Time, tool string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "software: %s\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n", tool)
	b.WriteString("description: a web page captured as evidence, each request made by Athar's guarded client for headless Chromium\r\n")
	_, _, _, err := w.add(gowarc.Warcinfo, date, "application/warc-fields", [][2]string{{gowarc.WarcFilename, w.name}}, []byte(b.String()))
	return err
}

// exchange writes a request record and the response record it got.
func (w *warcFile) exchange(ex *Exchange) error {
	if ex.Status == 0 || ex.Err != nil {
		return nil // no whole response: listed as skipped, not recorded
	}
	respID := newRecordID()
	reqBlock := requestBlock(ex)
	if _, _, _, err := w.add(gowarc.Request, ex.Started, "application/http;msgtype=request",
		[][2]string{{gowarc.WarcTargetURI, ex.URL}, {gowarc.WarcConcurrentTo, respID}}, reqBlock); err != nil {
		return err
	}
	block := responseBlock(ex)
	b := gowarc.NewRecordBuilder(gowarc.Response, recordOptions...)
	if _, err := b.Write(block); err != nil {
		return err
	}
	b.AddWarcHeader(gowarc.WarcRecordID, respID)
	b.AddWarcHeaderTime(gowarc.WarcDate, ex.Started)
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	b.AddWarcHeader(gowarc.WarcTargetURI, ex.URL)
	if ex.IP != "" {
		b.AddWarcHeader(gowarc.WarcIPAddress, ex.IP)
	}
	rec, _, err := b.Build()
	if err != nil {
		return fmt.Errorf("WARC response record for %s: %w", ex.URL, err)
	}
	defer rec.Close()
	offset := int64(w.buf.Len())
	zw := gzip.NewWriter(&w.buf)
	if _, _, err := gowarc.NewMarshaler().Marshal(zw, rec, 0); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	sum := sha256.Sum256(ex.Body)
	w.index = append(w.index, cdxEntry{
		url: ex.URL, date: ex.Started, status: ex.Status, mime: mediaType(ex.Header.Get("Content-Type")),
		digest: "sha256:" + hex.EncodeToString(sum[:]), offset: offset, length: int64(w.buf.Len()) - offset,
		recordID: respID,
	})
	return nil
}

// resource writes a file Athar made itself (the screenshot) as a resource
// record under a URN, as Browsertrix keeps its screenshots.
func (w *warcFile) resource(uri string, date time.Time, contentType string, data []byte) error {
	id, off, n, err := w.add(gowarc.Resource, date, contentType, [][2]string{{gowarc.WarcTargetURI, uri}}, data)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	w.index = append(w.index, cdxEntry{url: uri, date: date, status: 200, mime: contentType,
		digest: "sha256:" + hex.EncodeToString(sum[:]), offset: off, length: n, recordID: id})
	return nil
}

// requestBlock is the request as HTTP/1.1 writes it: request line, Host,
// then the headers sent, in name order.
func requestBlock(ex *Exchange) []byte {
	var b bytes.Buffer
	u, err := url.Parse(ex.URL)
	target, host := ex.URL, ""
	if err == nil {
		target, host = u.RequestURI(), u.Host
	}
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\n", ex.Method, target, host)
	writeHeader(&b, ex.ReqHeader)
	b.WriteString("\r\n")
	return b.Bytes()
}

// responseBlock is the response: status line, headers in name order, and
// the body exactly as the server sent it (a chunked body de-chunked, so no
// Transfer-Encoding is claimed).
func responseBlock(ex *Exchange) []byte {
	var b bytes.Buffer
	proto := ex.Proto
	if proto == "" || strings.HasPrefix(proto, "HTTP/2") {
		proto = "HTTP/1.1" // an HTTP/2 answer is written in HTTP/1.1's form, as other archivers write it
	}
	fmt.Fprintf(&b, "%s %s\r\n", proto, ex.StatusLine)
	writeHeader(&b, ex.Header)
	b.WriteString("\r\n")
	b.Write(ex.Body)
	return b.Bytes()
}

func writeHeader(b *bytes.Buffer, h http.Header) {
	names := make([]string, 0, len(h))
	for k := range h {
		if k != "Transfer-Encoding" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		for _, v := range h[k] {
			// A header value never holds a line break (Go refuses them),
			// but be sure the record's structure cannot be broken.
			v = strings.NewReplacer("\r", " ", "\n", " ").Replace(v)
			fmt.Fprintf(b, "%s: %s\r\n", k, v)
		}
	}
}

// mediaType is a Content-Type without its parameters, lower-cased.
func mediaType(ct string) string {
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return strings.ToLower(strings.TrimSpace(ct))
}
