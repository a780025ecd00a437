package app

import (
	"context"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/enquiry"
	"github.com/athar-project/athar/internal/store"
)

// The watch: whenever sources are stored and extracted — an ingest, a
// queued extraction, an imported list — every person they name is screened
// against every open enquiry in one pass (enquiry.Watch: an index of the
// enquiries' names under the matcher's blocking keys), and each that may be
// an enquiry's missing person goes into the caseworkers' queue; a webhook,
// where configured, is told how many. The screening runs for the system:
// the queue is read only by caseworkers and admins, and opening an enquiry
// shows its candidates through the reader's own clearance.

// EnquiryAlert is an entry of the watch queue.
type EnquiryAlert = store.EnquiryAlert

// WatchSources screens the persons the sources name against the open
// enquiries and queues what may match; it returns how many alerts it
// added.
func (a *App) WatchSources(ctx context.Context, sourceIDs []string) (int, error) {
	if len(sourceIDs) == 0 {
		return 0, nil
	}
	open, err := a.st.Enquiries(ctx, enquiry.Open, enquiry.Possible)
	if err != nil || len(open) == 0 {
		return 0, err
	}
	named, err := a.st.PersonsNamedIn(ctx, sourceIDs)
	if err != nil {
		return 0, err
	}
	w := enquiry.NewWatch(open)
	var alerts []store.EnquiryAlert
	for src, ps := range named {
		for _, p := range ps {
			for _, h := range w.Screen(p.Name) {
				alerts = append(alerts, store.EnquiryAlert{EnquiryID: h.EnquiryID, EntityID: p.EntityID, SourceID: src, Name: p.Name,
					Sensitivity: p.Sensitivity, Score: h.Score})
			}
		}
	}
	n, err := a.st.AddEnquiryAlerts(ctx, alerts)
	if err != nil {
		return n, err
	}
	if n > 0 {
		a.notifyWatch(ctx, n)
	}
	// The evidence changed for the enquiries hit: their statuses follow.
	hit := make([]string, 0, len(alerts))
	for _, x := range alerts {
		hit = append(hit, x.EnquiryID)
	}
	return n, a.settleEnquiries(ctx, hit)
}

// watch is WatchSources (and WatchListSources) where a failure must not undo what was stored: it
// is logged, and the sources are screened again when next extracted.
func (a *App) watch(ctx context.Context, sourceIDs []string) {
	if _, err := a.WatchSources(context.WithoutCancel(ctx), sourceIDs); err != nil {
		a.log.Error("screen new sources against open enquiries", "err", err)
	}
	if err := a.settleNamedFates(context.WithoutCancel(ctx), sourceIDs); err != nil {
		a.log.Error("settle the fates of matched enquiries", "err", err)
	}
	if _, err := a.WatchListSources(context.WithoutCancel(ctx), sourceIDs); err != nil {
		a.log.Error("screen new sources against the watch lists", "err", err)
	}
}

// settleNamedFates settles the matched enquiries whose confirmed person
// the sources name: a new source may establish their fate.
func (a *App) settleNamedFates(ctx context.Context, sourceIDs []string) error {
	if es, err := a.st.Enquiries(ctx, enquiry.Matched, enquiry.Fate); err != nil || len(es) == 0 {
		return err
	}
	named, err := a.st.PersonsNamedIn(ctx, sourceIDs)
	if err != nil {
		return err
	}
	ents := map[string]bool{}
	for _, ps := range named {
		for _, p := range ps {
			ents[p.EntityID] = true
		}
	}
	if len(ents) == 0 {
		return nil
	}
	return a.settleFates(ctx, ents)
}

// EnquiryAlerts lists the watch queue for v, a caseworker or admin: the
// alerts whose name is within v's clearance, those not yet seen or all.
func (a *App) EnquiryAlerts(ctx context.Context, v access.Viewer, unseenOnly bool) ([]EnquiryAlert, error) {
	if err := mayEnquire(v); err != nil {
		return nil, err
	}
	return a.st.EnquiryAlerts(ctx, v, unseenOnly)
}

// SeeEnquiryAlert marks an alert seen by v.
func (a *App) SeeEnquiryAlert(ctx context.Context, v access.Viewer, id string) error {
	if err := mayEnquire(v); err != nil {
		return err
	}
	if err := a.st.SeeEnquiryAlert(ctx, v, id); err != nil {
		return notFound("alert")
	}
	return nil
}

// EnquiryAlertDoc is an alert of the enquiries' watch queue as `athar
// enquiry alerts --json` and the API print it.
type EnquiryAlertDoc struct {
	ID        string  `json:"id"`
	EnquiryID string  `json:"enquiry_id"`
	EntityID  string  `json:"entity_id"`
	SourceID  string  `json:"source_id"`
	Name      string  `json:"name"`
	Score     float64 `json:"score"`
	CreatedAt string  `json:"created_at"`
}

// EnquiryAlertDocs returns alerts as printed; never null.
func EnquiryAlertDocs(as []EnquiryAlert) []EnquiryAlertDoc {
	out := make([]EnquiryAlertDoc, 0, len(as))
	for _, x := range as {
		out = append(out, EnquiryAlertDoc{x.ID, x.EnquiryID, x.EntityID, x.SourceID, x.Name, x.Score, x.CreatedAt.UTC().Format("2006-01-02T15:04:05Z")})
	}
	return out
}
