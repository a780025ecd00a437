package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/google/uuid"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// NewID returns a fresh random id (UUID v4, 122 bits from crypto/rand) for
// entities, statements, mentions, judgements, merge proposals, users and
// tokens. Ids reveal no order and no time: time-ordered ids (UUID v7, as
// before) told a public viewer that a person's id predated every source
// they could see — that the person was first named in something hidden.
// Nothing sorts by id for meaning; where id breaks a tie or pages a list,
// any fixed order serves.
func NewID() string { return uuid.New().String() }

// AddEntity creates an entity of the given type and returns it.
func (t *Tx) AddEntity(ctx context.Context, typ model.EntityType) (model.Entity, error) {
	e := model.Entity{Type: typ}
	if err := t.AddEntities(ctx, []*model.Entity{&e}); err != nil {
		return model.Entity{}, err
	}
	return e, nil
}

// AddEntities creates entities of the types es give, setting each one's
// time and author, and its id unless the caller chose it (NewID, to refer
// to the entity before it is written), in one INSERT and one ledger append
// per run of rows. Nothing is written unless every type is one.
func (t *Tx) AddEntities(ctx context.Context, es []*model.Entity) error {
	for _, e := range es {
		if _, err := model.ParseEntityType(string(e.Type)); err != nil {
			return err
		}
	}
	tb, _ := tableByName("entities")
	now := t.s.now()
	rows := make([]map[string]any, 0, len(es))
	for _, e := range es {
		if e.ID == "" {
			e.ID = NewID()
		}
		e.MergedInto, e.CreatedAt, e.CreatedBy = "", now, t.actor
		norm, err := normalizeRow(tb, map[string]any{
			"id": e.ID, "type": string(e.Type), "merged_into": nil, "created_at": timeText(e.CreatedAt), "created_by": e.CreatedBy,
		})
		if err != nil {
			return fmt.Errorf("insert into entities: %w", err)
		}
		rows = append(rows, norm)
	}
	for at, n := range t.runs(len(rows), len(tb.cols)) {
		if err := t.insertMany(ctx, tb, rows[at:at+n]); err != nil {
			return err
		}
	}
	return nil
}

// ErrMergeRefused is what SetMergedInto answers for a merge the store cannot
// hold: two entities of different types, or one into an entity that is
// itself merged away.
var ErrMergeRefused = errors.New("merge refused")

// SetMergedInto marks an entity as merged into another ("" undoes it). The
// store itself refuses to make one of two entities of different types (a
// person is never a place, whoever asks: the resolver, an import or a
// reviewer) and to merge into an entity that is merged away (reads follow
// one link, so a chain would hide statements). Entities that were merged
// into id move with it to into, each move ledgered: the one entity a reader
// sees keeps every name it showed, and a split takes them apart one by one.
func (t *Tx) SetMergedInto(ctx context.Context, id, into string) error {
	if id == into {
		return fmt.Errorf("entity %s cannot be merged into itself: %w", id, ErrMergeRefused)
	}
	if into != "" {
		var typ, intoType, intoMerged string
		if err := t.queryRow(ctx, "SELECT type FROM entities WHERE id = ?", id).Scan(&typ); err != nil {
			return fmt.Errorf("merge entity %s: %w", id, notFoundIf(err))
		}
		if err := t.queryRow(ctx, "SELECT type, COALESCE(merged_into, '') FROM entities WHERE id = ?", into).Scan(&intoType, &intoMerged); err != nil {
			return fmt.Errorf("merge into entity %s: %w", into, notFoundIf(err))
		}
		if typ != intoType {
			return fmt.Errorf("entity %s is a %s and %s a %s: only entities of one type can be one: %w", id, typ, into, intoType, ErrMergeRefused)
		}
		if intoMerged != "" {
			return fmt.Errorf("entity %s is itself merged into %s: merge into that one: %w", into, intoMerged, ErrMergeRefused)
		}
		children, err := t.mergedInto(ctx, id)
		if err != nil {
			return err
		}
		for _, c := range children {
			if err := t.update(ctx, "entities", c, map[string]any{"merged_into": into}); err != nil {
				return err
			}
		}
	}
	return t.update(ctx, "entities", id, map[string]any{"merged_into": nullable(into)})
}

// mergedInto lists the entities merged into id, inside the transaction.
func (t *Tx) mergedInto(ctx context.Context, id string) ([]string, error) {
	rows, err := t.query(ctx, "SELECT id FROM entities WHERE merged_into = ? ORDER BY id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func notFoundIf(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// Entity returns one entity. Entities carry no sensitivity of their own:
// what the viewer may learn of one lives in its statements.
func (s *Store) Entity(ctx context.Context, id string) (model.Entity, error) {
	var e model.Entity
	var typ, created string
	err := s.db.QueryRowContext(ctx, s.rebind("SELECT id, type, COALESCE(merged_into, ''), created_at, created_by FROM entities WHERE id = ?"), id).
		Scan(&e.ID, &typ, &e.MergedInto, &created, &e.CreatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("entity %s: %w", id, ErrNotFound)
	}
	e.Type, e.CreatedAt = model.EntityType(typ), parseTime(created)
	return e, err
}

// AddStatement stores a statement. Its sensitivity is raised to its source's
// when lower: a statement never reveals more than where it came from.
func (t *Tx) AddStatement(ctx context.Context, st *model.Statement) error {
	return t.AddStatements(ctx, []*model.Statement{st})
}

// AddStatements stores statements as AddStatement does each — the same
// checks, levels, sealing and review marks, in the order given — in a few
// round trips instead of about seven a statement: the rows in multi-row
// INSERTs and their ledger entries in as many more (one entry a row, as
// before), each source read once, and the page totals summed per key and
// written in multi-row upserts. Every statement is checked before anything
// is written: a bad one anywhere leaves none of them written.
func (t *Tx) AddStatements(ctx context.Context, sts []*model.Statement) error {
	if len(sts) == 0 {
		return nil
	}
	levels := make([]model.Sensitivity, len(sts))
	for i, st := range sts {
		level, err := t.checkStatement(ctx, st)
		if err != nil {
			if len(sts) > 1 {
				return fmt.Errorf("statement %d of %d: %w", i+1, len(sts), err)
			}
			return err
		}
		levels[i] = level
	}
	tb, _ := tableByName("statements")
	rows := make([]map[string]any, len(sts))
	hashes := make([]any, len(sts))
	claims := make([]claimRow, len(sts))
	for i, st := range sts {
		st.Sensitivity = levels[i]
		if st.ID == "" {
			st.ID = NewID()
		}
		if st.Status == "" {
			st.Status = model.StatusProposed
		}
		if st.Author == "" {
			st.Author = t.actor
		}
		st.CreatedAt = t.s.now()
		var spanStart, spanEnd any
		if st.SourceID != "" && (st.Span.End > 0 || st.Span.Quote != "") {
			spanStart, spanEnd = int64(st.Span.Start), int64(st.Span.End)
		}
		quote, err := t.sealQuote(ctx, st.ID, st.SourceID, st.Span.Quote)
		if err != nil {
			return fmt.Errorf("statement %s: %w", st.ID, err)
		}
		value, hash, err := t.sealValue(ctx, st.ID, st.SourceID, st.Value)
		if err != nil {
			return fmt.Errorf("statement %s: %w", st.ID, err)
		}
		if rows[i], err = normalizeRow(tb, map[string]any{
			"id": st.ID, "entity_id": st.EntityID, "property": string(st.Property), "value": value,
			"value_entity": nullable(st.ValueEntity), "source_id": nullable(st.SourceID),
			"span_start": spanStart, "span_end": spanEnd, "quote": quote,
			"date_start": st.DateStart.String(), "date_end": st.DateEnd.String(), "confidence": st.Confidence,
			"origin": st.Origin, "status": string(st.Status), "modality": string(st.Modality), "role": string(st.Role),
			"sensitivity": st.Sensitivity.String(), "author": st.Author, "created_at": timeText(st.CreatedAt),
			"reviewer": "", "reviewed_at": "", "review_note": "",
		}); err != nil {
			return fmt.Errorf("insert into statements: %w", err)
		}
		hashes[i] = hash
		claims[i] = claimRowOf(st)
		claims[i].value, claims[i].hash = value, hash
	}
	for at, n := range t.runs(len(rows), len(tb.cols)+1) {
		if err := t.insertManyWith(ctx, tb, rows[at:at+n], extraColumn{"value_hash", hashes[at : at+n]}); err != nil {
			return err
		}
	}
	for _, st := range sts {
		t.markReview(st.ID, st.EntityID, string(st.Property))
	}
	return t.countClaims(ctx, claims, 1)
}

// checkStatement checks a statement before it is stored, changing nothing,
// and returns the level it is stored at: its own, raised to its source's.
func (t *Tx) checkStatement(ctx context.Context, st *model.Statement) (model.Sensitivity, error) {
	if st.EntityID == "" || st.Property == "" {
		return 0, errors.New("a statement needs an entity and a property")
	}
	if st.Value == "" && st.ValueEntity == "" {
		return 0, fmt.Errorf("statement %s of %s has no value", st.Property, st.EntityID)
	}
	if st.Origin == "" {
		return 0, errors.New("a statement needs an origin (extracted:NAME@VERSION, manual or imported:DATASET)")
	}
	level := st.Sensitivity
	if st.SourceID != "" {
		src, err := t.sourceInfo(ctx, st.SourceID)
		if err != nil {
			return 0, fmt.Errorf("statement's source %s: %w", st.SourceID, err)
		}
		srcSens, err := model.ParseSensitivity(src.sensitivity)
		if err != nil {
			return 0, err
		}
		level = access.StatementSensitivity(level, srcSens)
	}
	if !level.Valid() {
		return 0, fmt.Errorf("invalid sensitivity %d", level)
	}
	if st.SourceID != "" && (st.Span.End > 0 || st.Span.Quote != "") {
		if st.Span.Start < 0 || st.Span.End < st.Span.Start {
			return 0, fmt.Errorf("statement span [%d,%d) is not a span", st.Span.Start, st.Span.End)
		}
	}
	return level, nil
}

// Review sets a statement's status as a person's decision.
func (t *Tx) Review(ctx context.Context, id string, status model.Status, note string) error {
	switch status {
	case model.StatusConfirmed, model.StatusRejected, model.StatusProposed:
	default:
		return fmt.Errorf("unknown review status %q", status)
	}
	return t.recountStatement(ctx, id, func() error {
		return t.update(ctx, "statements", id, map[string]any{
			"status": string(status), "reviewer": t.actor, "reviewed_at": timeText(t.s.now()), "review_note": note,
		})
	})
}

// StaleError means a decision was made on a state the statement is no
// longer in: someone decided meanwhile, or the same form was sent twice.
// Nothing was changed.
type StaleError struct {
	ID      string
	From    model.Status // the state the decision was made on
	Current model.Status // the state the statement is in
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("statement %s is %s, not %s", e.ID, e.Current, e.From)
}

// ReviewFrom sets a statement's status as a person's decision made on the
// state from: the check and the change happen under the ledger's lock, in
// this transaction, so of two decisions made on the same state only the
// first takes effect and the second gets a *StaleError.
func (t *Tx) ReviewFrom(ctx context.Context, id string, from, to model.Status, note string) error {
	if err := t.lock(ctx); err != nil {
		return err
	}
	cur, err := t.readClaimRow(ctx, id)
	if err != nil {
		return err
	}
	if cur.status != from {
		return &StaleError{ID: id, From: from, Current: cur.status}
	}
	return t.Review(ctx, id, to, note)
}

// CorrectionsOf lists the confirmed manual statements that corrected
// statement id (an edit in review), for an undo of the edit.
func (t *Tx) CorrectionsOf(ctx context.Context, id string) ([]string, error) {
	r, err := t.readClaimRow(ctx, id)
	if err != nil {
		return nil, err
	}
	return t.ids(ctx, "SELECT id FROM statements WHERE entity_id = ? AND property = ? AND origin = 'manual' "+
		"AND status = 'confirmed' AND review_note = ?", r.entity, r.property, "correction of "+id)
}

// ErrBelowSource means a statement would be made less sensitive than the
// source it comes from.
var ErrBelowSource = errors.New("a statement cannot be less sensitive than its source")

// SetStatementSensitivity changes a statement's level. Lowering is for admins
// only (the caller checks the role); the store refuses to go below the level
// of the statement's source, whoever asks.
func (t *Tx) SetStatementSensitivity(ctx context.Context, id string, level model.Sensitivity) error {
	if !level.Valid() {
		return fmt.Errorf("invalid sensitivity %d", level)
	}
	var srcSens sql.NullString
	if err := t.queryRow(ctx, "SELECT s.sensitivity FROM statements st LEFT JOIN sources s ON s.id = st.source_id WHERE st.id = ?", id).Scan(&srcSens); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("statement %s: %w", id, ErrNotFound)
		}
		return err
	}
	if srcSens.Valid {
		floor, err := model.ParseSensitivity(srcSens.String)
		if err != nil {
			return err
		}
		if level < floor {
			return fmt.Errorf("statement %s to %s: %w (%s)", id, level, ErrBelowSource, floor)
		}
	}
	return t.recountStatement(ctx, id, func() error {
		return t.update(ctx, "statements", id, map[string]any{"sensitivity": level.String()})
	})
}

const statementCols = "id, entity_id, property, value, COALESCE(value_entity, ''), COALESCE(source_id, ''), " +
	"COALESCE(span_start, 0), COALESCE(span_end, 0), quote, date_start, date_end, confidence, origin, status, " +
	"modality, role, sensitivity, author, created_at, reviewer, reviewed_at, review_note"

func scanStatement(sc scanner) (model.Statement, error) {
	var st model.Statement
	var ds, de, status, modality, sens, created, reviewed string
	var start, end int64
	err := sc.Scan(&st.ID, &st.EntityID, &st.Property, &st.Value, &st.ValueEntity, &st.SourceID, &start, &end,
		&st.Span.Quote, &ds, &de, &st.Confidence, &st.Origin, &status, &modality, &st.Role, &sens, &st.Author,
		&created, &st.Reviewer, &reviewed, &st.ReviewNote)
	if err != nil {
		return st, err
	}
	st.Span.Start, st.Span.End = int(start), int(end)
	st.DateStart, _ = model.ParseDate(ds)
	st.DateEnd, _ = model.ParseDate(de)
	st.Status, st.Modality = model.Status(status), model.Modality(modality)
	st.CreatedAt, st.ReviewedAt = parseTime(created), parseTime(reviewed)
	st.Sensitivity, err = model.ParseSensitivity(sens)
	return st, err
}

// Statements returns the statements about an entity that the viewer may see:
// within their clearance and, for the public, confirmed only. Rejected
// statements are included for reviewers to see what was turned down.
func (s *Store) Statements(ctx context.Context, v access.Viewer, entityID string) ([]model.Statement, error) {
	cond, args := visibleFrom(v, "sensitivity", "source_id")
	q := "SELECT " + statementCols + " FROM statements WHERE entity_id = ? AND " + cond
	if v.ConfirmedOnly() {
		q += " AND status = 'confirmed'"
	}
	q += " ORDER BY created_at, id"
	out, err := s.queryStatements(ctx, q, append([]any{entityID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("statements of %s: %w", entityID, err)
	}
	return out, nil
}

// AddMention stores a span an extractor found.
func (t *Tx) AddMention(ctx context.Context, m *model.Mention) error {
	return t.AddMentions(ctx, []*model.Mention{m})
}

// AddMentions stores spans extractors found, setting each one's id and
// time. It writes them, their ledger entries and the page totals they
// change with a constant number of statements per mentionBatch mentions,
// so the cost of recording a long source stays linear in its mentions.
func (t *Tx) AddMentions(ctx context.Context, ms []*model.Mention) error {
	tb, _ := tableByName("mentions")
	now := t.s.now()
	deltas := make([]mentionDelta, 0, len(ms))
	rows := make([]map[string]any, 0, min(len(ms), mentionBatch))
	// A batch at a time, so that only one batch's rows are ever held.
	for start := 0; start < len(ms); start += mentionBatch {
		rows = rows[:0]
		for _, m := range ms[start:min(len(ms), start+mentionBatch)] {
			if m.SourceID == "" || m.Extractor == "" {
				return errors.New("a mention needs a source and an extractor")
			}
			if m.Span.Start < 0 || m.Span.End < m.Span.Start {
				return fmt.Errorf("mention span [%d,%d) is not a span", m.Span.Start, m.Span.End)
			}
			if m.ID == "" {
				m.ID = NewID()
			}
			m.CreatedAt = now
			text, err := t.sealMentionText(ctx, m)
			if err != nil {
				return err
			}
			norm, err := normalizeRow(tb, map[string]any{
				"id": m.ID, "source_id": m.SourceID, "span_start": int64(m.Span.Start), "span_end": int64(m.Span.End),
				"text": text, "type": string(m.Type), "extractor": m.Extractor, "entity_id": nullable(m.EntityID),
				"score": m.Score, "created_at": timeText(m.CreatedAt),
			})
			if err != nil {
				return fmt.Errorf("insert into mentions: %w", err)
			}
			rows = append(rows, norm)
			deltas = append(deltas, mentionDelta{entity: m.EntityID, source: m.SourceID, n: 1})
		}
		if err := t.insertMany(ctx, tb, rows); err != nil {
			return err
		}
	}
	return t.countMentions(ctx, deltas)
}

// mentionBatch is how many mentions one INSERT writes: 10 parameters
// each, within both engines' limits.
const mentionBatch = 500

// LinkMention records which entity a mention is of, with the link's score.
func (t *Tx) LinkMention(ctx context.Context, id, entityID string, score float64) error {
	if err := t.lock(ctx); err != nil {
		return err
	}
	was, source, err := t.mentionOf(ctx, id)
	if err != nil {
		return err
	}
	if err := t.update(ctx, "mentions", id, map[string]any{"entity_id": nullable(entityID), "score": score}); err != nil {
		return err
	}
	if was == entityID {
		return nil
	}
	if err := t.countMention(ctx, was, source, -1); err != nil {
		return err
	}
	return t.countMention(ctx, entityID, source, 1)
}

// AddJudgement records a person's verdict on a pair of entities.
func (t *Tx) AddJudgement(ctx context.Context, j *model.Judgement) error {
	switch j.Verdict {
	case model.Same, model.Different, model.Unsure:
	default:
		return fmt.Errorf("unknown verdict %q", j.Verdict)
	}
	if j.EntityA == "" || j.EntityB == "" || j.EntityA == j.EntityB {
		return errors.New("a judgement needs two different entities")
	}
	j.ID, j.CreatedAt = NewID(), t.s.now()
	if j.Author == "" {
		j.Author = t.actor
	}
	return t.insert(ctx, "judgements", map[string]any{
		"id": j.ID, "entity_a": j.EntityA, "entity_b": j.EntityB, "verdict": string(j.Verdict),
		"author": j.Author, "note": j.Note, "created_at": timeText(j.CreatedAt),
	})
}

// CaptionStatements returns what names an entity for the viewer: the first
// statement (in the order they were made) of each of name, alias,
// weakAlias, eventType and date that is not rejected — one index step each,
// however many sources name a facility.
func (s *Store) CaptionStatements(ctx context.Context, v access.Viewer, entityID string) ([]model.Statement, error) {
	cond, vargs := visibleFrom(v, "sensitivity", "source_id")
	if v.ConfirmedOnly() {
		cond += " AND status = 'confirmed'"
	}
	var parts []string
	var args []any
	for i, p := range []model.Property{model.PropName, model.PropAlias, model.PropWeakAlias, model.PropEventType, model.PropDate} {
		parts = append(parts, fmt.Sprintf("SELECT %s FROM (SELECT * FROM statements WHERE entity_id = ? AND property = ? "+
			"AND status <> 'rejected' AND %s ORDER BY created_at, id LIMIT 1) p%d", statementCols, cond, i))
		args = append(append(args, entityID, string(p)), vargs...)
	}
	out, err := s.queryStatements(ctx, strings.Join(parts, " UNION ALL "), args...)
	if err != nil {
		return nil, fmt.Errorf("caption of %s: %w", entityID, err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.Before(out[j].CreatedAt)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}
