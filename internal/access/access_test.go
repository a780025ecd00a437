package access

import (
	"testing"

	"github.com/athar-project/athar/internal/model"
)

func TestCanSee(t *testing.T) {
	viewers := map[string]Viewer{
		"operator": Operator(),
		"public":   Public(),
		"analyst":  ForUser(model.User{Name: "a", Role: model.RoleAnalyst, Clearance: model.Internal}),
		"reviewer": ForUser(model.User{Name: "r", Role: model.RoleReviewer, Clearance: model.Restricted}),
	}
	want := map[string][4]bool{ // public, internal, restricted, confidential
		"operator": {true, true, true, true},
		"public":   {true, false, false, false},
		"analyst":  {true, true, false, false},
		"reviewer": {true, true, true, false},
	}
	for name, v := range viewers {
		for i, s := range model.Sensitivities() {
			if got := v.CanSee(s); got != want[name][i] {
				t.Errorf("%s.CanSee(%s) = %v, want %v", name, s, got, want[name][i])
			}
		}
		if len(v.Visible()) != count(want[name]) {
			t.Errorf("%s.Visible() = %v", name, v.Visible())
		}
	}
	if Operator().CanSee(model.Sensitivity(9)) {
		t.Error("an invalid level was visible")
	}
}

func count(b [4]bool) int {
	n := 0
	for _, x := range b {
		if x {
			n++
		}
	}
	return n
}

func TestNarrow(t *testing.T) {
	v := ForUser(model.User{Name: "a", Role: model.RoleAnalyst, Clearance: model.Internal})
	if _, err := v.Narrow(model.Confidential); err == nil {
		t.Error("narrowing to a higher clearance succeeded")
	}
	n, err := v.Narrow(model.Public)
	if err != nil || n.CanSee(model.Internal) {
		t.Errorf("narrowed viewer: %+v, %v", n, err)
	}
}

func TestRoles(t *testing.T) {
	tests := []struct {
		role                        model.Role
		write, review, lowerAllowed bool
	}{
		{model.RoleAdmin, true, true, true},
		{model.RoleReviewer, true, true, false},
		{model.RoleAnalyst, true, false, false},
		{model.RoleViewer, false, false, false},
	}
	for _, tt := range tests {
		v := Viewer{Name: "x", Role: tt.role, Clearance: model.Confidential}
		if v.CanWrite() != tt.write || v.CanReview() != tt.review || v.CanLower() != tt.lowerAllowed {
			t.Errorf("%s: write %v review %v lower %v", tt.role, v.CanWrite(), v.CanReview(), v.CanLower())
		}
	}
	if Public().CanWrite() || Public().CanReview() || !Public().ConfirmedOnly() {
		t.Error("the public may write, review, or see unconfirmed statements")
	}
	if got := StatementSensitivity(model.Public, model.Confidential); got != model.Confidential {
		t.Errorf("a statement of a confidential source got %s", got)
	}
}

func TestPassword(t *testing.T) {
	if _, err := HashPassword("short"); err == nil {
		t.Error("a short password was accepted")
	}
	h, err := HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := HashPassword("correct horse battery staple")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	tests := []struct {
		hash, pw string
		ok       bool
		err      bool
	}{
		{h, "correct horse battery staple", true, false},
		{h, "correct horse battery stapl", false, false},
		{"$bcrypt$x", "x", false, true},
		{"$argon2id$v=19$m=65536,t=3,p=2$!!$!!", "x", false, true},
	}
	for _, tt := range tests {
		ok, err := CheckPassword(tt.hash, tt.pw)
		if ok != tt.ok || (err != nil) != tt.err {
			t.Errorf("CheckPassword(%.20q, %q) = %v, %v", tt.hash, tt.pw, ok, err)
		}
	}
}
