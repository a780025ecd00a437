package ingest

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/ocr"
)

// The scans are internal/ocr's testdata, rendered by the project from known
// text (ocr.TestMakeScans).
func scan(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "ocr", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func needOCR(t *testing.T) {
	t.Helper()
	needPoppler(t)
	out, err := exec.Command("tesseract", "--list-langs").CombinedOutput()
	if err == nil && strings.Contains(string(out), "\nara") && strings.Contains(string(out), "\neng") {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("tesseract with ara and eng is needed under CI: %v %s", err, out)
	}
	t.Skip("tesseract with ara and eng is not installed")
}

func TestParseScans(t *testing.T) {
	needOCR(t)
	en, ar := scan(t, "en.png"), scan(t, "ar.png")
	tests := []struct {
		name    string
		data    []byte
		ct, lng string
		pages   []int // pages read by OCR
		dpi     int
		want    []string // in the text
	}{
		{"png", en, TypePNG, "en", []int{1}, 0, []string{"Colonel Karim Haddad", "Sami Nasser"}},
		{"arabic png", ar, TypePNG, "ar", []int{1}, 0, []string{"سامي ناصر", "سجن صيدنايا"}},
		{"jpeg", toJPEG(t, en), TypeJPEG, "en", []int{1}, 0, []string{"Sami Nasser"}},
		{"two-page tiff", toTIFF(t, en, ar), TypeTIFF, "", []int{1, 2}, 0, []string{"Sami Nasser", "سامي ناصر"}},
		{"image-only pdf", scan(t, "scan.pdf"), TypePDF, "ar", []int{1}, 300, []string{"سامي ناصر"}},
		{"pdf with a scanned page", scan(t, "mixed.pdf"), TypePDF, "en", []int{2}, 300,
			[]string{"Page one has a text layer", "Karim Haddad"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseContext(context.Background(), Input{Name: tt.name, Data: tt.data}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.ContentType != tt.ct || (tt.lng != "" && doc.Language != tt.lng) {
				t.Errorf("content type %s, language %s; want %s, %s", doc.ContentType, doc.Language, tt.ct, tt.lng)
			}
			for _, w := range tt.want {
				if !strings.Contains(doc.Text, w) {
					t.Errorf("%q not in the text %q", w, doc.Text)
				}
			}
			o := doc.OCR
			if o == nil {
				t.Fatal("not marked as read by OCR")
			}
			if !strings.HasPrefix(o.Engine, "tesseract ") || o.Languages != ocr.DefaultLanguages || o.DPI != tt.dpi {
				t.Errorf("engine %q, languages %q, dpi %d", o.Engine, o.Languages, o.DPI)
			}
			var pages []int
			size := map[int]model.OCRPage{}
			for _, p := range o.Pages {
				pages = append(pages, p.Number)
				size[p.Number] = p
			}
			if !slicesEqual(pages, tt.pages) {
				t.Errorf("pages read by OCR %v, want %v", pages, tt.pages)
			}
			runes := []rune(doc.Text)
			for _, w := range o.Words {
				if w.Start < 0 || w.End > len(runes) || w.Start >= w.End || strings.TrimSpace(string(runes[w.Start:w.End])) != string(runes[w.Start:w.End]) {
					t.Fatalf("word at %d-%d does not point at a word of the text", w.Start, w.End)
				}
				p, ok := size[w.Page]
				if !ok || w.Width <= 0 || w.Left+w.Width > p.Width || w.Top+w.Height > p.Height {
					t.Errorf("word at %d-%d: box %+v is not inside its page %+v", w.Start, w.End, w, p)
				}
			}
			if m := o.MeanConfidence; m < 80 {
				t.Errorf("mean confidence %.1f on clean print", m)
			}
		})
	}
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseScanErrors(t *testing.T) {
	needOCR(t)
	tiff := toTIFF(t, scan(t, "en.png"), scan(t, "ar.png"))
	_, err := Parse(Input{Data: tiff}, Options{OCR: ocr.Options{MaxPages: 1}})
	if !errors.Is(err, ErrOCR) || !errors.Is(err, ocr.ErrTooManyPages) || !strings.Contains(err.Error(), "2 pages, the limit is 1") {
		t.Errorf("a TIFF over the page cap: %v", err)
	}
	_, err = Parse(Input{Data: scan(t, "scan.pdf")}, Options{OCR: ocr.Options{Languages: "xyz"}})
	if !errors.Is(err, ErrNoTextLayer) || !errors.Is(err, ocr.ErrUnavailable) || !strings.Contains(err.Error(), "page 1") {
		t.Errorf("a scan with no model to read it: %v", err)
	}
	_, err = Parse(Input{Data: scan(t, "mixed.pdf")}, Options{OCR: ocr.Options{Languages: "xyz"}})
	if !errors.Is(err, ErrOCR) || errors.Is(err, ErrNoTextLayer) || !strings.Contains(err.Error(), "page 2") {
		t.Errorf("a PDF with a scanned page and no model to read it: %v", err)
	}
	blank := image.NewGray(image.Rect(0, 0, 200, 100))
	draw.Draw(blank, blank.Bounds(), image.White, image.Point{}, draw.Src)
	var b bytes.Buffer
	if err := png.Encode(&b, blank); err != nil {
		t.Fatal(err)
	}
	if _, err = Parse(Input{Data: b.Bytes()}, Options{}); !errors.Is(err, ErrNoText) {
		t.Errorf("a blank image: %v", err)
	}
}

// Without tesseract, an image is refused saying what to install, and a
// scanned PDF is still a PDF without a text layer.
func TestOCRMissing(t *testing.T) {
	needPoppler(t)
	bin := t.TempDir()
	for _, tool := range []string{"pdftotext", "pdfinfo", "pdftoppm"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(p, filepath.Join(bin, tool)); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin)
	_, err := Parse(Input{Data: scan(t, "en.png")}, Options{})
	if !errors.Is(err, ErrOCR) || !errors.Is(err, ocr.ErrUnavailable) || !strings.Contains(err.Error(), "tesseract-ocr") {
		t.Errorf("an image without tesseract: %v", err)
	}
	_, err = Parse(Input{Data: scan(t, "scan.pdf")}, Options{})
	if !errors.Is(err, ErrNoTextLayer) || !strings.Contains(err.Error(), "tesseract-ocr") {
		t.Errorf("a scan without tesseract: %v", err)
	}
}

func decodePNG(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func toJPEG(t *testing.T, pngData []byte) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, decodePNG(t, pngData), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// toTIFF writes the PNGs as the pages of one uncompressed 8-bit grey TIFF
// (baseline TIFF 6.0: the few tags a reader needs).
func toTIFF(t *testing.T, pngs ...[]byte) []byte {
	t.Helper()
	var pages [][]byte
	var sizes []image.Point
	for _, p := range pngs {
		img := decodePNG(t, p)
		g := image.NewGray(img.Bounds())
		draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
		pages = append(pages, g.Pix)
		sizes = append(sizes, g.Bounds().Size())
	}
	le := binary.LittleEndian
	out := []byte("II*\x00\x00\x00\x00\x00")
	prevNext := 4 // where the offset of the next page goes
	for i, pix := range pages {
		dataAt := len(out)
		out = append(out, pix...)
		if len(out)%2 == 1 {
			out = append(out, 0)
		}
		ifd := len(out)
		le.PutUint32(out[prevNext:], uint32(ifd))
		w, h := sizes[i].X, sizes[i].Y
		tags := [][3]uint32{ // tag, type (3 short, 4 long), value
			{256, 4, uint32(w)}, {257, 4, uint32(h)}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
			{273, 4, uint32(dataAt)}, {277, 3, 1}, {278, 4, uint32(h)}, {279, 4, uint32(len(pix))},
		}
		entry := make([]byte, 2+12*len(tags)+4)
		le.PutUint16(entry, uint16(len(tags)))
		for j, tg := range tags {
			e := entry[2+12*j:]
			le.PutUint16(e, uint16(tg[0]))
			le.PutUint16(e[2:], uint16(tg[1]))
			le.PutUint32(e[4:], 1)
			if tg[1] == 3 {
				le.PutUint16(e[8:], uint16(tg[2]))
			} else {
				le.PutUint32(e[8:], tg[2])
			}
		}
		out = append(out, entry...)
		prevNext = len(out) - 4
	}
	return out
}

// BenchmarkScannedPDFPage measures a scanned PDF page as ingest reads it:
// pdftotext finds no text layer, pdftoppm renders the page at 300 dpi (an A5
// page of English, or of Arabic), tesseract reads it with ara+eng.
func BenchmarkScannedPDFPage(b *testing.B) {
	for _, bb := range []struct{ name, file string }{{"en", "mixed.pdf"}, {"ar", "scan.pdf"}} {
		data, err := os.ReadFile(filepath.Join("..", "ocr", "testdata", bb.file))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				doc, err := Parse(Input{Data: data}, Options{})
				if err != nil {
					b.Skipf("OCR: %v", err)
				}
				if doc.OCR == nil || len(doc.OCR.Pages) != 1 {
					b.Fatal("no page read by OCR")
				}
			}
		})
	}
}

// pngHeader is the start of a PNG declaring w×h pixels: signature and a
// valid IHDR chunk, no pixels.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 17)
	copy(ihdr, "IHDR")
	binary.BigEndian.PutUint32(ihdr[4:], w)
	binary.BigEndian.PutUint32(ihdr[8:], h)
	ihdr[12], ihdr[13] = 8, 0 // 8-bit grey
	out := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d")
	out = append(out, ihdr...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(ihdr))
}
