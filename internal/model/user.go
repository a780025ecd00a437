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
)

// ParseRole checks a role's name.
func ParseRole(s string) (Role, error) {
	switch Role(s) {
	case RoleAdmin, RoleReviewer, RoleAnalyst, RoleViewer:
		return Role(s), nil
	}
	return "", fmt.Errorf("unknown role %q (want admin, reviewer, analyst or viewer)", s)
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
