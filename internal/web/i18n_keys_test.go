package web

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/names"
	"github.com/athar-project/athar/internal/web/i18n"
)

var literalKey = regexp.MustCompile(`\.T "([a-z0-9_.]+)"`)

// Every key a template names, and every key built from an enumeration, is
// in both catalogues.
func TestTemplateKeysInCatalogue(t *testing.T) {
	var keys []string
	err := fs.WalkDir(files, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range literalKey.FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, m[1])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range model.Sensitivities() {
		keys = append(keys, "sens."+s.String())
	}
	for _, k := range model.SourceKinds() {
		keys = append(keys, "kind."+string(k))
	}
	for _, r := range []model.Role{model.RoleAdmin, model.RoleReviewer, model.RoleAnalyst, model.RoleCaseworker, model.RoleViewer} {
		keys = append(keys, "role."+string(r))
	}
	keys = append(keys, "claims.done.confirm", "claims.done.reject", "claims.done.reopen", "claims.preview.title", "claims.done.title")
	keys = append(keys, "upload.outcome.stored", "upload.outcome.exists", "upload.outcome.failed",
		"export.ftm", "export.statements-csv", "export.csv", "export.public")
	keys = append(keys, "lang.ar", "lang.en", "lang.other", "action.view", "action.download", "action.list",
		"date.unknown", "login.failed", "login.too_many")
	for _, st := range []string{"open", "possible", "matched", "fate"} {
		keys = append(keys, "enquiry.status."+st)
	}
	keys = append(keys, "enquiry.sex.m", "enquiry.sex.f")
	for _, e := range mergeErrors {
		keys = append(keys, "merge.error."+e)
	}
	for _, code := range []string{"400", "403", "404", "429", "500", "other"} {
		keys = append(keys, "error."+code+".title", "error."+code+".message")
	}
	for _, t := range model.EntityTypes() {
		keys = append(keys, "type."+string(t), "entity.title."+string(t))
	}
	for _, st := range []model.Status{model.StatusProposed, model.StatusConfirmed, model.StatusRejected} {
		keys = append(keys, "status."+string(st))
	}
	// Every event type, participant role, modality and property of the
	// vocabulary has its label: a type added to internal/model fails here
	// until both catalogues name it.
	for _, e := range model.EventTypes() {
		keys = append(keys, "event."+string(e))
	}
	keys = append(keys, "event.unknown")
	for _, m := range model.Modalities() {
		keys = append(keys, "modality."+string(m))
	}
	for _, k := range casefile.Steps() {
		keys = append(keys, "step."+k)
	}
	for _, f := range casefile.Fates() {
		keys = append(keys, "fate."+f)
	}
	for _, c := range casefile.Stages() {
		keys = append(keys, "case."+c)
	}
	keys = append(keys, "case.suggests_n", "case.suggests_one", "case.suggests_none")
	for _, role := range model.ParticipantRoles() {
		keys = append(keys, "role_in."+string(role))
	}
	for _, p := range model.Properties() {
		keys = append(keys, "prop."+string(p))
	}
	// The roles of name parts in the matcher's reasons (reasons.go; every
	// shape of reason is checked by TestEveryReasonTranslates).
	for r := names.RoleUnknown; r <= names.RoleEpithet; r++ {
		keys = append(keys, "namerole."+r.String())
	}
	for _, c := range reasonCodes {
		keys = append(keys, c.key)
	}
	for _, p := range []string{"superior", "subordinate"} {
		keys = append(keys, "prop."+p)
	}
	keys = append(keys, "action.review", "action.search", "claim.independent_one", "claim.independent")
	// the graph's edge labels and the account page's problems, chosen in Go
	for _, t := range []model.EntityType{model.TypePerson, model.TypeFacility, model.TypePlace, model.TypeOrganization} {
		keys = append(keys, "graph.role_"+string(t))
	}
	keys = append(keys, "graph.more", "graph.where", "graph.organizer", "graph.title", "timeline.title", "users.title",
		"users.bad_role", "users.bad_name", "users.exists", "users.short_password", "users.last_admin")
	if len(keys) < 50 {
		t.Fatalf("found only %d keys: is the pattern still right?", len(keys))
	}
	for _, k := range keys {
		for _, l := range i18n.Langs() {
			if !i18n.Has(l, k) {
				t.Errorf("%q is missing in %s", k, l)
			}
		}
	}
}
