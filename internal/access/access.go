// Package access owns who may see what: viewers with a role and a clearance,
// and the one read policy that every read — CLI, pages, API, search and
// exports — goes through. The store asks the policy which sensitivity levels a
// viewer may read and filters in SQL; nothing else decides visibility.
package access

import (
	"fmt"

	"github.com/athar-project/athar/internal/model"
)

// Viewer is whoever a read is for.
type Viewer struct {
	Name      string // user name; "" for the anonymous public
	Role      model.Role
	Clearance model.Sensitivity
	Anonymous bool
}

// Operator is the person at the command line of their own installation: an
// admin with full clearance, as CONTRACTS.md says the CLI acts by default.
func Operator() Viewer {
	return Viewer{Name: "operator", Role: model.RoleAdmin, Clearance: model.Confidential}
}

// Public is the anonymous public: public material only, and only what a
// person has confirmed.
func Public() Viewer {
	return Viewer{Anonymous: true, Role: model.RoleViewer, Clearance: model.Public}
}

// ForUser is the viewer a user account reads as.
func ForUser(u model.User) Viewer {
	return Viewer{Name: u.Name, Role: u.Role, Clearance: u.Clearance}
}

// Narrow returns v with its clearance lowered to c. Asking for more than v
// already has is an error: a flag can narrow what one sees, never widen it.
func (v Viewer) Narrow(c model.Sensitivity) (Viewer, error) {
	if c > v.Clearance {
		return v, fmt.Errorf("clearance %s is above %s's own (%s)", c, v.Actor(), v.Clearance)
	}
	v.Clearance = c
	return v, nil
}

// Actor names the viewer in the ledger and in logs.
func (v Viewer) Actor() string {
	if v.Anonymous || v.Name == "" {
		return "anonymous"
	}
	return v.Name
}

// CanSee reports whether v may read something of sensitivity s.
func (v Viewer) CanSee(s model.Sensitivity) bool { return s.Valid() && s <= v.Clearance }

// Visible lists the levels v may read, lowest first, for SQL filters.
func (v Viewer) Visible() []model.Sensitivity {
	var out []model.Sensitivity
	for _, s := range model.Sensitivities() {
		if v.CanSee(s) {
			out = append(out, s)
		}
	}
	return out
}

// ConfirmedOnly reports whether v sees only statements a person confirmed:
// true for the anonymous public.
func (v Viewer) ConfirmedOnly() bool { return v.Anonymous }

// PublishedOnly reports whether v reads only what may be published: true
// for the anonymous public, who never read a testimony whose witness did
// not consent to publication (model.UsePublication), whatever its level —
// not its page, its statements, its mentions, nor anything counted from
// them. Accounts of the organisation read what their clearance allows:
// consent governs publication, not the archive's own work.
func (v Viewer) PublishedOnly() bool { return v.Anonymous }

// CanWrite reports whether v may add or change material: analysts and up.
func (v Viewer) CanWrite() bool {
	return !v.Anonymous && (v.Role == model.RoleAdmin || v.Role == model.RoleReviewer || v.Role == model.RoleAnalyst)
}

// CanReview reports whether v may confirm or reject statements and judge merges.
func (v Viewer) CanReview() bool {
	return !v.Anonymous && (v.Role == model.RoleAdmin || v.Role == model.RoleReviewer)
}

// CanEnquire reports whether v may read and record families' enquiries
// about missing persons, and judge their matches: caseworkers and admins.
// Nobody else learns that an enquiry exists.
func (v Viewer) CanEnquire() bool {
	return !v.Anonymous && (v.Role == model.RoleAdmin || v.Role == model.RoleCaseworker)
}

// CanLower reports whether v may lower a sensitivity level: admins only.
func (v Viewer) CanLower() bool { return !v.Anonymous && v.Role == model.RoleAdmin }

// StatementSensitivity is the level a statement gets: never less sensitive
// than its source.
func StatementSensitivity(requested, source model.Sensitivity) model.Sensitivity {
	return model.Max(requested, source)
}
