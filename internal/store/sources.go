package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// ErrNotFound means no row matched, or none the viewer may see: the two are
// not told apart, so that a refusal leaks nothing.
var ErrNotFound = errors.New("not found")

// NewSourceID is a new source's id: random, so that it says nothing of the
// original bytes nor of when they came. (Ids were once derived from the bytes,
// which told whoever holds the same bytes whether a record of them exists,
// hidden or not; those ids stay as they are.)
func NewSourceID() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on the systems Athar runs on
	}
	return "src_" + hex.EncodeToString(b)
}

// AddSource stores a new source record and its original bytes. The source's
// SHA256 and Size are set from data, and its ID when the caller gave none
// (NewSourceID). The bytes are kept once however many records hold them:
// whether a record of the same bytes already counts as this source is the
// caller's rule (SourcesBySHA).
func (t *Tx) AddSource(ctx context.Context, src *model.Source, data []byte) error {
	src.SHA256 = Hash(data)
	src.Size = int64(len(data))
	if src.ID == "" {
		src.ID = NewSourceID()
	}
	if err := validateSource(src); err != nil {
		return err
	}
	if src.IngestedAt.IsZero() {
		src.IngestedAt = t.s.now()
	}
	if src.AddedBy == "" {
		src.AddedBy = t.actor
	}
	if Sealed(src.Sensitivity) {
		return t.addSealedSource(ctx, src, data)
	}
	if err := t.s.archive.put(ctx, t, src.SHA256, data); err != nil {
		return err
	}
	return t.insert(ctx, "sources", sourceRow(src))
}

// addSealedSource stores a restricted or confidential source sealed under
// a data key of its own: its original in the archive and its text in its
// row (see keys.go). Bytes staged in the clear for it are removed.
func (t *Tx) addSealedSource(ctx context.Context, src *model.Source, data []byte) error {
	sealed, k, wrapped, err := t.sealNew(ctx, src.ID, src.Text, data)
	if err != nil {
		return err
	}
	row := sourceRow(src)
	row["text"] = sealed
	sealSourceCols(k.key, src.ID, row)
	if err := t.insert(ctx, "sources", row); err != nil {
		return err
	}
	if err := t.addSourceKey(ctx, src.ID, k, wrapped); err != nil {
		return err
	}
	return t.dropClearBlob(ctx, src.SHA256)
}

// SourceCopy is one record of a source's original bytes.
type SourceCopy struct {
	ID          string
	Kind        model.SourceKind
	Sensitivity model.Sensitivity
}

// SourcesBySHA lists the records of these original bytes, oldest first,
// whoever may see them: the caller holds the bytes, and decides by its own
// rule which record, if any, counts as the same source for whom.
func (t *Tx) SourcesBySHA(ctx context.Context, sum string) ([]SourceCopy, error) {
	rows, err := t.queryPrepared(ctx, sourcesBySHAQuery, sum)
	return sourceCopies(rows, err, sum)
}

// SourcesBySHA is Tx.SourcesBySHA outside a transaction.
func (s *Store) SourcesBySHA(ctx context.Context, sum string) ([]SourceCopy, error) {
	rows, err := s.db.QueryContext(ctx, s.dialect.rebind(sourcesBySHAQuery), sum)
	return sourceCopies(rows, err, sum)
}

// SourcesBySHAs is SourcesBySHA for several originals at once (a batch's,
// in one query a few hundred at a time instead of one each): the records of
// each, oldest first, under its sum; a sum with none is not in the map.
func (t *Tx) SourcesBySHAs(ctx context.Context, sums []string) (map[string][]SourceCopy, error) {
	out := make(map[string][]SourceCopy, len(sums))
	if t.s.plainSQL {
		for _, sum := range sums {
			copies, err := t.SourcesBySHA(ctx, sum)
			if err != nil {
				return nil, err
			}
			if len(copies) > 0 {
				out[sum] = copies
			}
		}
		return out, nil
	}
	for len(sums) > 0 {
		n := min(len(sums), t.rowsPerStatement())
		args := make([]any, n)
		for i, sum := range sums[:n] {
			args[i] = sum
		}
		args = padIn(args, t.inListSize(n))
		rows, err := t.queryPrepared(ctx, "SELECT sha256, id, kind, sensitivity FROM sources WHERE sha256 IN ("+
			placeholders(len(args))+") ORDER BY sha256, ingested_at, id", args...)
		if err != nil {
			return nil, fmt.Errorf("records of %d originals: %w", n, err)
		}
		for rows.Next() {
			var sum, kind, sens string
			var c SourceCopy
			if err := rows.Scan(&sum, &c.ID, &kind, &sens); err != nil {
				rows.Close()
				return nil, err
			}
			c.Kind = model.SourceKind(kind)
			if c.Sensitivity, err = model.ParseSensitivity(sens); err != nil {
				rows.Close()
				return nil, fmt.Errorf("source %s: %w", c.ID, err)
			}
			out[sum] = append(out[sum], c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		sums = sums[n:]
	}
	return out, nil
}

const sourcesBySHAQuery = "SELECT id, kind, sensitivity FROM sources WHERE sha256 = ? ORDER BY ingested_at, id"

// sourceCopies reads the rows of sourcesBySHAQuery (or its error) for sum.
func sourceCopies(rows *sql.Rows, err error, sum string) ([]SourceCopy, error) {
	if err != nil {
		return nil, fmt.Errorf("records of %s: %w", sum, err)
	}
	defer rows.Close()
	var out []SourceCopy
	for rows.Next() {
		var c SourceCopy
		var kind, sens string
		if err := rows.Scan(&c.ID, &kind, &sens); err != nil {
			return nil, err
		}
		c.Kind = model.SourceKind(kind)
		if c.Sensitivity, err = model.ParseSensitivity(sens); err != nil {
			return nil, fmt.Errorf("source %s: %w", c.ID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func validateSource(src *model.Source) error {
	if _, err := model.ParseSourceKind(string(src.Kind)); err != nil {
		return err
	}
	if !src.Sensitivity.Valid() {
		return fmt.Errorf("invalid sensitivity %d", src.Sensitivity)
	}
	if strings.TrimSpace(src.Text) == "" {
		return errors.New("source has no text")
	}
	return nil
}

func sourceRow(src *model.Source) map[string]any {
	return map[string]any{
		"id": src.ID, "sha256": src.SHA256, "kind": string(src.Kind), "title": src.Title,
		"publisher": src.Publisher, "url": src.URL, "published": src.Published.String(),
		"retrieved_at": timeText(src.RetrievedAt), "language": src.Language, "text": src.Text,
		"content_type": src.ContentType, "filename": src.Filename, "size": src.Size,
		"sensitivity": src.Sensitivity.String(), "reliability": src.Reliability, "credibility": src.Credibility,
		"added_by": src.AddedBy, "ingested_at": timeText(src.IngestedAt),
		"duplicate_of": nullable(src.DuplicateOf), "similarity": src.Similarity,
	}
}

// SetDuplicate links a source to the original it nearly copies.
func (t *Tx) SetDuplicate(ctx context.Context, id, original string, similarity float64) error {
	return t.recountSource(ctx, id, func() error {
		return t.update(ctx, "sources", id, map[string]any{"duplicate_of": original, "similarity": similarity})
	})
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

var sourceCols = "id, sha256, kind, title, publisher, url, published, retrieved_at, language, content_type, filename, " +
	"size, sensitivity, reliability, credibility, added_by, ingested_at, COALESCE(duplicate_of, ''), similarity, " +
	leadCol

// leadCol selects a source's Lead: the text's first model.LeadLength code
// points, so that lists can show a headline without loading whole texts.
var leadCol = fmt.Sprintf("SUBSTR(text,1,%d)", model.LeadLength)

type scanner interface{ Scan(dest ...any) error }

func scanSource(sc scanner, withText bool) (model.Source, error) {
	var s model.Source
	var kind, published, retrieved, sens, ingested string
	dest := []any{&s.ID, &s.SHA256, &kind, &s.Title, &s.Publisher, &s.URL, &published, &retrieved, &s.Language,
		&s.ContentType, &s.Filename, &s.Size, &sens, &s.Reliability, &s.Credibility, &s.AddedBy, &ingested,
		&s.DuplicateOf, &s.Similarity, &s.Lead}
	if withText {
		dest = append(dest, &s.Text)
	}
	if err := sc.Scan(dest...); err != nil {
		return s, err
	}
	s.Kind = model.SourceKind(kind)
	s.Published, _ = model.ParseDate(published)
	s.RetrievedAt = parseTime(retrieved)
	s.IngestedAt = parseTime(ingested)
	var err error
	s.Sensitivity, err = model.ParseSensitivity(sens)
	return s, err
}

// visibleIn returns an SQL condition and its arguments that keep only rows
// whose sensitivity column the viewer may read.
func visibleIn(v access.Viewer, col string) (string, []any) {
	levels := v.Visible()
	if len(levels) == 0 {
		return "1 = 0", nil
	}
	args := make([]any, len(levels))
	for i, l := range levels {
		args[i] = l.String()
	}
	return col + " IN (" + placeholders(len(levels)) + ")", args
}

// withheldSources selects the sources the anonymous public may not read
// whatever their level: testimonies whose witness did not consent to
// publication (consent recorded without it, or none recorded) — what the
// public dataset leaves out too (TestimoniesWithout). Consent is stored as
// model.Consent.String(), whose items are comma-separated and never hold a
// comma, so ",publication," occurs in ","+uses+"," exactly when the
// publication item is there (a partner named "publication" is the item
// "partners:publication"). replace() and || read alike on both engines.
// Its one column is named withheld_id, which no table has, so that a
// condition on it (publishedIn) never takes the column it compares with for
// one of its own.
const withheldSources = "SELECT w.id AS withheld_id FROM sources w LEFT JOIN consents wc ON wc.source_id = w.id WHERE " + withheldCond

// withheldCond is withheldSources's condition on a source (w) and its
// consent (wc, left-joined): what a query that reads the source anyway
// tests of it in the row, without a subquery.
const withheldCond = "w.kind = '" + string(model.KindTestimony) +
	"' AND (wc.uses IS NULL OR replace(',' || wc.uses || ',', '," + string(model.UsePublication) + ",', '') = ',' || wc.uses || ',')"

// publishedIn returns an SQL condition that keeps, for a viewer who reads
// only what may be published (the anonymous public), the rows whose source
// — the column src names; NULL for a statement typed in with none — is not
// withheld from publication; for any other viewer, every row.
//
// It asks of each row whether its own source is withheld (NOT EXISTS, one
// lookup by id) rather than whether it is among the withheld ones (NOT IN):
// PostgreSQL cannot turn a NOT IN into an anti-join, and built the set of
// every withheld testimony, reading all the sources to find them, on every
// query — 614 ms for a page of 50 sources at 100,000 sources
// (docs/scaling.md). A NULL source is never withheld.
func publishedIn(v access.Viewer, src string) string {
	if !v.PublishedOnly() {
		return "1 = 1"
	}
	return "NOT EXISTS (SELECT 1 FROM (" + withheldSources + ") ws WHERE ws.withheld_id = " + src + ")"
}

// visibleFrom is visibleIn and publishedIn together: the rows of a table
// with a sensitivity column sens and a source column src that the viewer
// may read.
func visibleFrom(v access.Viewer, sens, src string) (string, []any) {
	cond, args := visibleIn(v, sens)
	return cond + " AND " + publishedIn(v, src), args
}

// Source returns one source with its text, if the viewer may see it.
func (s *Store) Source(ctx context.Context, v access.Viewer, id string) (model.Source, error) {
	cond, args := visibleFrom(v, "sensitivity", "id")
	row := s.db.QueryRowContext(ctx, s.rebind("SELECT "+sourceCols+", text FROM sources WHERE id = ? AND "+cond), append([]any{id}, args...)...)
	src, err := scanSource(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return src, fmt.Errorf("source %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return src, err
	}
	one := []model.Source{src}
	if err := s.openSealed(ctx, one, true); err != nil {
		return src, err
	}
	src = one[0]
	if err := s.completeText(ctx, &src); err != nil {
		return src, err
	}
	return src, s.hideUnseenOriginal(ctx, v, &src)
}

// SourceFilter narrows a listing of sources.
type SourceFilter struct {
	Limit    int    // 0: all
	SHA256   string // only the source with these original bytes
	Language string // "" any
	Kind     model.SourceKind
	// Newest lists newest ingest first (else oldest first).
	Newest bool
	// After continues a listing after this source: a keyset cursor on
	// (ingested_at, id) in the listing's order, so pages neither skip nor
	// repeat whatever is added meanwhile.
	After *model.Source
}

// Sources lists the sources the viewer may see, without their text.
func (s *Store) Sources(ctx context.Context, v access.Viewer, f SourceFilter) ([]model.Source, error) {
	cond, args := visibleFrom(v, "sensitivity", "id")
	q := "SELECT " + sourceCols + " FROM sources WHERE " + cond
	if f.SHA256 != "" {
		q += " AND sha256 = ?"
		args = append(args, f.SHA256)
	}
	if f.Language != "" {
		q += " AND language = ?"
		args = append(args, f.Language)
	}
	if f.Kind != "" {
		q += " AND kind = ?"
		args = append(args, string(f.Kind))
	}
	order, cmp := " ORDER BY ingested_at, id", ">"
	if f.Newest {
		order, cmp = " ORDER BY ingested_at DESC, id DESC", "<"
	}
	if f.After != nil {
		at := timeText(f.After.IngestedAt)
		q += " AND (ingested_at " + cmp + " ? OR (ingested_at = ? AND id " + cmp + " ?))"
		args = append(args, at, at, f.After.ID)
	}
	q += order
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	out, err := s.querySources(ctx, v, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	return out, nil
}

// SourceCounts counts the sources a viewer may see, by kind, language and
// sensitivity.
type SourceCounts struct {
	Total         int
	ByKind        map[string]int
	ByLanguage    map[string]int
	BySensitivity map[string]int
}

// CountSources counts the sources the viewer may see.
func (s *Store) CountSources(ctx context.Context, v access.Viewer) (SourceCounts, error) {
	c := SourceCounts{ByKind: map[string]int{}, ByLanguage: map[string]int{}, BySensitivity: map[string]int{}}
	cond, args := visibleFrom(v, "sensitivity", "id")
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT kind, language, sensitivity, count(*) FROM sources WHERE "+cond+
		" GROUP BY kind, language, sensitivity"), args...)
	if err != nil {
		return c, fmt.Errorf("count sources: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, lang, sens string
		var n int
		if err := rows.Scan(&kind, &lang, &sens, &n); err != nil {
			return c, err
		}
		c.Total += n
		c.ByKind[kind] += n
		c.ByLanguage[lang] += n
		c.BySensitivity[sens] += n
	}
	return c, rows.Err()
}

// NearCopies lists the sources the viewer may see that nearly copy id.
func (s *Store) NearCopies(ctx context.Context, v access.Viewer, id string) ([]model.Source, error) {
	cond, args := visibleFrom(v, "sensitivity", "id")
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT "+sourceCols+" FROM sources WHERE duplicate_of = ? AND "+cond+" ORDER BY ingested_at, id"),
		append([]any{id}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Source
	for rows.Next() {
		src, err := scanSource(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := s.openSealed(ctx, out, false); err != nil {
		return nil, err
	}
	return out, s.hideUnseenOriginals(ctx, v, out)
}

// SourceExists reports whether bytes with this hash are already a source,
// whoever may see it (for skipping work on re-ingest; it reveals nothing to
// a viewer beyond what they just supplied).
func (s *Store) SourceExists(ctx context.Context, sum string) (string, bool, error) {
	var id string
	err := s.db.QueryRowContext(ctx, s.rebind("SELECT id FROM sources WHERE sha256 = ?"), sum).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return id, err == nil, err
}

// StageBlob writes original bytes to the archive ahead of the transaction
// that will store their source, so that several can be written at once
// outside the database's write lock. Staged bytes are made durable by that
// transaction before it commits; bytes staged for a source never stored are
// harmless (content-addressed, verified like any other).
func (s *Store) StageBlob(ctx context.Context, sum string, data []byte) error {
	if sum != Hash(data) {
		return fmt.Errorf("stage blob: the bytes do not hash to %s", sum)
	}
	return s.archive.stage(ctx, s.db, sum, data)
}

// Blob returns a source's original bytes, if the viewer may see the source.
func (s *Store) Blob(ctx context.Context, v access.Viewer, id string) ([]byte, error) {
	src, err := s.Source(ctx, v, id)
	if err != nil {
		return nil, err
	}
	k, err := s.dataKey(ctx, s.db, id)
	if errors.Is(err, errNoKey) {
		return s.archive.get(ctx, s.db, s.dialect, src.SHA256)
	}
	if err != nil {
		return nil, err
	}
	sealed, err := s.archive.get(ctx, s.db, s.dialect, k.blobSum)
	if err != nil {
		return nil, err
	}
	data, err := k.key.Open(sealed, blobAD(id))
	if err != nil {
		return nil, fmt.Errorf("original of source %s: %w", id, err)
	}
	return data, nil
}

// SourcesByID returns, without their texts, the sources among ids that the
// viewer may see, keyed by id: one query per 500 ids, for pages that cite
// many sources.
func (s *Store) SourcesByID(ctx context.Context, v access.Viewer, ids []string) (map[string]model.Source, error) {
	out := make(map[string]model.Source, len(ids))
	cond, vargs := visibleFrom(v, "sensitivity", "id")
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		args := make([]any, 0, len(chunk)+len(vargs))
		for _, id := range chunk {
			args = append(args, id)
		}
		srcs, err := s.querySources(ctx, v, "SELECT "+sourceCols+" FROM sources WHERE id IN ("+placeholders(len(chunk))+") AND "+cond, append(args, vargs...)...)
		if err != nil {
			return nil, fmt.Errorf("sources by id: %w", err)
		}
		for _, src := range srcs {
			out[src.ID] = src
		}
	}
	return out, nil
}

// hideUnseenOriginals blanks the near-copy link of each source whose
// original the viewer may not see: a link names a source, and a source the
// viewer may not see is not named to them, not even by its id (issue 18,
// finding 3). It reads the originals' levels in one query, only when some
// source links to one.
func (s *Store) hideUnseenOriginals(ctx context.Context, v access.Viewer, srcs []model.Source) error {
	var ids []any
	seen := map[string]bool{}
	for _, src := range srcs {
		if src.DuplicateOf != "" && !seen[src.DuplicateOf] {
			seen[src.DuplicateOf] = true
			ids = append(ids, src.DuplicateOf)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	cond, args := visibleFrom(v, "sensitivity", "id")
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT id FROM sources WHERE id IN ("+placeholders(len(ids))+") AND "+cond),
		append(ids, args...)...)
	if err != nil {
		return fmt.Errorf("near-copy links: %w", err)
	}
	defer rows.Close()
	visible := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		visible[id] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range srcs {
		if srcs[i].DuplicateOf != "" && !visible[srcs[i].DuplicateOf] {
			srcs[i].DuplicateOf, srcs[i].Similarity = "", 0
		}
	}
	return nil
}

// hideUnseenOriginal is hideUnseenOriginals for one source.
func (s *Store) hideUnseenOriginal(ctx context.Context, v access.Viewer, src *model.Source) error {
	one := []model.Source{*src}
	if err := s.hideUnseenOriginals(ctx, v, one); err != nil {
		return err
	}
	*src = one[0]
	return nil
}
