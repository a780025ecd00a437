package access

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"
)

// Security keys (WebAuthn, through github.com/go-webauthn/webauthn): a
// second factor beside TOTP that a phishing page cannot relay, because the
// browser binds every signature to the host it talks to. The relying party
// is the server's public address (athar serve --base-url): its host is the
// relying party ID every key is made for, its origin the only one whose
// signatures count. Without a base URL there is no relying party and so no
// security keys (a key bound to whatever Host header a request carried
// would be no key at all).

// KeyCeremonyTTL is how long a page that asks for a key waits for it.
const KeyCeremonyTTL = 5 * time.Minute

// ErrNoRelyingParty means the server has no base URL to bind keys to, or
// one whose host is an IP address (WebAuthn binds keys to domain names:
// http://127.0.0.1:8080 has no security keys, http://localhost:8080 has).
var ErrNoRelyingParty = errors.New("security keys need the server's public address with a domain name (athar serve --base-url)")

// NewRelyingParty is the WebAuthn relying party of a server whose public
// address is baseURL (an absolute http(s) URL); ErrNoRelyingParty for ""
// or an IP address.
// Keys must prove their user present (a touch) but need not verify them
// (a PIN): the password is the first factor. Attestation is not asked for:
// Athar trusts the person who registers a key after their password and
// current factor, not a vendor's certificate.
func NewRelyingParty(baseURL string) (*webauthn.WebAuthn, error) {
	if baseURL == "" {
		return nil, ErrNoRelyingParty
	}
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return nil, fmt.Errorf("security keys: base URL %q is not an absolute http(s) URL", baseURL)
	}
	if net.ParseIP(u.Hostname()) != nil {
		return nil, fmt.Errorf("base URL %s: %w", baseURL, ErrNoRelyingParty)
	}
	origin := u.Scheme + "://" + u.Host
	rp, err := webauthn.New(&webauthn.Config{
		RPID:                  u.Hostname(),
		RPDisplayName:         TOTPIssuer,
		RPOrigins:             []string{origin},
		AttestationPreference: protocol.PreferNoAttestation,
		AuthenticatorSelection: protocol.AuthenticatorSelection{
			ResidentKey:      protocol.ResidentKeyRequirementDiscouraged,
			UserVerification: protocol.VerificationDiscouraged,
		},
		Timeouts: webauthn.TimeoutsConfig{
			Login:        webauthn.TimeoutConfig{Enforce: true, Timeout: KeyCeremonyTTL, TimeoutUVD: KeyCeremonyTTL},
			Registration: webauthn.TimeoutConfig{Enforce: true, Timeout: KeyCeremonyTTL, TimeoutUVD: KeyCeremonyTTL},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("security keys for %s: %w", origin, err)
	}
	return rp, nil
}

// KeyHolder is an account as the WebAuthn library sees it: its user handle
// is the account's id (random, and no personal data), its keys those
// registered with the relying party at hand.
type KeyHolder struct {
	ID, Name    string
	Credentials []webauthn.Credential
}

// WebAuthnID is the account's user handle.
func (h KeyHolder) WebAuthnID() []byte { return []byte(h.ID) }

// WebAuthnName is the account's name.
func (h KeyHolder) WebAuthnName() string { return h.Name }

// WebAuthnDisplayName is the account's name.
func (h KeyHolder) WebAuthnDisplayName() string { return h.Name }

// WebAuthnCredentials are the account's keys.
func (h KeyHolder) WebAuthnCredentials() []webauthn.Credential { return h.Credentials }
