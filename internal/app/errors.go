package app

import (
	"errors"
	"fmt"

	"github.com/athar-project/athar/internal/store"
)

// Kind says what sort of refusal an Error is, which each caller turns into
// its own answer: an HTTP status, an exit code.
type Kind int

// Kinds of refusal.
const (
	// Invalid: what was asked for is malformed or makes no sense (400/422).
	Invalid Kind = iota + 1
	// Forbidden: the actor's role or clearance does not allow it (403).
	Forbidden
	// NotFound: no such thing, or none the actor may see — the two are the
	// same answer, so that a refusal leaks nothing (404).
	NotFound
	// Conflict: it clashes with what is stored (409).
	Conflict
	// TooLarge: the input is over a limit (413).
	TooLarge
)

// Error is a use case's refusal: a kind and a message safe to show whoever
// asked — it says what is wrong and what to do, and never quotes anything
// beyond the actor's clearance. Err, when set, is the cause, for logs.
type Error struct {
	Kind Kind
	Msg  string
	Err  error
}

func (e *Error) Error() string { return e.Msg }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is makes every NotFound the store's not-found, however it was made.
func (e *Error) Is(target error) bool { return e.Kind == NotFound && target == store.ErrNotFound }

func refuse(k Kind, format string, args ...any) error {
	return &Error{Kind: k, Msg: fmt.Sprintf(format, args...)}
}

func forbidden(format string, args ...any) error { return refuse(Forbidden, format, args...) }
func invalid(format string, args ...any) error   { return refuse(Invalid, format, args...) }

// notFound is the one answer for what does not exist and what the actor
// may not see; what names the thing ("statement", "source").
func notFound(what string) error {
	return &Error{Kind: NotFound, Msg: "no such " + what + ", or none you may see", Err: store.ErrNotFound}
}

// KindOf is the kind of refusal err is, or 0 when it is not one (a failure
// of the server, to be logged and answered without detail). The store's
// not-found counts as NotFound.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	if errors.Is(err, store.ErrNotFound) {
		return NotFound
	}
	return 0
}
