package access

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/athar-project/athar/internal/model"
)

// Second factors: a time-based one-time code (RFC 6238: HMAC-SHA1, six
// digits, 30-second steps, the parameters every authenticator app reads from
// an otpauth:// URL) and single-use recovery codes for when the phone is
// lost. A stolen password alone then opens no account that has one.

// RequiresSecondFactor reports whether accounts of role r must give a second
// factor before they act: admins and reviewers, whose accounts change what
// others see and what the evidence says.
func RequiresSecondFactor(r model.Role) bool {
	return r == model.RoleAdmin || r == model.RoleReviewer
}

// TOTPIssuer names the installation in authenticator apps.
const TOTPIssuer = "Athar"

// totpPeriod is the length of one time step, in seconds (RFC 6238's default).
const totpPeriod = 30

// totpSkew is how many steps either side of now a code is accepted: one,
// for a phone's clock a little off and a code typed as it changes.
const totpSkew = 1

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// NewTOTPKey makes a fresh secret (160 random bits) for account, as the
// library's key: Secret() is the base32 text to type, URL() the otpauth://
// URL a QR code carries.
func NewTOTPKey(account string) (*otp.Key, error) {
	k, err := totp.Generate(totp.GenerateOpts{Issuer: TOTPIssuer, AccountName: account, Period: totpPeriod,
		SecretSize: 20, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return nil, fmt.Errorf("make a TOTP secret: %w", err)
	}
	return k, nil
}

// TOTPKey rebuilds the key of a stored secret, for showing it again while
// enrolment awaits its first code.
func TOTPKey(account, secret string) (*otp.Key, error) {
	u := fmt.Sprintf("otpauth://totp/%s:%s?algorithm=SHA1&digits=6&issuer=%s&period=%d&secret=%s",
		TOTPIssuer, escapeLabel(account), TOTPIssuer, totpPeriod, secret)
	return otp.NewKeyFromURL(u)
}

func escapeLabel(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// TOTPStep is the time step t falls in.
func TOTPStep(t time.Time) int64 { return t.Unix() / totpPeriod }

// TOTPCode is the code of secret for the step t falls in — what an
// authenticator app shows at t.
func TOTPCode(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, totpOpts)
}

// CheckTOTP checks code against secret at t, one step either side, and
// returns the step it matched. A step at or before after is refused: a code
// once used (or any older one) does not open a second session, so a code
// seen over a shoulder or replayed from a log is worth nothing.
func CheckTOTP(secret, code string, t time.Time, after int64) (int64, bool) {
	code = strings.TrimSpace(code)
	code = strings.ReplaceAll(code, " ", "")
	if len(code) != 6 {
		return 0, false
	}
	now := TOTPStep(t)
	var hit int64
	ok := false
	// Every candidate step is computed and compared in constant time, so
	// the time taken says nothing about which step matched.
	for d := int64(-totpSkew); d <= totpSkew; d++ {
		step := now + d
		want, err := totp.GenerateCodeCustom(secret, time.Unix(step*totpPeriod, 0), totpOpts)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 && step > after && !ok {
			hit, ok = step, true
		}
	}
	return hit, ok
}

// RecoveryCodeCount is how many recovery codes an account gets at once.
const RecoveryCodeCount = 10

// NewRecoveryCodes makes RecoveryCodeCount codes of 80 random bits each,
// written as four groups of four base32 letters (xxxx-xxxx-xxxx-xxxx), and
// their hashes for the store. The codes are shown once and never stored.
func NewRecoveryCodes() (codes, hashes []string, err error) {
	enc := base32.StdEncoding.WithPadding(base32.NoPadding)
	for range RecoveryCodeCount {
		b := make([]byte, 10)
		if _, err := rand.Read(b); err != nil {
			return nil, nil, err
		}
		s := strings.ToLower(enc.EncodeToString(b)) // 16 letters
		code := s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
		codes = append(codes, code)
		hashes = append(hashes, HashRecoveryCode(code))
	}
	return codes, hashes, nil
}

// HashRecoveryCode is the stored form of a recovery code: SHA-256 of the
// code without case, spaces or dashes. Eighty random bits need no slow hash
// (nobody can try 2^80 guesses against a leaked table); a fast one lets a
// sign-in compare all of an account's codes without argon2's 64 MiB each.
func HashRecoveryCode(code string) string {
	c := strings.ToLower(code)
	c = strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(c))
	sum := sha256.Sum256([]byte("athar-recovery\x00" + c))
	return hex.EncodeToString(sum[:])
}

// LooksLikeRecoveryCode reports whether what someone typed at the code
// prompt is a recovery code rather than a six-digit TOTP code.
func LooksLikeRecoveryCode(s string) bool {
	c := strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(s))
	return len(c) == 16
}
