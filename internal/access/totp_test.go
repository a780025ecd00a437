package access

import (
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/model"
)

// rfcSecret is RFC 6238's SHA-1 test key, "12345678901234567890", in base32.
const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

func TestTOTPCodeRFC6238(t *testing.T) {
	// Appendix B's SHA-1 values, cut to six digits (the last six of eight).
	for _, tt := range []struct {
		unix int64
		want string
	}{
		{59, "287082"},
		{1111111109, "081804"},
		{1111111111, "050471"},
		{1234567890, "005924"},
		{2000000000, "279037"},
	} {
		got, err := TOTPCode(rfcSecret, time.Unix(tt.unix, 0))
		if err != nil || got != tt.want {
			t.Errorf("T=%d: %q, %v; want %q", tt.unix, got, err, tt.want)
		}
	}
}

func TestCheckTOTP(t *testing.T) {
	now := time.Unix(1234567890, 0)
	step := TOTPStep(now)
	code := func(at time.Time) string { c, _ := TOTPCode(rfcSecret, at); return c }
	for _, tt := range []struct {
		name   string
		code   string
		after  int64
		ok     bool
		onStep int64
	}{
		{"current step", code(now), 0, true, step},
		{"with spaces", " " + code(now)[:3] + " " + code(now)[3:] + " ", 0, true, step},
		{"previous step", code(now.Add(-30 * time.Second)), 0, true, step - 1},
		{"next step", code(now.Add(30 * time.Second)), 0, true, step + 1},
		{"two steps old", code(now.Add(-60 * time.Second)), 0, false, 0},
		{"already used", code(now), step, false, 0},
		{"older than the last used", code(now.Add(-30 * time.Second)), step - 1, false, 0},
		{"wrong", "000000", 0, false, 0}, // the secret and now are fixed: no code near now is 000000
		{"too short", code(now)[:5], 0, false, 0},
		{"letters", "abcdef", 0, false, 0},
		{"empty", "", 0, false, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := CheckTOTP(rfcSecret, tt.code, now, tt.after)
			if ok != tt.ok || got != tt.onStep {
				t.Errorf("CheckTOTP(%q, after %d) = %d, %v; want %d, %v", tt.code, tt.after, got, ok, tt.onStep, tt.ok)
			}
		})
	}
}

func TestNewTOTPKeyRoundTrip(t *testing.T) {
	k, err := NewTOTPKey("rania@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Secret()) != 32 || k.Issuer() != TOTPIssuer || !strings.HasPrefix(k.URL(), "otpauth://totp/") {
		t.Fatalf("key %s", k.URL())
	}
	again, err := TOTPKey("rania@example.org", k.Secret())
	if err != nil || again.Secret() != k.Secret() || again.AccountName() != "rania@example.org" {
		t.Fatalf("rebuilt key %v, %v", again, err)
	}
	now := time.Now()
	c, _ := TOTPCode(again.Secret(), now)
	if _, ok := CheckTOTP(k.Secret(), c, now, 0); !ok {
		t.Error("a fresh key's own code is refused")
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes, hashes, err := NewRecoveryCodes()
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != RecoveryCodeCount || len(hashes) != RecoveryCodeCount {
		t.Fatalf("%d codes, %d hashes", len(codes), len(hashes))
	}
	seen := map[string]bool{}
	for i, c := range codes {
		if len(c) != 19 || seen[c] || !LooksLikeRecoveryCode(c) {
			t.Errorf("code %q: wrong shape or repeated", c)
		}
		seen[c] = true
		if hashes[i] == c || strings.Contains(hashes[i], strings.ReplaceAll(c, "-", "")) {
			t.Errorf("hash %q holds its code", hashes[i])
		}
		for _, typed := range []string{c, strings.ToUpper(c), strings.ReplaceAll(c, "-", ""), " " + strings.ReplaceAll(c, "-", " ") + " "} {
			if HashRecoveryCode(typed) != hashes[i] {
				t.Errorf("%q typed as %q hashes differently", c, typed)
			}
		}
	}
	if LooksLikeRecoveryCode("123456") {
		t.Error("a TOTP code taken for a recovery code")
	}
}

func TestRequiresSecondFactor(t *testing.T) {
	for r, want := range map[model.Role]bool{model.RoleAdmin: true, model.RoleReviewer: true, model.RoleAnalyst: false, model.RoleViewer: false} {
		if RequiresSecondFactor(r) != want {
			t.Errorf("%s: %v", r, !want)
		}
	}
}
