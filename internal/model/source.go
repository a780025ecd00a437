package model

import (
	"fmt"
	"time"
)

// SourceKind says what a source is.
type SourceKind string

// The kinds of source.
const (
	KindArticle     SourceKind = "article"
	KindStatement   SourceKind = "statement"
	KindTestimony   SourceKind = "testimony"
	KindDocument    SourceKind = "document"
	KindSocialPost  SourceKind = "social_post"
	KindCourtRecord SourceKind = "court_record"
)

// SourceKinds lists every kind.
func SourceKinds() []SourceKind {
	return []SourceKind{KindArticle, KindStatement, KindTestimony, KindDocument, KindSocialPost, KindCourtRecord}
}

// ParseSourceKind checks a kind's name.
func ParseSourceKind(s string) (SourceKind, error) {
	for _, k := range SourceKinds() {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown source kind %q (want article, statement, testimony, document, social_post or court_record)", s)
}

// DefaultSensitivity is the level a new source of this kind gets when nobody
// says otherwise: testimonies are confidential, published material public.
func (k SourceKind) DefaultSensitivity() Sensitivity {
	if k == KindTestimony {
		return Confidential
	}
	return Public
}

// Precision says how much of a date is known.
type Precision string

// Date precisions.
const (
	PrecisionNone  Precision = ""
	PrecisionYear  Precision = "year"
	PrecisionMonth Precision = "month"
	PrecisionDay   Precision = "day"
)

// Date is a calendar date known to some precision. The zero Date is unknown.
type Date struct {
	Year, Month, Day int
	Precision        Precision
}

// DayDate is a date known to the day.
func DayDate(y, m, d int) Date { return Date{y, m, d, PrecisionDay} }

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Precision == PrecisionNone }

// String writes the date as YYYY-MM-DD, YYYY-MM or YYYY by its precision, or
// "" when unknown.
func (d Date) String() string {
	switch d.Precision {
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	}
	return ""
}

// ParseDate reads YYYY-MM-DD, YYYY-MM or YYYY; "" is the unknown date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	layouts := []struct {
		layout string
		p      Precision
	}{{"2006-01-02", PrecisionDay}, {"2006-01", PrecisionMonth}, {"2006", PrecisionYear}}
	for _, l := range layouts {
		if len(s) != len(l.layout) {
			continue
		}
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		d := Date{Year: t.Year(), Precision: l.p}
		if l.p != PrecisionYear {
			d.Month = int(t.Month())
		}
		if l.p == PrecisionDay {
			d.Day = t.Day()
		}
		return d, nil
	}
	return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
}

// Source is one document in the archive: the original bytes (by hash) and the
// plain text that every span points into.
type Source struct {
	ID          string
	SHA256      string // hex digest of the original bytes
	Kind        SourceKind
	Title       string
	Publisher   string
	URL         string
	Published   Date
	RetrievedAt time.Time // when the bytes were fetched or read; zero if unknown
	Language    string    // "ar", "en" or "other"
	Text        string
	// TextPending says the text is still being written, a piece at a
	// time (a long text, just ingested): Text is then empty, not part of
	// it.
	TextPending bool
	// Lead is the text's first LeadLength code points, which lists load in
	// place of Text so that DisplayTitle can find a headline; "" when not
	// loaded.
	Lead        string
	ContentType string // of the original bytes, e.g. "text/html"
	Filename    string // the name the original had, if any
	Size        int64
	Sensitivity Sensitivity
	Reliability string // A–F, "" when not graded
	Credibility string // 1–6, "" when not graded
	AddedBy     string
	IngestedAt  time.Time
	// DuplicateOf names the earlier source this one is a near-copy of
	// (syndicated or shortened), with the estimated similarity; "" when none.
	DuplicateOf string
	Similarity  float64
}
