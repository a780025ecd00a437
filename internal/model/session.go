package model

import "time"

// Session is one signed-in browser. The token that identifies it lives only
// in the visitor's cookie; the server keeps its SHA-256 (ID), so a copy of
// the session table cannot be replayed as cookies.
type Session struct {
	ID        string // hex SHA-256 of the token
	UserID    string
	UserName  string
	CSRF      string // the token every form of this session carries
	CreatedAt time.Time
	LastSeen  time.Time
	ExpiresAt time.Time
	// SecondFactor is what the sign-in proved beyond the password: "" for
	// nothing, "totp" or "recovery" (app.Factor*).
	SecondFactor string
}

// AccessEntry records that someone was shown restricted or confidential
// material. It names the material by id only, never by its content.
type AccessEntry struct {
	At          time.Time
	Actor       string // the account name
	Action      string // view, download, list
	Subject     string // e.g. a source id
	Sensitivity Sensitivity
	Remote      string // the client address
}
