package capture

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/chromedp/chromedp"
)

// mediaScript lists the absolute URLs of the media the page links directly:
// images, videos and audio (their src, the source chosen, and each <source>).
const mediaScript = `(() => {
  const out = new Set();
  const add = (u) => { if (u && /^https?:/i.test(u)) out.add(u.split('#')[0]); };
  document.querySelectorAll('img, video, audio').forEach((e) => { add(e.currentSrc); add(e.src); });
  document.querySelectorAll('video source, audio source, picture source').forEach((e) => { add(e.src); });
  return Array.from(out);
})()`

// maxMediaFiles bounds how many media files one capture keeps.
const maxMediaFiles = 200

// media keeps each file the page links directly, up to max bytes each: the
// browser's own answer when it fetched the whole file, else fetched now
// through the recorder (and so in the WARC too).
func (s *session) media(ctx context.Context, max int64) ([]Media, error) {
	urls, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](mediaScript))
	if err != nil {
		return nil, err
	}
	var out []Media
	for _, u := range urls {
		if len(out) == maxMediaFiles {
			s.rec.note(fmt.Sprintf("%s: more than %d media files on the page; the rest were not kept", u, maxMediaFiles))
			break
		}
		ex := s.rec.find(u)
		if ex == nil || !ex.complete() {
			ex = s.rec.do(ctx, http.MethodGet, u, http.Header{"User-Agent": {s.agent}}, nil, "Media")
		}
		if !ex.complete() {
			continue // listed as skipped by the recorder, or an error status the WARC holds
		}
		data, _, err := decoded(ex)
		if err != nil {
			s.rec.note(fmt.Sprintf("%s: %v", u, err))
			continue
		}
		if int64(len(data)) > max {
			s.rec.note(fmt.Sprintf("%s: %d bytes, more than the %d kept for a media file (it is in the WARC)", u, len(data), max))
			continue
		}
		mt := mediaType(ex.Header.Get("Content-Type"))
		if mt == "" || mt == "application/octet-stream" {
			mt = mediaType(http.DetectContentType(data))
		}
		if !strings.HasPrefix(mt, "image/") && !strings.HasPrefix(mt, "video/") && !strings.HasPrefix(mt, "audio/") {
			continue
		}
		out = append(out, Media{URL: u, MediaType: mt, Data: data})
	}
	return out, nil
}

// note lists something left out of the capture.
func (r *recorder) note(s string) {
	r.mu.Lock()
	r.skipped = append(r.skipped, s)
	r.mu.Unlock()
}
