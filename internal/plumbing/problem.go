package plumbing

import (
	"context"
	"errors"
	"net/http"

	"github.com/athar-project/athar/internal/app"
)

// StatusClientClosed is what a request the client gave up on is logged as
// (nginx's 499): nobody reads the answer.
const StatusClientClosed = 499

// Problem is the status and the message a client is shown for err. A
// refusal of the application layer (*app.Error) keeps its message, which is
// safe to show whoever asked, and gets the status of its kind; a request the
// client cancelled is 499; anything else is a failure of the server: 500,
// with a message that says nothing of the cause (which the caller logs, once,
// and which may quote evidence). ok is false for that last case.
func Problem(err error) (status int, msg string, ok bool) {
	if k := app.KindOf(err); k != 0 {
		msg := err.Error()
		var e *app.Error
		if errors.As(err, &e) {
			msg = e.Msg
		}
		return statusOf(k), msg, true
	}
	if errors.Is(err, context.Canceled) {
		return StatusClientClosed, "the request was cancelled", true
	}
	return http.StatusInternalServerError, "the server failed; the error is logged", false
}

func statusOf(k app.Kind) int {
	switch k {
	case app.Invalid:
		return http.StatusUnprocessableEntity
	case app.Forbidden:
		return http.StatusForbidden
	case app.NotFound:
		return http.StatusNotFound
	case app.Conflict:
		return http.StatusConflict
	case app.TooLarge:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}
