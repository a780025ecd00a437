package store

import "context"

// UnsealNotes writes the notes on a sealed source back in the clear
// (ledgered updates), as stores made before notes were sealed hold them:
// for the test of their sealing on open.
func (t *Tx) UnsealNotes(ctx context.Context, sourceID string) error {
	k, err := t.txDataKey(ctx, sourceID)
	if err != nil {
		return err
	}
	rows, err := t.query(ctx, "SELECT id, text FROM source_notes WHERE source_id = ?", sourceID)
	if err != nil {
		return err
	}
	type note struct{ id, text string }
	ns, err := collect(rows, func(sc rowScanner) (note, error) {
		var n note
		return n, sc.Scan(&n.id, &n.text)
	})
	if err != nil {
		return err
	}
	for _, n := range ns {
		clear, err := openText(k.key, noteAD(n.id), n.text)
		if err != nil {
			return err
		}
		if err := t.update(ctx, "source_notes", n.id, map[string]any{"text": clear}); err != nil {
			return err
		}
	}
	return nil
}
