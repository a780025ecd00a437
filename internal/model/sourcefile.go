package model

import (
	"fmt"
	"time"
)

// FileRole says what a file kept with a source is.
type FileRole string

// The roles of a source's files. A captured web page keeps all of them but
// media only when the page links some; its original (the source's own
// sha256) is the WACZ.
const (
	FileWACZ       FileRole = "wacz"       // the web archive package ReplayWeb.page opens
	FileWARC       FileRole = "warc"       // the HTTP exchanges as served (also inside the WACZ)
	FileScreenshot FileRole = "screenshot" // a full-page PNG
	FileDOM        FileRole = "dom"        // the document as the browser rendered it, which the text is read from
	FileMedia      FileRole = "media"      // an image, video or audio file the page links directly
	FileRecord     FileRole = "record"     // the acquisition record (JSON): URLs, redirects, headers, time, tool, who
)

// FileRoles lists every role, in the order a source's files are listed.
func FileRoles() []FileRole {
	return []FileRole{FileWACZ, FileWARC, FileScreenshot, FileDOM, FileRecord, FileMedia}
}

// ParseFileRole checks a role's name.
func ParseFileRole(s string) (FileRole, error) {
	for _, r := range FileRoles() {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown file role %q", s)
}

// SourceFile is a file kept with a source: like the original, its bytes are
// in the archive under their SHA-256 and its row is in the ledger, and who
// may see the source may see it.
type SourceFile struct {
	ID        string
	SourceID  string
	Role      FileRole
	SHA256    string
	MediaType string
	Size      int64
	// Name is the file's name in a package ("capture.wacz", "media-01.png").
	Name string
	// URL is where a media file was fetched from ("" for the others).
	URL       string
	CreatedAt time.Time
}
