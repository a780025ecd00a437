// Package pdfgen writes minimal PDF files from their objects, for the tests
// and benchmarks that need a PDF of known content (the project reads PDFs
// with poppler; it writes its own documents with Chromium, package pdf).
package pdfgen

import (
	"bytes"
	"fmt"
)

// Write lays out objs as objects 1, 2, … (object 1 must be the catalog),
// followed by their cross-reference table and a trailer naming the catalog
// as root; extra is added to the trailer's dictionary (e.g. "/Info 4 0 R"),
// "" for nothing.
func Write(objs []string, extra string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	if extra != "" {
		extra = " " + extra
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, extra, xref)
	return b.Bytes()
}
