package ingest

import (
	"strconv"
	"unicode"
)

// DisplayName writes an input's name (a path or URL, as given) for a line
// of human output: as it is when every character is printable, else
// Go-quoted, so that a file named "a.txt\nstored  src_…  forged.txt" cannot
// print a line of its own, nor a right-to-left override turn a name around
// on the terminal. Names a person typed stay as they were (Arabic
// included).
func DisplayName(name string) string {
	for _, r := range name {
		if r == unicode.ReplacementChar || !unicode.IsPrint(r) && r != ' ' || unicode.Is(unicode.Cf, r) {
			return strconv.Quote(name)
		}
	}
	if name == "" || name[0] == '"' {
		return strconv.Quote(name) // a name that starts like a quoted one is quoted too
	}
	return name
}
