package app_test

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

const reText = "Col. Thaer Hussein, a former officer at Sednaya Prison, was arrested in Tartus. Hussein is accused of torturing detainees."

// reAt returns the code-point span of the first occurrence of s in reText.
func reAt(s string) model.Span {
	runes, want := []rune(reText), []rune(s)
	for i := 0; i+len(want) <= len(runes); i++ {
		if string(runes[i:i+len(want)]) == s {
			return model.Span{Start: i, End: i + len(want), Quote: s}
		}
	}
	panic("not in text: " + s)
}

// Re-extraction replaces what an earlier extractor proposed and nobody
// reviewed, keeps and does not propose again what a person reviewed, and
// leaves a source the current version did alone.
func TestReextractReplacesOnlyWhatNoPersonReviewed(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := app.New(st, app.Config{})
		src := model.Source{Kind: model.KindArticle, Text: reText, Sensitivity: model.Public, Language: "en"}
		var reviewed, stale model.Statement
		// What an older extractor version left: one statement a person
		// confirmed, one nobody looked at, and a mention.
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			if err := tx.AddSource(ctx, &src, []byte(reText)); err != nil {
				return err
			}
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			name := reAt("Thaer Hussein")
			reviewed = model.Statement{EntityID: e.ID, Property: model.PropName, Value: "Thaer Hussein", SourceID: src.ID,
				Span: name, Origin: "extracted:athar-en@0"}
			stale = model.Statement{EntityID: e.ID, Property: "position", Value: "officer", SourceID: src.ID, Origin: "extracted:athar-en@0"}
			for _, s := range []*model.Statement{&reviewed, &stale} {
				if err := tx.AddStatement(ctx, s); err != nil {
					return err
				}
			}
			if err := tx.AddMention(ctx, &model.Mention{SourceID: src.ID, Span: name,
				Type: model.TypePerson, Extractor: "athar-en@0", EntityID: e.ID}); err != nil {
				return err
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Write(ctx, "reviewer", func(tx *store.Tx) error { return tx.Review(ctx, reviewed.ID, model.StatusConfirmed, "") }); err != nil {
			t.Fatal(err)
		}
		redo := func() app.Extracted {
			done, err := a.ExtractSource(ctx, access.Operator(), src.ID)
			if err != nil {
				t.Fatal(err)
			}
			return done
		}
		done := redo()
		if done.Skipped || done.Superseded.Statements != 1 || done.Superseded.Mentions != 1 || done.Found.Mentions == 0 {
			t.Fatalf("first re-extraction: %+v", done)
		}
		all, _ := st.Statements(ctx, access.Operator(), reviewed.EntityID)
		var kept bool
		for _, s := range all {
			if s.ID == stale.ID {
				t.Errorf("an unreviewed statement of the old version survived")
			}
			kept = kept || (s.ID == reviewed.ID && s.Status == model.StatusConfirmed)
		}
		if !kept {
			t.Errorf("the reviewed statement was touched: %+v", all)
		}
		// The new extraction must not propose the reviewed name again.
		persons, _ := st.Entities(ctx, access.Operator(), model.TypePerson)
		count := 0
		for _, p := range persons {
			sts, _ := st.Statements(ctx, access.Operator(), p.ID)
			for _, s := range sts {
				if s.Property == "name" && s.Value == "Thaer Hussein" && s.Span.Start == reviewed.Span.Start {
					count++
				}
			}
		}
		if count != 1 {
			t.Errorf("the reviewed name is stated %d times, want once", count)
		}
		if again := redo(); !again.Skipped {
			t.Errorf("a second re-extraction with the same version changed things: %+v", again)
		}
		if rep, err := st.Verify(ctx); err != nil || !rep.OK {
			t.Errorf("verify: %v %v", rep.Problems, err)
		}
	})
}
