package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// AddOCR records how a source's text was read by OCR, in the transaction
// that stores the source (a ledgered row: the boxes are part of the
// evidence). Confidences are kept to a tenth.
func (t *Tx) AddOCR(ctx context.Context, sourceID string, o *model.OCR) error {
	pages := make([][3]int, len(o.Pages))
	for i, p := range o.Pages {
		pages[i] = [3]int{p.Number, p.Width, p.Height}
	}
	words := make([][8]int, len(o.Words))
	for i, w := range o.Words {
		words[i] = [8]int{w.Page, w.Left, w.Top, w.Width, w.Height, int(math.Round(w.Confidence * 10)), w.Start, w.End}
	}
	pj, err := json.Marshal(pages)
	if err != nil {
		return err
	}
	wj, err := json.Marshal(words)
	if err != nil {
		return err
	}
	return t.insert(ctx, "source_ocr", map[string]any{
		"source_id": sourceID, "engine": o.Engine, "languages": o.Languages, "dpi": o.DPI,
		"mean_confidence": math.Round(o.MeanConfidence*10) / 10, "low_words": len(o.Low()),
		"pages": string(pj), "words": string(wj), "created_at": t.at,
	})
}

// SourceOCR is how source id's text was read by OCR; nil when it was not,
// or when v may not see the source (the two are not told apart).
func (s *Store) SourceOCR(ctx context.Context, v access.Viewer, id string) (*model.OCR, error) {
	all, err := s.SourcesOCR(ctx, v, []string{id})
	if err != nil {
		return nil, err
	}
	return all[id], nil
}

// SourcesOCR is SourceOCR for several sources at once: a source not read
// by OCR, or hidden from v, is absent from the map.
func (s *Store) SourcesOCR(ctx context.Context, v access.Viewer, ids []string) (map[string]*model.OCR, error) {
	out := map[string]*model.OCR{}
	cond, args := visibleFrom(v, "s.sensitivity", "s.id")
	q := s.rebind("SELECT o.engine, o.languages, o.dpi, o.mean_confidence, o.pages, o.words FROM source_ocr o " +
		"JOIN sources s ON s.id = o.source_id WHERE o.source_id = ? AND " + cond)
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		var o model.OCR
		var pages, words string
		err := s.db.QueryRowContext(ctx, q, append([]any{id}, args...)...).
			Scan(&o.Engine, &o.Languages, &o.DPI, &o.MeanConfidence, &pages, &words)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("OCR of source %s: %w", id, err)
		}
		if err := decodeOCR(&o, pages, words); err != nil {
			return nil, fmt.Errorf("OCR of source %s: %w", id, err)
		}
		out[id] = &o
	}
	return out, nil
}

func decodeOCR(o *model.OCR, pages, words string) error {
	var ps [][3]int
	var ws [][8]int
	if err := json.Unmarshal([]byte(pages), &ps); err != nil {
		return fmt.Errorf("pages: %w", err)
	}
	if err := json.Unmarshal([]byte(words), &ws); err != nil {
		return fmt.Errorf("words: %w", err)
	}
	for _, p := range ps {
		o.Pages = append(o.Pages, model.OCRPage{Number: p[0], Width: p[1], Height: p[2]})
	}
	for _, w := range ws {
		o.Words = append(o.Words, model.OCRWord{Page: w[0], Left: w[1], Top: w[2], Width: w[3], Height: w[4],
			Confidence: float64(w[5]) / 10, Start: w[6], End: w[7]})
	}
	return nil
}
