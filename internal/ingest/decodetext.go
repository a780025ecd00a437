package ingest

import "strings"

// DecodeText turns the bytes of a plain-text file that is not a document
// (a spreadsheet saved as CSV) into UTF-8 by the rule ingest reads
// documents by: a byte-order mark (UTF-8, UTF-16 LE or BE); the charset
// declared ("" for none: "windows-1256", "iso-8859-6", "utf-16le"...);
// valid UTF-8; then Windows-1256 or ISO-8859-6, whichever reads as Arabic.
// Anything else, binary data included (UTF-16 without a byte-order mark is
// refused, as ingest refuses it), is an error wrapping ErrUndecodable or
// ErrBinary that says what to do. The second result names the encoding
// read. Newlines are left as they are: offsets into the text are the
// caller's.
func DecodeText(data []byte, charset string) (string, string, error) {
	if kind := binaryKind(data); kind != "" && charset == "" {
		if what, ok := strings.CutPrefix(kind, "unsupported:"); ok {
			return "", "", errorf(ErrUnsupported, "%s", what)
		}
		return "", "", errorf(ErrBinary, "%s", kind)
	}
	contentType := "text/plain"
	if charset != "" {
		contentType += "; charset=" + charset
	}
	text, enc, err := decode(data, contentType, false)
	if err != nil {
		return "", "", err
	}
	if kind := controlKind(text); kind != "" {
		return "", "", errorf(ErrBinary, "%s", kind)
	}
	return text, enc, nil
}
