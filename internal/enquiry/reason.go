package enquiry

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Reason is one thing that weighs a candidate: a kind (Code) and its
// arguments — names and places as the sources and the family wrote them,
// numbers and dates as text. It is data, not a sentence: a page renders it
// in its own language when it is shown (internal/web's catalogue keys
// "enquiry.reason.CODE", the arguments in order), the command line and the
// API's "reasons" in English (String), and the API gives the code and
// arguments too.
type Reason struct {
	Code string   `json:"code"`
	Args []string `json:"args"`
}

// The codes of reasons, with their arguments.
const (
	ReasonName           = "name"               // query, name, score
	ReasonFatherAgrees   = "father_agrees"      // asked, stated
	ReasonFatherDiffers  = "father_differs"     // asked, stated
	ReasonMotherAgrees   = "mother_agrees"      // asked, stated
	ReasonMotherDiffers  = "mother_differs"     // asked, stated
	ReasonBornAgrees     = "born_agrees"        // year
	ReasonBornDiffers    = "born_differs"       // years apart
	ReasonSeenNear       = "seen_near"          // last seen, the event's date
	ReasonHomeNear       = "home_near"          // asked, stated
	ReasonLastSeenNear   = "last_seen_near"     // asked, stated (a place)
	ReasonLastSeenHeld   = "last_seen_facility" // asked, stated (a facility)
	ReasonHeldNear       = "held_near"          // asked, stated
	ReasonFateConfirmed  = "fate_confirmed"     // fate (casefile.Fates)
	ReasonFateSuggested  = "fate_suggested"     // fate
	ReasonAnotherClose   = "another_close"      // the next candidate's score
	ReasonConfirmedBy    = "confirmed_by"       // the caseworker
	ReasonRejectedBy     = "rejected_by"        // the caseworker
	ReasonFatherInSource = "father_in_source"   // the fathers' names the source gives, joined by ", "
	// ReasonText is a reason stored as English text before reasons were
	// data (watch-list alerts queued by an older version): its one
	// argument is shown as it is.
	ReasonText = "text"
)

// english are the reasons' English sentences, the arguments in order.
var english = map[string]string{
	ReasonName:           "name: %s ≈ %s (%s)",
	ReasonFatherAgrees:   "father's name agrees: %s ≈ %s",
	ReasonFatherDiffers:  "father's name differs: %s vs %s — evidence against",
	ReasonMotherAgrees:   "mother's name agrees: %s ≈ %s",
	ReasonMotherDiffers:  "mother's name differs: %s vs %s — strong evidence against",
	ReasonBornAgrees:     "birth year agrees: %s",
	ReasonBornDiffers:    "birth year differs by %s years — strong evidence against",
	ReasonSeenNear:       "last seen %s, and an event of theirs is dated %s",
	ReasonHomeNear:       "home: %s ≈ %s",
	ReasonLastSeenNear:   "last seen: %s ≈ %s",
	ReasonLastSeenHeld:   "last seen: %s ≈ %s",
	ReasonHeldNear:       "held: %s ≈ %s",
	ReasonFateConfirmed:  "fate in the case file: %s (confirmed)",
	ReasonFateSuggested:  "fate in the case file: %s (suggested)",
	ReasonAnotherClose:   "another candidate comes close (%s)",
	ReasonConfirmedBy:    "confirmed by %s",
	ReasonRejectedBy:     "rejected by %s",
	ReasonFatherInSource: "father's name in the source: %s (the entry gives none)",
	ReasonText:           "%s",
}

// Codes lists every reason code (a page's catalogue has a message for each).
func Codes() []string {
	out := make([]string, 0, len(english))
	for k := range english {
		out = append(out, k)
	}
	return out
}

func reason(code string, args ...any) Reason {
	r := Reason{Code: code, Args: make([]string, len(args))}
	for i, a := range args {
		switch a := a.(type) {
		case float64:
			r.Args[i] = fmt.Sprintf("%.2f", a)
		default:
			r.Args[i] = fmt.Sprint(a)
		}
	}
	return r
}

// String is the reason in English.
func (r Reason) String() string {
	msg, ok := english[r.Code]
	if !ok {
		return r.Code + ": " + strings.Join(r.Args, ", ")
	}
	args := make([]any, len(r.Args))
	for i, a := range r.Args {
		args[i] = a
	}
	return fmt.Sprintf(msg, args...)
}

// Against reports whether the reason speaks against the candidate.
func (r Reason) Against() bool {
	switch r.Code {
	case ReasonFatherDiffers, ReasonMotherDiffers, ReasonBornDiffers, ReasonRejectedBy:
		return true
	}
	return false
}

// Texts are reasons in English, never nil.
func Texts(rs []Reason) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.String())
	}
	return out
}

// ReasonsOrEmpty is rs, never nil, its arguments never nil (as JSON
// prints them: [] rather than null).
func ReasonsOrEmpty(rs []Reason) []Reason {
	out := make([]Reason, 0, len(rs))
	for _, r := range rs {
		if r.Args == nil {
			r.Args = []string{}
		}
		out = append(out, r)
	}
	return out
}

// ParseReasons reads reasons as stored (JSON): a list of reasons, or — as
// an older version stored them — a list of English sentences, each kept
// as a ReasonText.
func ParseReasons(js []byte) ([]Reason, error) {
	var rs []Reason
	if err := json.Unmarshal(js, &rs); err == nil {
		return rs, nil
	}
	var texts []string
	if err := json.Unmarshal(js, &texts); err != nil {
		return nil, err
	}
	rs = make([]Reason, 0, len(texts))
	for _, t := range texts {
		rs = append(rs, Reason{Code: ReasonText, Args: []string{t}})
	}
	return rs, nil
}
