package extract_test

import (
	"slices"
	"testing"

	"github.com/athar-project/athar/internal/extract"
	"github.com/athar-project/athar/internal/model"
)

// Round 3 of issue 13: kinds of wrong facts, each on texts written for this
// test in both languages.

// A hedged allegation is stored as alleged, never asserted.
func TestHedgedAllegations(t *testing.T) {
	pub := model.DayDate(2025, 3, 1)
	tests := []struct{ lang, text, typ string }{
		{"en", "Brigadier General Munir Khoury is widely believed to have ordered hundreds of executions at Saydnaya.", extract.EventExecutionAllegation},
		{"en", "Sergeant Yasser Dib is accused of torturing detainees at the Palestine Branch.", extract.EventTortureAllegation},
		{"en", "The warden, Ziad Haroun, is believed to have tortured prisoners at Adra prison.", extract.EventTortureAllegation},
		{"ar", "ويُتهم الرقيب ياسر ديب بتعذيب معتقلين في فرع فلسطين.", extract.EventTortureAllegation},
		{"ar", "ويُعتقد أن العميد منير خوري أشرف على إعدام مئات المعتقلين في سجن صيدنايا.", extract.EventExecutionAllegation},
		{"ar", "ويُعتقد أنه عذب معتقلين في سجن عدرا، بحسب الناجين.", extract.EventTortureAllegation},
	}
	for _, tt := range tests {
		r := extract.Extract(tt.text, pub, tt.lang)
		found := false
		for _, ev := range r.Events {
			if ev.Type == tt.typ {
				found = true
				if ev.Modality != extract.Alleged {
					t.Errorf("%s: %s is %s, want alleged", tt.text, ev.Type, ev.Modality)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s: %+v", tt.text, tt.typ, r.Events)
		}
	}
}

// A nickname is an alias of the person the text reveals it belongs to,
// not a person of its own.
func TestNicknameRevealedName(t *testing.T) {
	tests := []struct{ lang, text, person, alias string }{
		{"en", "For years the prisoners knew their jailer only as \"Abu Saqr\". After the fall of the government they learned his name: Bassam Yousef Hilal, a sergeant from Tartus.",
			"Bassam Yousef Hilal", "Abu Saqr"},
		{"en", "Detainees called the interrogator \"Abu Nimr\". His real name was Fadi Suleiman Rajab.",
			"Fadi Suleiman Rajab", "Abu Nimr"},
		{"ar", "وقال الناجي إن السجان الذي كان المعتقلون يلقبونه \"أبو صقر\" كان يضربهم كل ليلة. وأضاف أنه عرف لاحقاً أن اسمه الحقيقي هو بسام يوسف هلال.",
			"بسام يوسف هلال", "أبو صقر"},
	}
	for _, tt := range tests {
		r := extract.Extract(tt.text, model.Date{}, tt.lang)
		var names []string
		ok := false
		for _, p := range r.Persons {
			names = append(names, p.Name)
			if p.Name == tt.person && slices.Contains(p.Aliases, tt.alias) {
				ok = true
			}
			if p.Name == tt.alias || p.Name == "الحقيقي" {
				t.Errorf("%s: %q is a person of its own", tt.text, p.Name)
			}
		}
		if !ok {
			t.Errorf("%s: no %s with alias %s among %v", tt.text, tt.person, tt.alias, names)
		}
	}
	// "his name" with no nickname before it joins nobody
	r := extract.Extract("Omar Saleh was arrested in Homs. His name was on a list given to Karim Haddad.", model.Date{}, "en")
	for _, p := range r.Persons {
		if len(p.Aliases) > 0 {
			t.Errorf("an alias from \"his name\" without a nickname: %+v", p)
		}
	}
}

// A range whose start the text writes without a year has the end's year.
func TestRangeDates(t *testing.T) {
	r := extract.Extract("Judges found that Rami Kassab had beaten at least four detainees between March and October 2014 at the Palestine Branch.",
		model.DayDate(2025, 6, 20), "en")
	for _, ev := range r.Events {
		if ev.Type != extract.EventTortureAllegation {
			continue
		}
		if ev.Date == nil || *ev.Date != "2014-03" || ev.DateEnd == nil || *ev.DateEnd != "2014-10" {
			t.Errorf("torture dated %v – %v, want 2014-03 – 2014-10", str(ev.Date), str(ev.DateEnd))
		}
		return
	}
	t.Errorf("no torture: %+v", r.Events)
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

// The story's facility goes to an event whose sentence names no place only
// when the text puts one of its named persons there, or the account goes on
// from the sentence that named it.
func TestSceneNeedsTie(t *testing.T) {
	pub := model.DayDate(2025, 1, 3)
	tests := []struct {
		name, text, typ, person, want string
	}{
		{"a detainee the text never puts at the prison",
			"Police arrested Hassan Marouf, a former guard at Sednaya Prison, on Thursday. Marouf is accused of torturing prisoners at Sednaya Prison for years. " +
				"Photographs of the arrest spread online together with an old video of the activist Nabil Tahhan. " +
				"Nabil Tahhan was tortured for months, his family said.",
			extract.EventTortureAllegation, "Nabil Tahhan", ""},
		{"a survivor the text puts there",
			"Omar Sabbagh spent three years in Sednaya Prison. His cellmates were taken out at night. " +
				"Omar Sabbagh was tortured every week, his brother said.",
			extract.EventTortureAllegation, "Omar Sabbagh", "Sednaya Prison"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := extract.Extract(tt.text, pub, "en")
			for _, ev := range r.Events {
				if ev.Type != tt.typ || !slices.ContainsFunc(ev.Who, func(p extract.Participant) bool { return p.Name == tt.person }) {
					continue
				}
				if got := str(ev.Where); got != tt.want && !(tt.want == "" && ev.Where == nil) {
					t.Errorf("%s of %s at %q, want %q", ev.Type, tt.person, got, tt.want)
				}
				return
			}
			t.Fatalf("no %s of %s: %+v", tt.typ, tt.person, r.Events)
		})
	}
}

// "X had beaten" is X's act; "X had been beaten" is X's suffering.
func TestPastPerfectIsActive(t *testing.T) {
	tests := []struct{ text, person, role string }{
		{"Judges at the Hague District Court found that Raed Halabi had beaten at least four detainees in 2014.", "Raed Halabi", extract.RolePerpetrator},
		{"Judges found that Samir Hamwi had been beaten by guards in 2013.", "Samir Hamwi", extract.RoleVictim},
	}
	for _, tt := range tests {
		r := extract.Extract(tt.text, model.DayDate(2025, 6, 20), "en")
		found := false
		for _, ev := range r.Events {
			for _, w := range ev.Who {
				if ev.Type == extract.EventTortureAllegation && w.Name == tt.person {
					found = true
					if w.Role != tt.role {
						t.Errorf("%s: %s is %s, want %s", tt.text, w.Name, w.Role, tt.role)
					}
				}
			}
		}
		if !found {
			t.Errorf("%s: no torture of or by %s: %+v", tt.text, tt.person, r.Events)
		}
	}
}

// A date after a citation of a source dates the source, not the event; a
// date before it stays the event's.
func TestCitedSourceDate(t *testing.T) {
	pub := model.DayDate(2025, 1, 20) // a Monday
	tests := []struct{ lang, text, typ, want string }{
		{"en", "Brigadier General Munir Khoury oversaw the execution of hundreds of detainees at Saydnaya, according to a report published on Sunday by the Syrian Network.",
			extract.EventExecutionAllegation, ""},
		{"en", "Sami Haddad was arrested in Homs on Sunday, according to his family.", extract.EventArrest, "2025-01-19"},
		{"ar", "ويُعتقد أن العميد منير خوري أشرف على إعدام مئات المعتقلين في سجن صيدنايا، بحسب تقرير نشرته الشبكة يوم الأحد.",
			extract.EventExecutionAllegation, ""},
		{"ar", "اعتُقل الطالب سامي حداد في حمص يوم الأحد، بحسب عائلته.", extract.EventArrest, "2025-01-19"},
	}
	for _, tt := range tests {
		r := extract.Extract(tt.text, pub, tt.lang)
		found := false
		for _, ev := range r.Events {
			if ev.Type == tt.typ {
				found = true
				if got := str(ev.Date); got != tt.want && !(tt.want == "" && ev.Date == nil) {
					t.Errorf("%s: %s dated %s, want %q", tt.text, ev.Type, got, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s: %+v", tt.text, tt.typ, r.Events)
		}
	}
}
