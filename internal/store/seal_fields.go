package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/seal"
)

// Besides its text, quotes, original and files, a sealed source's title,
// publisher, URL and file name, and the texts of the mentions found in it (the
// names, places and dates as the source spells them), are sealed under its
// data key: each bound to its row and purpose, so that a sealed value
// copied into another row does not open. Nothing groups, matches or sorts
// by them in SQL: mentions are read by source, and a source's own fields
// only with its row. A take-down, by destroying the key, makes them
// unreadable with the rest.

// fieldAD binds a sealed column of a source (title, publisher, filename)
// to its source.
func fieldAD(col, sourceID string) []byte { return []byte("athar source " + col + ":" + sourceID) }

// mentionAD binds a sealed mention text to its mention.
func mentionAD(mentionID string) []byte { return []byte("athar mention:" + mentionID) }

// sealedSourceCols are the columns of a source row sealed besides its text.
var sealedSourceCols = []string{"title", "publisher", "url", "filename"}

// sealSourceCols seals, in a source row about to be written, the columns
// sealedSourceCols that are not empty and not sealed yet.
func sealSourceCols(k *seal.Key, id string, row map[string]any) {
	for _, col := range sealedSourceCols {
		v, _ := row[col].(string)
		if v == "" || strings.HasPrefix(v, sealedPrefix) {
			continue
		}
		row[col] = sealText(k, fieldAD(col, id), v)
	}
}

// openSourceCols opens the sealed columns of a source read from its row;
// k nil means the source was taken down.
func openSourceCols(k *seal.Key, src *model.Source) error {
	for _, f := range []struct {
		col string
		v   *string
	}{{"title", &src.Title}, {"publisher", &src.Publisher}, {"url", &src.URL}, {"filename", &src.Filename}} {
		if !strings.HasPrefix(*f.v, sealedPrefix) {
			continue
		}
		if k == nil {
			*f.v = ""
			if f.col == "title" {
				*f.v = Withdrawn
			}
			continue
		}
		clear, err := openText(k, fieldAD(f.col, src.ID), *f.v)
		if err != nil {
			return fmt.Errorf("source %s: %s: %w", src.ID, f.col, err)
		}
		*f.v = clear
	}
	return nil
}

// sealFields seals what of a sealed source is still in the clear — its
// title, publisher and file name, and its mentions' texts — as ledgered
// updates (stores sealed before these were, sealExisting). k is its data
// key.
func (t *Tx) sealFields(ctx context.Context, id string, k *seal.Key) error {
	var title, publisher, url, filename string
	if err := t.queryRow(ctx, "SELECT title, publisher, url, filename FROM sources WHERE id = ?", id).Scan(&title, &publisher, &url, &filename); err != nil {
		return fmt.Errorf("seal source %s: %w", id, err)
	}
	was := map[string]any{"title": title, "publisher": publisher, "url": url, "filename": filename}
	row := map[string]any{}
	for col, v := range was {
		row[col] = v
	}
	sealSourceCols(k, id, row)
	changes := map[string]any{}
	for col, v := range row {
		if v != was[col] {
			changes[col] = v
		}
	}
	if len(changes) > 0 {
		if err := t.secureDelete(ctx); err != nil {
			return err
		}
		if err := t.update(ctx, "sources", id, changes); err != nil {
			return err
		}
		t.queueScrub(ctx)
	}
	if err := t.sealFileNames(ctx, id, k); err != nil {
		return err
	}
	// Reviewers' notes on it and on its statements too (source_notes.go,
	// statement_notes.go).
	if err := t.sealNotes(ctx, id, k); err != nil {
		return err
	}
	if err := t.sealStatementNotes(ctx, id, k); err != nil {
		return err
	}
	return t.sealMentions(ctx, id, k)
}

// sealMentions seals the texts of a sealed source's mentions still in the
// clear.
func (t *Tx) sealMentions(ctx context.Context, sourceID string, k *seal.Key) error {
	rows, err := t.query(ctx, "SELECT id, text FROM mentions WHERE source_id = ? AND text <> '' ORDER BY id", sourceID)
	if err != nil {
		return fmt.Errorf("mentions of %s: %w", sourceID, err)
	}
	type mention struct{ id, text string }
	var ms []mention
	for rows.Next() {
		var m mention
		if err := rows.Scan(&m.id, &m.text); err != nil {
			rows.Close()
			return err
		}
		if !strings.HasPrefix(m.text, sealedPrefix) {
			ms = append(ms, m)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(ms) == 0 {
		return nil
	}
	if err := t.secureDelete(ctx); err != nil {
		return err
	}
	t.queueScrub(ctx)
	for _, m := range ms {
		if err := t.update(ctx, "mentions", m.id, map[string]any{"text": sealText(k, mentionAD(m.id), m.text)}); err != nil {
			return err
		}
	}
	return nil
}

// sealMentionText seals the text of a new mention when its source is
// sealed.
func (t *Tx) sealMentionText(ctx context.Context, m *model.Mention) (string, error) {
	if m.Span.Quote == "" {
		return "", nil
	}
	k, err := t.txDataKey(ctx, m.SourceID)
	if err != nil {
		return "", fmt.Errorf("mention in source %s: %w", m.SourceID, err)
	}
	if k == nil {
		return m.Span.Quote, nil
	}
	return sealText(k.key, mentionAD(m.ID), m.Span.Quote), nil
}

// mentionOpener opens sealed mention texts outside a transaction, one data
// key per source.
type mentionOpener struct {
	s    *Store
	keys map[string]*seal.Key // nil: not sealed; withdrawn below
	gone map[string]bool
}

func (s *Store) mentionOpener() *mentionOpener {
	return &mentionOpener{s: s, keys: map[string]*seal.Key{}, gone: map[string]bool{}}
}

// open returns a mention's text in the clear (Withdrawn for a source
// taken down).
func (o *mentionOpener) open(ctx context.Context, mentionID, sourceID, text string) (string, error) {
	if !strings.HasPrefix(text, sealedPrefix) {
		return text, nil
	}
	return o.openAD(ctx, mentionAD(mentionID), sourceID, text, "mention "+mentionID)
}

// openAD opens a text sealed under a source's data key and bound to ad;
// what names it in an error.
func (o *mentionOpener) openAD(ctx context.Context, ad []byte, sourceID, text, what string) (string, error) {
	if o.gone[sourceID] {
		return Withdrawn, nil
	}
	k, ok := o.keys[sourceID]
	if !ok {
		sk, err := o.s.dataKey(ctx, o.s.db, sourceID)
		switch {
		case errors.Is(err, errNoKey):
		case errors.Is(err, ErrWithdrawn):
			o.gone[sourceID] = true
			return Withdrawn, nil
		case err != nil:
			return "", err
		default:
			k = sk.key
		}
		o.keys[sourceID] = k
	}
	if k == nil {
		return text, nil // a clear text that happens to begin so
	}
	clear, err := openText(k, ad, text)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	return clear, nil
}

// clearCols opens a sealed source's title and publisher inside a
// transaction ("" for a source taken down).
func (t *Tx) clearCols(ctx context.Context, id, title, publisher string) (string, string, error) {
	k, err := t.txDataKey(ctx, id)
	if errors.Is(err, ErrWithdrawn) {
		return "", "", nil
	}
	if err != nil {
		return "", "", err
	}
	src := model.Source{ID: id, Title: title, Publisher: publisher}
	if k != nil {
		if err := openSourceCols(k.key, &src); err != nil {
			return "", "", err
		}
	}
	return src.Title, src.Publisher, nil
}

// sealFieldsOnce seals, the first time a store is opened after the upgrade
// that sealed them, the titles, publishers, file names and mention texts of
// the sources sealed before, and the TOTP secrets kept in the clear. The
// rewritten rows are zeroed as a take-down's are.
func (s *Store) sealFieldsOnce(ctx context.Context) error {
	return s.sealOnceOver(ctx, "sealed_fields",
		"SELECT source_id FROM source_keys WHERE wrapped <> '' AND source_id > ? ORDER BY source_id LIMIT 100",
		func(t *Tx, id string) error {
			k, err := t.txDataKey(ctx, id)
			if err != nil || k == nil {
				return err
			}
			return t.sealFields(ctx, id, k.key)
		},
		func() error { return s.SecondFactors().sealSecrets(ctx) })
}

// sealFileCol seals the name or URL of a file kept with a sealed source,
// bound to the file's row.
func sealFileCol(k *seal.Key, fileID, col, v string) string {
	if v == "" || strings.HasPrefix(v, sealedPrefix) {
		return v
	}
	return sealText(k, fileAD(fileID+" "+col), v)
}

// sealFileNames seals the names and URLs of a sealed source's files still
// in the clear.
func (t *Tx) sealFileNames(ctx context.Context, sourceID string, k *seal.Key) error {
	rows, err := t.query(ctx, "SELECT id, name, url FROM source_files WHERE source_id = ? ORDER BY id", sourceID)
	if err != nil {
		return fmt.Errorf("files of source %s: %w", sourceID, err)
	}
	type file struct{ id, name, url string }
	var files []file
	for rows.Next() {
		var f file
		if err := rows.Scan(&f.id, &f.name, &f.url); err != nil {
			rows.Close()
			return err
		}
		files = append(files, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, f := range files {
		name, url := sealFileCol(k, f.id, "name", f.name), sealFileCol(k, f.id, "url", f.url)
		if name == f.name && url == f.url {
			continue
		}
		if err := t.secureDelete(ctx); err != nil {
			return err
		}
		t.queueScrub(ctx)
		if err := t.update(ctx, "source_files", f.id, map[string]any{"name": name, "url": url}); err != nil {
			return err
		}
	}
	return nil
}

// openFileCols opens the sealed names and URLs of a source's files (empty
// after a take-down), and puts them back in their order: by role, then by
// name, then by id.
func (s *Store) openFileCols(ctx context.Context, sourceID string, files []model.SourceFile) error {
	sealed := false
	for _, f := range files {
		sealed = sealed || strings.HasPrefix(f.Name, sealedPrefix) || strings.HasPrefix(f.URL, sealedPrefix)
	}
	if !sealed {
		return nil
	}
	sk, err := s.dataKey(ctx, s.db, sourceID)
	var k *seal.Key
	switch {
	case errors.Is(err, ErrWithdrawn):
	case errors.Is(err, errNoKey):
		return nil // clear names that happen to begin so
	case err != nil:
		return err
	default:
		k = sk.key
	}
	for i := range files {
		f := &files[i]
		for _, c := range []struct {
			col string
			v   *string
		}{{"name", &f.Name}, {"url", &f.URL}} {
			if !strings.HasPrefix(*c.v, sealedPrefix) {
				continue
			}
			if k == nil {
				*c.v = ""
				continue
			}
			clear, err := openText(k, fileAD(f.ID+" "+c.col), *c.v)
			if err != nil {
				return fmt.Errorf("file %s of source %s: %s: %w", f.ID, sourceID, c.col, err)
			}
			*c.v = clear
		}
	}
	rank := map[model.FileRole]int{}
	for i, r := range model.FileRoles() {
		rank[r] = i
	}
	slices.SortStableFunc(files, func(a, b model.SourceFile) int {
		if c := cmp.Compare(rank[a.Role], rank[b.Role]); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return nil
}
