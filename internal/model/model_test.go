package model

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		bad  bool
	}{
		{"", Date{}, false},
		{"2025-01-03", DayDate(2025, 1, 3), false},
		{"2025-07", Date{Year: 2025, Month: 7, Precision: PrecisionMonth}, false},
		{"2025", Date{Year: 2025, Precision: PrecisionYear}, false},
		{"2025-13", Date{}, true},
		{"2025-02-30", Date{}, true},
		{"03/01/2025", Date{}, true},
		{"unknown", Date{}, true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.bad || got != tt.want {
			t.Errorf("ParseDate(%q) = %+v, %v", tt.in, got, err)
		}
		if err == nil && got.String() != tt.in {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestSensitivity(t *testing.T) {
	for _, s := range Sensitivities() {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Sensitivity
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("%s round trip: %v, %v", s, back, err)
		}
	}
	if _, err := ParseSensitivity("secret"); err == nil {
		t.Error("an unknown level parsed")
	}
	if _, err := Sensitivity(4).MarshalText(); err == nil {
		t.Error("an invalid level marshalled")
	}
	if Max(Public, Confidential) != Confidential || !(Public < Internal && Internal < Restricted && Restricted < Confidential) {
		t.Error("levels out of order")
	}
	if KindTestimony.DefaultSensitivity() != Confidential || KindArticle.DefaultSensitivity() != Public {
		t.Error("default sensitivities wrong")
	}
}

func TestParseNames(t *testing.T) {
	if _, err := ParseSourceKind("testimony"); err != nil {
		t.Error(err)
	}
	if _, err := ParseSourceKind("rumour"); err == nil {
		t.Error("unknown kind parsed")
	}
	if _, err := ParseEntityType("facility"); err != nil {
		t.Error(err)
	}
	if _, err := ParseEntityType("vehicle"); err == nil {
		t.Error("unknown type parsed")
	}
	if _, err := ParseRole("reviewer"); err != nil {
		t.Error(err)
	}
	if _, err := ParseRole("root"); err == nil {
		t.Error("unknown role parsed")
	}
}
