package gazetteer

import "strings"

// Skeleton reduces a folded Latin word to the consonants English
// transliterations of Arabic agree on: vowels (and y, w inside a word) and a
// final h dropped, q as k, doubled letters single. "mezzeh" and "mazzeh"
// give "mz"; "qaboun" and "kaboon" give "kbn". Words with
// non-Latin letters are returned unchanged.
func Skeleton(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return w
		}
	}
	w = strings.TrimSuffix(w, "h")
	var b strings.Builder
	var last byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'w':
			if i == 0 && (c == 'y' || c == 'w') {
				break
			}
			continue
		case 'q':
			c = 'k'
		}
		if c == last {
			continue
		}
		b.WriteByte(c)
		last = c
	}
	return b.String()
}
