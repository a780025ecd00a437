package en

import (
	"testing"

	"github.com/athar-project/athar/internal/model"
)

func TestCodesAreNotPersons(t *testing.T) {
	for _, text := range []string{
		"Testimony of witness W-07 (pseudonym). I was held in Sednaya from 2014 to 2016.",
		"The guard known to detainees only as Mr. X beat them at night.",
	} {
		r := Extract(text, model.Date{})
		if len(r.Persons) != 0 {
			t.Errorf("%q: persons %+v, want none", text, r.Persons)
		}
	}
	r := Extract("Col. Thaer Hussein was arrested in Tartus.", model.Date{})
	if len(r.Persons) != 1 {
		t.Errorf("a real name was lost: %+v", r.Persons)
	}
}
