package feeds

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// ErrNotFeed means the bytes are not an RSS, Atom or JSON Feed document.
var ErrNotFeed = errors.New("not a feed")

// Parsed is a feed document as read.
type Parsed struct {
	Title    string
	Language string // as the feed declares it ("ar", "en-GB"), "" when it does not
	Type     string // rss, atom or json
	Items    []Item // in the feed's order, one per key
}

// Item is one entry of a feed.
type Item struct {
	// Key tells the item apart from the feed's others across polls: its
	// guid (or id), else its link, else a hash of its title and content.
	Key string
	// Link is the article's absolute http(s) URL, "" when the item has none.
	Link      string
	Title     string
	Published time.Time // zero when the feed gives no date
	// Content is the item's content as the feed gives it (HTML or text): the
	// full content when there is one, else the summary.
	Content string
}

// maxKey is the longest guid or link kept as an item's key; longer ones are
// kept as their hash.
const maxKey = 512

// Parse reads an RSS (0.9x, 1.0, 2.0), Atom or JSON Feed document fetched
// from feedURL. Relative item links are resolved against the feed's site
// link, else against feedURL. It never panics; an error wraps ErrNotFeed
// when the bytes are not a feed and says what they look like instead.
func Parse(data []byte, feedURL string) (p Parsed, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = Parsed{}, fmt.Errorf("%w: the feed parser failed: %v", ErrNotFeed, r)
		}
	}()
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(trimmed) == 0 {
		return Parsed{}, fmt.Errorf("%w: the answer is empty", ErrNotFeed)
	}
	kind := gofeed.DetectFeedType(bytes.NewReader(data[:min(len(data), 4096)]))
	if kind == gofeed.FeedTypeUnknown {
		if looksHTML(trimmed) {
			return Parsed{}, fmt.Errorf("%w: it is an HTML page, not an RSS, Atom or JSON feed", ErrNotFeed)
		}
		return Parsed{}, fmt.Errorf("%w: it is neither RSS, Atom nor JSON Feed", ErrNotFeed)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return Parsed{}, fmt.Errorf("%w: a broken %s document: %v", ErrNotFeed, typeName(kind), err)
	}
	p = Parsed{Title: oneLine(f.Title), Language: strings.TrimSpace(f.Language), Type: typeName(kind)}
	base := baseURL(f.Link, feedURL)
	seen := map[string]bool{}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		item := convert(it, base)
		if seen[item.Key] {
			continue
		}
		seen[item.Key] = true
		p.Items = append(p.Items, item)
	}
	return p, nil
}

func typeName(t gofeed.FeedType) string {
	switch t {
	case gofeed.FeedTypeRSS:
		return "rss"
	case gofeed.FeedTypeAtom:
		return "atom"
	case gofeed.FeedTypeJSON:
		return "json"
	}
	return "unknown"
}

func looksHTML(b []byte) bool {
	head := strings.ToLower(string(b[:min(len(b), 1024)]))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if strings.Contains(head, p) {
			return true
		}
	}
	return false
}

// baseURL is what relative item links resolve against: the feed's site
// link when it is an absolute http(s) URL, else the feed's own URL.
func baseURL(siteLink, feedURL string) *url.URL {
	feed, _ := url.Parse(feedURL)
	if site, err := url.Parse(strings.TrimSpace(siteLink)); err == nil && isHTTP(site) {
		return site
	}
	if feed != nil && isHTTP(feed) {
		return feed
	}
	return nil
}

func isHTTP(u *url.URL) bool {
	return u.IsAbs() && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func convert(it *gofeed.Item, base *url.URL) Item {
	item := Item{Title: oneLine(it.Title), Content: it.Content}
	if strings.TrimSpace(item.Content) == "" {
		item.Content = it.Description
	}
	item.Content = strings.ToValidUTF8(item.Content, "\uFFFD")
	link := strings.TrimSpace(it.Link)
	if link == "" {
		for _, l := range it.Links {
			if l = strings.TrimSpace(l); l != "" {
				link = l
				break
			}
		}
	}
	item.Link = absolute(link, base)
	switch {
	case it.PublishedParsed != nil:
		item.Published = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		item.Published = *it.UpdatedParsed
	}
	key := strings.ToValidUTF8(strings.TrimSpace(it.GUID), "\uFFFD")
	switch {
	case key != "":
	case item.Link != "":
		key = item.Link
	default:
		key = "sha256:" + hashHex(item.Title+"\n"+item.Content)
	}
	if len(key) > maxKey {
		key = "sha256:" + hashHex(key)
	}
	item.Key = key
	return item
}

// absolute resolves a link against base and keeps it only when it is an
// http(s) URL.
func absolute(link string, base *url.URL) string {
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if !u.IsAbs() && base != nil {
		u = base.ResolveReference(u)
	}
	if !isHTTP(u) {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

func hashHex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// oneLine is s with runs of white space and control characters made one
// space, in valid UTF-8.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r <= ' ' || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\u00a0' || r == '\u2028' || r == '\u2029' ||
			r == '\ufeff'
	}), " ")
}
