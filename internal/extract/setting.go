package extract

import "sort"

// Setting is where a document's story takes place, for the events whose
// own sentence names no place. News reporting names the scene once and
// then tells what happened there without naming it again: a survivor's
// account names the branch or prison where he was held and goes on "the
// guards beat us", "four of them did not leave it alive"; a report on a
// prison's guard names the prison and then what he is accused of. The
// reader carries the place forward; so does Setting.
//
// A language's extractor feeds it the facilities the text names where the
// story is (not an origin such as "transferred from X", not the place a
// person's description names), by sentence, and asks for the facility in
// force at a sentence: the one named last at or before it, within Window
// sentences, else the one the document names most (the prison the article
// is about, which a lead may tell of before naming it).
type Setting struct {
	// Dateline is the place the story was filed from ("BEIRUT (AP) —"),
	// or "".
	Dateline string
	// Window is how many sentences a facility stays the scene after it was
	// last named; 0 means DefaultSettingWindow.
	Window int

	scenes []scene
	facs   map[string]*sceneFacility
	order  []string
}

// DefaultSettingWindow is how long a named facility stays the scene: about
// two paragraphs of news prose.
const DefaultSettingWindow = 8

type scene struct {
	sent int
	key  string
}

// sceneFacility counts how often a facility is named, and in which forms.
type sceneFacility struct {
	n     int
	names map[string]int
	forms []string
}

// AddFacility records that sentence sent names the facility key (one key
// per facility, whatever the form) as written: name. A weak form (a bare
// town standing for its prison, a nickname) is used only when the text
// names the facility no other way. Calls must come in sentence order.
func (s *Setting) AddFacility(sent int, key, name string, weak bool) {
	if key == "" || name == "" {
		return
	}
	if s.facs == nil {
		s.facs = map[string]*sceneFacility{}
	}
	f := s.facs[key]
	if f == nil {
		f = &sceneFacility{names: map[string]int{}}
		s.facs[key] = f
		s.order = append(s.order, key)
	}
	f.n++
	if f.names[name] == 0 {
		f.forms = append(f.forms, name)
	}
	if weak {
		f.names[name]++
	} else {
		f.names[name] += 1000 // a full form outweighs any number of weak ones
	}
	s.scenes = append(s.scenes, scene{sent, key})
}

// FacilityAt returns the facility in force at sentence sent, in the form
// the text writes it most, or "" when the document names none.
func (s *Setting) FacilityAt(sent int) string {
	w := s.Window
	if w == 0 {
		w = DefaultSettingWindow
	}
	// the last scene at or before sent
	i := sort.Search(len(s.scenes), func(i int) bool { return s.scenes[i].sent > sent }) - 1
	if i >= 0 && sent-s.scenes[i].sent <= w {
		return s.form(s.scenes[i].key)
	}
	return s.Main()
}

// Main returns the facility the document names most often (the first of
// those that tie), or "".
func (s *Setting) Main() string {
	best, n := "", 0
	for _, key := range s.order {
		if s.facs[key].n > n {
			best, n = key, s.facs[key].n
		}
	}
	return s.form(best)
}

// form is the way the text writes a facility most often.
func (s *Setting) form(key string) string {
	f := s.facs[key]
	if f == nil {
		return ""
	}
	best, n := "", 0
	for _, name := range f.forms {
		if f.names[name] > n {
			best, n = name, f.names[name]
		}
	}
	return best
}
