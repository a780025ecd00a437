package api

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/model"
)

// TestNothingAboveClearance walks the whole API as callers of each clearance
// below confidential — every page of every list, every item it names, the
// ids of hidden items asked for directly, searches and matches for hidden
// values — and checks that no value above the caller's clearance appears in
// any answer (body or header) or in the request log.
func TestNothingAboveClearance(t *testing.T) {
	engines(t, func(t *testing.T, r *rig) {
		for _, who := range []string{"vera", "anas", "rania", "karim"} {
			var clearance model.Sensitivity
			for _, a := range accounts {
				if a.Name == who {
					clearance = a.Clearance
				}
			}
			var hidden []string
			for l, vs := range r.secrets {
				if l > clearance {
					hidden = append(hidden, vs...)
				}
			}
			if len(hidden) == 0 {
				t.Fatalf("%s: no secrets above %s", who, clearance)
			}
			// Enquiries: nobody but a caseworker or an admin.
			if who != "karim" {
				hidden = append(hidden, r.enquirySecrets...)
			}
			answers := r.crawl(who)
			if len(answers) < 20 {
				t.Fatalf("%s: only %d answers", who, len(answers))
			}
			for _, a := range answers {
				text := string(a.body)
				for k, vs := range a.header {
					text += "\n" + k + ": " + strings.Join(vs, ", ")
				}
				for _, h := range hidden {
					if strings.Contains(text, h) {
						t.Errorf("%s (clearance %s) was shown %q:\n%s", who, clearance, h, a.body)
					}
				}
			}
			// The caller sees what their clearance allows: the crawl is not
			// vacuous.
			all := ""
			for _, a := range answers {
				all += string(a.body)
			}
			for _, want := range []string{publicPerson, publicFacility, r.fx.arrest, "arrest"} {
				if !strings.Contains(all, want) {
					t.Errorf("%s never saw %q", who, want)
				}
			}
			if clearance >= model.Internal && !strings.Contains(all, internalBirth) {
				t.Errorf("%s (internal) never saw the internal birthplace", who)
			}
			// Watch lists: the analysts' and up, each within their
			// clearance; the confidential entry's alerts only to the admin.
			if who != "vera" && who != "karim" && (!strings.Contains(all, watchNote) || !strings.Contains(all, `"wanted":"`+publicPerson)) {
				t.Errorf("%s never saw the internal watch-list entry and its alert", who)
			}
			if who == "adel" && !strings.Contains(all, `"wanted":"`+victimName) {
				t.Errorf("the admin never saw the confidential entry's alert")
			}
			if clearance >= model.Restricted && !strings.Contains(all, restrictedPost) {
				t.Errorf("%s (restricted) never saw the restricted position", who)
			}
		}
		logs := r.logs.String()
		for _, vs := range r.secrets {
			for _, h := range vs {
				if strings.Contains(logs, h) {
					t.Errorf("the log holds %q", h)
				}
			}
		}
	})
}

// crawl reads everything the API offers a caller.
func (r *rig) crawl(who string) []response {
	var out []response
	get := func(path string) map[string]any {
		resp := r.get(path, who)
		out = append(out, resp)
		var m map[string]any
		_ = json.Unmarshal(resp.body, &m)
		return m
	}
	// Every page of a list, one item a page; then each item.
	pages := func(path string, each func(item map[string]any)) {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		cursor := ""
		for range 100 {
			p := path + sep + "limit=1"
			if cursor != "" {
				p += "&cursor=" + url.QueryEscape(cursor)
			}
			m := get(p)
			items, _ := m["items"].([]any)
			for _, it := range items {
				each(it.(map[string]any))
			}
			next, _ := m["next_cursor"].(string)
			if next == "" {
				return
			}
			cursor = next
		}
		r.t.Errorf("%s: more than 100 pages", path)
	}
	get("/api/v1/me")
	pages("/api/v1/sources", func(it map[string]any) {
		id := it["id"].(string)
		get("/api/v1/sources/" + id)
		pages("/api/v1/sources/"+id+"/statements", func(map[string]any) {})
	})
	pages("/api/v1/sources?order=oldest", func(map[string]any) {})
	for _, typ := range append([]string{""}, "person", "facility", "event") {
		pages("/api/v1/entities?type="+typ, func(it map[string]any) {
			id := it["id"].(string)
			get("/api/v1/entities/" + id)
			get("/api/v1/entities/" + id + "/case")
			pages("/api/v1/entities/"+id+"/statements", func(st map[string]any) {
				get("/api/v1/statements/" + st["id"].(string))
			})
			pages("/api/v1/entities/"+id+"/events", func(ev map[string]any) {
				get("/api/v1/events/" + ev["event_id"].(string))
			})
		})
	}
	pages("/api/v1/events", func(it map[string]any) { get("/api/v1/events/" + it["id"].(string)) })
	pages("/api/v1/review-queue", func(map[string]any) {})
	// Hidden things asked for by id: the same 404 as nothing at all.
	f := r.fx
	for _, s := range r.fx.sources {
		get("/api/v1/sources/" + s.ID)
		get("/api/v1/sources/" + s.ID + "/statements")
	}
	for _, id := range []string{f.victim, f.witness, f.torture, f.person} {
		get("/api/v1/entities/" + id)
		get("/api/v1/entities/" + id + "/case")
		get("/api/v1/entities/" + id + "/statements")
		get("/api/v1/entities/" + id + "/events")
		get("/api/v1/events/" + id)
	}
	for _, id := range []string{f.restrictedStmt, f.confidentialStmt, f.proposed} {
		get("/api/v1/statements/" + id)
	}
	// Searches and matches for hidden values.
	for _, q := range []string{"arrested", "Sednaya", victimName, witnessName, restrictedPost, internalBirth,
		"internal-body-marker-kappa", "restricted-body-marker-sigma", tortureQuote, "صيدنايا", "أوس سلوم", "Aws Salloum"} {
		get("/api/v1/search?q=" + url.QueryEscape(q))
		get("/api/v1/search?q=" + url.QueryEscape(q) + "&near=" + f.facility)
	}
	for _, name := range []string{publicPerson, victimName, witnessName} {
		get("/api/v1/match?name=" + url.QueryEscape(name))
	}
	// Enquiries (403 but to caseworkers and admins), their candidates and
	// the family's answer: a caseworker sees candidates and sources only
	// within their clearance.
	pages("/api/v1/enquiries", func(it map[string]any) {
		id := it["id"].(string)
		get("/api/v1/enquiries/" + id)
		get("/api/v1/enquiries/" + id + "/matches")
		get("/api/v1/enquiries/" + id + "/answer")
	})
	get("/api/v1/enquiries/" + f.enquiry + "/matches")
	get("/api/v1/enquiry-alerts")
	get("/api/v1/watch-list")
	get("/api/v1/watch-alerts")
	for _, q := range []string{"enquiry-mother-marker-rho", "enquiry-contact-marker-phi"} {
		get("/api/v1/search?q=" + url.QueryEscape(q))
		get("/api/v1/match?name=" + url.QueryEscape(q))
	}
	return out
}
