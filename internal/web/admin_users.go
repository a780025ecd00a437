package web

import (
	"net/http"
	"strings"

	"github.com/athar-project/athar/internal/app"
	"github.com/athar-project/athar/internal/model"
)

// Account management for admins: list, create, change role and clearance,
// disable and enable, set a new password. Every change goes through the
// store as the signed-in admin, so the users table's ledger records who did
// it; the store refuses a change that would leave no active admin.

type usersData struct {
	Users   []model.User
	Roles   []model.Role
	Levels  []model.Sensitivity
	SelfID  string
	Problem string // catalogue key of what went wrong, "" when nothing did
	Form    newUserForm
}

type newUserForm struct {
	Name      string
	Role      model.Role
	Clearance model.Sensitivity
}

func (s *Server) usersData(r *http.Request) (usersData, error) {
	d := usersData{Roles: app.Roles(), Levels: model.Sensitivities(), SelfID: state(r).user.ID,
		Form: newUserForm{Role: model.RoleViewer, Clearance: app.DefaultClearance(model.RoleViewer)}}
	var err error
	d.Users, err = s.app.Users(r.Context(), state(r).viewer)
	return d, err
}

// usersShow lists every account with the forms that change it.
func (s *Server) usersShow(w http.ResponseWriter, r *http.Request) {
	d, err := s.usersData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "users", "users.title", d)
}

// usersProblem shows the list again with what went wrong.
func (s *Server) usersProblem(w http.ResponseWriter, r *http.Request, status int, key string, form newUserForm) {
	d, err := s.usersData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Problem = key
	if form.Role != "" {
		d.Form = form
	}
	s.render(w, r, status, "users", "users.title", d)
}

// roleAndLevel reads the role and clearance fields of a form.
func roleAndLevel(r *http.Request) (model.Role, model.Sensitivity, bool) {
	role, err := model.ParseRole(r.PostForm.Get("role"))
	if err != nil {
		return "", 0, false
	}
	level, err := model.ParseSensitivity(r.PostForm.Get("clearance"))
	if err != nil {
		return "", 0, false
	}
	return role, level, true
}

// userCreate adds an account with an initial password (app.AddUser: the
// same rules as athar user add).
func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	name := strings.TrimSpace(r.PostForm.Get("name"))
	role, level, ok := roleAndLevel(r)
	form := newUserForm{Name: name, Role: role, Clearance: level}
	switch {
	case !ok:
		s.usersProblem(w, r, http.StatusBadRequest, "users.bad_role", newUserForm{})
		return
	case !app.ValidUserName(name):
		s.usersProblem(w, r, http.StatusBadRequest, "users.bad_name", form)
		return
	}
	// The web UI signs in with a password: an account made here has one.
	password := r.PostForm.Get("password")
	if password == "" {
		s.usersProblem(w, r, http.StatusBadRequest, "users.short_password", form)
		return
	}
	u, err := s.app.AddUser(ctx, state(r).viewer, app.NewAccount{Name: name, Role: role, Clearance: &level, Password: password})
	switch app.KindOf(err) {
	case 0:
	case app.Conflict:
		s.usersProblem(w, r, http.StatusConflict, "users.exists", form)
		return
	case app.Invalid:
		s.usersProblem(w, r, http.StatusBadRequest, "users.short_password", form)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("user added", "user", state(r).viewer.Actor(), "account", u.Name, "role", u.Role)
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// userUpdate changes one account (app.ChangeUser): action "access" sets role
// and clearance, "disable" and "enable" switch it off and on, "password"
// sets a new password. Disabling or setting a password ends the account's
// sessions.
func (s *Server) userUpdate(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), state(r).viewer
	var c app.AccountChange
	switch action := r.PostForm.Get("action"); action {
	case "access":
		role, level, ok := roleAndLevel(r)
		if !ok {
			s.usersProblem(w, r, http.StatusBadRequest, "users.bad_role", newUserForm{})
			return
		}
		c.Role, c.Clearance = &role, &level
	case "disable", "enable":
		off := action == "disable"
		c.Disabled = &off
	case "password":
		pw := r.PostForm.Get("password")
		c.Password = &pw
	case "reset-2fa":
		s.factorReset(w, r)
		return
	default:
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	u, err := s.app.ChangeUser(ctx, v, r.PathValue("id"), c)
	switch app.KindOf(err) {
	case 0:
	case app.Conflict:
		s.usersProblem(w, r, http.StatusConflict, "users.last_admin", newUserForm{})
		return
	case app.Invalid:
		s.usersProblem(w, r, http.StatusBadRequest, "users.short_password", newUserForm{})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("user changed", "user", v.Actor(), "account", u.Name, "action", r.PostForm.Get("action"))
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// factorReset removes an account's second factor (app.RemoveTOTP), for
// someone who lost both the app and the recovery codes; an admin or
// reviewer enrols again at their next sign-in.
func (s *Server) factorReset(w http.ResponseWriter, r *http.Request) {
	v := state(r).viewer
	u, err := s.app.RemoveTOTP(r.Context(), v, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("second factor removed", "user", v.Actor(), "account", u.Name)
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// publishSubmit publishes or withdraws the public view.
func (s *Server) publishSubmit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var on bool
	switch r.PostForm.Get("publish") {
	case "on":
		on = true
	case "off":
	default:
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	if err := s.app.SetPublicView(ctx, state(r).viewer, on); err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("public view", "user", state(r).viewer.Actor(), "published", on)
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}
