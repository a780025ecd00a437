package web

import (
	"fmt"
	"reflect"

	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/web/i18n"
)

// paired hands a partial template both the page's view (for translation)
// and the value it shows: {{template "claim" (pair $ .)}}.
type paired struct {
	V *view
	X any
}

func pair(v *view, x any) paired { return paired{v, x} }

// RefLabel names a linked entity: its name, or for an event its type and
// date; a dash when the viewer may see no name of it.
func (v *view) RefLabel(x any) string {
	var r entityRef
	switch t := x.(type) {
	case entityRef:
		r = t
	case *entityRef:
		if t == nil {
			return "—"
		}
		r = *t
	default:
		return fmt.Sprint(x)
	}
	if r.Type == model.TypeEvent || r.Event != "" {
		out := v.EventType(r.Event)
		if !r.Date.IsZero() {
			out += " · " + r.Date.String()
		}
		return out
	}
	if r.Caption == "" {
		return "—"
	}
	if v.Lang == i18n.Arabic && r.Arabic != "" {
		return r.Arabic
	}
	if v.Lang != i18n.Arabic && r.Latin != "" {
		return r.Latin
	}
	return r.Caption
}

// captionIn is the name to caption an entity by in a language, of its
// names strongest first: the first in Arabic script on a page in Arabic,
// the first in another script on one in English, else the first.
func captionIn(lang i18n.Lang, names []string) string {
	for _, n := range names {
		if casefile.IsArabic(n) == (lang == i18n.Arabic) {
			return n
		}
	}
	if len(names) > 0 {
		return names[0]
	}
	return ""
}

// SourceTitle is a source's title or a stand-in.
func (v *view) SourceTitle(src model.Source) string { return displayTitle(src) }

// Independent says how many independent sources make a claim.
func (v *view) Independent(n int) string {
	if n == 1 {
		return v.T("claim.independent_one")
	}
	return v.T("claim.independent", n)
}

// Status translates a review state.
func (v *view) Status(s model.Status) string { return v.T("status." + string(s)) }

// Prop translates a statement property (a model.Property, or its name).
func (v *view) Prop(p any) string {
	name := vocabName(p)
	key := "prop." + name
	if t := v.T(key); t != "[["+key+"]]" {
		return t
	}
	return name
}

// vocabName is the name of a value of the vocabulary (model.Property,
// model.EventType, model.ParticipantRole) or of a string holding one:
// templates pass both, and cannot convert.
func vocabName(x any) string {
	switch x := x.(type) {
	case string:
		return x
	case fmt.Stringer:
		return x.String()
	case nil:
		return ""
	}
	return reflect.ValueOf(x).String()
}

// EntityType translates an entity type.
func (v *view) EntityType(t model.EntityType) string { return v.T("type." + string(t)) }

// EventType translates an event type (a model.EventType, or its name).
func (v *view) EventType(x any) string {
	t := vocabName(x)
	if t == "" {
		return v.T("event.unknown")
	}
	key := "event." + t
	if s := v.T(key); s != "[["+key+"]]" {
		return s
	}
	return t
}

// Score writes a matcher's score.
func (v *view) Score(f float64) string { return fmt.Sprintf("%.2f", f) }

// RoleIn translates a participant's role in an event (a
// model.ParticipantRole, or its name).
func (v *view) RoleIn(x any) string {
	role := vocabName(x)
	if role == "" {
		return ""
	}
	key := "role_in." + role
	if s := v.T(key); s != "[["+key+"]]" {
		return s
	}
	return role
}

// CanEnquire reports whether the signed-in user reads families' enquiries
// (to show the link; the routes check again).
func (v *view) CanEnquire() bool { return v.User != nil && v.Viewer.CanEnquire() }

// CanWatch reports whether the signed-in user keeps watch lists (to show
// the link; the routes check again).
func (v *view) CanWatch() bool { return v.User != nil && v.Viewer.CanWrite() }

// CanReview reports whether the signed-in user reviews (to show the review
// links and forms; the routes check again).
func (v *view) CanReview() bool { return v.User != nil && v.Viewer.CanReview() }

// ClaimValue is a claim's value as the page shows it: a rank in the page's
// language ("العقيد" on an Arabic page, "Colonel" on an English one), any
// other value as the sources wrote it.
func (v *view) ClaimValue(c casefile.Claim) string { return c.ValueIn(string(v.Lang)) }
