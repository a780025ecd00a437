package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/enquiry"
	"github.com/athar-project/athar/internal/model"
)

// Families' enquiries about missing persons, their caseworkers' judgements
// of candidates (both ledgered), and the watch queue of persons newly named
// who may be an enquiry's (workflow, not ledgered). Nothing here checks a
// role: internal/app lets only caseworkers and admins call these, and no
// other read of the store — exports, search, pages — touches these tables.

const enquiryCols = "id, name, father, mother, family, sex, born, home, last_seen_date, last_seen_at, held_at, " +
	"asked_by, contact, consent, status, created_by, created_at, updated_at"

// AddEnquiry records an enquiry as the transaction's actor, setting its id,
// status (open) and times.
func (t *Tx) AddEnquiry(ctx context.Context, e *enquiry.Enquiry) error {
	now := t.s.now()
	e.ID, e.Status, e.CreatedBy, e.CreatedAt, e.UpdatedAt = NewID(), enquiry.Open, t.actor, now, now
	return t.insert(ctx, "enquiries", map[string]any{
		"id": e.ID, "name": e.Name, "father": e.Father, "mother": e.Mother, "family": e.Family, "sex": e.Sex,
		"born": e.Born.String(), "home": e.Home, "last_seen_date": e.LastSeenDate.String(), "last_seen_at": e.LastSeenAt,
		"held_at": e.HeldAt, "asked_by": e.AskedBy, "contact": e.Contact, "consent": e.Consent,
		"status": string(e.Status), "created_by": e.CreatedBy, "created_at": timeText(now), "updated_at": timeText(now),
	})
}

// SetEnquiryStatus moves an enquiry to a status.
func (t *Tx) SetEnquiryStatus(ctx context.Context, id string, st enquiry.Status) error {
	return t.update(ctx, "enquiries", id, map[string]any{"status": string(st), "updated_at": timeText(t.s.now())})
}

// EnquiryJudgement is a caseworker's verdict on one candidate of an enquiry.
type EnquiryJudgement struct {
	ID        string
	EnquiryID string
	EntityID  string
	Verdict   string // confirm or reject
	Note      string
	Author    string
	CreatedAt time.Time
}

// AddEnquiryJudgement records a verdict on a candidate as the
// transaction's actor.
func (t *Tx) AddEnquiryJudgement(ctx context.Context, j *EnquiryJudgement) error {
	if j.Verdict != "confirm" && j.Verdict != "reject" {
		return fmt.Errorf("unknown verdict %q (want confirm or reject)", j.Verdict)
	}
	j.ID, j.Author, j.CreatedAt = NewID(), t.actor, t.s.now()
	return t.insert(ctx, "enquiry_judgements", map[string]any{
		"id": j.ID, "enquiry_id": j.EnquiryID, "entity_id": j.EntityID, "verdict": j.Verdict, "note": j.Note,
		"author": j.Author, "created_at": timeText(j.CreatedAt),
	})
}

// Enquiry returns one enquiry.
func (s *Store) Enquiry(ctx context.Context, id string) (enquiry.Enquiry, error) {
	e, err := scanEnquiry(s.db.QueryRowContext(ctx, s.rebind("SELECT "+enquiryCols+" FROM enquiries WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("enquiry %s: %w", id, ErrNotFound)
	}
	return e, err
}

// Enquiries lists enquiries, newest first; with statuses, only those in
// one of them.
func (s *Store) Enquiries(ctx context.Context, statuses ...enquiry.Status) ([]enquiry.Enquiry, error) {
	q := "SELECT " + enquiryCols + " FROM enquiries"
	args := make([]any, len(statuses))
	for i, st := range statuses {
		args[i] = string(st)
	}
	if len(statuses) > 0 {
		q += " WHERE status IN (" + placeholders(len(statuses)) + ")"
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q+" ORDER BY created_at DESC, id"), args...)
	if err != nil {
		return nil, fmt.Errorf("list enquiries: %w", err)
	}
	return collect(rows, scanEnquiry)
}

func scanEnquiry(r rowScanner) (enquiry.Enquiry, error) {
	var e enquiry.Enquiry
	var born, seen, status, created, updated string
	err := r.Scan(&e.ID, &e.Name, &e.Father, &e.Mother, &e.Family, &e.Sex, &born, &e.Home, &seen, &e.LastSeenAt,
		&e.HeldAt, &e.AskedBy, &e.Contact, &e.Consent, &status, &e.CreatedBy, &created, &updated)
	if err != nil {
		return e, err
	}
	e.Born, _ = model.ParseDate(born)
	e.LastSeenDate, _ = model.ParseDate(seen)
	e.Status = enquiry.Status(status)
	e.CreatedAt, e.UpdatedAt = parseTime(created), parseTime(updated)
	return e, nil
}

// EnquiryJudgements lists the verdicts on an enquiry's candidates, oldest
// first.
func (s *Store) EnquiryJudgements(ctx context.Context, enquiryID string) ([]EnquiryJudgement, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind("SELECT id, enquiry_id, entity_id, verdict, note, author, created_at "+
		"FROM enquiry_judgements WHERE enquiry_id = ? ORDER BY created_at, id"), enquiryID)
	if err != nil {
		return nil, fmt.Errorf("judgements of enquiry %s: %w", enquiryID, err)
	}
	return collect(rows, func(r rowScanner) (EnquiryJudgement, error) {
		var j EnquiryJudgement
		var at string
		err := r.Scan(&j.ID, &j.EnquiryID, &j.EntityID, &j.Verdict, &j.Note, &j.Author, &at)
		j.CreatedAt = parseTime(at)
		return j, err
	})
}

// EnquiryAlert is a person a newly stored source names who may be an
// open enquiry's missing person.
type EnquiryAlert struct {
	ID        string
	EnquiryID string
	EntityID  string
	SourceID  string
	Name      string
	// Sensitivity is the level of the statement the name comes from.
	Sensitivity model.Sensitivity
	Score       float64
	CreatedAt   time.Time
	SeenBy      string
}

// AddEnquiryAlerts puts alerts in the watch queue; one already queued for
// the same enquiry, person and source is left as it is.
func (s *Store) AddEnquiryAlerts(ctx context.Context, as []EnquiryAlert) (int, error) {
	q := make([]queued, len(as))
	for i, a := range as {
		q[i] = queued{owner: a.EnquiryID, entity: a.EntityID, source: a.SourceID,
			cols: map[string]any{"name": a.Name, "sensitivity": a.Sensitivity.String(), "score": a.Score}}
	}
	return s.queueOnce(ctx, "enquiry_alerts", "enquiry_id", q)
}

// EnquiryAlerts lists the watch queue as v may see it (alerts whose name
// is within v's clearance), newest first: those nobody has marked seen, or
// all.
func (s *Store) EnquiryAlerts(ctx context.Context, v access.Viewer, unseenOnly bool) ([]EnquiryAlert, error) {
	cond, args := visibleIn(v, "sensitivity")
	q := "SELECT id, enquiry_id, entity_id, source_id, name, sensitivity, score, created_at, seen_by FROM enquiry_alerts WHERE " + cond
	if unseenOnly {
		q += " AND seen_by = ''"
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q+" ORDER BY created_at DESC, id LIMIT 500"), args...)
	if err != nil {
		return nil, fmt.Errorf("read watch queue: %w", err)
	}
	open := s.mentionOpener()
	return collect(rows, func(r rowScanner) (EnquiryAlert, error) {
		var a EnquiryAlert
		var at, level string
		if err := r.Scan(&a.ID, &a.EnquiryID, &a.EntityID, &a.SourceID, &a.Name, &level, &a.Score, &at, &a.SeenBy); err != nil {
			return a, err
		}
		a.Sensitivity, _ = model.ParseSensitivity(level)
		a.CreatedAt = parseTime(at)
		var err error
		a.Name, err = open.openAlertCol(ctx, "enquiry_alerts", a.ID, "name", a.SourceID, a.Name)
		return a, err
	})
}

// SeeEnquiryAlert marks an alert v may see as seen by v.
func (s *Store) SeeEnquiryAlert(ctx context.Context, v access.Viewer, id string) error {
	cond, args := visibleIn(v, "sensitivity")
	res, err := s.db.ExecContext(ctx, s.rebind("UPDATE enquiry_alerts SET seen_by = ? WHERE id = ? AND seen_by = '' AND "+cond),
		append([]any{v.Actor(), id}, args...)...)
	if err != nil {
		return fmt.Errorf("mark alert seen: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("alert %s: %w", id, ErrNotFound)
	}
	return nil
}

// NamedPerson is a person a source names, under one of its names.
type NamedPerson struct {
	EntityID    string // the entity that stands for them (merges followed one step)
	Name        string
	Sensitivity model.Sensitivity // the name statement's
}

// PersonsNamedIn lists the persons the sources name, each name once per
// source, by source id: what the watch screens when sources are stored.
// It reads every level: the watch runs for the system, and what it queues
// is read only by caseworkers, through their own clearance.
func (s *Store) PersonsNamedIn(ctx context.Context, sourceIDs []string) (map[string][]NamedPerson, error) {
	out := map[string][]NamedPerson{}
	open := s.valueOpener()
	seen := map[[4]string]bool{}
	err := s.eachStatementOfSources(ctx, sourceIDs, "SELECT st.id, st.source_id, COALESCE(e.merged_into, e.id), st.value, st.sensitivity "+
		"FROM statements st JOIN entities e ON e.id = st.entity_id WHERE st.source_id IN (%s) "+
		"AND e.type = 'person' AND st.property IN ('name', 'alias') AND st.status <> 'rejected'", "persons named in sources",
		func(r rowScanner) error {
			var id, src, level string
			var p NamedPerson
			if err := r.Scan(&id, &src, &p.EntityID, &p.Name, &level); err != nil {
				return err
			}
			sealed := strings.HasPrefix(p.Name, sealedPrefix)
			var err error
			if p.Name, err = open.open(ctx, id, src, p.Name); err != nil {
				return err
			}
			// Each name once per source (a sealed value is sealed apart
			// in each statement); none of a source taken down.
			k := [4]string{src, p.EntityID, p.Name, level}
			if seen[k] || (sealed && p.Name == Withdrawn) {
				return nil
			}
			seen[k] = true
			p.Sensitivity, _ = model.ParseSensitivity(level)
			out[src] = append(out[src], p)
			return nil
		})
	return out, err
}
