package access

import (
	"errors"
	"slices"
	"testing"
)

// The relying party is the base URL's host; its origin the base URL's
// scheme, host and port; no base URL, no relying party.
func TestNewRelyingParty(t *testing.T) {
	for _, tt := range []struct {
		base, id, origin string
		err              bool
	}{
		{"https://athar.example.org", "athar.example.org", "https://athar.example.org", false},
		{"https://athar.example.org:8443/sub/path", "athar.example.org", "https://athar.example.org:8443", false},
		{"http://localhost:8080", "localhost", "http://localhost:8080", false},
		{"ftp://athar.example.org", "", "", true},
		{"athar.example.org", "", "", true},
		{"https://", "", "", true},
		{"http://127.0.0.1:8080", "", "", true},
		{"http://[::1]:8080", "", "", true},
	} {
		rp, err := NewRelyingParty(tt.base)
		if tt.err {
			if err == nil {
				t.Errorf("%q: no error", tt.base)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.base, err)
			continue
		}
		if rp.Config.RPID != tt.id || !slices.Equal(rp.Config.RPOrigins, []string{tt.origin}) {
			t.Errorf("%q: relying party %q origins %v, want %q %q", tt.base, rp.Config.RPID, rp.Config.RPOrigins, tt.id, tt.origin)
		}
	}
	for _, base := range []string{"", "http://127.0.0.1:8080"} {
		if _, err := NewRelyingParty(base); !errors.Is(err, ErrNoRelyingParty) {
			t.Errorf("base URL %q: %v, want no relying party", base, err)
		}
	}
}
