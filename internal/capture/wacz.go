package capture

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// WACZ packaging (Web Archive Collection Zipped, 1.1.1: specs.webrecorder.net/wacz/1.1.1/):
// a zip, every entry stored uncompressed so a reader can seek into it, with
//
//	archive/data.warc.gz    the WARC
//	indexes/index.cdxj      one line per response or resource record: SURT, time, JSON
//	pages/pages.jsonl       the page captured
//	datapackage.json        every file above with its SHA-256 and size
//	datapackage-digest.json the SHA-256 of datapackage.json
//
// ReplayWeb.page opens such a file as it is.

// WACZVersion is the version of the WACZ specification written.
const WACZVersion = "1.1.1"

// Resource is one file of a WACZ as its datapackage.json lists it.
type Resource struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Hash  string `json:"hash"`
	Bytes int64  `json:"bytes"`
}

// DataPackage is a WACZ's datapackage.json.
type DataPackage struct {
	Profile      string     `json:"profile"`
	WACZVersion  string     `json:"wacz_version"`
	Title        string     `json:"title,omitempty"`
	Created      string     `json:"created"`
	Software     string     `json:"software"`
	MainPageURL  string     `json:"mainPageUrl"`
	MainPageDate string     `json:"mainPageDate"`
	Resources    []Resource `json:"resources"`
}

// waczPage is the page a WACZ holds.
type waczPage struct {
	url, title string
	at         time.Time
}

// packWACZ zips the WARC with its index, page list and data package.
func packWACZ(w *warcFile, page waczPage, tool string) ([]byte, error) {
	files := []struct {
		path string
		data []byte
	}{
		{"archive/" + w.name, w.buf.Bytes()},
		{"indexes/index.cdxj", cdxj(w.name, w.index)},
		{"pages/pages.jsonl", pagesJSONL(page)},
	}
	dp := DataPackage{
		Profile: "data-package", WACZVersion: WACZVersion, Title: page.title,
		Created: page.at.UTC().Format(time.RFC3339), Software: tool,
		MainPageURL: page.url, MainPageDate: page.at.UTC().Format(time.RFC3339),
	}
	for _, f := range files {
		sum := sha256.Sum256(f.data)
		dp.Resources = append(dp.Resources, Resource{
			Name: f.path[strings.LastIndexByte(f.path, '/')+1:], Path: f.path,
			Hash: "sha256:" + hex.EncodeToString(sum[:]), Bytes: int64(len(f.data)),
		})
	}
	dpJSON, err := json.MarshalIndent(dp, "", "  ")
	if err != nil {
		return nil, err
	}
	dpSum := sha256.Sum256(dpJSON)
	digest, err := json.MarshalIndent(map[string]string{
		"path": "datapackage.json", "hash": "sha256:" + hex.EncodeToString(dpSum[:]),
	}, "", "  ")
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	all := append(files, struct {
		path string
		data []byte
	}{"datapackage.json", dpJSON}, struct {
		path string
		data []byte
	}{"datapackage-digest.json", digest})
	for _, f := range all {
		hw, err := zw.CreateHeader(&zip.FileHeader{Name: f.path, Method: zip.Store, Modified: page.at.UTC()})
		if err != nil {
			return nil, err
		}
		if _, err := hw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// cdxj writes the index, sorted as CDXJ readers search it.
func cdxj(file string, idx []cdxEntry) []byte {
	lines := make([]string, 0, len(idx))
	for _, e := range idx {
		fields := map[string]any{
			"url": e.url, "mime": e.mime, "status": strconv.Itoa(e.status), "digest": e.digest,
			"offset": e.offset, "length": e.length, "filename": file, "recordId": e.recordID,
		}
		js, _ := json.Marshal(fields) // plain values: cannot fail
		lines = append(lines, fmt.Sprintf("%s %s %s", SURT(e.url), e.date.UTC().Format("20060102150405"), js))
	}
	sort.Strings(lines)
	var b bytes.Buffer
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func pagesJSONL(p waczPage) []byte {
	head, _ := json.Marshal(map[string]string{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"})
	line, _ := json.Marshal(map[string]string{
		"id": strings.Trim(newRecordID(), "<>")[len("urn:uuid:"):], "url": p.url,
		"ts": p.at.UTC().Format(time.RFC3339), "title": p.title,
	})
	return append(append(append(head, '\n'), line...), '\n')
}

// SURT is the Sort-friendly URI Reordering Transform of a URL as web archive
// indexes write it: the host's labels reversed and comma-joined without a
// leading "www", the port kept when it is not the scheme's own, then ")" and
// the path and query, all lower-cased: "http://www.Example.org:8080/a?b" is
// "org,example:8080)/a?b". A URN (a resource record's) is kept as it is.
func SURT(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return unspaced(strings.ToLower(raw))
	}
	host, port := u.Hostname(), u.Port()
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	var rev string
	if ip := net.ParseIP(host); ip != nil {
		rev = host
		if ip.To4() != nil {
			rev = strings.ReplaceAll(host, ".", ",")
		}
	} else {
		labels := strings.Split(host, ".")
		if len(labels) > 1 && labels[0] == "www" {
			labels = labels[1:]
		}
		for i, j := 0, len(labels)-1; i < j; i, j = i+1, j-1 {
			labels[i], labels[j] = labels[j], labels[i]
		}
		rev = strings.Join(labels, ",")
	}
	if port != "" && !(u.Scheme == "http" && port == "80") && !(u.Scheme == "https" && port == "443") {
		rev += ":" + port
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return unspaced(strings.ToLower(rev + ")" + path))
}

// unspaced escapes what would split an index line: its fields are separated
// by spaces, its lines by line breaks.
var unspaced = strings.NewReplacer(" ", "%20", "\t", "%09", "\r", "%0d", "\n", "%0a").Replace
