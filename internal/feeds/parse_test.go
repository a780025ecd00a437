package feeds_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/athar-project/athar/internal/feeds"
	"github.com/athar-project/athar/internal/ingest"
)

const base = "https://news.example"

func readFeed(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(strings.ReplaceAll(string(data), "{{BASE}}", base))
}

func TestParseTheThreeFormats(t *testing.T) {
	type item struct {
		key, link, title, published string
		content                     string // a piece of the content
	}
	for _, c := range []struct {
		file, url, typ, title, lang string
		items                       []item
	}{
		{"rss.xml", base + "/rss.xml", "rss", "Levant Justice Monitor", "en", []item{
			{"ljm-2025-0142", base + "/articles/guard-arrested-homs.html", "Former Sednaya guard arrested in Homs countryside", "2025-03-14T11:20:00+03:00", "arrested a former guard"},
			{"ljm-2025-0143", base + "/articles/ar-referral-judiciary.html", "إحالة سجان سابق في صيدنايا إلى القضاء بعد اعترافه", "2025-03-15T18:05:00+03:00", "أحالت وزارة الداخلية"},
			{"ljm-2025-0144", "", "Families wait outside Sednaya as search for prison records goes on", "2025-03-16T08:40:00+03:00", "<p>Rami Haddad, 52"},
		}},
		{"atom.xml", base + "/atom.xml", "atom", "Damascus Court Reporter", "en", []item{
			{"tag:dcr.example,2025:trial-mansour-1", base + "/articles/trial-opens-damascus.html", "Trial of former Sednaya officer opens in Damascus", "2025-04-07T10:15:00+03:00", "opened before the criminal court"},
			{"tag:dcr.example,2025:ar-ali-custody", base + "/articles/ar-death-in-custody.html", "ذوو معتقل: ابننا توفي تحت التعذيب في صيدنايا", "2025-04-08T16:30:00+03:00", "شهادة عائلة معتقل"},
		}},
		{"feed.json", base + "/feed.json", "json", "Syria Accountability Wire", "ar", []item{
			{"saw-7731", base + "/articles/escaped-officer-wanted.html", "Warrant issued for former Sednaya officer who fled", "2025-05-02T09:00:00+03:00", "Prosecutors issued an arrest warrant"},
			{"saw-7732", "", "القبض على عنصر سابق في سجن صيدنايا في ريف دمشق", "2025-05-03T14:20:00+03:00", "ماهر الدباغ"},
		}},
	} {
		t.Run(c.file, func(t *testing.T) {
			p, err := feeds.Parse(readFeed(t, c.file), c.url)
			if err != nil {
				t.Fatal(err)
			}
			if p.Type != c.typ || p.Title != c.title || p.Language != c.lang {
				t.Errorf("type %q title %q language %q", p.Type, p.Title, p.Language)
			}
			if len(p.Items) != len(c.items) {
				t.Fatalf("%d items, want %d", len(p.Items), len(c.items))
			}
			for i, w := range c.items {
				got := p.Items[i]
				want, _ := time.Parse(time.RFC3339, w.published)
				if got.Key != w.key || got.Link != w.link || got.Title != w.title || !got.Published.Equal(want) ||
					!strings.Contains(got.Content, w.content) {
					t.Errorf("item %d = %+v\nwant %+v", i, got, w)
				}
			}
		})
	}
}

func TestParseKeysAndLinks(t *testing.T) {
	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://site.example/news/</link>
<item><title>No guid</title><link>/a/1.html#top</link></item>
<item><title>Same link twice</title><link>/a/1.html</link></item>
<item><title>Neither</title><description>Only words.</description></item>
<item><title>Not http</title><link>javascript:alert(1)</link><guid>g-4</guid></item>
<item><title>Relative to the page</title><link>2.html</link><guid>g-5</guid></item>
</channel></rss>`
	p, err := feeds.Parse([]byte(rss), "https://feeds.example/rss")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 4 {
		t.Fatalf("%d items, want 4 (the same link twice is one item): %+v", len(p.Items), p.Items)
	}
	if p.Items[0].Key != "https://site.example/a/1.html" || p.Items[0].Link != "https://site.example/a/1.html" {
		t.Errorf("item without guid: %+v", p.Items[0])
	}
	if !strings.HasPrefix(p.Items[1].Key, "sha256:") || p.Items[1].Link != "" || p.Items[1].Content != "Only words." {
		t.Errorf("item with neither guid nor link: %+v", p.Items[1])
	}
	if p.Items[2].Key != "g-4" || p.Items[2].Link != "" {
		t.Errorf("a javascript: link was kept: %+v", p.Items[2])
	}
	if p.Items[3].Link != "https://site.example/news/2.html" {
		t.Errorf("relative link resolved to %q", p.Items[3].Link)
	}
}

func TestParseRefusesWhatIsNotAFeed(t *testing.T) {
	page, err := os.ReadFile("testdata/articles/trial-opens-damascus.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data string
		want string
	}{
		{"html", string(page), "HTML page"},
		{"empty", " \n", "empty"},
		{"text", "Sednaya prison, a report.", "neither RSS, Atom nor JSON Feed"},
		{"broken rss", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</ti`, "broken rss"},
		{"json not a feed", `{"name": "not a feed"}`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := feeds.Parse([]byte(c.data), base+"/feed")
			if err == nil {
				if c.want == "" {
					return // gofeed reads any JSON object as an empty feed
				}
				t.Fatal("no error")
			}
			if !errors.Is(err, feeds.ErrNotFeed) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want ErrNotFeed saying %q", err, c.want)
			}
		})
	}
}

func TestDocumentIsWhatIngestReads(t *testing.T) {
	p, err := feeds.Parse(readFeed(t, "rss.xml"), base+"/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	it := p.Items[2] // no link: the content only
	page := feeds.Document(p.Title, p.Language, it)
	if strings.Contains(string(page), "<script") || strings.Contains(string(page), "trackPageView") {
		t.Errorf("the page kept a script:\n%s", page)
	}
	doc, err := ingest.Parse(ingest.Input{Name: "item.html", Data: page}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != it.Title || doc.Publisher != "Levant Justice Monitor" || doc.Published.String() != "2025-03-16" || doc.Language != "en" {
		t.Errorf("read back: title %q publisher %q published %s language %s", doc.Title, doc.Publisher, doc.Published, doc.Language)
	}
	for _, want := range []string{"Dozens of families gathered", "Rami Haddad, 52, said his brother Karim was arrested", "urged families not to remove any papers"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text)
		}
	}
}

func TestDocumentEscapesWhatTheFeedSays(t *testing.T) {
	it := feeds.Item{
		Title:   `Guards </title><script>x()</script> "held"`,
		Content: "Plain text with <b>no</b> end of <div> and </article></body></html><p>after the page</p><iframe src=x>framed</iframe><custom-tag>kept words</custom-tag>",
	}
	page := string(feeds.Document(`Wire "A" & B`, `ar" onload="x`, it))
	for _, bad := range []string{"<script", "<iframe", "framed", "onload", "<custom-tag"} {
		if strings.Contains(page, bad) {
			t.Errorf("page holds %q:\n%s", bad, page)
		}
	}
	if strings.Count(page, "</html>") != 1 || strings.Count(page, "</article>") != 1 {
		t.Errorf("the content ended the page early:\n%s", page)
	}
	doc, err := ingest.Parse(ingest.Input{Name: "item.html", Data: []byte(page)}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"after the page", "kept words"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text)
		}
	}
	if doc.Publisher != `Wire "A" & B` {
		t.Errorf("publisher %q", doc.Publisher)
	}

	text := feeds.Item{Title: "Plain", Content: "First paragraph about the prison.\n\nSecond one: 3 < 4 & more."}
	page = string(feeds.Document("", "", text))
	if !strings.Contains(page, "<p>First paragraph about the prison.</p>") || !strings.Contains(page, "<p>Second one: 3 &lt; 4 &amp; more.</p>") {
		t.Errorf("plain text content:\n%s", page)
	}
}
