package web

import (
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/web/i18n"
)

// entityPage is what an entity's page shows: its case file, read as the
// viewer, with the page's own parts (the open merge proposals naming it and
// the sources that mention it as links).
type entityPage struct {
	*casefile.File
	SourceRows []sourceRow
	Candidates []candidate
	// For reviewers (entity_merge.go): the entities merged into this one,
	// and the one just split off.
	Parts    []mergePart
	SplitOff *entityRef
	// StNotes are the notes on its statements the viewer may see, by
	// statement (statement_notes.go).
	StNotes map[string][]app.StatementNote
	// A hub's timeline a page at a time: the page of older events, and
	// on a page after the first, the latest.
	OlderURL, LatestURL string
}

// candidate is an open merge proposal naming this entity.
type candidate struct {
	Proposal string
	Other    entityRef
	Score    float64
}

// loadEntity reads an entity's page. ok is false when the viewer may see
// nothing of it.
func (rd *reader) loadEntity(e model.Entity) (entityPage, bool, error) {
	f, ok, err := rd.cf.Read(e, casefile.Options{Bounded: rd.brief, EventsBefore: rd.eventsBefore})
	if err != nil || !ok {
		return entityPage{File: f}, false, err
	}
	p := entityPage{File: f, SourceRows: rows(f.Sources)}
	if f.TimelineNext != nil {
		p.OlderURL = "/entities/" + e.ID + "/timeline?before=" + f.TimelineNext.String()
	}
	if rd.eventsBefore != nil {
		p.LatestURL = "/entities/" + e.ID + "/timeline"
	}
	if e.Type != model.TypeEvent {
		if p.Candidates, err = rd.candidates(append([]string{e.ID}, f.Merged...)); err != nil {
			return p, false, err
		}
	}
	return p, true, nil
}

// candidates lists the open merge proposals naming one of ids, with the
// other entity as far as the viewer may see it (a proposal whose other side
// the viewer may see nothing of is left out).
func (rd *reader) candidates(ids []string) ([]candidate, error) {
	props, err := rd.st.MergeProposalsOf(rd.ctx, "open", ids)
	if err != nil {
		return nil, err
	}
	var out []candidate
	for _, pr := range props {
		other := ""
		switch {
		case containsString(ids, pr.EntityA):
			other = pr.EntityB
		case containsString(ids, pr.EntityB):
			other = pr.EntityA
		default:
			continue
		}
		r, err := rd.ref(other)
		if err != nil {
			return nil, err
		}
		if r.Caption == "" {
			continue
		}
		score := pr.Score
		if !rd.fullView() {
			// the stored score may rest on names the viewer may not see
			mine, err := rd.namesOf(ids)
			if err != nil {
				return nil, err
			}
			theirs, err := rd.visibleNames(other)
			if err != nil {
				return nil, err
			}
			score, _ = compareOver(mine, theirs)
		}
		out = append(out, candidate{Proposal: pr.ID, Other: r, Score: score})
	}
	return out, nil
}

// namesOf lists the visible names of several entities.
func (rd *reader) namesOf(ids []string) ([]string, error) {
	var out []string
	for _, id := range ids {
		ns, err := rd.visibleNames(id)
		if err != nil {
			return nil, err
		}
		out = append(out, ns...)
	}
	return out, nil
}

// entityList is the entities of a type the viewer may see something of.
func (rd *reader) entityList(typ model.EntityType) ([]app.EntityNames, error) {
	return rd.st.Entities(rd.ctx, rd.v, typ)
}

// Suggests introduces what unreviewed readings suggest, with how many
// independent sources they rest on ("6 sources, unreviewed, suggest:").
func (v *view) Suggests(sources int) string { return i18n.Suggests(v.Lang, sources) }
