package ingest

import (
	"strings"
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
// ": ", as CONTRACTS.md has it, however long and whatever it holds, white
// space around it trimmed; "Key:" alone is an empty value) followed directly
// by a line "---". Without one, ok is false and body is text. With one, body
// is everything after the "---" line, unchanged.
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

// headerLine splits "Key: value". A key that is only white space is no
// key. (Keys were once limited to 40 characters of letters, digits, spaces,
// '-' and '_': a longer note such as "Descriptive-title (written by the
// annotator)" then made the whole header body text, its notes extracted
// from as if the article said them.)
func headerLine(line string) (key, value string, ok bool) {
	key, value, found := strings.Cut(line, ": ")
	if !found {
		key, found = strings.CutSuffix(strings.TrimRight(line, " \t\r"), ":")
		if !found {
			return "", "", false
		}
	}
	key = strings.TrimSpace(key)
	if key == "" {
		return "", "", false
	}
	return key, strings.TrimSpace(value), true
}
