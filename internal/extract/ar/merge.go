package ar

import (
	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// personTypes are events about someone: an event of one of these types that
// names nobody restates one that does.
var personTypes = map[string]bool{extract.EventArrest: true, extract.EventConfession: true, extract.EventReferral: true,
	extract.EventTrial: true, extract.EventConviction: true, extract.EventEscape: true, extract.EventWanted: true,
	extract.EventRelease: true}

// judicialTypes are the steps of justice taken against someone: no one dead
// is referred, tried, convicted or wanted.
var judicialTypes = map[string]bool{extract.EventReferral: true, extract.EventTrial: true,
	extract.EventConviction: true, extract.EventWanted: true}

// victimsNotAccused takes out of a referral, trial, conviction or wanted
// notice the persons the text says died or were executed in custody, and
// those it says were tortured in the same sentence, and, beside someone
// accused, those introduced as detainees or victims: "في قضية اختفاء الصحفي
// وليد نجار ووفاته" names the victim of the case, not the convicted; "وأكدت
// النيابة خلال المحاكمة أنه … تعرّض للتعذيب" speaks of the victim. An event
// left naming nobody is dropped: whom it was about is not known; so are
// those of its type that name nobody, as before.
func (d *doc) victimsNotAccused() {
	dead := map[*person]bool{}
	tortured := map[sentence]map[*person]bool{}
	for _, ev := range d.events {
		for i, p := range ev.persons {
			if ev.who[i].Role != extract.RoleVictim {
				continue
			}
			switch ev.typ {
			case extract.EventDeathInCustody, extract.EventExecutionAllegation:
				dead[p] = true
			case extract.EventTortureAllegation:
				if tortured[ev.sent] == nil {
					tortured[ev.sent] = map[*person]bool{}
				}
				tortured[ev.sent][p] = true
			}
		}
	}
	for _, ev := range d.events {
		if !judicialTypes[ev.typ] || len(ev.persons) == 0 {
			continue
		}
		accused := false
		for _, p := range ev.persons {
			accused = accused || !p.victim && !dead[p] && !tortured[ev.sent][p]
		}
		var ps []*person
		var who []extract.Participant
		for i, p := range ev.persons {
			if dead[p] || tortured[ev.sent][p] || accused && p.victim {
				continue // "أدانت المحكمة X بتهمة القتل العمد للمعتقل Y": Y is no convict
			}
			if (p.advocate || p.court) && ev.who[i].Role == extract.RoleSubject {
				continue // "نفى محامي العائلة، المحامي X، الاتهامات": the lawyer, the judge or the rights worker works on the case, no defendant
			}
			ps = append(ps, p)
			who = append(who, ev.who[i])
		}
		if len(ps) == 0 {
			ev.dropped = true // its persons kept: a trial that names nobody restates it
			continue
		}
		ev.persons, ev.who = ps, who
	}
}

// mergeEvents reports each fact once: events of one type that share a
// person, or that both name nobody, are one event.
func (d *doc) mergeEvents() {
	named := map[string]bool{}
	namedIn := map[sentence]map[string]bool{}
	for _, ev := range d.events {
		if len(ev.persons) > 0 {
			named[ev.typ] = true
			if namedIn[ev.sent] == nil {
				namedIn[ev.sent] = map[string]bool{}
			}
			namedIn[ev.sent][ev.typ] = true
		}
	}
	var out []*event
	for _, ev := range bodyFirst(d.events) {
		if ev.bodyOnly && len(ev.persons) == 0 && !d.announcesEvent(ev) || ev.dropped {
			continue // "وقالت الوزارة إن التحقيقات جارية": no event announced
		}
		if ev.typ == extract.EventTestimony && len(ev.persons) == 0 {
			continue // "شهادات ناجين": nobody's testimony
		}
		if len(ev.persons) == 0 && (ev.sent.heading || named[ev.typ] && ev.typ != extract.EventTestimony || namedIn[ev.sent][ev.typ] ||
			ev.typ == extract.EventRelease || ev.typ == extract.EventEscape && !d.inmatesIn(ev.sent)) {
			continue
		}
		merged := false
		for _, o := range out {
			if o.typ != ev.typ || !samePersons(o, ev) || o.typ == extract.EventArrest && otherYear(o.date, ev.date) {
				continue
			}
			if o.where == "" || o.leadIn && !ev.leadIn && ev.where != "" || d.datelineOnly(o) && ev.where != "" && !d.datelineOnly(ev) ||
				ev.where != "" && d.countryNamed(o.where) && !d.countryNamed(ev.where) {
				// "بعد إدانته في ألمانيا" then "أدانته المحكمة في فرانكفورت": the city is the more specific
				o.where = ev.where
				o.leadIn = ev.leadIn
			}
			if o.date == nil || finerDate(o.date, ev.date) && coversPersons(ev, o) {
				o.date = ev.date
			}
			for i, p := range ev.persons {
				if !containsPerson(o.persons, p) {
					o.persons = append(o.persons, p)
					o.who = append(o.who, ev.who[i])
				}
			}
			if o.modality != ev.modality && ev.modality == extract.Asserted && o.modality == extract.Alleged && !ev.sent.heading {
				// the quote is the sentence that asserts it, never an
				// accusation shown beside "asserted"
				o.modality = extract.Asserted
				o.sent, o.trig = ev.sent, ev.trig
			}
			merged = true
			break
		}
		if !merged {
			out = append(out, ev)
		}
	}
	d.events = out
}

// finerDate reports a date b that says more than a and agrees with it: a
// full date written out ("في 14 تموز 2015") over a relative one that ended
// elsewhere, or a day over its own month or year ("عام 2013", later "في 3
// آذار 2013"). Dates that disagree keep the first.
func finerDate(a, b *dateRef) bool {
	if b == nil || b.date.IsZero() || a.date.IsZero() {
		return b != nil && !b.date.IsZero() && a.date.IsZero()
	}
	if b.date.Year != a.date.Year || a.date.Precision == model.PrecisionMonth && b.date.Month != a.date.Month {
		return a.relative && !b.relative // a relative date stands down before a written one
	}
	return precisionRank[b.date.Precision] > precisionRank[a.date.Precision]
}

// otherYear reports two written dates of different years: "اعتُقل عام
// 2012 … ثم أعيد اعتقاله في آذار 2025" tells two arrests, not one.
// Relative dates are left out: read against the published date they may be
// the announcement's.
func otherYear(a, b *dateRef) bool {
	return a != nil && b != nil && !a.date.IsZero() && !b.date.IsZero() && !a.relative && !b.relative && a.date.Year != b.date.Year
}

var precisionRank = map[model.Precision]int{model.PrecisionYear: 1, model.PrecisionMonth: 2, model.PrecisionDay: 3}

// datelineOnly reports an event placed by the dateline alone: its place is
// the dateline's and its sentence does not name it past the dateline. "دمشق - أعلنت الوزارة
// توقيف X" and then "ألقت القبض عليه … بريف جبلة": the arrest was at Jableh.
func (d *doc) datelineOnly(ev *event) bool {
	if ev.where == "" || ev.where != d.disc.dateline {
		return false
	}
	for k := max(ev.sent.a, d.disc.datelineEnd); k < ev.sent.b; k++ {
		if e := d.entAt[k]; e != nil && e.name == ev.where {
			return false
		}
	}
	return true
}

// bodyFirst orders events so that those of the body come before those of
// headings: a fact a headline and the body both state takes the body's
// place, date and quote.
func bodyFirst(evs []*event) []*event {
	out := make([]*event, 0, len(evs))
	for _, ev := range evs {
		if !ev.sent.heading {
			out = append(out, ev)
		}
	}
	for _, ev := range evs {
		if ev.sent.heading {
			out = append(out, ev)
		}
	}
	return out
}

// inmatesIn reports words for prisoners in a sentence: "فرار سبعة سجناء".
func (d *doc) inmatesIn(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		if _, ok := d.has(k, inmateWords); ok {
			return true
		}
		if _, ok := d.has(k, victimWordSet); ok {
			return true
		}
	}
	return false
}

// samePersons reports events about the same persons, or both about nobody.
func samePersons(a, b *event) bool {
	if len(a.persons) == 0 || len(b.persons) == 0 {
		return len(a.persons) == len(b.persons)
	}
	for _, p := range a.persons {
		if containsPerson(b.persons, p) {
			return true
		}
	}
	return false
}

// coversPersons reports that event b names everyone a names: a finer date
// of b ("اعتُقل X في 3 آذار") is not the date of others a also names.
func coversPersons(b, a *event) bool {
	for _, p := range a.persons {
		if !containsPerson(b.persons, p) {
			return false
		}
	}
	return true
}

func containsPerson(ps []*person, p *person) bool {
	for _, x := range ps {
		if x == p {
			return true
		}
	}
	return false
}

// courtTypes are the events a court holds.
var courtTypes = map[string]bool{extract.EventTrial: true, extract.EventConviction: true}

// shareVerdicts gives a trial or verdict that names nobody the persons
// another of its sentence names: "قضت المحكمة بسجن طبيب سوري …، بعد محاكمة
// استمرت ثلاث سنوات" is the doctor's trial.
func (d *doc) shareVerdicts() {
	for _, ev := range d.events {
		if !courtTypes[ev.typ] || len(ev.persons) > 0 {
			continue
		}
		for _, o := range d.events {
			if o != ev && o.sent == ev.sent && courtTypes[o.typ] && len(o.persons) > 0 {
				for _, p := range o.persons {
					ev.persons = append(ev.persons, p)
					ev.who = append(ev.who, extract.Participant{Name: p.name, Role: extract.RoleSubject})
				}
				break
			}
		}
	}
}

// shareCourtPlace gives a trial or a verdict with no place the place of the
// other about the same persons: the court's city.
func (d *doc) shareCourtPlace() {
	for _, ev := range d.events {
		if !courtTypes[ev.typ] || ev.where != "" {
			continue
		}
		for _, o := range d.events {
			if o != ev && courtTypes[o.typ] && o.typ != ev.typ && o.where != "" && samePersons(o, ev) && len(ev.persons) > 0 {
				ev.where = o.where
				break
			}
		}
	}
}

// maxCourtBack bounds how many sentences back "المحكمة" may point to the
// court named before.
const maxCourtBack = 4

// theCourtBefore gives a trial or a verdict with no place, whose sentence
// speaks of "المحكمة" (the court, named before), the place of the latest
// trial or verdict before it, within a few sentences: "… أمام المحكمة
// العليا في مدينة كوبلنز … الآن تحاكم المحكمة X".
func (d *doc) theCourtBefore() {
	court := foldText("المحكمة")
	for i, ev := range d.events {
		if !courtTypes[ev.typ] || ev.where != "" || ev.dropped {
			continue
		}
		named := false
		for k := ev.sent.a; k < ev.sent.b; k++ {
			if d.fold(k) == court && d.own[k] == ownNone {
				named = true
				break
			}
		}
		if !named {
			continue
		}
		si := d.sentIndex(ev.sent)
		for j := i - 1; j >= 0; j-- {
			o := d.events[j]
			oi := d.sentIndex(o.sent)
			if oi < si-maxCourtBack || oi >= si {
				if oi < si-maxCourtBack {
					break
				}
				continue
			}
			if courtTypes[o.typ] && o.where != "" {
				ev.where = o.where
				break
			}
		}
	}
}

// lendLeadPlaces gives the place of a trial or a verdict that names nobody
// ("أدانت محكمة الاستئناف في لاهاي مقاتلاً سورياً …") to the next one of
// its type, within three sentences, that names someone and no place
// ("وأصدرت المحكمة حكماً بإدانة X"): the lead tells where the court sits,
// the later sentence whom it tried. The unnamed event is dropped after.
func (d *doc) lendLeadPlaces() {
	for i, ev := range d.events {
		if !courtTypes[ev.typ] || len(ev.persons) > 0 || ev.where == "" || ev.dropped {
			continue
		}
		si := d.sentIndex(ev.sent)
		for _, o := range d.events[i+1:] {
			if o.typ != ev.typ || len(o.persons) == 0 {
				continue
			}
			if oi := d.sentIndex(o.sent); oi > si+3 || oi < 0 {
				break
			}
			if o.where == "" {
				o.where = ev.where
			}
			break
		}
	}
}

// sentIndex returns the index of sentence s in d.sents, or -1.
func (d *doc) sentIndex(s sentence) int {
	for i, t := range d.sents {
		if t.a == s.a {
			return i
		}
	}
	return -1
}

// announcesEvent reports a body's statement that names nobody whose
// sentence tells an event of another kind after the verb of saying: "أكد
// المرصد السوري لحقوق الإنسان مقتل شاب تحت التعذيب", "قال الادعاء العام إن
// الشرطة اعتقلت رجلاً". The annotations count such an announcement as a
// statement of its own.
func (d *doc) announcesEvent(st *event) bool {
	for _, ev := range d.events {
		if ev != st && ev.sent == st.sent && ev.typ != extract.EventStatement && ev.trig > st.trig && !ev.dropped {
			return true
		}
	}
	return false
}

// countryNamed reports a place name that the gazetteer gives as a country.
func (d *doc) countryNamed(name string) bool {
	for _, e := range d.ents {
		if e.name == name && e.typ == ownPlace {
			return e.gaz != nil && e.gaz.Kind == "country"
		}
	}
	return false
}
