package ingest

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

func TestDecodeText(t *testing.T) {
	arabic := "الاسم,المكان\nأحمد خليل,صيدنايا\n"
	win, _ := charmap.Windows1256.NewEncoder().String(arabic)
	latin, _ := charmap.ISO8859_1.NewEncoder().String("Name\nJosé Müller\n")
	for _, c := range []struct {
		name, data, charset, want, enc string
		err                            error
	}{
		{"utf-8", arabic, "", arabic, "utf-8", nil},
		{"utf-8 with a mark", "\ufeff" + arabic, "", arabic, "utf-8", nil},
		{"windows-1256 recognized", win, "", arabic, "windows-1256", nil},
		{"windows-1256 declared", win, "windows-1256", arabic, "windows-1256", nil},
		{"latin-1 declared", latin, "iso-8859-1", "Name\nJosé Müller\n", "windows-1252", nil},
		{"latin-1 undeclared", latin, "", "", "", ErrUndecodable},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "", "", "", ErrBinary},
	} {
		t.Run(c.name, func(t *testing.T) {
			text, enc, err := DecodeText([]byte(c.data), c.charset)
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Errorf("%v, want %v", err, c.err)
				}
				return
			}
			if err != nil || text != c.want || enc != c.enc {
				t.Errorf("%q %q %v", text, enc, err)
			}
		})
	}
}

func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("a,b\n1,2\n"), "")
	f.Add([]byte("\xff\xfea\x00,\x00b\x00"), "")
	f.Add([]byte("\xc7\xe1\xc7\xd3\xe3"), "windows-1256")
	f.Add([]byte("x"), "utf-16le")
	f.Fuzz(func(t *testing.T, data []byte, charset string) {
		if len(charset) > 32 || strings.ContainsAny(charset, ";\"\r\n") {
			return
		}
		text, _, err := DecodeText(data, charset)
		if err == nil && !utf8.ValidString(text) {
			t.Fatalf("decoded text is not UTF-8: %q", text)
		}
	})
}
