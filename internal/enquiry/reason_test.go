package enquiry

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestReasonsRoundTrip(t *testing.T) {
	rs := []Reason{reason(ReasonName, "اوس سلوم", "Aws Salloum", 0.912), reason(ReasonBornDiffers, 7), {Code: ReasonConfirmedBy, Args: []string{"karim"}}}
	js, err := json.Marshal(rs)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		in   string
		want []Reason
		err  bool
	}{
		{"reasons", string(js), rs, false},
		{"english sentences, as an older version stored them", `["name: a ≈ b (0.90)","birth year agrees: 1980"]`,
			[]Reason{{Code: ReasonText, Args: []string{"name: a ≈ b (0.90)"}}, {Code: ReasonText, Args: []string{"birth year agrees: 1980"}}}, false},
		{"empty", `[]`, []Reason{}, false},
		{"not a list", `{"code":"name"}`, nil, true},
	} {
		got, err := ParseReasons([]byte(tc.in))
		if (err != nil) != tc.err {
			t.Errorf("%s: error %v", tc.name, err)
			continue
		}
		if !tc.err && len(got)+len(tc.want) > 0 && !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
	for _, tc := range []struct {
		r    Reason
		want string
	}{
		{rs[0], "name: اوس سلوم ≈ Aws Salloum (0.91)"},
		{rs[1], "birth year differs by 7 years — strong evidence against"},
		{rs[2], "confirmed by karim"},
		{Reason{Code: ReasonText, Args: []string{"as stored"}}, "as stored"},
		{Reason{Code: "unknown", Args: []string{"a", "b"}}, "unknown: a, b"},
	} {
		if got := tc.r.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.r, got, tc.want)
		}
	}
}
