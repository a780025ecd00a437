package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// TestIngestBytes: an upload is stored as a file would be — parsed,
// extracted, resolved with the caller's resolver, linked to the original it
// nearly copies — and bad uploads fail alone.
func TestIngestBytes(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		analyst := access.Viewer{Name: "nour", Role: model.RoleAnalyst, Clearance: model.Internal}
		a := app.New(st, app.Config{})
		article := "Title: Guards arrested\n---\n" + strings.Join(paragraphs, "\n\n")

		r, err := a.IngestBytes(ctx, analyst, `C:\uploads\..\report.txt`, []byte(article), app.IngestOptions{})
		if err != nil || r.Outcome != app.Stored {
			t.Fatalf("upload: %+v %v", r, err)
		}
		src, err := st.Source(ctx, access.Operator(), r.Source.ID)
		if err != nil || src.Filename != "report.txt" || src.Title != "Guards arrested" || src.AddedBy != "nour" || src.Sensitivity != model.Public {
			t.Errorf("stored: %+v %v", src, err)
		}
		if r.Found.Mentions == 0 || r.Found.Events == 0 {
			t.Errorf("nothing extracted: %+v", r.Found)
		}

		again, err := a.IngestBytes(ctx, analyst, "copy.txt", []byte(article), app.IngestOptions{})
		if err != nil || again.Outcome != app.Exists || again.Source.ID != r.Source.ID {
			t.Errorf("same bytes: %+v %v", again, err)
		}
		near, err := a.IngestBytes(ctx, analyst, "near.txt", []byte("Title: Guards arrested (syndicated)\n---\n"+strings.Join(paragraphs[:5], "\n\n")), app.IngestOptions{})
		if err != nil || near.Outcome != app.Stored || near.DuplicateOf != r.Source.ID {
			t.Errorf("near-copy: %+v %v", near, err)
		}

		for _, c := range []struct {
			name string
			data string
			opt  app.IngestOptions
			want error
		}{
			{"empty.txt", "", app.IngestOptions{}, ingest.ErrEmpty},
			{"big.txt", strings.Repeat("word ", 100), app.IngestOptions{MaxBytes: 100}, ingest.ErrTooLarge},
			{"image.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", app.IngestOptions{}, ingest.ErrImage},
			{"video.mp4", "\x00\x00\x00\x18ftypmp42", app.IngestOptions{}, ingest.ErrBinary},
		} {
			r, err := a.IngestBytes(ctx, analyst, c.name, []byte(c.data), c.opt)
			if err != nil || r.Outcome != app.Failed || !errors.Is(r.Err, c.want) {
				t.Errorf("%s: %+v %v, want a failure %v", c.name, r, err, c.want)
			}
		}

		public := model.Public
		if _, err := a.IngestBytes(ctx, analyst, "t.txt", []byte("A witness said so."), app.IngestOptions{Kind: model.KindTestimony, Sensitivity: &public}); err == nil {
			t.Error("an analyst stored a testimony as public")
		}
		vera := access.Viewer{Name: "vera", Role: model.RoleViewer, Clearance: model.Public}
		if _, err := a.IngestBytes(ctx, vera, "v.txt", []byte("A note."), app.IngestOptions{}); err == nil {
			t.Error("a viewer stored a source")
		}
		if n, _ := st.Sources(ctx, access.Operator(), store.SourceFilter{}); len(n) != 2 {
			t.Errorf("%d sources stored, want 2", len(n))
		}
	})
}
