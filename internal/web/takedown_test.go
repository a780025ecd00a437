package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// A take-down in the web UI takes two admins, each signed in with their
// second factor: adel asks on the source's page, the admin page lists the
// request, adel cannot approve it, nadia (a second admin) can — and only
// then is the source's content gone; a reviewer sees no form and is
// refused.
func TestTakeDownTakesTwoAdmins(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	nadia := model.User{Name: "nadia", Role: model.RoleAdmin, Clearance: model.Confidential, PasswordHash: accesstest.PasswordHash(t)}
	if err := r.st.Write(ctx, "tester", func(tx *store.Tx) error { return tx.AddUser(ctx, &nadia) }); err != nil {
		t.Fatal(err)
	}
	f := r.st.SecondFactors()
	if err := f.StartTOTP(ctx, nadia.ID, accesstest.Secret("nadia")); err != nil {
		t.Fatal(err)
	}
	if err := f.ConfirmTOTP(ctx, nadia.ID, accesstest.Secret("nadia"), nil); err != nil {
		t.Fatal(err)
	}
	src := r.sources[model.Confidential].src
	page := "/sources/" + src.ID

	rania := r.login("rania")
	if body := rania.get(page).body; strings.Contains(body, `action="`+page+`/takedown"`) {
		t.Fatal("a reviewer is offered the take-down form")
	}
	if resp := rania.post("/", page+"/takedown", url.Values{"reason": {"x"}}); resp.status != http.StatusForbidden {
		t.Fatalf("a reviewer asks for a take-down: %d", resp.status)
	}

	adel := r.login("adel")
	const marker = "confidential-body-marker-omega"
	if body := adel.get(page).body; !strings.Contains(body, `action="`+page+`/takedown"`) || !strings.Contains(body, marker) {
		t.Fatal("the admin is not offered the take-down form, or does not read the source")
	}
	const reason = "the witness asked to be removed"
	if resp := adel.post(page, page+"/takedown", url.Values{"reason": {reason}}); resp.status != http.StatusSeeOther {
		t.Fatalf("ask for a take-down: %d %s", resp.status, resp.body)
	}
	reqs, err := r.st.PendingTakeDowns(ctx)
	if err != nil || len(reqs) != 1 || reqs[0].RequestedBy != "adel" || reqs[0].Reason != reason {
		t.Fatalf("pending %+v %v", reqs, err)
	}
	decide := "/admin/takedowns/" + reqs[0].ID
	body := adel.get("/admin").body
	if !strings.Contains(body, reason) || strings.Contains(body, `action="`+decide+`"`) {
		t.Fatal("the admin page does not list the request, or offers its own asker to approve it")
	}
	if resp := adel.post("/admin", decide, url.Values{"action": {"approve"}}); resp.status != http.StatusForbidden {
		t.Fatalf("the asker approves: %d", resp.status)
	}
	if got, err := r.st.Source(ctx, access.Operator(), src.ID); err != nil || got.Text != src.Text {
		t.Fatalf("the source changed before any approval: %v", err)
	}

	second := r.client()
	resp := second.post("/login", "/login", url.Values{"name": {"nadia"}, "password": {testPassword}})
	if resp.status != http.StatusSeeOther || resp.header.Get("Location") != "/login/code" {
		t.Fatalf("an admin signs in without a second factor: %d %s", resp.status, resp.header.Get("Location"))
	}
	resp = second.post("/login/code", "/login/code", url.Values{"code": {r.codes.Code(t, "nadia")}})
	if resp.status != http.StatusSeeOther || resp.header.Get("Location") != "/" {
		t.Fatalf("nadia's code: %d", resp.status)
	}
	if body := second.get("/admin").body; !strings.Contains(body, `action="`+decide+`"`) {
		t.Fatal("the second admin is not offered to decide")
	}
	if resp := second.post("/admin", decide, url.Values{"action": {"approve"}}); resp.status != http.StatusSeeOther {
		t.Fatalf("the second admin approves: %d %s", resp.status, resp.body)
	}
	got, err := r.st.Source(ctx, access.Operator(), src.ID)
	if err != nil || got.Text != store.Withdrawn {
		t.Fatalf("after the approval the text reads %q, %v", got.Text, err)
	}
	if body := second.get(page).body; strings.Contains(body, marker) {
		t.Fatal("the source page still shows the text")
	}
	if resp := second.post("/admin", decide, url.Values{"action": {"approve"}}); resp.status != http.StatusConflict {
		t.Fatalf("approved twice: %d", resp.status)
	}
	if body := second.get("/admin").body; !strings.Contains(body, `id="no-takedowns"`) {
		t.Fatal("the decided request is still listed")
	}
	tds, err := r.st.TakeDowns(ctx)
	if err != nil || len(tds) != 1 || tds[0].Actor != "nadia" || !strings.Contains(tds[0].Reason, "asked by adel") {
		t.Fatalf("take-downs %+v %v", tds, err)
	}
	if rep, err := r.st.Verify(ctx); err != nil || !rep.OK || rep.TakeDowns != 1 {
		t.Fatalf("verify %+v %v", rep, err)
	}
}
