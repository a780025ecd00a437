package capture

import "time"

// pack writes the WARC — what made it, every exchange, the screenshot — and
// its WACZ.
func (s *session) pack(res *Result) error {
	// What the browser still asks for from here on is not part of it.
	exchanges := s.rec.all()
	w := &warcFile{name: "data.warc.gz"}
	now := time.Now().UTC()
	if err := w.warcinfo(now, res.Tool); err != nil {
		return err
	}
	for _, ex := range exchanges {
		if err := w.exchange(ex); err != nil {
			return err
		}
		if ex.Status != 0 && ex.Err == nil {
			res.Exchanges++
		}
	}
	if err := w.resource("urn:screenshot:"+res.FinalURL, now, "image/png", res.Screenshot); err != nil {
		return err
	}
	s.rec.mu.Lock()
	res.Skipped = append([]string(nil), s.rec.skipped...)
	s.rec.mu.Unlock()
	res.WARCName, res.WARC = w.name, w.buf.Bytes()
	var err error
	res.WACZ, err = packWACZ(w, waczPage{url: res.FinalURL, title: res.Title, at: res.CapturedAt}, res.Tool)
	return err
}
