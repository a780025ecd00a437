package api

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// Cursors are opaque to clients: base64url of the kind of listing and the
// keyset position of the last item shown, so that the next page starts
// strictly after it whatever was added meanwhile. A cursor of one listing is
// refused by another.

const cursorSep = "\x1f"

func encodeCursor(kind string, parts ...string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strings.Join(append([]string{kind}, parts...), cursorSep)))
}

// decodeCursor reads a cursor of the given kind with n parts; ok is false for
// anything this API did not hand out for that listing.
func decodeCursor(c, kind string, n int) ([]string, bool) {
	b, err := base64.RawURLEncoding.Strict().DecodeString(c)
	if err != nil {
		return nil, false
	}
	parts := strings.Split(string(b), cursorSep)
	if len(parts) != n+1 || parts[0] != kind {
		return nil, false
	}
	for _, p := range parts[1:] {
		if p == "" {
			return nil, false
		}
	}
	return parts[1:], true
}

// Paging parameters every list takes.

// Limits of a page.
const (
	defaultLimit = 50
	maxLimit     = 200
)

// limitParam is a page size. It is read as text and checked here rather
// than by huma, so that a bad limit is a 400 that names the parameter, like
// every other bad parameter; the OpenAPI document still says it is an
// integer from 1 to 200.
type limitParam string

// Schema documents limitParam as the integer it is.
func (limitParam) Schema(huma.Registry) *huma.Schema {
	lo, hi := 1.0, float64(maxLimit)
	return &huma.Schema{Type: huma.TypeInteger, Minimum: &lo, Maximum: &hi, Default: defaultLimit,
		Description: "Items per page, 1 to 200 (default 50)."}
}

func (l limitParam) value() (int, error) {
	if l == "" {
		return defaultLimit, nil
	}
	n, err := strconv.Atoi(string(l))
	if err != nil || n < 1 || n > maxLimit {
		return 0, badParam("query.limit", "limit must be a whole number from 1 to 200", string(l))
	}
	return n, nil
}

// Paging is the paging part of a list operation's input. (Exported: huma
// reads the parameters of embedded structs only when they are.)
type Paging struct {
	Cursor string     `query:"cursor" doc:"The next_cursor of the previous page; absent for the first page."`
	Limit  limitParam `query:"limit"`
}

// badParam is a 400 that names the parameter at fault and says what is wrong.
func badParam(location, message string, value any) error {
	d := &huma.ErrorDetail{Location: location, Message: message}
	if s, ok := value.(string); !ok || len(s) <= 200 {
		d.Value = value
	}
	return huma.Error400BadRequest("bad parameter "+strings.TrimPrefix(strings.TrimPrefix(location, "query."), "path.")+": "+message, d)
}

// badCursor is the 400 for a cursor this listing did not hand out.
func badCursor() error {
	return badParam("query.cursor", "not a cursor this listing handed out: pass next_cursor from the previous page unchanged", nil)
}

// nextCursor is the next_cursor of a page that ended at the keyset
// position parts, when another page follows.
func nextCursor(kind string, parts ...string) *string {
	c := encodeCursor(kind, parts...)
	return &c
}
