package app

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/ingest"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
	"github.com/athar-project/athar/internal/textfold"
)

// Redaction as a new copy (issue 21): an analyst takes spans of a source's
// text out into a new source linked to its original. The original is
// untouched. The copy's text is the original's with each span replaced by
// model.RedactionMark; its original bytes are that text (so a new SHA-256);
// it is stored, extracted, resolved and indexed like any source, afresh,
// since every offset after a span has moved; and the redaction is ledgered
// (store.Tx.AddRedaction): which spans by offset, why, who and when — never
// the words taken out.

// RedactOptions say what to take out of a source and why.
type RedactOptions struct {
	// Spans are code-point offsets (end exclusive) into the source's text;
	// they must lie within it and not overlap one another.
	Spans []model.Span
	// Phrases are taken out wherever they occur, folded as search folds
	// (case, accents, Arabic letter variants and diacritics, runs of
	// spaces), inside longer words too: an Arabic name behind a clitic (و،
	// ب، ل) is still found.
	Phrases []string
	// Regions of the page image to fill opaque (a PNG or JPEG source
	// only); every word read by OCR whose box one touches leaves the text
	// too. Of an image source, the boxes of the words the spans and
	// phrases take out are filled as well.
	Regions []model.Region
	// Sensitivity of the copy; nil for one level below the original's
	// (never below internal for a testimony).
	Sensitivity *model.Sensitivity
	// Reason is required and kept in the ledger.
	Reason string
}

// RedactResult is the copy stored.
type RedactResult struct {
	Source model.Source
	// Spans are what was taken out, merged and in order: code-point offsets
	// into the original's text.
	Spans []model.Span
	// Regions are the rectangles of the page filled in the copy of an
	// image source: those asked for and the boxes of the words taken out.
	Regions []model.Region
	Found   Found
}

// redaction travels with the parsed copy to the transaction that stores it.
type redaction struct {
	from    string
	spans   []model.Span
	regions []model.Region
	reason  string
}

// Redact makes a redacted copy of source sourceID as v: an analyst or
// above, cleared for the source. Bad spans or phrases are refused, naming
// them, and nothing is stored.
func (a *App) Redact(ctx context.Context, v access.Viewer, sourceID string, opt RedactOptions) (RedactResult, error) {
	var out RedactResult
	if !v.CanWrite() {
		return out, forbidden("%s may not redact sources (role %s)", v.Actor(), v.Role)
	}
	reason := strings.TrimSpace(opt.Reason)
	if reason == "" {
		return out, invalid("a redaction needs a reason (--reason): it is kept in the ledger")
	}
	if len(opt.Spans) == 0 && len(opt.Phrases) == 0 && len(opt.Regions) == 0 {
		return out, invalid("nothing to redact: give a --span START:END, a --phrase TEXT or a --region PAGE:X,Y,W,H")
	}
	orig, err := a.st.Source(ctx, v, sourceID)
	if errors.Is(err, store.ErrNotFound) {
		return out, notFound("source")
	}
	if err != nil {
		return out, err
	}
	if orig.Text == store.Withdrawn {
		if gone, err := a.withdrawn(ctx, sourceID); err != nil {
			return out, err
		} else if gone {
			return out, invalid("source %s was taken down: there is nothing left to redact", sourceID)
		}
	}
	sens, err := redactedLevel(v, orig, opt.Sensitivity)
	if err != nil {
		return out, err
	}
	text := []rune(orig.Text)
	spans, err := checkSpans(sourceID, len(text), opt.Spans)
	if err != nil {
		return out, err
	}
	for _, ph := range opt.Phrases {
		found, err := findPhrase(text, ph)
		if err != nil {
			return out, err
		}
		if len(found) == 0 {
			return out, invalid("phrase %q does not occur in source %s", ph, sourceID)
		}
		spans = append(spans, found...)
	}
	spans = mergeSpans(spans)
	var page *pageCopy
	if isPageImage(orig) {
		o, err := a.st.SourceOCR(ctx, v, sourceID)
		if err != nil {
			return out, err
		}
		if o == nil {
			o = &model.OCR{} // no words known: only the regions are filled
			if len(spans) > 0 {
				return out, invalid("source %s has no record of where OCR read its words: its text cannot be redacted on the page (give --region only)", sourceID)
			}
		}
		spans = regionWords(o, opt.Regions, spans)
		if page, err = a.redactPage(ctx, v, orig, o, spans, opt.Regions); err != nil {
			return out, err
		}
	} else if len(opt.Regions) > 0 {
		what := orig.ContentType
		if what == "" {
			what = "text"
		}
		return out, invalid("source %s is %s: regions are filled in PNG and JPEG images only (redact its text with --span or --phrase)", sourceID, what)
	}
	redacted := redactRunes(text, spans)
	// The words taken out go from the title and publisher too, wherever
	// they occur there.
	var words []string
	for _, s := range spans {
		words = append(words, string(text[s.Start:s.End]))
	}
	title := redactAll(orig.Title, words)
	if title == "" {
		title = "Redacted copy of " + sourceID
	}
	consent, hasConsent, err := a.st.Consent(ctx, sourceID)
	if err != nil {
		return out, err
	}
	iopt := IngestOptions{Kind: orig.Kind, Sensitivity: &sens}
	if hasConsent && orig.Kind == model.KindTestimony {
		// The witness's will binds every copy of their testimony.
		iopt.Consent = &consent
	}
	if iopt.Client == nil {
		iopt.Client = a.cfg.Fetch
	}
	r := &run{v: v, opt: iopt, kind: orig.Kind, sens: sens}
	p := parsed{input: "redaction of " + sourceID, at: time.Now().UTC()}
	// Never the original's URL or file name: the copy was found at neither,
	// and either may hold the words taken out.
	p = parse(ctx, p, ingest.Input{Name: "redacted.txt", Data: []byte(redacted)}, ingestOptions(r))
	if p.err != nil {
		return out, fmt.Errorf("redaction of %s: %w", sourceID, p.err)
	}
	p.doc = ingest.Document{Title: title, Publisher: redactAll(orig.Publisher, words), Published: orig.Published,
		Language: orig.Language, Text: redacted, ContentType: "text/plain", Encoding: "utf-8"}
	p.redaction = &redaction{from: sourceID, spans: spans, reason: reason}
	if page != nil {
		// The copy is the page, its pixels under the regions and the
		// words taken out overwritten; its text and word boxes are the
		// original's less those words.
		p.data, p.sum = page.data, store.Hash(page.data)
		p.doc.ContentType, p.doc.OCR = ingest.TypePNG, page.ocr
		p.redaction.regions = page.regions
	}
	res, err := a.batchResolver(ctx, r)
	if err != nil {
		return out, err
	}
	chunk := []parsed{p}
	extractAll(ctx, chunk)
	a.stage(ctx, r, chunk)
	results, err := a.store1(ctx, r, res, chunk)
	if err != nil {
		return out, err
	}
	x := results[0]
	switch {
	case x.Outcome == Exists:
		return out, invalid("this redaction of %s is source %s already", sourceID, x.Source.ID)
	case x.Outcome == Failed:
		return out, fmt.Errorf("redaction of %s: %w", sourceID, x.Err)
	}
	a.watch(ctx, []string{x.Source.ID})
	out.Source, out.Spans, out.Found = x.Source, spans, x.Found
	if page != nil {
		out.Regions = page.regions
	}
	return out, x.Err
}

// redactedLevel is the copy's sensitivity: the one asked for, or one level
// below the original's; never above v's clearance, and for a testimony never
// below internal unless v is an admin.
func redactedLevel(v access.Viewer, orig model.Source, asked *model.Sensitivity) (model.Sensitivity, error) {
	floor := model.Public
	if orig.Kind == model.KindTestimony {
		// An admin may have stored the testimony itself lower still.
		floor = min(model.Internal, orig.Sensitivity)
	}
	sens := max(orig.Sensitivity-1, floor)
	if asked != nil {
		if !asked.Valid() {
			return 0, invalid("sensitivity %d is not a level", *asked)
		}
		if *asked < floor && !v.CanLower() {
			return 0, forbidden("only an admin may store a redacted testimony below %s", floor)
		}
		sens = *asked
	}
	if !v.CanSee(sens) {
		return 0, forbidden("a redacted copy at %s would be above your own clearance (%s)", sens, v.Clearance)
	}
	return sens, nil
}

// checkSpans refuses spans outside a text of n code points, empty ones, and
// spans that overlap, naming each; it returns them in order.
func checkSpans(sourceID string, n int, spans []model.Span) ([]model.Span, error) {
	var bad []string
	var out []model.Span
	for _, s := range spans {
		switch {
		case s.Start < 0 || s.End > n:
			bad = append(bad, fmt.Sprintf("%d:%d is out of range (the text of %s has %d code points)", s.Start, s.End, sourceID, n))
		case s.Start >= s.End:
			bad = append(bad, fmt.Sprintf("%d:%d is empty (START must be below END)", s.Start, s.End))
		default:
			out = append(out, model.Span{Start: s.Start, End: s.End})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	for i := 1; i < len(out); i++ {
		if out[i].Start < out[i-1].End {
			bad = append(bad, fmt.Sprintf("%d:%d overlaps %d:%d", out[i].Start, out[i].End, out[i-1].Start, out[i-1].End))
		}
	}
	if len(bad) > 0 {
		return nil, invalid("span %s", strings.Join(bad, "; span "))
	}
	return out, nil
}

// mergeSpans sorts spans and joins those that overlap or touch.
func mergeSpans(spans []model.Span) []model.Span {
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var out []model.Span
	for _, s := range spans {
		s.Quote = ""
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// redactRunes replaces each span (in order, apart) of text with the mark.
func redactRunes(text []rune, spans []model.Span) string {
	var b strings.Builder
	last := 0
	for _, s := range spans {
		b.WriteString(string(text[last:s.Start]))
		b.WriteString(model.RedactionMark)
		last = s.End
	}
	b.WriteString(string(text[last:]))
	return b.String()
}

// folded is a text folded rune by rune, each folded rune knowing the
// code point of the text it came from.
type folded struct {
	runes []rune
	from  []int
}

// foldText folds text as search folds it, with runs of spaces as one space.
func foldText(text []rune) folded {
	var f folded
	space := false
	for i, r := range text {
		if unicode.IsSpace(r) {
			if !space {
				f.runes, f.from = append(f.runes, ' '), append(f.from, i)
			}
			space = true
			continue
		}
		for _, fr := range textfold.Fold(string(r)) {
			f.runes, f.from = append(f.runes, fr), append(f.from, i)
			space = false
		}
	}
	return f
}

// findPhrase returns the spans of text where phrase occurs, folded.
func findPhrase(text []rune, phrase string) ([]model.Span, error) {
	pf := foldText([]rune(strings.TrimSpace(phrase))).runes
	if len(pf) == 0 {
		return nil, invalid("phrase %q has nothing to find", phrase)
	}
	f := foldText(text)
	var out []model.Span
	for i := 0; i+len(pf) <= len(f.runes); i++ {
		if !equalRunes(f.runes[i:i+len(pf)], pf) {
			continue
		}
		end := f.from[i+len(pf)-1] + 1
		// Marks that fold to nothing after the last letter (harakat, a
		// combining accent) belong to it.
		for end < len(text) && textfold.Fold(string(text[end])) == "" && !unicode.IsSpace(text[end]) {
			end++
		}
		out = append(out, model.Span{Start: f.from[i], End: end})
	}
	return out, nil
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// redactAll takes every folded occurrence of words out of s.
func redactAll(s string, words []string) string {
	if s == "" {
		return s
	}
	text := []rune(s)
	var spans []model.Span
	for _, w := range words {
		found, err := findPhrase(text, w)
		if err == nil {
			spans = append(spans, found...)
		}
	}
	if len(spans) == 0 {
		return s
	}
	return redactRunes(text, mergeSpans(spans))
}

// withdrawn reports whether source id was taken down.
func (a *App) withdrawn(ctx context.Context, id string) (bool, error) {
	all, err := a.st.TakeDowns(ctx)
	if err != nil {
		return false, err
	}
	for _, t := range all {
		if t.SourceID == id {
			return true, nil
		}
	}
	return false, nil
}

// SourceRedaction is how source id was redacted from another, as v may see
// it: the original's id and the spans only to those cleared for the
// original. ErrNotFound (a NotFound error) when id is no redacted copy v may
// see.
func (a *App) SourceRedaction(ctx context.Context, v access.Viewer, id string) (model.Redaction, error) {
	if _, err := a.st.SourceInfo(ctx, v, id); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return model.Redaction{}, notFound("source")
		}
		return model.Redaction{}, err
	}
	r, err := a.st.Redaction(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return r, notFound("redaction")
	}
	if err != nil {
		return r, err
	}
	if _, err := a.st.SourceInfo(ctx, v, r.RedactedFrom); err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			return model.Redaction{}, err
		}
		r.RedactedFrom, r.Spans, r.Regions = "", nil, nil
	}
	return r, nil
}

// RedactedCopies lists the redacted copies of source id that v may see,
// oldest first.
func (a *App) RedactedCopies(ctx context.Context, v access.Viewer, id string) ([]model.Source, error) {
	ids, err := a.st.RedactedCopies(ctx, id)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	seen, err := a.st.SourcesByID(ctx, v, ids)
	if err != nil {
		return nil, err
	}
	var out []model.Source
	for _, c := range ids {
		if s, ok := seen[c]; ok {
			out = append(out, s)
		}
	}
	return out, nil
}
