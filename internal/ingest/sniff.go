package ingest

import (
	"bytes"
	"net/http"
	"strings"
)

// isPDF says whether data starts (after white space) with a PDF header.
func isPDF(data []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(head(data, 1024), " \t\r\n\f\x00"), []byte("%PDF-"))
}

// magic is a signature at the start of a file and what it means.
type magic struct {
	offset int
	sig    string
	what   string
	doc    bool // a document format Athar does not read: ErrUnsupported, not ErrBinary
}

var magics = []magic{
	{0, "\x89PNG\r\n\x1a\n", "PNG image", false},
	{0, "\xff\xd8\xff", "JPEG image", false},
	{0, "GIF87a", "GIF image", false},
	{0, "GIF89a", "GIF image", false},
	{0, "II*\x00", "TIFF image", false},
	{0, "MM\x00*", "TIFF image", false},
	{0, "\x00\x00\x01\x00", "icon image", false},
	{0, "PK\x03\x04", "ZIP archive", false},
	{0, "PK\x05\x06", "ZIP archive", false},
	{0, "\x1f\x8b", "gzip archive", false},
	{0, "BZh", "", false}, // checked with a digit below
	{0, "\xfd7zXZ\x00", "xz archive", false},
	{0, "7z\xbc\xaf\x27\x1c", "7-Zip archive", false},
	{0, "Rar!\x1a\x07", "RAR archive", false},
	{0, "\x28\xb5\x2f\xfd", "zstd archive", false},
	{0, "\x7fELF", "executable", false},
	{0, "\xca\xfe\xba\xbe", "executable", false},
	{0, "\xcf\xfa\xed\xfe", "executable", false},
	{0, "\x00asm", "WebAssembly module", false},
	{0, "SQLite format 3\x00", "SQLite database", false},
	{0, "ID3", "MP3 audio", false},
	{0, "fLaC", "FLAC audio", false},
	{0, "OggS", "Ogg audio or video", false},
	{0, "\x1a\x45\xdf\xa3", "Matroska or WebM video", false},
	{4, "ftyp", "MP4 or QuickTime video, or HEIC image", false},
	{0, "wOFF", "font", false},
	{0, "wOF2", "font", false},
	{0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office file (.doc, .xls, .ppt): save it as PDF or text", true},
	{0, "{\\rtf", "RTF document: save it as PDF or text", true},
	{0, "%!PS", "PostScript document: convert it to PDF", true},
}

// binaryKind names the binary format data is in, or "" when it may be text.
// Unsupported document formats come back prefixed with "unsupported:".
func binaryKind(data []byte) string {
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return ""
	}
	for _, m := range magics {
		if len(data) < m.offset+len(m.sig) || string(data[m.offset:m.offset+len(m.sig)]) != m.sig {
			continue
		}
		switch {
		case m.sig == "BZh":
			if len(data) > 3 && data[3] >= '1' && data[3] <= '9' && bytes.IndexByte(head(data, 512), 0) >= 0 {
				return "bzip2 archive"
			}
			continue
		case strings.HasPrefix(m.sig, "PK") && bytes.Contains(head(data, 4096), []byte("[Content_Types].xml")):
			return "unsupported:Microsoft Office document (.docx, .xlsx, .pptx): save it as PDF or text"
		case strings.HasPrefix(m.sig, "PK") && bytes.Contains(head(data, 256), []byte("mimetypeapplication/vnd.oasis")):
			return "unsupported:OpenDocument file (.odt, .ods): save it as PDF or text"
		case strings.HasPrefix(m.sig, "PK") && bytes.Contains(head(data, 256), []byte("mimetypeapplication/epub")):
			return "unsupported:EPUB book: save it as PDF or text"
		case m.doc:
			return "unsupported:" + m.what
		}
		return m.what
	}
	if bytes.IndexByte(data, 0) >= 0 {
		if looksUTF16(data) {
			return "contains NUL bytes (UTF-16 text without a byte-order mark? save it as UTF-8)"
		}
		return "contains NUL bytes"
	}
	ct := http.DetectContentType(data)
	for _, p := range []string{"image/", "audio/", "video/", "font/", "application/zip", "application/x-gzip",
		"application/x-rar", "application/wasm", "application/vnd.ms-fontobject", "application/ogg"} {
		if strings.HasPrefix(ct, p) {
			t, _, _ := strings.Cut(ct, ";")
			return t
		}
	}
	return ""
}

// controlKind names why decoded text is binary: NUL characters, or more than
// one character in fifty a control character other than tab, newline,
// carriage return, form feed and vertical tab. "" when the text is text.
func controlKind(text string) string {
	if strings.IndexByte(text, 0) >= 0 {
		return "contains NUL characters"
	}
	var n, ctl int
	for _, r := range text {
		n++
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			ctl++
		}
	}
	if ctl > 0 && ctl*50 > n {
		return "too many control characters for text"
	}
	return ""
}

// looksUTF16 says whether data looks like UTF-16 text without a byte-order
// mark: in its first 512 bytes, NULs at nearly every even or nearly every
// odd offset and almost nowhere else.
func looksUTF16(data []byte) bool {
	data = head(data, 512)
	var even, odd int
	for i, c := range data {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(data) / 2
	return half >= 4 && (even*10 >= half*8 && odd*10 < half || odd*10 >= half*8 && even*10 < half)
}
