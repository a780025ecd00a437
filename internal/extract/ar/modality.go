package ar

import "github.com/athar-project/athar/internal/extract"

// Modality cues.
var (
	denyCues   = words("deny_cues")
	allegeCues = words("allege_cues")
	// accusationCues make only the events of reportedTypes an allegation:
	// "أوقفت الدورية X وY، المتهمين بارتكاب انتهاكات" asserts the arrest.
	accusationCues = words("accusation_cues")
	notSaid        = words("not_said")
)

// reportedTypes are the events a source most often tells as someone's
// account: torture, an execution, a death or a disappearance. Said by
// someone in the sentence ("قالت الوزارة إن ...", "وثّق المرصد ...",
// "... يقول") or in someone's words in quotation marks, they are that
// someone's allegation, as in the English extractor.
var reportedTypes = map[string]bool{
	extract.EventTortureAllegation: true, extract.EventExecutionAllegation: true,
	extract.EventDeathInCustody: true, extract.EventDisappearance: true,
}

// modality reads how the sentence reports an event of typ whose trigger is
// at a.
func (d *doc) modality(typ string, a int, s sentence) string {
	if d.fold(a-1) == "لم" || d.fold(a-2) == "لم" || d.fold(a-1) == "لن" {
		return extract.Denied
	}
	for k := s.a; k < s.b; k++ {
		if _, ok := d.has(k, denyCues); ok && (!stepTypes[typ] || k < a && k >= a-4) {
			return extract.Denied
		}
	}
	for k := s.a; k < s.b; k++ {
		if _, ok := d.has(k, allegeCues); ok {
			return extract.Alleged
		}
	}
	if reportedTypes[typ] && (d.saidIn(s) || d.quotedAt(a, s) || d.accusedIn(s)) {
		return extract.Alleged
	}
	return extract.Asserted
}

// stepTypes are what is done to someone in custody or before a court: a
// denial in their sentence denies them only when it governs their word ("نفت
// الوزارة اعتقال X"); "ومثل X أمام المحكمة، ونفى جميع التهم" denies the
// charges, not the trial, and "X، الذي أوقف في تشرين الثاني، نفى التهم" not
// the arrest.
var stepTypes = map[string]bool{
	extract.EventArrest: true, extract.EventReferral: true, extract.EventTrial: true, extract.EventConviction: true,
	extract.EventWanted: true, extract.EventRelease: true,
}

// accusedIn reports a word of accusation in the sentence.
func (d *doc) accusedIn(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		if _, ok := d.has(k, accusationCues); ok {
			return true
		}
	}
	return false
}

// saidIn reports a verb of saying, reporting or telling in the sentence.
func (d *doc) saidIn(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		if notSaid[d.fold(k)] {
			continue
		}
		if _, ok := d.has(k, speechVerbs); ok {
			return true
		}
		if _, ok := d.has(k, reportVerbs); ok {
			return true
		}
		if _, ok := d.has(k, tellVerbs); ok {
			return true
		}
	}
	return false
}

// quotedAt reports the token at a inside quotation marks opened in its
// sentence: someone's words.
func (d *doc) quotedAt(a int, s sentence) bool {
	open, guillemets := false, 0
	for k := s.a; k < a && k < s.b; k++ {
		switch d.fold(k) {
		case "\"":
			open = !open
		case "«":
			guillemets++
		case "»":
			if guillemets > 0 {
				guillemets--
			}
		}
	}
	return open || guillemets > 0
}
