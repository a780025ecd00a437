package ingest

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

func utf8Valid(s string) bool { return utf8.ValidString(s) }

// encodeCP writes s in a single-byte code page.
func encodeCP(s, name string) ([]byte, error) {
	cm := charmap.Windows1256
	if name == "iso-8859-6" {
		cm = charmap.ISO8859_6
	}
	return cm.NewEncoder().Bytes([]byte(s))
}
