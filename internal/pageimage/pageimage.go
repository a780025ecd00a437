// Package pageimage owns changing the image of a scanned page: it fills
// regions of a PNG or JPEG opaque and writes the page again as a new PNG
// made from its pixels alone, for redacted copies (app.Redact). Nothing of
// the input file but its pixels goes into the output: no EXIF, XMP, ICC or
// text chunk, no comment, no thumbnail, none of its bytes, and the pixels
// under a region are overwritten, not covered by a layer that can be lifted.
package pageimage

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
)

// MaxPixels bounds the pages Fill decodes: a few bytes of PNG can declare a
// picture of billions of pixels. An A4 page at 600 dpi is 35 million (the
// bound OCR puts on what it reads, ingest.maxPixels, is the same).
const MaxPixels = 60_000_000

// ErrImage is an input that is no PNG or JPEG page Fill can read.
var ErrImage = errors.New("not a page image")

// Fill decodes a PNG or JPEG page, fills each region (pixels from the top
// left corner; clipped to the page) with opaque black, and encodes the
// result as a PNG. A region that misses the page is an error naming it.
func Fill(data []byte, regions []image.Rectangle) ([]byte, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrImage, err)
	}
	if format != "png" && format != "jpeg" {
		return nil, fmt.Errorf("%w: a %s image (PNG or JPEG only)", ErrImage, format)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > MaxPixels || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%w: %d×%d pixels (at most %d million)", ErrImage, cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}
	var src image.Image
	if format == "png" {
		src, err = png.Decode(bytes.NewReader(data))
	} else {
		src, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrImage, err)
	}
	bounds := src.Bounds()
	// A fresh RGBA canvas: the output shares no palette, colour profile or
	// byte with the input.
	page := image.NewRGBA(image.Rect(0, 0, bounds.Dx(), bounds.Dy()))
	draw.Draw(page, page.Bounds(), src, bounds.Min, draw.Src)
	black := image.NewUniform(color.RGBA{A: 0xff})
	for _, r := range regions {
		clipped := r.Canon().Intersect(page.Bounds())
		if clipped.Empty() {
			return nil, fmt.Errorf("region %d,%d,%d,%d lies outside the %d×%d page", r.Min.X, r.Min.Y, r.Dx(), r.Dy(), page.Bounds().Dx(), page.Bounds().Dy())
		}
		draw.Draw(page, clipped, black, image.Point{}, draw.Src)
	}
	var out bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&out, page); err != nil {
		return nil, fmt.Errorf("encode the page: %w", err)
	}
	return out.Bytes(), nil
}

// Size is the width and height of a PNG or JPEG page, read from its header.
func Size(data []byte) (width, height int, err error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, fmt.Errorf("%w: %v", ErrImage, err)
	}
	if format != "png" && format != "jpeg" {
		return 0, 0, fmt.Errorf("%w: a %s image (PNG or JPEG only)", ErrImage, format)
	}
	return cfg.Width, cfg.Height, nil
}
