package pageimage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// page draws a test page: stripes of grey levels, so that every pixel
// outside a region can be checked to be the input's.
func page(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 5), uint8((x + y) * 3), 0xff})
		}
	}
	return img
}

// withPNGText adds a tEXt chunk after a PNG's header chunk.
func withPNGText(data []byte, key, value string) []byte {
	body := append([]byte(key+"\x00"), value...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	typed := append([]byte("tEXt"), body...)
	chunk = append(chunk, typed...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(typed))
	const ihdrEnd = 8 + 8 + 13 + 4
	return append(append(append([]byte{}, data[:ihdrEnd]...), chunk...), data[ihdrEnd:]...)
}

// withEXIF adds an APP1 Exif segment after a JPEG's start marker.
func withEXIF(data []byte, note string) []byte {
	payload := append([]byte("Exif\x00\x00"), note...)
	seg := []byte{0xff, 0xe1}
	seg = binary.BigEndian.AppendUint16(seg, uint16(len(payload)+2))
	seg = append(seg, payload...)
	return append(append(append([]byte{}, data[:2]...), seg...), data[2:]...)
}

func TestFill(t *testing.T) {
	src := page(120, 80)
	var p, j bytes.Buffer
	if err := png.Encode(&p, src); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&j, src, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	const secret = "GPS-and-camera-owner-marker-nu"
	regions := []image.Rectangle{image.Rect(10, 10, 40, 30), image.Rect(100, 60, 200, 200)} // the second runs off the page
	for _, tt := range []struct {
		name  string
		in    []byte
		exact bool // pixels outside the regions are the input's exactly
	}{
		{"png with a text chunk", withPNGText(p.Bytes(), "Author", secret), true},
		{"jpeg with exif", withEXIF(j.Bytes(), secret), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := image.Decode(bytes.NewReader(tt.in)); err != nil {
				t.Fatalf("the test input does not decode: %v", err)
			}
			out, err := Fill(tt.in, regions)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(out, []byte("\x89PNG\r\n\x1a\n")) {
				t.Fatalf("not a PNG: %q", out[:8])
			}
			for _, marker := range []string{secret, "tEXt", "Exif", "eXIf", "iTXt", "zTXt", "iCCP"} {
				if bytes.Contains(out, []byte(marker)) {
					t.Errorf("the output holds %q", marker)
				}
			}
			img, err := png.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if img.Bounds() != src.Bounds() {
				t.Fatalf("bounds %v, want %v", img.Bounds(), src.Bounds())
			}
			for y := range 80 {
				for x := range 120 {
					r, g, b, a := img.At(x, y).RGBA()
					in := image.Pt(x, y).In(regions[0]) || image.Pt(x, y).In(regions[1])
					switch {
					case in && (r|g|b != 0 || a != 0xffff):
						t.Fatalf("pixel %d,%d in a region is %d,%d,%d,%d, not opaque black", x, y, r, g, b, a)
					case !in && tt.exact && img.At(x, y) != color.Color(src.RGBAAt(x, y)):
						t.Fatalf("pixel %d,%d outside the regions changed: %v, was %v", x, y, img.At(x, y), src.RGBAAt(x, y))
					}
				}
			}
		})
	}
}

func TestFillRefuses(t *testing.T) {
	var p bytes.Buffer
	if err := png.Encode(&p, page(20, 20)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		in      []byte
		regions []image.Rectangle
		want    string
	}{
		{"not an image", []byte("plain text"), nil, "not a page image"},
		{"truncated", p.Bytes()[:40], nil, "not a page image"},
		{"region off the page", p.Bytes(), []image.Rectangle{image.Rect(30, 30, 40, 40)}, "region 30,30,10,10 lies outside the 20×20 page"},
		{"empty region", p.Bytes(), []image.Rectangle{image.Rect(5, 5, 5, 9)}, "lies outside"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Fill(tt.in, tt.regions)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
	// A PNG declaring more pixels than MaxPixels is refused from its header.
	huge := append([]byte{}, p.Bytes()...)
	binary.BigEndian.PutUint32(huge[16:], 100_000)
	binary.BigEndian.PutUint32(huge[20:], 100_000)
	binary.BigEndian.PutUint32(huge[29:], crc32.ChecksumIEEE(huge[12:29]))
	if _, err := Fill(huge, nil); !errors.Is(err, ErrImage) || !strings.Contains(err.Error(), "million") {
		t.Fatalf("a huge page: %v", err)
	}
}

func FuzzFill(f *testing.F) {
	var p bytes.Buffer
	if err := png.Encode(&p, page(8, 8)); err != nil {
		f.Fatal(err)
	}
	var j bytes.Buffer
	if err := jpeg.Encode(&j, page(8, 8), nil); err != nil {
		f.Fatal(err)
	}
	f.Add(p.Bytes(), 1, 1, 3, 3)
	f.Add(j.Bytes(), 0, 0, 8, 8)
	f.Add([]byte("GIF89a"), 0, 0, 1, 1)
	f.Fuzz(func(t *testing.T, data []byte, x, y, w, h int) {
		out, err := Fill(data, []image.Rectangle{image.Rect(x, y, x+w, y+h)})
		if err != nil {
			return
		}
		if _, err := png.Decode(bytes.NewReader(out)); err != nil {
			t.Fatalf("Fill wrote a PNG that does not decode: %v", err)
		}
	})
}
