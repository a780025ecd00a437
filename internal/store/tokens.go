package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// TokenPrefix starts every API token, so that a token pasted into the wrong
// place (a log, a repository) is recognizable for what it is.
const TokenPrefix = "athar_"

// tokenBytes is how much randomness a token carries: 256 bits.
const tokenBytes = 32

// tokenEncoding writes a token's random part: lower-case base32, no padding
// (52 characters for 32 bytes), safe in a header, a URL or a shell.
var tokenEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// tokenLen is the length of a whole token.
var tokenLen = len(TokenPrefix) + tokenEncoding.EncodedLen(tokenBytes)

// ErrNoToken means a token is unknown, revoked, of another scope, or
// belongs to a disabled account: these are not told apart.
var ErrNoToken = errors.New("no such API token")

// ErrTokenExpired means a live token of an active account has expired:
// told apart from ErrNoToken, since whoever presents it holds the secret
// and needs to know to ask for a new one (as GitLab answers "Token is
// expired"), and it tells them nothing else.
var ErrTokenExpired = errors.New("the API token expired")

// Tokens of accounts whose role requires a second factor (admins and
// reviewers: access.RequiresSecondFactor) act without one, so they must
// expire: at most MaxPrivilegedTokenLife after they are made, as GitLab
// caps every token's lifetime and GitHub's organisations cap their
// members' tokens. Tokens of other accounts may expire or not.
const MaxPrivilegedTokenLife = 90 * 24 * time.Hour

// ErrTokenLifetime means a token of an admin or reviewer was asked to
// live longer than MaxPrivilegedTokenLife, or for ever.
var ErrTokenLifetime = errors.New("a token of an admin or reviewer must expire within 90 days")

// MustExpire reports whether a token made for an account of role r must
// expire (within MaxPrivilegedTokenLife).
func MustExpire(r model.Role) bool { return access.RequiresSecondFactor(r) }

// expiry is when a token stops working: its expiry, and for a token that
// must expire and has none (made by hand in the database), when it was
// made.
func (t APIToken) expiry() time.Time {
	if t.ExpiresAt.IsZero() && MustExpire(t.Role) {
		return t.CreatedAt
	}
	return t.ExpiresAt
}

// TokenScope is what a token may be used for.
type TokenScope string

// The scopes. A token of one scope is refused everywhere else: an API token
// never authenticates a reconciliation URL, and a reconciliation key is
// never accepted by the JSON API.
const (
	// ScopeAPI: the whole JSON API (and the reconciliation service, by the
	// Authorization header), with the account's role and clearance.
	ScopeAPI TokenScope = "api"
	// ScopeReconcile: the reconciliation service only, read-only, with the
	// account's clearance; the key travels in the service URL that
	// OpenRefine is given, since OpenRefine cannot send a header.
	ScopeReconcile TokenScope = "reconcile"
)

// ParseTokenScope reads a scope's name.
func ParseTokenScope(s string) (TokenScope, error) {
	switch sc := TokenScope(s); sc {
	case ScopeAPI, ScopeReconcile:
		return sc, nil
	}
	return "", fmt.Errorf("scope %q: want %s or %s", s, ScopeAPI, ScopeReconcile)
}

// APIToken is a token as the store keeps it: never the token itself.
type APIToken struct {
	ID         string // public id, for listing and revoking
	UserID     string
	UserName   string
	Name       string // what the token is for, as its owner named it
	Scope      TokenScope
	CreatedAt  time.Time
	LastUsedAt time.Time // zero: never used
	ExpiresAt  time.Time // zero: never expires
	RevokedAt  time.Time // zero: not revoked
	// Role and Clearance are what the account held when the token was
	// made: the token works only while the account keeps that role, and
	// never reads above that clearance.
	Role      model.Role
	Clearance model.Sensitivity
}

// Revoked reports whether the token was revoked.
func (t APIToken) Revoked() bool { return !t.RevokedAt.IsZero() }

// Expired reports whether the token had expired at now.
func (t APIToken) Expired(now time.Time) bool {
	e := t.expiry()
	return !e.IsZero() && !now.Before(e)
}

// HashToken is the hex SHA-256 of a token, the only form the store keeps.
func HashToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// wellFormedToken reports whether s has the shape of a token Athar makes.
func wellFormedToken(s string) bool {
	if len(s) != tokenLen || !strings.HasPrefix(s, TokenPrefix) {
		return false
	}
	_, err := tokenEncoding.DecodeString(s[len(TokenPrefix):])
	return err == nil
}

// Tokens keeps the API tokens of user accounts.
type Tokens struct{ s *Store }

// Tokens returns the store's API token table.
func (s *Store) Tokens() Tokens { return Tokens{s} }

// maxTokenName bounds a token's name.
const maxTokenName = 100

// Create makes an API token (ScopeAPI) for an active account and returns it
// with the token itself, which is shown this once: the store keeps only its
// hash. A zero expires makes a token that does not expire — but a token of
// an admin or reviewer expires MaxPrivilegedTokenLife after it is made, at
// the latest (a later expiry is ErrTokenLifetime).
func (tk Tokens) Create(ctx context.Context, userID, name string, expires time.Time) (APIToken, string, error) {
	return tk.CreateScoped(ctx, userID, name, ScopeAPI, expires)
}

// CreateScoped is Create for a token of the given scope.
func (tk Tokens) CreateScoped(ctx context.Context, userID, name string, scope TokenScope, expires time.Time) (APIToken, string, error) {
	if _, err := ParseTokenScope(string(scope)); err != nil {
		return APIToken{}, "", err
	}
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return APIToken{}, "", errors.New("a token needs a name that says what it is for")
	case utf8.RuneCountInString(name) > maxTokenName:
		return APIToken{}, "", fmt.Errorf("a token's name has at most %d characters", maxTokenName)
	}
	u, err := tk.s.UserByID(ctx, userID)
	if err != nil {
		return APIToken{}, "", err
	}
	if u.Disabled {
		return APIToken{}, "", fmt.Errorf("user %s is disabled", u.Name)
	}
	now := tk.s.now()
	if !expires.IsZero() && !expires.After(now) {
		return APIToken{}, "", errors.New("a token's expiry must be in the future")
	}
	if MustExpire(u.Role) {
		latest := now.Add(MaxPrivilegedTokenLife)
		if expires.IsZero() {
			expires = latest
		}
		if expires.After(latest) {
			return APIToken{}, "", fmt.Errorf("%s is %s: %w (by %s)", u.Name, u.Role, ErrTokenLifetime, latest.UTC().Format("2006-01-02 15:04 MST"))
		}
	}
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return APIToken{}, "", err
	}
	secret := TokenPrefix + tokenEncoding.EncodeToString(raw)
	t := APIToken{ID: NewID(), UserID: u.ID, UserName: u.Name, Name: name, Scope: scope, CreatedAt: now, ExpiresAt: expires,
		Role: u.Role, Clearance: u.Clearance}
	_, err = tk.s.execWrite(ctx, "INSERT INTO api_tokens (id, hash, user_id, name, scope, created_at, expires_at, role, clearance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		t.ID, HashToken(secret), t.UserID, t.Name, string(t.Scope), timeText(t.CreatedAt), timeText(t.ExpiresAt), string(t.Role), t.Clearance.String())
	if err != nil {
		return APIToken{}, "", fmt.Errorf("create token: %w", err)
	}
	return t, secret, nil
}

const tokenCols = "t.id, t.user_id, u.name, t.name, t.scope, t.created_at, t.last_used_at, t.expires_at, t.revoked_at, t.role, t.clearance"

func scanToken(sc scanner) (APIToken, error) {
	var t APIToken
	var created, used, expires, revoked, role, clearance string
	if err := sc.Scan(&t.ID, &t.UserID, &t.UserName, &t.Name, &t.Scope, &created, &used, &expires, &revoked, &role, &clearance); err != nil {
		return t, err
	}
	t.CreatedAt, t.LastUsedAt, t.ExpiresAt, t.RevokedAt = parseTime(created), parseTime(used), parseTime(expires), parseTime(revoked)
	t.Role = model.Role(role)
	if clearance != "" {
		var err error
		if t.Clearance, err = model.ParseSensitivity(clearance); err != nil {
			return t, fmt.Errorf("token %s: %w", t.ID, err)
		}
	}
	return t, nil
}

// Authenticate returns the token and its account for an API token
// (ScopeAPI) presented by a client. A token that is malformed, unknown,
// revoked, of another scope, or whose account is disabled, is ErrNoToken;
// one that is otherwise live but expired is ErrTokenExpired, returned with
// the token (for the caller to say when, and to log it). The lookup is by the token's hash, so no comparison of the
// secret itself can leak it by its timing.
func (tk Tokens) Authenticate(ctx context.Context, secret string) (APIToken, model.User, error) {
	return tk.AuthenticateScoped(ctx, secret, ScopeAPI)
}

// AuthenticateScoped is Authenticate for a token of one of the scopes; a
// token of any other scope is ErrNoToken, like an unknown one.
func (tk Tokens) AuthenticateScoped(ctx context.Context, secret string, scopes ...TokenScope) (APIToken, model.User, error) {
	if !wellFormedToken(secret) {
		return APIToken{}, model.User{}, ErrNoToken
	}
	t, err := scanToken(tk.s.db.QueryRowContext(ctx, tk.s.rebind("SELECT "+tokenCols+" FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ?"),
		HashToken(secret)))
	if errors.Is(err, sql.ErrNoRows) {
		return APIToken{}, model.User{}, ErrNoToken
	}
	if err != nil {
		return APIToken{}, model.User{}, fmt.Errorf("look up token: %w", err)
	}
	if t.Revoked() || !slices.Contains(scopes, t.Scope) {
		return APIToken{}, model.User{}, ErrNoToken
	}
	u, err := tk.s.UserByID(ctx, t.UserID)
	if err != nil {
		return APIToken{}, model.User{}, err
	}
	if u.Disabled {
		return APIToken{}, model.User{}, ErrNoToken
	}
	// Bound to the role and clearance it was made with: a token made for
	// an analyst does not become an admin's when the account is promoted
	// (whoever made it decided for an analyst), and reads no higher than
	// it was made to.
	if t.Role != u.Role {
		return APIToken{}, model.User{}, ErrNoToken
	}
	if t.Expired(tk.s.now()) {
		t.ExpiresAt = t.expiry()
		return t, model.User{}, fmt.Errorf("token %s: %w", t.ID, ErrTokenExpired)
	}
	u.Clearance = min(u.Clearance, t.Clearance)
	return t, u, nil
}

// List returns the tokens of one account (userID "" for every account),
// oldest first, revoked ones included.
func (tk Tokens) List(ctx context.Context, userID string) ([]APIToken, error) {
	q := "SELECT " + tokenCols + " FROM api_tokens t JOIN users u ON u.id = t.user_id"
	var args []any
	if userID != "" {
		q += " WHERE t.user_id = ?"
		args = append(args, userID)
	}
	rows, err := tk.s.db.QueryContext(ctx, tk.s.rebind(q+" ORDER BY t.created_at, t.id"), args...)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Get returns one token by its id.
func (tk Tokens) Get(ctx context.Context, id string) (APIToken, error) {
	t, err := scanToken(tk.s.db.QueryRowContext(ctx, tk.s.rebind("SELECT "+tokenCols+" FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("token %s: %w", id, ErrNotFound)
	}
	return t, err
}

// Revoke ends a token for good. Revoking a revoked token keeps the time it
// was first revoked; an unknown id is ErrNotFound.
func (tk Tokens) Revoke(ctx context.Context, id string) (APIToken, error) {
	if _, err := tk.s.execWrite(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at = ''",
		timeText(tk.s.now()), id); err != nil {
		return APIToken{}, fmt.Errorf("revoke token: %w", err)
	}
	return tk.Get(ctx, id)
}

// Touch records that a token was used at.
func (tk Tokens) Touch(ctx context.Context, id string, at time.Time) error {
	_, err := tk.s.execWrite(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", timeText(at), id)
	return err
}
