package enquiry

// Doc is an enquiry as the command line and the API print it.
type Doc struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Father       string `json:"father"`
	Mother       string `json:"mother"`
	Family       string `json:"family"`
	Sex          string `json:"sex"`
	Born         string `json:"born"`
	Home         string `json:"home"`
	LastSeenDate string `json:"last_seen_date"`
	LastSeenAt   string `json:"last_seen_at"`
	HeldAt       string `json:"held_at"`
	AskedBy      string `json:"asked_by"`
	Contact      string `json:"contact"`
	Consent      string `json:"consent"`
	Status       string `json:"status"`
	CreatedBy    string `json:"created_by"`
	CreatedAt    string `json:"created_at"`
	UpdatedAt    string `json:"updated_at"`
}

// Doc returns e as printed.
func (e Enquiry) Doc() Doc {
	return Doc{ID: e.ID, Name: e.Name, Father: e.Father, Mother: e.Mother, Family: e.Family, Sex: e.Sex,
		Born: e.Born.String(), Home: e.Home, LastSeenDate: e.LastSeenDate.String(), LastSeenAt: e.LastSeenAt,
		HeldAt: e.HeldAt, AskedBy: e.AskedBy, Contact: e.Contact, Consent: e.Consent, Status: string(e.Status),
		CreatedBy: e.CreatedBy, CreatedAt: e.CreatedAt.UTC().Format("2006-01-02T15:04:05Z"),
		UpdatedAt: e.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z")}
}

// CandidateDoc is a candidate as `athar enquiry matches --json` and the
// API print it (CONTRACTS.md).
type CandidateDoc struct {
	EntityID string  `json:"entity_id"`
	Name     string  `json:"name"`
	Score    float64 `json:"score"`
	Match    bool    `json:"match"`
	// Reasons are in English; ReasonCodes are the same reasons as data.
	Reasons     []string `json:"reasons"`
	ReasonCodes []Reason `json:"reason_codes"`
	Sources     []string `json:"sources"`
}

// Docs returns candidates as printed; never null.
func Docs(cs []Candidate) []CandidateDoc {
	out := make([]CandidateDoc, 0, len(cs))
	for _, c := range cs {
		d := CandidateDoc{EntityID: c.EntityID, Name: c.Name, Score: c.Score, Match: c.Match, Reasons: Texts(c.Reasons),
			ReasonCodes: ReasonsOrEmpty(c.Reasons), Sources: c.Sources}
		if d.Sources == nil {
			d.Sources = []string{}
		}
		out = append(out, d)
	}
	return out
}

// AnswerDoc is a family's answer as printed.
type AnswerDoc struct {
	EnquiryID string         `json:"enquiry_id"`
	Found     bool           `json:"found"`
	Certainty string         `json:"certainty"`
	Kinds     map[string]int `json:"kinds"`
	Fate      string         `json:"fate"`
	English   string         `json:"en"`
	Arabic    string         `json:"ar"`
}

// Doc returns a as printed.
func (a Answer) Doc() AnswerDoc {
	d := AnswerDoc{EnquiryID: a.EnquiryID, Found: a.Found, Certainty: a.Certainty, Kinds: map[string]int{}, Fate: a.Fate, English: a.English, Arabic: a.Arabic}
	for k, n := range a.Kinds {
		d.Kinds[string(k)] = n
	}
	return d
}

// WantedDoc is a watch-list entry as `athar watch add --json`, `athar watch
// list --json` and the API print it.
type WantedDoc struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Aliases     []string `json:"aliases"`
	Rank        string   `json:"rank"`
	Born        string   `json:"born"`
	Note        string   `json:"note"`
	Sensitivity string   `json:"sensitivity"`
	CreatedBy   string   `json:"created_by"`
	CreatedAt   string   `json:"created_at"`
}

// Doc returns w as printed; aliases never null.
func (w Wanted) Doc() WantedDoc {
	d := WantedDoc{ID: w.ID, Name: w.Name, Aliases: w.Aliases, Rank: w.Rank, Born: w.Born.String(), Note: w.Note,
		Sensitivity: w.Sensitivity.String(), CreatedBy: w.CreatedBy, CreatedAt: w.CreatedAt.UTC().Format("2006-01-02T15:04:05Z")}
	if d.Aliases == nil {
		d.Aliases = []string{}
	}
	return d
}
