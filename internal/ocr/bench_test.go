package ocr

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkReadFile measures OCR per page: one screenshot of two lines of
// English or Arabic (1400×260 pixels), read with both models as ingest
// does, and with the one model of its script, for the cost of reading with
// both. The time is one run of tesseract: starting it and loading the
// models included.
func BenchmarkReadFile(b *testing.B) {
	if _, err := ReadFile(context.Background(), filepath.Join("testdata", "en.png"), Options{}); err != nil {
		b.Skipf("tesseract: %v", err)
	}
	for _, bb := range []struct{ name, file, langs string }{
		{"en/ara+eng", "en.png", "ara+eng"},
		{"en/eng", "en.png", "eng"},
		{"ar/ara+eng", "ar.png", "ara+eng"},
		{"ar/ara", "ar.png", "ara"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := ReadFile(context.Background(), filepath.Join("testdata", bb.file), Options{Languages: bb.langs}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
