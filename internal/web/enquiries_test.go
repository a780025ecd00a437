package web

import (
	"html/template"
	"net/http"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access/accesstest"
	"github.com/athar-project/athar/internal/enquiry"
	"github.com/athar-project/athar/internal/web/i18n"
)

// Every reason an enquiry's candidate or a watch-list alert may carry has
// a message in both catalogues, with as many arguments as it is given.
func TestEnquiryReasonsInBothLanguages(t *testing.T) {
	for _, code := range enquiry.Codes() {
		for _, lang := range []i18n.Lang{i18n.English, i18n.Arabic} {
			if !i18n.Has(lang, "enquiry.reason."+code) {
				t.Errorf("%s: no message enquiry.reason.%s", lang, code)
			}
		}
		en, ar := i18n.T(i18n.English, "enquiry.reason."+code), i18n.T(i18n.Arabic, "enquiry.reason."+code)
		if strings.Count(en, "%s") != strings.Count(ar, "%s") {
			t.Errorf("%s: %q and %q take different arguments", code, en, ar)
		}
	}
}

// The Arabic page of an enquiry shows its candidates' reasons in Arabic:
// none of the English sentences the command line prints, every one as the
// Arabic catalogue renders it.
func TestEnquiryPageReasonsInArabic(t *testing.T) {
	r := newRig(t, "")
	karim := r.login("karim")
	cands, err := r.app.EnquiryMatches(t.Context(), accesstest.Viewer("karim"), r.enquiry)
	if err != nil || len(cands) == 0 || len(cands[0].Reasons) == 0 {
		t.Fatalf("the rig's enquiry has no candidate with reasons: %+v, %v", cands, err)
	}
	en := karim.get("/enquiries/" + r.enquiry)
	if en.status != http.StatusOK {
		t.Fatalf("enquiry page: %d", en.status)
	}
	karim.get("/enquiries?lang=ar")
	ar := karim.get("/enquiries/" + r.enquiry)
	if ar.status != http.StatusOK {
		t.Fatalf("Arabic enquiry page: %d", ar.status)
	}
	contains(t, "the Arabic enquiry page", ar.body, `lang="ar"`, "الاسم: ")
	lacks(t, "the Arabic enquiry page", ar.body, "[[", "name: ", "agrees", "differs", "evidence against", "comes close", "confirmed by", "fate in the case file")
	for _, c := range cands {
		for _, reason := range c.Reasons {
			contains(t, "the English enquiry page", en.body, template.HTMLEscapeString(reason.String()))
			contains(t, "the Arabic enquiry page", ar.body, template.HTMLEscapeString(renderEnquiryReason(i18n.Arabic, reason)))
		}
	}
}
