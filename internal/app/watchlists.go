package app

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/enquiry"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Watch lists: an analyst (or a reviewer, or an admin) names wanted
// perpetrators; every source stored afterwards — wherever the enquiries'
// watch screens new sources — that names a person matching an entry is
// flagged into a queue, with the matcher's reasons, and the sources already
// stored are screened once when the entry is added. The screening uses the
// enquiries' index (enquiry.NewNameWatch) and runs for the system; every
// read goes through the reader's clearance: the entry's level, the alert's
// (the highest of what it quotes) and its source's.

// Wanted is a watch-list entry.
type Wanted = enquiry.Wanted

// WatchAlert is an entry of the watch-list queue.
type WatchAlert = store.WatchAlert

func mayWatch(v access.Viewer) error {
	if !v.CanWrite() {
		return forbidden("only analysts, reviewers and admins may read or keep watch lists (%s is %s)", v.Actor(), v.Role)
	}
	return nil
}

// AddWanted records a watch-list entry as v (at a level v may see), then
// screens every source already stored against it; it returns the entry
// and how many alerts the screening queued.
func (a *App) AddWanted(ctx context.Context, v access.Viewer, w Wanted) (Wanted, int, error) {
	if err := mayWatch(v); err != nil {
		return Wanted{}, 0, err
	}
	if err := w.Check(); err != nil {
		return Wanted{}, 0, invalid("%v", err)
	}
	if !v.CanSee(w.Sensitivity) {
		return Wanted{}, 0, forbidden("%s may not record an entry at %s (cleared for %s)", v.Actor(), w.Sensitivity, v.Clearance)
	}
	if err := a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.AddWanted(ctx, &w) }); err != nil {
		return Wanted{}, 0, fmt.Errorf("record watch-list entry: %w", err)
	}
	ids, err := a.st.SourceIDs(ctx)
	if err != nil {
		return w, 0, err
	}
	n, err := a.screenWanted(ctx, []Wanted{w}, ids)
	return w, n, err
}

// WatchList lists the entries still watched that v may see, newest first.
func (a *App) WatchList(ctx context.Context, v access.Viewer) ([]Wanted, error) {
	if err := mayWatch(v); err != nil {
		return nil, err
	}
	return a.st.WatchList(ctx, v, false)
}

// RemoveWanted stops watching for an entry v may see; its alerts leave the
// queue. The entry stays in the ledger; removing it again changes nothing.
func (a *App) RemoveWanted(ctx context.Context, v access.Viewer, id string) error {
	if err := mayWatch(v); err != nil {
		return err
	}
	removed, err := a.st.WantedRemoved(ctx, v, id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("watch-list entry")
	}
	if err != nil || removed {
		return err
	}
	return a.st.Write(ctx, v.Actor(), func(tx *store.Tx) error { return tx.RemoveWanted(ctx, id) })
}

// WatchAlerts lists the watch-list queue as v may see it, newest first.
func (a *App) WatchAlerts(ctx context.Context, v access.Viewer) ([]WatchAlert, error) {
	if err := mayWatch(v); err != nil {
		return nil, err
	}
	return a.st.WatchAlerts(ctx, v, false)
}

// WatchListSources screens the persons the sources name against every
// entry still watched and queues what may match; it returns how many
// alerts it added.
func (a *App) WatchListSources(ctx context.Context, sourceIDs []string) (int, error) {
	if len(sourceIDs) == 0 {
		return 0, nil
	}
	list, err := a.st.WatchList(ctx, access.Viewer{}, true)
	if err != nil || len(list) == 0 {
		return 0, err
	}
	return a.screenWanted(ctx, list, sourceIDs)
}

// screenWanted screens the persons the sources name against the entries:
// each name through the index, then each hit weighed by what the same
// source says of the person's father and birth. One alert per entry,
// person and source: the best of the person's names.
func (a *App) screenWanted(ctx context.Context, list []Wanted, sourceIDs []string) (int, error) {
	byID := make(map[string]Wanted, len(list))
	var filed []enquiry.Filed
	for _, w := range list {
		byID[w.ID] = w
		filed = append(filed, w.Filed()...)
	}
	watch := enquiry.NewNameWatch(filed)
	total := 0
	// In chunks: a store's every source is screened when an entry is added.
	for start := 0; start < len(sourceIDs); start += 2000 {
		chunk := sourceIDs[start:min(start+2000, len(sourceIDs))]
		named, err := a.st.PersonsNamedIn(ctx, chunk)
		if err != nil {
			return total, err
		}
		facts, err := a.st.MentionFacts(ctx, chunk)
		if err != nil {
			return total, err
		}
		best := map[[3]string]store.WatchAlert{}
		for src, ps := range named {
			for _, p := range ps {
				hits := watch.Screen(p.Name)
				if len(hits) == 0 {
					continue
				}
				k := enquiry.Clean(p.Name)
				f := facts[[2]string{src, p.EntityID}]
				m := enquiry.Mention{Name: k.Name, Fathers: f.Fathers, Born: f.Born}
				if k.Father != "" {
					m.Fathers = append([]string{k.Father}, m.Fathers...)
				}
				for _, h := range hits {
					w := byID[h.EnquiryID]
					c := enquiry.WeighWanted(w, h.Filed, m)
					level := model.Max(w.Sensitivity, p.Sensitivity)
					if len(f.Fathers)+len(f.Born) > 0 {
						level = model.Max(level, f.Sensitivity)
					}
					key := [3]string{w.ID, p.EntityID, src}
					if old, ok := best[key]; ok && old.Score >= c.Score {
						continue
					}
					best[key] = store.WatchAlert{EntryID: w.ID, EntityID: p.EntityID, SourceID: src, Name: p.Name,
						Sensitivity: level, Score: c.Score, Reasons: c.Reasons}
				}
			}
		}
		alerts := make([]store.WatchAlert, 0, len(best))
		for _, x := range best {
			alerts = append(alerts, x)
		}
		sort.Slice(alerts, func(i, j int) bool {
			if alerts[i].SourceID != alerts[j].SourceID {
				return alerts[i].SourceID < alerts[j].SourceID
			}
			return alerts[i].EntityID+alerts[i].EntryID < alerts[j].EntityID+alerts[j].EntryID
		})
		n, err := a.st.AddWatchAlerts(ctx, alerts)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// WatchAlertDoc is a watch-list alert as `athar watch alerts --json` and
// the API print it.
type WatchAlertDoc struct {
	ID          string           `json:"id"`
	EntryID     string           `json:"entry_id"`
	Wanted      string           `json:"wanted"`
	EntityID    string           `json:"entity_id"`
	SourceID    string           `json:"source_id"`
	Name        string           `json:"name"`
	Score       float64          `json:"score"`
	Reasons     []string         `json:"reasons"`
	ReasonCodes []enquiry.Reason `json:"reason_codes"`
	Sensitivity string           `json:"sensitivity"`
	CreatedAt   string           `json:"created_at"`
}

// WatchAlertDocs returns alerts as printed; never null.
func WatchAlertDocs(as []WatchAlert) []WatchAlertDoc {
	out := make([]WatchAlertDoc, 0, len(as))
	for _, x := range as {
		d := WatchAlertDoc{ID: x.ID, EntryID: x.EntryID, Wanted: x.Wanted, EntityID: x.EntityID, SourceID: x.SourceID, Name: x.Name,
			Score: x.Score, Reasons: enquiry.Texts(x.Reasons), ReasonCodes: enquiry.ReasonsOrEmpty(x.Reasons), Sensitivity: x.Sensitivity.String(), CreatedAt: x.CreatedAt.UTC().Format("2006-01-02T15:04:05Z")}
		out = append(out, d)
	}
	return out
}

// ParseWanted reads a watch-list entry as the command line, the API and the
// web form give it: the birth year as YYYY, the level by name ("" for
// internal). The errors name the field as the command line does.
func ParseWanted(name string, aliases []string, rank, born, note, level string) (Wanted, error) {
	w := Wanted{Name: strings.TrimSpace(name), Rank: strings.TrimSpace(rank), Note: strings.TrimSpace(note), Sensitivity: enquiry.WantedSensitivity}
	for _, al := range aliases {
		if al = strings.TrimSpace(al); al != "" {
			w.Aliases = append(w.Aliases, al)
		}
	}
	if born = strings.TrimSpace(born); born != "" {
		d, err := model.ParseDate(born)
		if err != nil || d.Precision != model.PrecisionYear {
			return w, invalid("--born %q: want a year, YYYY", born)
		}
		w.Born = d
	}
	if level = strings.TrimSpace(level); level != "" {
		s, err := model.ParseSensitivity(level)
		if err != nil {
			return w, invalid("--sensitivity: %v", err)
		}
		w.Sensitivity = s
	}
	if err := w.Check(); err != nil {
		return w, invalid("%v", err)
	}
	return w, nil
}
