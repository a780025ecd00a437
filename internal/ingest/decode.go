package ingest

import (
	"bytes"
	"mime"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte{0xef, 0xbb, 0xbf}
	bomUTF16LE = []byte{0xff, 0xfe}
	bomUTF16BE = []byte{0xfe, 0xff}
)

// decode turns data into UTF-8 text and names the encoding it was in.
//
// In order: a byte-order mark (UTF-8, stripped; UTF-16 LE or BE); a charset
// declared by contentType or, when html is set, by a <meta> in the first
// 1024 bytes; valid UTF-8; then, undeclared, only what is detected with
// confidence: Windows-1256 or ISO-8859-6 when the text reads as Arabic
// beyond doubt (detectArabic), English whose only non-ASCII bytes are
// Windows punctuation (curly quotes, dashes) as windows-1252. Anything else
// — damaged UTF-8, Latin-1, a short snippet that might be anything — is
// ErrUndecodable, saying where the first invalid byte is: stored as a guess,
// it would be text nobody wrote. The text is otherwise unchanged.
func decode(data []byte, contentType string, html bool) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		rest := data[len(bomUTF8):]
		if !utf8.Valid(rest) {
			return "", "", errorf(ErrUndecodable, "invalid UTF-8 after a UTF-8 byte-order mark")
		}
		return string(rest), "utf-8", nil
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeWith(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), data, "utf-16le")
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeWith(xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), data, "utf-16be")
	}
	if e, name := declared(data, contentType, html); e != nil {
		switch {
		case name == "utf-8" && utf8.Valid(data):
			return string(data), "utf-8", nil
		case name == "utf-8":
			// Mislabelled: detect below.
		case name == "windows-1252" && hasHighBit(data) && utf8.Valid(data):
			// Pages often declare Latin-1 and send UTF-8.
			return string(data), "utf-8", nil
		case name == "windows-1252":
			if text, arName, ok := detectArabic(data); ok {
				return text, arName, nil
			}
			return decodeWith(e, data, name)
		default:
			return decodeWith(e, data, name)
		}
	}
	if utf8.Valid(data) {
		return string(data), "utf-8", nil
	}
	at := firstInvalidUTF8(data)
	if damagedUTF8(data) {
		return "", "", errorf(ErrUndecodable, "invalid UTF-8 at byte %d in text that is otherwise UTF-8 (a damaged or truncated file?)", at)
	}
	if text, name, ok := detectArabic(data); ok {
		return text, name, nil
	}
	if text, ok := windowsPunctuation(data); ok {
		return text, "windows-1252", nil
	}
	return "", "", errorf(ErrUndecodable, "invalid UTF-8 at byte %d, and not recognizably Arabic in Windows-1256 or ISO-8859-6; "+
		"save the file as UTF-8 (or serve it with its charset)", at)
}

// firstInvalidUTF8 is the offset of the first byte that is not valid UTF-8.
func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// damagedUTF8 reports data that is mostly UTF-8: more of its non-ASCII
// bytes form valid multi-byte sequences than do not. Single-byte code pages
// almost never put a lead byte before the right number of continuation
// bytes; UTF-8 text with a cut or a stray byte does all the time — and read
// as Windows-1256 it looks like Arabic (ط§ظ„…), which is how a damaged file
// used to be stored as text nobody wrote.
func damagedUTF8(data []byte) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(data); {
		if data[i] < 0x80 {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			invalid++
			i++
			continue
		}
		valid += n
		i += n
	}
	return valid > invalid
}

// declared finds the charset the Content-Type or an HTML <meta> declares.
func declared(data []byte, contentType string, html bool) (encoding.Encoding, string) {
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		if e, name := charset.Lookup(params["charset"]); e != nil {
			return e, name
		}
	}
	if !html {
		return nil, ""
	}
	e, name, _ := charset.DetermineEncoding(data, "")
	if name == "windows-1252" && !bytes.Contains(bytes.ToLower(head(data, 1024)), []byte("charset")) {
		return nil, "" // the package's default, not a declaration
	}
	if name == "utf-8" && !bytes.Contains(bytes.ToLower(head(data, 1024)), []byte("charset")) {
		return nil, "" // guessed from the bytes
	}
	return e, name
}

func decodeWith(e encoding.Encoding, data []byte, name string) (string, string, error) {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", errorf(ErrUndecodable, "not valid %s", name)
	}
	return strings.ToValidUTF8(string(out), "\ufffd"), name, nil
}

func hasHighBit(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// detectArabic decodes data as Windows-1256 and as ISO-8859-6 and keeps the
// one that reads as Arabic: mostly Arabic letters among the non-ASCII
// characters, few replacement characters, control codes or accented Latin
// letters (which is what the wrong code page gives). Ties go to
// Windows-1256, the commoner. It answers only when confident (see
// confidentArabic): a guess stored as text is worse than a refusal.
func detectArabic(data []byte) (string, string, bool) {
	text, name := bestArabic(data)
	if name == "" || !confidentArabic(text) {
		return "", "", false
	}
	return text, name, true
}

// Confidence in undeclared Arabic: enough letters to judge by, nearly all
// the non-ASCII characters Arabic letters, letters spread as in language,
// not piled on the two or three that mis-decoded UTF-8 lead bytes become,
// and grouped into words of a word's length, as random bytes are not.
const (
	minArabicLetters = 12
	minArabicWords   = 2
	maxTopTwoShare   = 0.4
	maxMeanWord      = 9
	maxWord          = 24
)

// confidentArabic reports whether text, decoded from a code page, is
// Arabic beyond reasonable doubt.
func confidentArabic(text string) bool {
	counts := map[rune]int{}
	letters, other, words, run := 0, 0, 0, 0
	for _, r := range text + " " {
		isLetter := unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r)
		switch {
		case isLetter:
			counts[r]++
			letters++
		case r < 0x80:
		case unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.Is(unicode.Arabic, r):
			// Arabic punctuation, digits and marks, no-break spaces
		default:
			other++
		}
		switch {
		case isLetter || unicode.Is(unicode.Mn, r):
			run++
		case run > 0:
			if run > maxWord {
				return false
			}
			words, run = words+1, 0
		}
	}
	if letters < minArabicLetters || other*20 > letters || words < minArabicWords || letters > maxMeanWord*words {
		return false
	}
	first, second := 0, 0
	for _, n := range counts {
		switch {
		case n > first:
			first, second = n, first
		case n > second:
			second = n
		}
	}
	return float64(first+second) <= maxTopTwoShare*float64(letters)
}

// bestArabic is detectArabic's choice between the two code pages, before
// the test of confidence.
func bestArabic(data []byte) (string, string) {
	best, bestName, bestScore := "", "", 0
	for _, c := range []struct {
		cm   *charmap.Charmap
		name string
	}{{charmap.Windows1256, "windows-1256"}, {charmap.ISO8859_6, "iso-8859-6"}} {
		out, err := c.cm.NewDecoder().Bytes(data)
		if err != nil {
			continue
		}
		text := string(out)
		arabic, bad := arabicScore(text)
		if arabic == 0 || bad*10 > arabic {
			continue
		}
		score := arabic + 2*strings.Count(text, "ال") - 5*bad
		if bestName == "" || score > bestScore {
			best, bestName, bestScore = text, c.name, score
		}
	}
	return best, bestName
}

// arabicScore counts, among the non-ASCII characters of text, Arabic ones
// and those that betray a wrong decoding.
func arabicScore(text string) (arabic, bad int) {
	for _, r := range text {
		switch {
		case r < 0x80:
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case r == utf8.RuneError, r < 0xa0, r >= 0xc0 && r < 0x250:
			bad++
		}
	}
	return arabic, bad
}

// windowsPunctuation reads data as Windows-1252 when its only non-ASCII
// bytes are typographic punctuation (curly quotes, dashes, ellipsis, no-break
// space): English typed in a Windows editor.
func windowsPunctuation(data []byte) (string, bool) {
	for _, c := range data {
		switch {
		case c < 0x80:
		case c == 0x85, c >= 0x91 && c <= 0x97, c == 0xa0, c == 0xab, c == 0xbb:
		default:
			return "", false
		}
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", false
	}
	return string(out), true
}

// normalizeNewlines turns "\r\n" and lone "\r" into "\n".
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
