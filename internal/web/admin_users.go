package web

import (
	"errors"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
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

var allRoles = []model.Role{model.RoleViewer, model.RoleAnalyst, model.RoleReviewer, model.RoleAdmin}

func (s *Server) usersData(r *http.Request) (usersData, error) {
	d := usersData{Roles: allRoles, Levels: model.Sensitivities(), SelfID: state(r).user.ID,
		Form: newUserForm{Role: model.RoleViewer, Clearance: model.Public}}
	var err error
	d.Users, err = s.store.Users(r.Context())
	return d, err
}

// usersShow lists every account with the forms that change it.
func (s *Server) usersShow(w http.ResponseWriter, r *http.Request) {
	d, err := s.usersData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "users", "users.title", d)
}

// usersProblem shows the list again with what went wrong.
func (s *Server) usersProblem(w http.ResponseWriter, r *http.Request, status int, key string, form newUserForm) {
	d, err := s.usersData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Problem = key
	if form.Role != "" {
		d.Form = form
	}
	s.render(w, r, status, "users", "users.title", d)
}

// validUserName accepts 1–64 letters, digits and . _ - @ with no spaces:
// a name is typed at the login form and the command line.
func validUserName(n string) bool {
	if n == "" || utf8.RuneCountInString(n) > 64 {
		return false
	}
	for _, c := range n {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !strings.ContainsRune("._-@", c) {
			return false
		}
	}
	return true
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

// userCreate adds an account with an initial password (hashed with
// argon2id).
func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	name := strings.TrimSpace(r.PostForm.Get("name"))
	role, level, ok := roleAndLevel(r)
	form := newUserForm{Name: name, Role: role, Clearance: level}
	switch {
	case !ok:
		s.usersProblem(w, r, http.StatusBadRequest, "users.bad_role", newUserForm{})
		return
	case !validUserName(name):
		s.usersProblem(w, r, http.StatusBadRequest, "users.bad_name", form)
		return
	}
	if _, err := s.store.UserByName(ctx, name); err == nil {
		s.usersProblem(w, r, http.StatusConflict, "users.exists", form)
		return
	} else if !errors.Is(err, store.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	hash, err := s.hashPassword(r, r.PostForm.Get("password"))
	if err != nil {
		s.usersProblem(w, r, http.StatusBadRequest, "users.short_password", form)
		return
	}
	u := model.User{Name: name, Role: role, Clearance: level, PasswordHash: hash}
	err = s.store.Write(ctx, state(r).viewer.Actor(), func(tx *store.Tx) error { return tx.AddUser(ctx, &u) })
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("user added", "user", state(r).viewer.Actor(), "account", u.Name, "role", u.Role)
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// hashPassword hashes a new password under the same bound on concurrent
// argon2id runs as logins.
func (s *Server) hashPassword(r *http.Request, password string) (string, error) {
	select {
	case s.passwords <- struct{}{}:
	case <-r.Context().Done():
		return "", r.Context().Err()
	}
	defer func() { <-s.passwords }()
	return access.HashPassword(password)
}

// userUpdate changes one account: action "access" sets role and clearance,
// "disable" and "enable" switch it off and on, "password" sets a new
// password. Disabling or setting a password ends the account's sessions.
func (s *Server) userUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := s.store.UserByID(ctx, r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	up := store.UserUpdate{Role: u.Role, Clearance: u.Clearance, Disabled: u.Disabled}
	hash := ""
	switch action := r.PostForm.Get("action"); action {
	case "access":
		var ok bool
		if up.Role, up.Clearance, ok = roleAndLevel(r); !ok {
			s.usersProblem(w, r, http.StatusBadRequest, "users.bad_role", newUserForm{})
			return
		}
	case "disable", "enable":
		up.Disabled = action == "disable"
	case "password":
		if hash, err = s.hashPassword(r, r.PostForm.Get("password")); err != nil {
			s.usersProblem(w, r, http.StatusBadRequest, "users.short_password", newUserForm{})
			return
		}
	default:
		s.renderError(w, r, http.StatusBadRequest)
		return
	}
	err = s.store.Write(ctx, state(r).viewer.Actor(), func(tx *store.Tx) error {
		if hash != "" {
			return tx.SetUserPassword(ctx, u.ID, hash)
		}
		return tx.UpdateUser(ctx, u.ID, up)
	})
	if errors.Is(err, store.ErrLastAdmin) {
		s.usersProblem(w, r, http.StatusConflict, "users.last_admin", newUserForm{})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if up.Disabled || hash != "" {
		if err := s.sessions.DeleteUser(ctx, u.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.log.Info("user changed", "user", state(r).viewer.Actor(), "account", u.Name, "action", r.PostForm.Get("action"))
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
	if err := s.store.Write(ctx, state(r).viewer.Actor(), func(tx *store.Tx) error { return tx.SetPublicView(ctx, on) }); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.log.Info("public view", "user", state(r).viewer.Actor(), "published", on)
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}
