package server_test

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/apptest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/server"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/store/storetest"
)

// The published public view obeys a witness's consent to publication
// (issue 21): a testimony an admin put at public, whose witness did not
// consent to publication, is nowhere for an anonymous visitor — not in a
// page of a crawl of the web view from its dashboard, not in the API, not in
// reconciliation — neither the testimony nor anything drawn from it (a
// person only it names, an alias it gives a person others name, an event
// it reports); once the consent is recorded, it is there.
func TestPublicViewObeysConsent(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		rig := apptest.New(t, st)
		const (
			testimonyTitle = "Testimony Zeta-9"
			testimonyBody  = "withheld-testimony-body-zeta"
			witnessName    = "Withheld Witness Zeta"
			alias          = "zeta-alias-from-testimony"
			visibleName    = "Visible Person Eta"
			articleTitle   = "Visible wire Eta-4"
		)
		var testimony, article model.Source
		var person, witness, event string
		err := st.Write(ctx, "tester", func(tx *store.Tx) error {
			if err := tx.SetPublicView(ctx, true); err != nil {
				return err
			}
			article = model.Source{Kind: model.KindArticle, Title: articleTitle, Language: "en", Sensitivity: model.Public,
				Text: visibleName + " was arrested in Homs.", Published: model.DayDate(2025, 2, 1)}
			if err := tx.AddSource(ctx, &article, []byte(article.Text)); err != nil {
				return err
			}
			testimony = model.Source{Kind: model.KindTestimony, Title: testimonyTitle, Language: "en", Sensitivity: model.Public,
				Text: witnessName + " saw " + visibleName + " taken. " + testimonyBody, Published: model.DayDate(2025, 2, 2)}
			if err := tx.AddSource(ctx, &testimony, []byte(testimony.Text)); err != nil {
				return err
			}
			if err := tx.SetConsent(ctx, testimony.ID, model.Consent{Court: true}); err != nil {
				return err
			}
			add := func(typ model.EntityType) (string, error) {
				e, err := tx.AddEntity(ctx, typ)
				return e.ID, err
			}
			var err error
			if person, err = add(model.TypePerson); err != nil {
				return err
			}
			if witness, err = add(model.TypePerson); err != nil {
				return err
			}
			if event, err = add(model.TypeEvent); err != nil {
				return err
			}
			confirmed := func(entity string, p model.Property, value, valueEntity string, src model.Source) error {
				return tx.AddStatement(ctx, &model.Statement{EntityID: entity, Property: p, Value: value, ValueEntity: valueEntity,
					SourceID: src.ID, Origin: "manual", Status: model.StatusConfirmed, Sensitivity: model.Public})
			}
			for _, s := range []struct {
				entity      string
				p           model.Property
				value, link string
				src         model.Source
			}{
				{person, model.PropName, visibleName, "", article},
				{person, model.PropAlias, alias, "", testimony},
				{witness, model.PropName, witnessName, "", testimony},
				{event, model.PropEventType, "arrest", "", testimony},
				{event, model.PropInvolved, "", person, testimony},
			} {
				if err := confirmed(s.entity, s.p, s.value, s.link, s.src); err != nil {
					return err
				}
			}
			for _, m := range []model.Mention{
				{SourceID: article.ID, Span: model.Span{Start: 0, End: len(visibleName)}, Type: model.TypePerson, EntityID: person},
				{SourceID: testimony.ID, Span: model.Span{Start: 0, End: len(witnessName)}, Type: model.TypePerson, EntityID: witness},
				{SourceID: testimony.ID, Span: model.Span{Start: len(witnessName) + 5, End: len(witnessName) + 5 + len(visibleName)}, Type: model.TypePerson, EntityID: person},
			} {
				m.Extractor, m.Score = "test@1", 1
				if err := tx.AddMention(ctx, &m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		h, err := server.Handler(server.Config{App: rig.App, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(h)
		defer ts.Close()
		hidden := []string{testimony.ID, testimonyTitle, testimonyBody, witnessName, alias, witness, event}

		bodies := crawlPublic(t, ts.URL, []string{person, witness, event}, []string{testimony.ID},
			[]string{"Zeta", witnessName, alias, testimonyBody, visibleName})
		if len(bodies) < 25 {
			t.Fatalf("the crawl read only %d answers", len(bodies))
		}
		seen := strings.Join(bodies, "\n")
		for _, want := range []string{visibleName, articleTitle, article.ID, person} {
			if !strings.Contains(seen, want) {
				t.Errorf("the anonymous crawl never saw %q: it proves nothing", want)
			}
		}
		for _, b := range bodies {
			for _, h := range hidden {
				if i := strings.Index(b, h); i >= 0 {
					t.Errorf("without consent to publication, an anonymous visitor was shown %q: …%s…", h, b[max(i-100, 0):min(i+100, len(b))])
				}
			}
		}
		// An account of public clearance belongs to the organisation: consent
		// governs publication, not its work.
		member := access.Viewer{Name: "vera", Role: model.RoleViewer, Clearance: model.Public}
		if _, err := st.Source(ctx, member, testimony.ID); err != nil {
			t.Errorf("a member of public clearance cannot read the public testimony: %v", err)
		}

		if err := rig.App.SetConsent(ctx, access.Operator(), testimony.ID, model.Consent{Court: true, Publication: true}); err != nil {
			t.Fatal(err)
		}
		seen = strings.Join(crawlPublic(t, ts.URL, []string{person, witness, event}, []string{testimony.ID},
			[]string{"Zeta", witnessName, alias, testimonyBody, visibleName}), "\n")
		for _, want := range hidden {
			if !strings.Contains(seen, want) {
				t.Errorf("with consent to publication, an anonymous visitor never saw %q", want)
			}
		}
	})
}

// withoutEcho is an answer's body without what echoes the request — its
// own address (in the language links) and the words searched for (in the
// search box): the visitor knew those already.
func withoutEcho(body, path string) string {
	body = langLink.ReplaceAllString(body, "")
	u, err := url.Parse(path)
	if err != nil {
		return body
	}
	for _, vs := range u.Query() {
		for _, v := range vs {
			body = strings.ReplaceAll(body, `value="`+html.EscapeString(v)+`"`, "")
		}
	}
	return body
}

var langLink = regexp.MustCompile(`href="[^"]*lang=[^"]*"`)

// crawlPublic reads, as an anonymous visitor, every page of the web view
// that links lead to from the dashboard and the lists (at most 400), the
// pages of the entities and sources named (whether linked or not), web and
// API searches for the words, the API's lists and items, and
// reconciliation queries for the words; it returns every answer's body.
func crawlPublic(t *testing.T, base string, entities, sources, words []string) []string {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var bodies []string
	get := func(path string) string {
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		if resp.StatusCode >= 500 {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		}
		bodies = append(bodies, withoutEcho(string(b), path))
		return string(b)
	}
	queue := []string{"/", "/sources", "/entities", "/map"}
	for _, e := range entities {
		queue = append(queue, "/entities/"+e, "/entities/"+e+"/graph", "/entities/"+e+"/timeline")
	}
	for _, s := range sources {
		queue = append(queue, "/sources/"+s)
	}
	for _, w := range words {
		queue = append(queue, "/search?q="+url.QueryEscape(w))
	}
	seen := map[string]bool{}
	link := regexp.MustCompile(`href="(/[^"#]*)"`)
	for len(queue) > 0 && len(seen) < 400 {
		p := strings.ReplaceAll(queue[0], "&amp;", "&")
		queue = queue[1:]
		// (A language link redirects to the page it is on, naming it.)
		if seen[p] || strings.HasPrefix(p, "/static/") || strings.HasPrefix(p, "/login") || strings.Contains(p, "lang=") {
			continue
		}
		seen[p] = true
		for _, m := range link.FindAllStringSubmatch(get(p), -1) {
			queue = append(queue, m[1])
		}
	}
	// The API and reconciliation, anonymous.
	for _, list := range []string{"/api/v1/sources", "/api/v1/entities", "/api/v1/events", "/api/v1/entities?type=person"} {
		get(list + "?limit=100")
	}
	for _, e := range entities {
		get("/api/v1/entities/" + e)
		get("/api/v1/entities/" + e + "/case")
		get("/api/v1/entities/" + e + "/statements")
		get("/api/v1/events/" + e)
	}
	for _, s := range sources {
		get("/api/v1/sources/" + s)
		get("/api/v1/sources/" + s + "/statements")
	}
	for _, w := range words {
		get("/api/v1/search?q=" + url.QueryEscape(w))
		get("/api/v1/match?name=" + url.QueryEscape(w))
		get("/reconcile?queries=" + url.QueryEscape(`{"q0":{"query":"`+w+`"}}`))
	}
	return bodies
}
