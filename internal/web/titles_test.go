package web

import (
	"context"
	"testing"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// TestUntitledSourcesShowHeadline: a source without a title shows its
// headline, not its file name, in the source list and on its page; an
// untitled source the viewer may not see shows nothing of its text.
func TestUntitledSourcesShowHeadline(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	const headline, hidden = "Prison guard Nu-9 detained in Homs", "Confidential headline Xi-4"
	var pub, conf model.Source
	err := r.st.Write(ctx, "tester", func(tx *store.Tx) error {
		pub = model.Source{Kind: model.KindArticle, Language: "en", Filename: "030.txt", ContentType: "text/plain",
			Text: headline + "\n\nThe guard was detained on Thursday.", Sensitivity: model.Public, IngestedAt: r.clock.Now()}
		if err := tx.AddSource(ctx, &pub, []byte("untitled public bytes")); err != nil {
			return err
		}
		conf = model.Source{Kind: model.KindTestimony, Language: "en", Filename: "031.txt", ContentType: "text/plain",
			Text: hidden + "\n\nA witness speaks.", Sensitivity: model.Confidential, IngestedAt: r.clock.Now()}
		return tx.AddSource(ctx, &conf, []byte("untitled confidential bytes"))
	})
	if err != nil {
		t.Fatal(err)
	}
	vera := r.login("vera")
	list := vera.get("/sources")
	contains(t, "vera's list", list.body, headline)
	lacks(t, "vera's list", list.body, ">030.txt<", hidden, conf.ID)
	page := vera.get("/sources/" + pub.ID)
	contains(t, "the source page", page.body, `id="source-title" lang="en">`+headline+`</h1>`)
	adel := r.login("adel").get("/sources")
	contains(t, "adel's list", adel.body, headline, hidden)
}
