package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// header is the optional block at the start of a text file: "Key: value"
// lines ended by a line "---" (CONTRACTS.md, "Text files with a header").
type header struct {
	fields map[string]string // by lower-case key; the first of a repeated key wins
	keys   []string          // keys in order, as written
}

func (h header) get(key string) string { return h.fields[strings.ToLower(key)] }

// splitHeader finds the header block of text. It is there when text starts
// with one or more "Key: value" lines (the key is everything before the first
// ": ", a name of letters, digits, spaces, '-' and '_' of at most 40
// characters; "Key:" alone is an empty value) followed directly by a line
// "---". Without one, ok is false and body is text. With one, body is
// everything after the "---" line, unchanged.
func splitHeader(text string) (h header, body string, ok bool) {
	h.fields = map[string]string{}
	rest := text
	for {
		line, after, found := strings.Cut(rest, "\n")
		if strings.TrimRight(line, " \t") == "---" {
			if len(h.keys) == 0 {
				return header{}, text, false
			}
			if !found {
				after = ""
			}
			return h, after, true
		}
		if !found {
			return header{}, text, false
		}
		key, value, isField := headerLine(line)
		if !isField {
			return header{}, text, false
		}
		h.keys = append(h.keys, key)
		if _, seen := h.fields[strings.ToLower(key)]; !seen {
			h.fields[strings.ToLower(key)] = value
		}
		rest = after
	}
}

// headerLine splits "Key: value".
func headerLine(line string) (key, value string, ok bool) {
	key, value, found := strings.Cut(line, ": ")
	if !found {
		key, found = strings.CutSuffix(strings.TrimRight(line, " \t"), ":")
		if !found || strings.Contains(key, ":") {
			return "", "", false
		}
	}
	if key == "" || utf8.RuneCountInString(key) > 40 || key != strings.TrimSpace(key) {
		return "", "", false
	}
	for _, r := range key {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '-' && r != '_' {
			return "", "", false
		}
	}
	return key, strings.TrimSpace(value), true
}
