package extracttest

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestDocUnmarshal(t *testing.T) {
	in := `{"id": "x", "file": "x.txt",
	 "persons": [{"name": "Ous Salloum", "Name": "ignored", "aliases": ["Azrael", null], "latin": null,
	   "mentions": ["Salloum", {"text": "Ous", "start": 0, "end": 3}, {"start": 1}, null], "birthplace": "Al-Qabu"}],
	 "facilities": null,
	 "places": [{"name": null}],
	 "events": [{"type": "arrest", "who": ["A", {"name": "B", "role": "subject"}, {"role": "victim"}, null],
	   "where": null, "date": "2025", "quote": "..."}, {"type": "trial"}]}`
	var d Doc
	if err := json.Unmarshal([]byte(in), &d); err != nil {
		t.Fatal(err)
	}
	want := Doc{
		Persons: []Entity{{Name: "Ous Salloum", Aliases: []string{"Azrael", ""},
			Mentions: []string{"Salloum", "Ous", "", ""}, Birthplace: "Al-Qabu"}},
		Facilities:    []Entity{},
		Places:        []Entity{{}},
		Organizations: []Entity{},
		Events: []Event{{Type: "arrest", Who: []string{"A", "B", "", ""}, Date: "2025"},
			{Type: "trial"}},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("got  %+v\nwant %+v", d, want)
	}
}

func TestDocUnmarshalErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`[]`, "document"},
		{`{"persons": {}}`, "persons: want a list"},
		{`{"places": [{"name": 3}]}`, "places[0]: name"},
		{`{"persons": [{"name": "a", "aliases": "b"}]}`, "persons[0]: aliases"},
		{`{"organizations": [{"name": "a", "mentions": [4]}]}`, `organizations[0]: mentions: want a string or an object with a string "text"`},
		{`{"events": [{"type": "arrest", "who": [{"name": []}]}]}`, `events[0]: who: want a string or an object with a string "name"`},
		{`{"events": [{"type": "arrest", "where": ["Homs"]}]}`, "events[0]: where"},
		{`{"events": [{"type": 1}]}`, "events[0]: type"},
	} {
		var d Doc
		err := json.Unmarshal([]byte(c.in), &d)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.in, err, c.want)
		}
	}
}

func FuzzDoc(f *testing.F) {
	f.Add([]byte(`{"persons": [{"name": "Ous Salloum", "aliases": ["Azrael"], "mentions": [{"text": "Ous"}]}],
	 "events": [{"type": "Detention", "who": [{"name": "Ous"}], "where": "Homs", "date": "2025"}]}`))
	f.Add([]byte(`{"places": [{"name": "Homs", "mentions": ["Hims"]}], "events": [{"type": "release", "who": ["x"]}]}`))
	f.Add([]byte(`{"persons": null, "events": [null, {}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var d Doc
		if json.Unmarshal(b, &d) != nil {
			return
		}
		fig, _ := ScoreDoc("f", d, d)
		for _, r := range fig.Rows() {
			if r.Counts.TP < 0 || r.Counts.FP < 0 || r.Counts.FN < 0 {
				t.Errorf("%s: negative counts %+v", r.Name, *r.Counts)
			}
		}
		for _, c := range categories {
			n := len(*d.entities(c))
			if got := fig.row(c); got.TP+got.FP != n || got.TP+got.FN != n {
				t.Errorf("%s: %+v do not add up to %d entities", c, *got, n)
			}
		}
		if fig.Events.TP+fig.Events.FN != len(d.Events) {
			t.Errorf("events: %+v do not add up to %d gold events", fig.Events, len(d.Events))
		}
	})
}
