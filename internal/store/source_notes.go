package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/seal"
)

// SourceNote is a reviewer's note on a source: their own words, at a level.
type SourceNote struct {
	ID          string
	SourceID    string
	Text        string
	Sensitivity model.Sensitivity
	Author      string
	CreatedAt   time.Time
}

// A note on a sealed (restricted or confidential) source is sealed under
// that source's data key, like the source's other words (seal_fields.go),
// bound to the note: a reviewer's note on a testimony says as much about
// the witness as the testimony does (where it was obtained, from whom). A
// take-down makes it unreadable with the rest; a key rotation re-wraps the
// data key and needs nothing of it. A note on a source in the clear is in
// the clear, whatever its own level (sealed only when its source is).

// noteAD binds a sealed note's text to its note.
func noteAD(noteID string) []byte { return []byte("athar source note:" + noteID) }

// AddSourceNote stores a note on a source, ledgered, by the transaction's
// actor at its time. A note is never less sensitive than its source (the
// store raises none: a lower level is refused); who may write one, and at
// most at which level, is the caller's rule. A note on a sealed source is
// sealed; a withdrawn source takes none (ErrWithdrawn).
func (t *Tx) AddSourceNote(ctx context.Context, n *SourceNote) error {
	n.Text = strings.TrimSpace(n.Text)
	if n.Text == "" {
		return errors.New("a note needs a text")
	}
	src, err := t.sourceInfo(ctx, n.SourceID)
	if err != nil {
		return fmt.Errorf("note's source %s: %w", n.SourceID, notFoundIf(err))
	}
	srcLevel, err := model.ParseSensitivity(src.sensitivity)
	if err != nil {
		return err
	}
	if n.Sensitivity < srcLevel {
		return fmt.Errorf("a note on a %s source cannot be %s: %w", srcLevel, n.Sensitivity, ErrBelowSource)
	}
	k, err := t.txDataKey(ctx, n.SourceID)
	if err != nil {
		return fmt.Errorf("note on source %s: %w", n.SourceID, err)
	}
	n.ID, n.Author, n.CreatedAt = NewID(), t.actor, parseTime(t.at)
	text := n.Text
	if k != nil {
		text = sealText(k.key, noteAD(n.ID), text)
	}
	return t.insert(ctx, "source_notes", map[string]any{"id": n.ID, "source_id": n.SourceID, "text": text,
		"sensitivity": n.Sensitivity.String(), "author": n.Author, "created_at": t.at})
}

// SourceNotes lists the notes on a source that v may see, oldest first:
// those at a level v is cleared for, opened when sealed (Withdrawn after a
// take-down). Notes are reviewers' words, not published findings: the
// anonymous public and confirmed-only viewers see none.
func (s *Store) SourceNotes(ctx context.Context, v access.Viewer, sourceID string) ([]SourceNote, error) {
	if v.ConfirmedOnly() {
		return nil, nil
	}
	cond, args := visibleIn(v, "sensitivity")
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT id, source_id, text, sensitivity, author, created_at FROM source_notes "+
		"WHERE source_id = ? AND "+cond+" ORDER BY created_at, id"), append([]any{sourceID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read notes on %s: %w", sourceID, err)
	}
	out, err := collect(rows, func(sc rowScanner) (SourceNote, error) {
		var n SourceNote
		var level, created string
		if err := sc.Scan(&n.ID, &n.SourceID, &n.Text, &level, &n.Author, &created); err != nil {
			return n, err
		}
		n.CreatedAt = parseTime(created)
		if n.Sensitivity, err = model.ParseSensitivity(level); err != nil {
			return n, fmt.Errorf("note %s: %w", n.ID, err)
		}
		return n, nil
	})
	if err != nil {
		return nil, err
	}
	return out, s.openNotes(ctx, sourceID, out)
}

// openNotes opens the sealed texts among the notes on one source.
func (s *Store) openNotes(ctx context.Context, sourceID string, ns []SourceNote) error {
	var k *seal.Key
	gone, read := false, false
	for i := range ns {
		n := &ns[i]
		if !strings.HasPrefix(n.Text, sealedPrefix) {
			continue
		}
		if !read {
			read = true
			sk, err := s.dataKey(ctx, s.db, sourceID)
			switch {
			case errors.Is(err, ErrWithdrawn):
				gone = true
			case errors.Is(err, errNoKey):
			case err != nil:
				return err
			default:
				k = sk.key
			}
		}
		switch {
		case gone:
			n.Text = Withdrawn
		case k == nil:
			// A clear note that happens to begin so.
		default:
			clear, err := openText(k, noteAD(n.ID), n.Text)
			if err != nil {
				return fmt.Errorf("note %s: %w", n.ID, err)
			}
			n.Text = clear
		}
	}
	return nil
}

// sealNotes seals the notes on a sealed source still in the clear (notes
// written before the source was raised to restricted, or before notes were
// sealed), as ledgered updates zeroed like the source's other words.
func (t *Tx) sealNotes(ctx context.Context, sourceID string, k *seal.Key) error {
	return t.sealNotesIn(ctx, "source_notes", noteAD, sourceID, k)
}

// sealNotesIn seals the notes of table (source_notes, statement_notes) on
// sourceID still in the clear, each bound to its row by ad.
func (t *Tx) sealNotesIn(ctx context.Context, table string, ad func(id string) []byte, sourceID string, k *seal.Key) error {
	rows, err := t.query(ctx, "SELECT id, text FROM "+table+" WHERE source_id = ? ORDER BY id", sourceID)
	if err != nil {
		return fmt.Errorf("%s of %s: %w", table, sourceID, err)
	}
	type note struct{ id, text string }
	all, err := collect(rows, func(sc rowScanner) (note, error) {
		var n note
		return n, sc.Scan(&n.id, &n.text)
	})
	if err != nil {
		return err
	}
	var clear []note
	for _, n := range all {
		if !strings.HasPrefix(n.text, sealedPrefix) {
			clear = append(clear, n)
		}
	}
	if len(clear) == 0 {
		return nil
	}
	if err := t.secureDelete(ctx); err != nil {
		return err
	}
	t.queueScrub(ctx)
	for _, n := range clear {
		if err := t.update(ctx, table, n.id, map[string]any{"text": sealText(k, ad(n.id), n.text)}); err != nil {
			return err
		}
	}
	return nil
}

// sealNotesOnce seals, the first time a store is opened after the upgrade
// that sealed notes, the notes written in the clear on sealed sources
// before it.
func (s *Store) sealNotesOnce(ctx context.Context) error {
	return s.sealOnceOver(ctx, "sealed_notes",
		"SELECT DISTINCT n.source_id FROM source_notes n JOIN source_keys k ON k.source_id = n.source_id "+
			"WHERE k.wrapped <> '' AND n.source_id > ? ORDER BY n.source_id LIMIT 100",
		func(t *Tx, id string) error {
			k, err := t.txDataKey(ctx, id)
			if err != nil || k == nil {
				return err
			}
			return t.sealNotes(ctx, id, k.key)
		}, nil)
}
