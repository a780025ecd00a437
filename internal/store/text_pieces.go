package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/model"
)

// A long source's text is stored in pieces: its row holds the first
// TextPiece bytes, and source_texts the rest, numbered from 1, each piece
// written in a transaction of its own after the one that stores the row
// (AddSourceInPieces, then AddTextPiece), so that storing an 8 MiB text
// holds no write lock for longer than writing a piece does. Until its last
// piece commits the source is marked (source_text_pending) and readers are
// told its text is not complete (model.Source.TextPending), not shown part
// of it. Each piece is ledgered like the row; a sealed source's pieces are
// sealed under its data key, each bound to its source and number.

// TextPiece is the most text, in bytes, that one row of a source holds.
const TextPiece = 256 << 10

// SplitText cuts text into pieces of at most size bytes, at code point
// boundaries, which joined give text back.
func SplitText(text string, size int) []string {
	var out []string
	for len(text) > size {
		i := size
		for i > 0 && !utf8.RuneStart(text[i]) {
			i--
		}
		out = append(out, text[:i])
		text = text[i:]
	}
	return append(out, text)
}

func pieceID(sourceID string, n int) string { return sourceID + ":" + strconv.Itoa(n) }

// pieceAD binds a sealed piece to its source and place.
func pieceAD(sourceID string, n int) []byte {
	return []byte("athar text:" + sourceID + ":" + strconv.Itoa(n))
}

// AddSourceInPieces is AddSource for a text that may be long: the row
// holds its first piece, and when there are more, the source is marked as
// not yet complete and the rest is returned, to be written by AddTextPiece
// in transactions of their own (the first of them numbered 1). src.Text is
// left whole.
func (t *Tx) AddSourceInPieces(ctx context.Context, src *model.Source, data []byte) (rest []string, err error) {
	pieces := SplitText(src.Text, TextPiece)
	if len(pieces) == 1 {
		return nil, t.AddSource(ctx, src, data)
	}
	whole := src.Text
	src.Text = pieces[0]
	err = t.AddSource(ctx, src, data)
	src.Text = whole
	if err != nil {
		return nil, err
	}
	if _, err := t.exec(ctx, "INSERT INTO source_text_pending (source_id, pieces) VALUES (?, ?)", src.ID, len(pieces)); err != nil {
		return nil, fmt.Errorf("source %s: mark its text as not complete: %w", src.ID, err)
	}
	return pieces[1:], nil
}

// AddTextPiece writes piece n (from 1) of a source AddSourceInPieces
// stored; the last of them clears the source's mark. A piece written
// already is left as it is (a resumed write).
func (t *Tx) AddTextPiece(ctx context.Context, sourceID string, n int, text string) error {
	return t.AddTextPieceWithAnchors(ctx, sourceID, n, text, nil)
}

// AddTextPieceWithAnchors is AddTextPiece that also stores, with the piece,
// a share of the source's near-duplicate anchor keys (its signature and
// the first share saved with its row by SaveSignatures). A long text's
// anchors — one of its shingles in 32, some 170,000 for 32 MiB of distinct
// text — all saved in the transaction that stored its row made that
// transaction grow with the text (issue 18: 4,334 statements and 1.0 s of
// CPU for 32 MiB); a share a piece is bounded by the piece's size. The share
// is written when the piece is, in the same transaction, so a text whose
// pieces are all written holds all its anchors, and one that is not is
// finished, anchors with pieces, by ingesting the same file again.
func (t *Tx) AddTextPieceWithAnchors(ctx context.Context, sourceID string, n int, text string, anchors []int64) error {
	var total int
	err := t.queryRow(ctx, "SELECT pieces FROM source_text_pending WHERE source_id = ?", sourceID).Scan(&total)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("source %s: its text is not being written in pieces", sourceID)
	}
	if err != nil {
		return fmt.Errorf("source %s: %w", sourceID, err)
	}
	if n < 1 || n >= total {
		return fmt.Errorf("source %s: no piece %d of its text (it has %d)", sourceID, n, total)
	}
	var have int
	if err := t.queryRow(ctx, "SELECT count(*) FROM source_texts WHERE source_id = ? AND n = ?", sourceID, n).Scan(&have); err != nil {
		return err
	}
	if have == 0 {
		k, err := t.txDataKey(ctx, sourceID)
		if err != nil {
			return fmt.Errorf("source %s: %w", sourceID, err)
		}
		if k != nil {
			text = sealText(k.key, pieceAD(sourceID, n), text)
		}
		err = t.insert(ctx, "source_texts", map[string]any{"id": pieceID(sourceID, n), "source_id": sourceID, "n": int64(n), "text": text})
		if err != nil {
			return fmt.Errorf("source %s: piece %d of its text: %w", sourceID, n, err)
		}
		if err := t.addAnchors(ctx, sourceID, anchors); err != nil {
			return fmt.Errorf("source %s: piece %d of its text: %w", sourceID, n, err)
		}
	}
	if n == total-1 {
		if _, err := t.exec(ctx, "DELETE FROM source_text_pending WHERE source_id = ?", sourceID); err != nil {
			return fmt.Errorf("source %s: %w", sourceID, err)
		}
	}
	return nil
}

// TextPending reports, for a source whose text is being written in
// pieces, how many pieces it has and how many of those after the first
// are written; pieces is 0 when its text is complete.
func (s *Store) TextPending(ctx context.Context, sourceID string) (pieces, written int, err error) {
	err = s.db.QueryRowContext(ctx, s.rebind("SELECT pieces FROM source_text_pending WHERE source_id = ?"), sourceID).Scan(&pieces)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("source %s: %w", sourceID, err)
	}
	err = s.db.QueryRowContext(ctx, s.rebind("SELECT count(*) FROM source_texts WHERE source_id = ?"), sourceID).Scan(&written)
	return pieces, written, err
}

// restOfText reads the pieces of a source's text after the first, opened
// with k when the source is sealed (nil: in the clear), joined in order.
func restOfText(ctx context.Context, q querier, d dialect, sourceID string, k *sourceKey, withdrawn bool) (string, error) {
	rows, err := q.QueryContext(ctx, d.rebind("SELECT n, text FROM source_texts WHERE source_id = ? ORDER BY n"), sourceID)
	if err != nil {
		return "", fmt.Errorf("source %s: %w", sourceID, err)
	}
	defer rows.Close()
	var out []byte
	for rows.Next() {
		var n int
		var text string
		if err := rows.Scan(&n, &text); err != nil {
			return "", err
		}
		if withdrawn {
			continue
		}
		if k != nil {
			if text, err = openText(k.key, pieceAD(sourceID, n), text); err != nil {
				return "", fmt.Errorf("source %s, piece %d of its text: %w", sourceID, n, err)
			}
		}
		out = append(out, text...)
	}
	return string(out), rows.Err()
}

// textPending reports whether a source's text is still being written.
func textPending(ctx context.Context, q querier, d dialect, sourceID string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, d.rebind("SELECT count(*) FROM source_text_pending WHERE source_id = ?"), sourceID).Scan(&n)
	return n > 0, err
}

// wholeText completes a source's text read from its row (clear, opened
// if sealed) with the pieces after it, inside the transaction.
func (t *Tx) wholeText(ctx context.Context, id, first string) (string, error) {
	k, err := t.txDataKey(ctx, id)
	withdrawn := errors.Is(err, ErrWithdrawn)
	if err != nil && !withdrawn {
		return "", err
	}
	rest, err := restOfText(ctx, t.tx, t.s.dialect, id, k, withdrawn)
	if err != nil {
		return "", err
	}
	return first + rest, nil
}

// sealPieces seals, in place, the pieces of a source's text written in the
// clear (the source being sealed now: sealExisting).
func (t *Tx) sealPieces(ctx context.Context, id string, k *sourceKey) error {
	rows, err := t.query(ctx, "SELECT n, text FROM source_texts WHERE source_id = ? ORDER BY n", id)
	if err != nil {
		return err
	}
	type piece struct {
		n    int
		text string
	}
	var ps []piece
	for rows.Next() {
		var p piece
		if err := rows.Scan(&p.n, &p.text); err != nil {
			rows.Close()
			return err
		}
		ps = append(ps, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range ps {
		if err := t.update(ctx, "source_texts", pieceID(id, p.n), map[string]any{"text": sealText(k.key, pieceAD(id, p.n), p.text)}); err != nil {
			return err
		}
	}
	return nil
}

// completeText gives a source read from its row (its text opened) the rest
// of its text, or, while that is still being written, no text and the mark
// that says so.
func (s *Store) completeText(ctx context.Context, src *model.Source) error {
	pending, err := textPending(ctx, s.db, s.dialect, src.ID)
	if err != nil {
		return fmt.Errorf("source %s: %w", src.ID, err)
	}
	if pending {
		src.Text, src.TextPending = "", true
		return nil
	}
	var n int
	if err := s.db.QueryRowContext(ctx, s.rebind("SELECT count(*) FROM source_texts WHERE source_id = ?"), src.ID).Scan(&n); err != nil {
		return fmt.Errorf("source %s: %w", src.ID, err)
	}
	if n == 0 {
		return nil
	}
	var k *sourceKey
	dk, err := s.dataKey(ctx, s.db, src.ID)
	switch {
	case errors.Is(err, ErrWithdrawn):
		return nil // its text reads as withdrawn
	case errors.Is(err, errNoKey):
	case err != nil:
		return err
	default:
		k = &dk
	}
	rest, err := restOfText(ctx, s.db, s.dialect, src.ID, k, false)
	if err != nil {
		return err
	}
	src.Text += rest
	return nil
}
