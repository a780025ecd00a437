package ocr

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// maxTIFFPages bounds the walk of a TIFF's chain of pages, whatever the
// caller's cap: a chain that loops back is caught by its offsets, one that
// does not is at most this long.
const maxTIFFPages = 100000

// TIFFPages counts the pages (image file directories) of a TIFF, so that a
// document over the page cap is refused before Tesseract reads any of it.
// It follows the chain of directory offsets, refusing one that points
// outside the file or back to a directory already seen.
func TIFFPages(data []byte) (int, error) {
	if len(data) < 8 {
		return 0, errors.New("TIFF shorter than its header")
	}
	var bo binary.ByteOrder
	switch string(data[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return 0, errors.New("not a classic TIFF header")
	}
	seen := map[uint32]bool{}
	n := 0
	for off := bo.Uint32(data[4:8]); off != 0; n++ {
		if seen[off] || n >= maxTIFFPages {
			return 0, fmt.Errorf("TIFF page chain loops at byte %d", off)
		}
		seen[off] = true
		if uint64(off)+2 > uint64(len(data)) {
			return 0, fmt.Errorf("TIFF page %d starts at byte %d, past the end (%d bytes)", n+1, off, len(data))
		}
		entries := uint64(bo.Uint16(data[off:]))
		next := uint64(off) + 2 + 12*entries
		if next+4 > uint64(len(data)) {
			return 0, fmt.Errorf("TIFF page %d runs past the end of the file", n+1)
		}
		off = bo.Uint32(data[next:])
	}
	if n == 0 {
		return 0, errors.New("TIFF without a page")
	}
	return n, nil
}
