package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// A note on a statement of a sealed source is sealed under the source's
// key from the start; one on a statement of a source in the clear is
// sealed when the source is raised to a sealed level. Both read in the
// clear through the store.
func TestStatementNotesSealed(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const confWord, pubWord = "Zabadani-witness", "Douma-reporter"
		var sealedNote, laterNote, pubSource string
		err := s.Write(ctx, "tester", func(tx *store.Tx) error {
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			for _, c := range []struct {
				level model.Sensitivity
				word  string
				note  *string
			}{{model.Confidential, confWord, &sealedNote}, {model.Public, pubWord, &laterNote}} {
				src := model.Source{Kind: model.KindArticle, Title: "A source", Language: "en", Text: "It names Aws Salloum.", Sensitivity: c.level}
				if err := tx.AddSource(ctx, &src, []byte("source "+c.level.String())); err != nil {
					return err
				}
				if c.level == model.Public {
					pubSource = src.ID
				}
				st := model.Statement{EntityID: e.ID, Property: model.PropName, Value: "Aws Salloum", SourceID: src.ID, Origin: "manual"}
				if err := tx.AddStatement(ctx, &st); err != nil {
					return err
				}
				n := store.StatementNote{StatementID: st.ID, Text: "Heard from the " + c.word, Sensitivity: model.Confidential}
				if err := tx.AddStatementNote(ctx, &n); err != nil {
					return err
				}
				*c.note = n.ID
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		stored := func(id string) string {
			t.Helper()
			q := "SELECT text FROM statement_notes WHERE id = ?"
			if s.Engine() == "postgres" {
				q = "SELECT text FROM statement_notes WHERE id = $1"
			}
			var text string
			if err := s.DB().QueryRowContext(ctx, q, id).Scan(&text); err != nil {
				t.Fatal(err)
			}
			return text
		}
		if got := stored(sealedNote); strings.Contains(got, confWord) {
			t.Errorf("a note on a confidential source's statement is stored in the clear: %q", got)
		}
		if got := stored(laterNote); !strings.Contains(got, pubWord) {
			t.Fatalf("a note on a public source's statement is not in the clear: %q", got)
		}
		raiseToConfidential(t, s, pubSource)
		if got := stored(laterNote); strings.Contains(got, pubWord) {
			t.Errorf("after the raise the note is stored in the clear: %q", got)
		}
		if s.Engine() != "postgres" {
			if hits := filesHolding(t, s, pubWord); len(hits) > 0 {
				t.Errorf("after the raise the note's words are still in %v", hits)
			}
		}
		got, err := s.StatementNotes(ctx, access.Operator(), nil)
		if err != nil || len(got) != 0 {
			t.Fatalf("notes on no statement: %v %v", got, err)
		}
		var ids []string
		rows, err := s.DB().QueryContext(ctx, "SELECT statement_id FROM statement_notes")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		got, err = s.StatementNotes(ctx, access.Operator(), ids)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, ns := range got {
			for _, n := range ns {
				texts = append(texts, n.Text)
			}
		}
		if all := strings.Join(texts, "\n"); !strings.Contains(all, confWord) || !strings.Contains(all, pubWord) {
			t.Errorf("the notes read through the store: %q", texts)
		}
	})
}

// Re-extraction clears the earlier extractor's unreviewed statements of a
// source, but not one a person wrote a note on: the note is a reviewer's
// work on that reading, so the statement stays with it, shown with its
// note, and is not proposed again, as a reviewed one.
func TestReextractionKeepsNotedStatements(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		src := addSource(t, s, "It names Aws Salloum and Ous Saloum.", model.Public)
		var noted, plain string
		err := s.Write(ctx, "extractor", func(tx *store.Tx) error {
			e, err := tx.AddEntity(ctx, model.TypePerson)
			if err != nil {
				return err
			}
			for _, c := range []struct {
				value string
				id    *string
			}{{"Aws Salloum", &noted}, {"Ous Saloum", &plain}} {
				st := model.Statement{EntityID: e.ID, Property: model.PropName, Value: c.value, SourceID: src.ID, Origin: "extracted:test@1"}
				if err := tx.AddStatement(ctx, &st); err != nil {
					return err
				}
				*c.id = st.ID
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		const word = "roster-of-Saydnaya"
		if err := s.Write(ctx, "rania", func(tx *store.Tx) error {
			return tx.AddStatementNote(ctx, &store.StatementNote{StatementID: noted, Text: "Checked on the " + word, Sensitivity: model.Internal})
		}); err != nil {
			t.Fatal(err)
		}
		var removed store.Superseded
		if err := s.Write(ctx, "extractor", func(tx *store.Tx) error {
			removed, err = tx.ClearMachineWork(ctx, src.ID, "none", "extracted:test@2")
			if err != nil {
				return err
			}
			// Nor does the new extractor propose the noted reading again.
			if some, err := tx.AnyReviewed(ctx, src.ID); err != nil || !some {
				t.Errorf("a source with a noted statement counts as reviewed: %v %v", some, err)
			}
			for _, c := range []struct {
				value string
				want  bool
			}{{"Aws Salloum", true}, {"Ous Saloum", false}} {
				if done, err := tx.HasReviewed(ctx, src.ID, string(model.PropName), c.value, -1); err != nil || done != c.want {
					t.Errorf("%s counts as reviewed: %v (%v), want %v", c.value, done, err, c.want)
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if removed.Statements != 1 {
			t.Errorf("re-extraction removed %d statements, want 1 (the one without a note)", removed.Statements)
		}
		all := access.Viewer{Name: "adel", Role: model.RoleAdmin, Clearance: model.Confidential}
		if _, err := s.Statement(ctx, all, plain); err == nil {
			t.Errorf("the statement without a note survived re-extraction")
		}
		if _, err := s.Statement(ctx, all, noted); err != nil {
			t.Errorf("the noted statement: %v", err)
		}
		got, err := s.StatementNotes(ctx, all, []string{noted})
		if err != nil || len(got[noted]) != 1 || !strings.Contains(got[noted][0].Text, word) {
			t.Errorf("the note after re-extraction: %+v %v", got, err)
		}
		mustVerify(t, s)
	})
}
