package web

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/athar-project/athar/internal/access/accesstest"
)

// TestWatchPage: the analyst reads the watch page — the internal entry and
// its alert from the public source, with the matcher's reasons, not the
// confidential entry — adds an entry in Latin letters that flags the
// stored Arabic mention at once, and removes it; the admin sees the
// confidential entry too; the page is in Arabic when asked.
func TestWatchPage(t *testing.T) {
	r := newRig(t, "")
	anas := r.login("anas")
	page := anas.get("/watch")
	if page.status != http.StatusOK {
		t.Fatalf("/watch: %d", page.status)
	}
	contains(t, "the analyst's watch page", page.body, watchNote, publicPersonAr, "name: ", `href="/watch"`)
	lacks(t, "the analyst's watch page", page.body, watchSecretNote, victimName)

	added := anas.post("/watch", "/watch", url.Values{"name": {publicTwin}, "aliases": {"Abu Ali\nAbou Ali"}, "rank": {"colonel"},
		"born": {"1970"}, "note": {"added-from-the-form"}, "sensitivity": {"internal"}})
	if added.status != http.StatusOK {
		t.Fatalf("add: %d", added.status)
	}
	contains(t, "the page after adding", added.body, `id="watch-added"`, "added-from-the-form", "Abou Ali", publicTwin)
	list, err := r.app.WatchList(t.Context(), accesstest.Viewer("anas"))
	if err != nil || len(list) != 2 || list[0].Name != publicTwin {
		t.Fatalf("watch list %+v, %v", list, err)
	}
	alerts, err := r.app.WatchAlerts(t.Context(), accesstest.Viewer("anas"))
	flagged := false
	for _, a := range alerts {
		flagged = flagged || a.EntryID == list[0].ID
	}
	if err != nil || !flagged {
		t.Errorf("the new entry flagged no stored source: %+v, %v", alerts, err)
	}
	if resp := anas.post("/watch", "/watch/"+list[0].ID+"/remove", nil); resp.status != http.StatusSeeOther {
		t.Errorf("remove: %d", resp.status)
	}
	lacks(t, "the page after removing", anas.get("/watch").body, "added-from-the-form")

	contains(t, "the admin's watch page", r.login("adel").get("/watch").body, watchSecretNote, watchNote)

	anas.get("/watch?lang=ar")
	ar := anas.get("/watch").body
	contains(t, "the Arabic watch page", ar, `lang="ar"`, "قوائم المراقبة", "ما ورد في المصادر", "أضف إلى قائمة المراقبة", "الاسم: ")
	lacks(t, "the Arabic watch page", ar, "[[", "name: ", "agrees", "differs", "evidence against")

	if resp := r.login("vera").get("/watch"); resp.status != http.StatusForbidden {
		t.Errorf("a viewer reads /watch: %d", resp.status)
	}
}
