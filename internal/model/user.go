package model

import (
	"fmt"
	"time"
)

// Role is what a user may do.
type Role string

// Roles, most powerful first.
const (
	RoleAdmin    Role = "admin"
	RoleReviewer Role = "reviewer"
	RoleAnalyst  Role = "analyst"
	RoleViewer   Role = "viewer"
	// RoleCaseworker records families' enquiries about missing persons
	// and judges their matches; otherwise a reader, like a viewer.
	RoleCaseworker Role = "caseworker"
)

// ParseRole checks a role's name.
func ParseRole(s string) (Role, error) {
	switch Role(s) {
	case RoleAdmin, RoleReviewer, RoleAnalyst, RoleCaseworker, RoleViewer:
		return Role(s), nil
	}
	return "", fmt.Errorf("unknown role %q (want admin, reviewer, analyst, caseworker or viewer)", s)
}

// User is a person with an account.
type User struct {
	ID           string
	Name         string
	Role         Role
	Clearance    Sensitivity
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
}
