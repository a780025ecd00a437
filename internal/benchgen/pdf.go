package benchgen

import (
	"fmt"
	"strings"

	"github.com/athar-project/athar/internal/pdfgen"
)

// BombPDF is a small PDF of pages pages that all show one content stream of
// fifty lines (about 3 KB of text a page from a few dozen bytes a page): a
// decompression bomb, as in issue 18 (a 2.4 MB PDF gave 137 MB of text). Its
// text names nobody.
func BombPDF(pages int) []byte {
	var content strings.Builder
	content.WriteString("BT /F1 12 Tf 72 720 Td 14 TL\n")
	for i := range 50 {
		fmt.Fprintf(&content, "(Line %d of a page that every page of this document repeats.) Tj T*\n", i)
	}
	content.WriteString("ET")
	kids := make([]string, pages)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", 5+i)
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()),
	}
	for range pages {
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
	}
	return pdfgen.Write(objs, "")
}
