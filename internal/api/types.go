package api

import (
	"time"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
)

// The shapes of the API's answers. Types are named with an Out suffix that
// the OpenAPI document drops (SourceOut is the schema Source).

// SourceOut is a source without its text, as the API answers it: the fields
// and names of `athar sources list --json`, and a few more. (Exported so that
// the OpenAPI schema of a source with its text can embed it.)
type SourceOut struct {
	ID          string  `json:"id" doc:"Stable id: the same on both engines and after a backup and restore."`
	SHA256      string  `json:"sha256" doc:"SHA-256 of the original bytes, hex."`
	Kind        string  `json:"kind" enum:"article,statement,testimony,document,social_post,court_record"`
	Title       string  `json:"title"`
	Publisher   string  `json:"publisher"`
	URL         string  `json:"url"`
	Published   *string `json:"published" doc:"YYYY-MM-DD, YYYY-MM or YYYY; null when unknown."`
	Language    string  `json:"language"`
	Sensitivity string  `json:"sensitivity" enum:"public,internal,restricted,confidential"`
	IngestedAt  string  `json:"ingested_at" format:"date-time"`
	DuplicateOf *string `json:"duplicate_of" doc:"The source this one nearly copies; null when none."`
	ContentType string  `json:"content_type"`
	Filename    string  `json:"filename"`
	Size        int64   `json:"size" doc:"Bytes of the original."`
}

// sourceDetailOut is a source with the text every span points into.
type sourceDetailOut struct {
	SourceOut
	Text string `json:"text" doc:"The plain text that statements' spans point into (offsets in Unicode code points); empty while text_pending."`
	// TextPending: a long text still being written, a piece at a time.
	TextPending bool `json:"text_pending,omitempty" doc:"True while a long text is still being stored, a piece at a time: text is then empty, not part of it."`
}

func toSource(s model.Source) SourceOut {
	out := SourceOut{ID: s.ID, SHA256: s.SHA256, Kind: string(s.Kind), Title: s.Title, Publisher: s.Publisher, URL: s.URL,
		Language: s.Language, Sensitivity: s.Sensitivity.String(), IngestedAt: s.IngestedAt.UTC().Format(time.RFC3339),
		ContentType: s.ContentType, Filename: s.Filename, Size: s.Size}
	if !s.Published.IsZero() {
		p := s.Published.String()
		out.Published = &p
	}
	if s.DuplicateOf != "" {
		d := s.DuplicateOf
		out.DuplicateOf = &d
	}
	return out
}

func toSources(srcs []model.Source) []SourceOut {
	out := make([]SourceOut, 0, len(srcs))
	for _, s := range srcs {
		out = append(out, toSource(s))
	}
	return out
}

// spanOut locates a quote in its source's text.
type spanOut struct {
	Start int    `json:"start" doc:"Offset of the first code point."`
	End   int    `json:"end" doc:"Offset after the last code point."`
	Quote string `json:"quote" doc:"The exact text of the span."`
}

// statementOut is one statement: an entity has a property with a value,
// according to a source.
type statementOut struct {
	ID          string   `json:"id"`
	EntityID    string   `json:"entity_id"`
	Property    string   `json:"property" doc:"FollowTheMoney's property name where it has one (name, alias, birthPlace, involved…)."`
	Value       string   `json:"value"`
	ValueEntity string   `json:"value_entity,omitempty" doc:"The entity the value links to, if any."`
	SourceID    string   `json:"source_id,omitempty"`
	Span        *spanOut `json:"span,omitempty"`
	DateStart   string   `json:"date_start,omitempty"`
	DateEnd     string   `json:"date_end,omitempty"`
	Confidence  float64  `json:"confidence"`
	Origin      string   `json:"origin" doc:"extracted:NAME@VERSION, manual or imported:DATASET."`
	Status      string   `json:"status" enum:"proposed,confirmed,rejected"`
	Modality    string   `json:"modality,omitempty" enum:"asserted,alleged,denied"`
	Role        string   `json:"role,omitempty" doc:"A participant's role in an event: subject, perpetrator, victim, agent, witness."`
	Sensitivity string   `json:"sensitivity" enum:"public,internal,restricted,confidential"`
	Author      string   `json:"author"`
	CreatedAt   string   `json:"created_at" format:"date-time"`
	Reviewer    string   `json:"reviewer,omitempty"`
	ReviewedAt  string   `json:"reviewed_at,omitempty" format:"date-time"`
	ReviewNote  string   `json:"review_note,omitempty"`
}

func toStatement(st model.Statement) statementOut {
	out := statementOut{ID: st.ID, EntityID: st.EntityID, Property: string(st.Property), Value: st.Value, ValueEntity: st.ValueEntity,
		SourceID: st.SourceID, DateStart: st.DateStart.String(), DateEnd: st.DateEnd.String(), Confidence: st.Confidence,
		Origin: st.Origin, Status: string(st.Status), Modality: string(st.Modality), Role: string(st.Role),
		Sensitivity: st.Sensitivity.String(), Author: st.Author, CreatedAt: st.CreatedAt.UTC().Format(time.RFC3339Nano),
		Reviewer: st.Reviewer, ReviewNote: st.ReviewNote}
	if st.SourceID != "" && (st.Span.End > 0 || st.Span.Quote != "") {
		out.Span = &spanOut{Start: st.Span.Start, End: st.Span.End, Quote: st.Span.Quote}
	}
	if !st.ReviewedAt.IsZero() {
		out.ReviewedAt = st.ReviewedAt.UTC().Format(time.RFC3339Nano)
	}
	return out
}

func toStatements(sts []model.Statement) []statementOut {
	out := make([]statementOut, 0, len(sts))
	for _, st := range sts {
		out = append(out, toStatement(st))
	}
	return out
}

// EntityOut is an entity in a list, with its names. (Exported so that the
// OpenAPI schema of one entity can embed it.)
type EntityOut struct {
	ID    string   `json:"id"`
	Type  string   `json:"type" enum:"person,organization,facility,place,event"`
	Names []string `json:"names" doc:"Every name and alias the caller may see, in every script, strongest first."`
}

func toEntity(e app.EntityNames) EntityOut {
	names := e.Names
	if names == nil {
		names = []string{}
	}
	return EntityOut{ID: e.ID, Type: string(e.Type), Names: names}
}

// entityDetailOut is one entity with its statements grouped by property and
// the events it takes part in.
type entityDetailOut struct {
	EntityOut
	MergedFrom           []string                  `json:"merged_from" doc:"Entities merged into this one; their statements are included."`
	Statements           map[string][]statementOut `json:"statements" doc:"The statements the caller may see, by property, in the order they were made, the first 200 of them; rejected ones are included with their status."`
	StatementsNextCursor *string                   `json:"statements_next_cursor" doc:"When it has more than 200: pass as cursor to GET /entities/{id}/statements for the rest; null otherwise."`
	Events               []eventRefOut             `json:"events" doc:"The events it takes part in, as participant, organizer or location, with each event's review state: a person's all (rejected ones too); a facility's, place's or organization's latest 50 that are not rejected."`
	EventsNextCursor     *string                   `json:"events_next_cursor" doc:"When earlier events follow: pass as cursor to GET /entities/{id}/events for them; null otherwise."`
	Event                *eventOut                 `json:"event,omitempty" doc:"For an entity of type event: the event."`
	Status               casefile.StatusDoc        `json:"status" doc:"A person's case status, from confirmed events and as every event suggests it (GET /entities/{id}/case has the whole case file)."`
	Fate                 casefile.FateDoc          `json:"fate" doc:"A victim's fate, likewise."`
}

// eventRefOut is an entity's part in an event.
type eventRefOut struct {
	EventID     string `json:"event_id"`
	EventType   string `json:"event_type"`
	Date        string `json:"date,omitempty"`
	Property    string `json:"property" enum:"involved,organizer,location" doc:"How the event names the entity."`
	Role        string `json:"role,omitempty"`
	StatementID string `json:"statement_id"`
	Review      string `json:"review" enum:"confirmed,proposed,rejected" doc:"The event's review state: confirmed when its type and this entity's part are all confirmed, rejected when one is, else proposed."`
}

// eventOut is an event with its participants and their roles.
type eventOut struct {
	ID           string           `json:"id"`
	EventType    string           `json:"event_type" doc:"arrest, detention, trial, conviction, death_in_custody, torture_allegation… (empty when the caller may not see it; for a rejected event, the type that was rejected)."`
	Date         string           `json:"date,omitempty" doc:"YYYY-MM-DD, YYYY-MM or YYYY."`
	Status       string           `json:"status" enum:"proposed,confirmed,rejected" doc:"confirmed when its type statements the caller may see are all confirmed, rejected when they were rejected (or nothing of it stands), else proposed."`
	Modalities   []string         `json:"modalities" doc:"How its sources report it: asserted, alleged, denied."`
	Locations    []participantOut `json:"locations"`
	Participants []participantOut `json:"participants"`
	Organizers   []participantOut `json:"organizers"`
	Sources      []string         `json:"sources" doc:"Ids of the sources that report it."`
	Statements   []statementOut   `json:"statements"`
}

// participantOut is an entity an event names, with its role.
type participantOut struct {
	EntityID    string `json:"entity_id,omitempty" doc:"The entity the name was linked to (after merges); absent when not linked."`
	Name        string `json:"name" doc:"As the source writes it."`
	Role        string `json:"role,omitempty" doc:"subject, perpetrator, victim, agent or witness."`
	Status      string `json:"status" enum:"proposed,confirmed"`
	StatementID string `json:"statement_id"`
}

// candidateOut is an entity a name may stand for, as the matcher scores it.
type candidateOut struct {
	EntityID string   `json:"entity_id"`
	Name     string   `json:"name" doc:"The entity's name that matched best."`
	Score    float64  `json:"score"`
	Link     bool     `json:"link" doc:"Athar would link the name to this entity automatically (at most one candidate)."`
	Reasons  []string `json:"reasons"`
}

func toCandidates(cs []app.Candidate) []candidateOut {
	out := make([]candidateOut, 0, len(cs))
	for _, c := range cs {
		reasons := c.Reasons
		if reasons == nil {
			reasons = []string{}
		}
		out = append(out, candidateOut{EntityID: c.EntityID, Name: c.Name, Score: round3(c.Score), Link: c.Link, Reasons: reasons})
	}
	return out
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }
