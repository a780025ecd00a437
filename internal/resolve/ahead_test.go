package resolve_test

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/resolve"
	"github.com/athar-project/athar/internal/store"
)

// placeAhead places found in a transaction of its own with what was read
// ahead, stating its name, and returns the placement.
func placeAhead(t *testing.T, w *fixture, a *resolve.Ahead, found resolve.Found) resolve.Placement {
	t.Helper()
	ctx := context.Background()
	var p resolve.Placement
	b := w.r.BeginWith(a)
	err := w.st.Write(ctx, "extractor-test", func(tx *store.Tx) error {
		var err error
		if p, err = b.Place(ctx, tx, found); err != nil {
			return err
		}
		return tx.AddStatement(ctx, &model.Statement{EntityID: p.EntityID, Property: model.PropName, Value: found.Name,
			SourceID: w.src.ID, Origin: "extracted:test@1"})
	})
	if err != nil {
		b.Abort(ctx)
		t.Fatalf("place %q: %v", found.Name, err)
	}
	return p
}

// Placing with what was read before the transaction decides as placing
// with reads made under the ledger's lock: a candidate nothing changed
// about meanwhile is weighed from the reads ahead, and one another process
// stated something about meanwhile — here a birth date that contradicts the
// source's — is read again, so the contradiction blocks the link.
func TestReadAheadDecidesAsUnderTheLock(t *testing.T) {
	workers(t, 2, func(t *testing.T, ws []*fixture) {
		ctx := context.Background()
		w0, w1 := ws[0], ws[1]
		born := model.DayDate(1977, 9, 1)
		first := w0.place(resolve.Found{Type: model.TypePerson, Name: "Mazen al-Hamada", BirthDate: born})
		later := resolve.Found{Type: model.TypePerson, Name: "Mazen Hamada", BirthDate: born}

		// Nothing written between: the candidate is weighed from the
		// reads ahead, and linked.
		a, err := w1.r.ReadAhead(ctx, []resolve.Found{later})
		if err != nil {
			t.Fatal(err)
		}
		same := placeAhead(t, w1, a, later)
		if !same.Linked || same.EntityID != first.EntityID {
			t.Errorf("an agreeing birth date read ahead did not link: %+v", same)
		}
		if a.Hits == 0 || a.Misses != 0 {
			t.Errorf("the candidate was weighed from %d reads ahead and %d reads under the lock, want all ahead", a.Hits, a.Misses)
		}

		// Another process states a second, contradicting birth date after
		// the reads ahead and before the placement.
		a, err = w1.r.ReadAhead(ctx, []resolve.Found{later})
		if err != nil {
			t.Fatal(err)
		}
		if err := w0.st.Write(ctx, "extractor-test", func(tx *store.Tx) error {
			return tx.AddStatement(ctx, &model.Statement{EntityID: first.EntityID, Property: model.PropBirthDate,
				Value: model.DayDate(1990, 2, 3).String(), SourceID: w0.src.ID, Origin: "extracted:test@1"})
		}); err != nil {
			t.Fatal(err)
		}
		other := placeAhead(t, w1, a, later)
		if other.Linked || other.EntityID == first.EntityID {
			t.Errorf("a birth date stated after the reads ahead was not seen: linked %+v", other)
		}
		if a.Misses == 0 {
			t.Errorf("the changed candidate was not read again under the lock (%d hits)", a.Hits)
		}
		// The same decision without reads ahead.
		again := w1.place(later)
		if again.Linked && again.EntityID == first.EntityID {
			t.Errorf("without reads ahead the contradicted candidate links: %+v", again)
		}
	})
}
