package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

const redactTestimony = "Title: Testimony of a former detainee\n---\n" +
	"My cellmate Yazan Khouri was beaten by the guards at Sednaya Prison in 2013. " +
	"The guards took YAZAN KHOURI away at night.\n"

// A testimony redacted into a new copy: the words taken out are nowhere in
// the copy — its text, its original bytes, what was extracted from it, the
// search index — while the original still holds them; a viewer cleared only
// for the copy's level reads the copy and not the original; the ledger
// verifies and records the redaction without the words.
func TestRedactMakesACopy(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := app.New(st, app.Config{})
		op := access.Operator()
		analyst := access.Viewer{Name: "ana", Role: model.RoleAnalyst, Clearance: model.Confidential}
		intern := access.Viewer{Name: "ina", Role: model.RoleViewer, Clearance: model.Internal}
		orig, err := a.IngestBytes(ctx, op, "t.txt", []byte(redactTestimony), app.IngestOptions{Kind: model.KindTestimony})
		if err != nil || orig.Outcome != app.Stored {
			t.Fatalf("ingest: %+v %v", orig, err)
		}
		id := orig.Source.ID
		if !strings.Contains(quotesOf(t, st, op, id), "Khouri") {
			t.Fatalf("extraction found nothing of Yazan Khouri in the original: the test proves nothing")
		}

		internal := model.Internal
		res, err := a.Redact(ctx, analyst, id, app.RedactOptions{Phrases: []string{"yazan khouri"}, Sensitivity: &internal,
			Reason: "protect the cellmate's family"})
		if err != nil {
			t.Fatalf("redact: %v", err)
		}
		cp := res.Source.ID
		if cp == "" || cp == id {
			t.Fatalf("redact gave source %q", cp)
		}
		if len(res.Spans) != 2 {
			t.Errorf("spans taken out: %+v, want both occurrences", res.Spans)
		}
		if res.Source.Sensitivity != model.Internal {
			t.Errorf("the copy is %s, want internal as asked", res.Source.Sensitivity)
		}
		copySrc, err := st.Source(ctx, intern, cp)
		if err != nil {
			t.Fatalf("a viewer cleared for internal reads the copy: %v", err)
		}
		want := strings.Replace(strings.Replace(redactTestimony, "Title: ", "", 1), "\n---\n", "\n", 1)
		want = strings.ReplaceAll(want, "Yazan Khouri", model.RedactionMark)
		want = strings.ReplaceAll(want, "YAZAN KHOURI", model.RedactionMark)
		if strings.TrimSpace(copySrc.Text) != strings.TrimSpace(want) {
			t.Errorf("the copy's text:\n%q\nwant\n%q", copySrc.Text, want)
		}
		if _, err := st.Source(ctx, intern, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a viewer cleared for internal reads the original: %v", err)
		}
		blob, err := st.Blob(ctx, intern, cp)
		if err != nil {
			t.Fatal(err)
		}
		if copySrc.SHA256 == orig.Source.SHA256 || store.Hash(blob) != copySrc.SHA256 {
			t.Errorf("the copy's original bytes: sha %s (original %s), blob hashes to %s", copySrc.SHA256, orig.Source.SHA256, store.Hash(blob))
		}
		for what, s := range map[string]string{"text": copySrc.Text, "title": copySrc.Title, "original bytes": string(blob),
			"statements": quotesOf(t, st, op, cp)} {
			if strings.Contains(strings.ToLower(s), "khouri") || strings.Contains(strings.ToLower(s), "yazan") {
				t.Errorf("the copy's %s hold the words taken out:\n%s", what, s)
			}
		}
		if q := quotesOf(t, st, op, cp); !strings.Contains(q, "Sednaya") {
			t.Errorf("extraction did not run on the copy: %q", q)
		}
		hits, err := a.Search(ctx, op, app.SearchQuery{Text: "Khouri"})
		if err != nil {
			t.Fatal(err)
		}
		if !holdsSource(hits.Sources, id) || holdsSource(hits.Sources, cp) {
			t.Errorf("search for Khouri finds %v: want the original %s, not the copy %s", sourceIDs(hits.Sources), id, cp)
		}
		hits, err = a.Search(ctx, intern, app.SearchQuery{Text: "Sednaya"})
		if err != nil {
			t.Fatal(err)
		}
		if !holdsSource(hits.Sources, cp) || holdsSource(hits.Sources, id) {
			t.Errorf("an internal viewer's search for Sednaya finds %v: want the copy %s, not the original", sourceIDs(hits.Sources), cp)
		}
		if o, err := st.Source(ctx, op, id); err != nil || o.Text != orig.Source.Text {
			t.Errorf("the original changed: %v", err)
		}

		r, err := a.SourceRedaction(ctx, op, cp)
		if err != nil || r.RedactedFrom != id || r.Reason != "protect the cellmate's family" || r.Actor != "ana" || len(r.Spans) != 2 {
			t.Errorf("the redaction as an admin sees it: %+v %v", r, err)
		}
		r, err = a.SourceRedaction(ctx, intern, cp)
		if err != nil || r.RedactedFrom != "" || r.Spans != nil {
			t.Errorf("the redaction as an internal viewer sees it names the original or its spans: %+v %v", r, err)
		}
		rep, err := st.Verify(ctx)
		if err != nil || !rep.OK {
			t.Fatalf("verify: %+v %v", rep, err)
		}
	})
}

// Bad spans are refused naming them and store nothing; the level rules hold.
func TestRedactRefuses(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := app.New(st, app.Config{})
		op := access.Operator()
		analyst := access.Viewer{Name: "ana", Role: model.RoleAnalyst, Clearance: model.Confidential}
		orig, err := a.IngestBytes(ctx, op, "t.txt", []byte(redactTestimony), app.IngestOptions{Kind: model.KindTestimony, StoreOnly: true})
		if err != nil || orig.Outcome != app.Stored {
			t.Fatalf("ingest: %+v %v", orig, err)
		}
		id := orig.Source.ID
		public, restricted := model.Public, model.Restricted
		for _, c := range []struct {
			name string
			v    access.Viewer
			opt  app.RedactOptions
			kind app.Kind
			says []string
		}{
			{"out of range", analyst, app.RedactOptions{Spans: []model.Span{{Start: 3, End: 9}, {Start: 100, End: 9000}}, Reason: "r"},
				app.Invalid, []string{"100:9000", "out of range"}},
			{"overlapping", analyst, app.RedactOptions{Spans: []model.Span{{Start: 3, End: 9}, {Start: 8, End: 12}}, Reason: "r"},
				app.Invalid, []string{"8:12 overlaps 3:9"}},
			{"empty", analyst, app.RedactOptions{Spans: []model.Span{{Start: 5, End: 5}}, Reason: "r"}, app.Invalid, []string{"5:5"}},
			{"no reason", analyst, app.RedactOptions{Spans: []model.Span{{Start: 3, End: 9}}}, app.Invalid, []string{"reason"}},
			{"phrase absent", analyst, app.RedactOptions{Phrases: []string{"Nowhere Said"}, Reason: "r"}, app.Invalid, []string{"Nowhere Said"}},
			{"viewer", access.Viewer{Name: "v", Role: model.RoleViewer, Clearance: model.Confidential},
				app.RedactOptions{Spans: []model.Span{{Start: 3, End: 9}}, Reason: "r"}, app.Forbidden, nil},
			{"testimony public", analyst, app.RedactOptions{Spans: []model.Span{{Start: 3, End: 9}}, Sensitivity: &public, Reason: "r"},
				app.Forbidden, []string{"admin"}},
			{"above clearance", access.Viewer{Name: "x", Role: model.RoleAdmin, Clearance: model.Internal},
				app.RedactOptions{Spans: []model.Span{{Start: 3, End: 9}}, Sensitivity: &restricted, Reason: "r"}, app.NotFound, nil},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := a.Redact(ctx, c.v, id, c.opt)
				if app.KindOf(err) != c.kind {
					t.Fatalf("err %v, want %v", err, c.kind)
				}
				for _, s := range c.says {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("%q does not say %q", err, s)
					}
				}
			})
		}
		n, err := st.CountSources(ctx, op)
		if err != nil {
			t.Fatal(err)
		}
		if n.Total != 1 {
			t.Errorf("after refusals the store holds %d sources, want 1", n.Total)
		}
		// By default a copy is one level below its original.
		res, err := a.Redact(ctx, analyst, id, app.RedactOptions{Spans: []model.Span{{Start: 12, End: 24}}, Reason: "share"})
		if err != nil || res.Source.Sensitivity != model.Restricted {
			t.Fatalf("a copy at the default level: %+v %v", res, err)
		}
		// An admin may take a testimony's copy to public.
		res, err = a.Redact(ctx, op, id, app.RedactOptions{Spans: []model.Span{{Start: 12, End: 30}}, Sensitivity: &public, Reason: "publish"})
		if err != nil || res.Source.Sensitivity != model.Public {
			t.Fatalf("an admin's public copy: %+v %v", res, err)
		}
	})
}

// quotesOf joins the values and quotes of every statement drawn from a
// source and the text of its mentions.
func quotesOf(t *testing.T, st *store.Store, v access.Viewer, id string) string {
	t.Helper()
	ss, err := st.StatementsFrom(context.Background(), v, id)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, s := range ss {
		b.WriteString(s.Value + " | " + s.Span.Quote + "\n")
	}
	ms, err := st.Mentions(context.Background(), v, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		b.WriteString(m.Span.Quote + "\n")
	}
	return b.String()
}

func holdsSource(ss []model.Source, id string) bool {
	for _, s := range ss {
		if s.ID == id {
			return true
		}
	}
	return false
}

func sourceIDs(ss []model.Source) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}
