package intake_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/intake"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// TestIngestBytes: an upload is stored as a file would be — parsed,
// extracted, resolved with the caller's resolver, linked to the original it
// nearly copies — and bad uploads fail alone.
func TestIngestBytes(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		res, err := resolve.New(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		analyst := access.Viewer{Name: "nour", Role: model.RoleAnalyst, Clearance: model.Internal}
		svc := intake.NewWith(st, analyst, res)
		article := "Title: Guards arrested\n---\n" + strings.Join(paragraphs, "\n\n")

		r, err := svc.IngestBytes(ctx, `C:\uploads\..\report.txt`, []byte(article), intake.Options{})
		if err != nil || r.Outcome != intake.Stored {
			t.Fatalf("upload: %+v %v", r, err)
		}
		src, err := st.Source(ctx, access.Operator(), r.Source.ID)
		if err != nil || src.Filename != "report.txt" || src.Title != "Guards arrested" || src.AddedBy != "nour" || src.Sensitivity != model.Public {
			t.Errorf("stored: %+v %v", src, err)
		}
		if r.Found.Mentions == 0 || r.Found.Events == 0 {
			t.Errorf("nothing extracted: %+v", r.Found)
		}

		again, err := svc.IngestBytes(ctx, "copy.txt", []byte(article), intake.Options{})
		if err != nil || again.Outcome != intake.Exists || again.Source.ID != r.Source.ID {
			t.Errorf("same bytes: %+v %v", again, err)
		}
		near, err := svc.IngestBytes(ctx, "near.txt", []byte("Title: Guards arrested (syndicated)\n---\n"+strings.Join(paragraphs[:5], "\n\n")), intake.Options{})
		if err != nil || near.Outcome != intake.Stored || near.DuplicateOf != r.Source.ID {
			t.Errorf("near-copy: %+v %v", near, err)
		}

		for _, c := range []struct {
			name string
			data string
			opt  intake.Options
			want error
		}{
			{"empty.txt", "", intake.Options{}, ingest.ErrEmpty},
			{"big.txt", strings.Repeat("word ", 100), intake.Options{MaxBytes: 100}, ingest.ErrTooLarge},
			{"image.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", intake.Options{}, ingest.ErrBinary},
		} {
			r, err := svc.IngestBytes(ctx, c.name, []byte(c.data), c.opt)
			if err != nil || r.Outcome != intake.Failed || !errors.Is(r.Err, c.want) {
				t.Errorf("%s: %+v %v, want a failure %v", c.name, r, err, c.want)
			}
		}

		public := model.Public
		if _, err := svc.IngestBytes(ctx, "t.txt", []byte("A witness said so."), intake.Options{Kind: model.KindTestimony, Sensitivity: &public}); err == nil {
			t.Error("an analyst stored a testimony as public")
		}
		viewer := intake.NewWith(st, access.Viewer{Name: "vera", Role: model.RoleViewer, Clearance: model.Public}, res)
		if _, err := viewer.IngestBytes(ctx, "v.txt", []byte("A note."), intake.Options{}); err == nil {
			t.Error("a viewer stored a source")
		}
		if n, _ := st.Sources(ctx, access.Operator(), store.SourceFilter{}); len(n) != 2 {
			t.Errorf("%d sources stored, want 2", len(n))
		}
	})
}
