package model

import "fmt"

// Sensitivity says who may see a source or a statement. Levels are ordered:
// a viewer cleared for a level sees that level and every level below it.
type Sensitivity int

// The sensitivity levels, lowest first.
const (
	Public Sensitivity = iota
	Internal
	Restricted
	Confidential
)

var sensitivityNames = [...]string{"public", "internal", "restricted", "confidential"}

// Sensitivities lists every level, lowest first.
func Sensitivities() []Sensitivity { return []Sensitivity{Public, Internal, Restricted, Confidential} }

func (s Sensitivity) String() string {
	if s < Public || s > Confidential {
		return fmt.Sprintf("sensitivity(%d)", int(s))
	}
	return sensitivityNames[s]
}

// Valid reports whether s is one of the defined levels.
func (s Sensitivity) Valid() bool { return s >= Public && s <= Confidential }

// ParseSensitivity reads a level by name ("public", "internal", "restricted",
// "confidential").
func ParseSensitivity(name string) (Sensitivity, error) {
	for i, n := range sensitivityNames {
		if n == name {
			return Sensitivity(i), nil
		}
	}
	return Public, fmt.Errorf("unknown sensitivity %q (want public, internal, restricted or confidential)", name)
}

// MarshalText writes the level's name.
func (s Sensitivity) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("invalid sensitivity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a level's name.
func (s *Sensitivity) UnmarshalText(b []byte) error {
	v, err := ParseSensitivity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Max returns the more sensitive of a and b.
func Max(a, b Sensitivity) Sensitivity {
	if a > b {
		return a
	}
	return b
}
