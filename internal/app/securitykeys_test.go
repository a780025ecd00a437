package app_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"testing"

	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/store"
)

// FuzzKeyAnswers gives the sign-in and the registration of security keys
// answers from outside: whatever the browser (or a forger) sends, it is
// refused as a wrong code — never accepted, never a server failure — and
// stores no key.
func FuzzKeyAnswers(f *testing.F) {
	for _, seed := range []string{
		"", "{}", "null", `{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{}}`,
		`{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0","authenticatorData":"AAAA","signature":"AAAA"}}`,
		`{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0","attestationObject":"oA"}}`,
	} {
		f.Add([]byte(seed))
	}
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: f.TempDir()})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	users := apptest.AddAccounts(f, st)
	a := app.New(st, app.Config{})
	rp, err := access.NewRelyingParty("https://athar.example.org")
	if err != nil {
		f.Fatal(err)
	}
	rania := users["rania"]
	rec, err := json.Marshal(webauthn.Credential{ID: []byte("AAAA"), PublicKey: []byte{1, 2, 3}})
	if err != nil {
		f.Fatal(err)
	}
	if err := st.SecurityKeys().Add(ctx, store.SecurityKey{ID: "k", UserID: rania.ID, RPID: rp.Config.RPID,
		CredentialID: base64.RawURLEncoding.EncodeToString([]byte("AAAA")), Name: "k", Credential: string(rec)}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, answer []byte) {
		c, ok, err := a.BeginKeySignIn(ctx, rp, rania)
		if err != nil || !ok {
			t.Fatalf("begin sign-in: %v %v", ok, err)
		}
		if factor, err := a.CheckSecurityKey(ctx, rp, rania, c.ID, answer, "192.0.2.1"); !errors.Is(err, app.ErrBadCode) {
			t.Fatalf("sign-in answer %q: %q %v, want refused", answer, factor, err)
		}
		c, err = a.BeginKeyRegistration(ctx, rp, rania)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.FinishKeyRegistration(ctx, rp, rania, c.ID, "new key", answer, "192.0.2.1"); !errors.Is(err, app.ErrBadCode) {
			t.Fatalf("registration answer %q: %v, want refused", answer, err)
		}
		if n, err := st.SecurityKeys().Count(ctx, rania.ID); err != nil || n != 1 {
			t.Fatalf("keys after answer %q: %d %v", answer, n, err)
		}
	})
}
