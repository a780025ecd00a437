package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// Kinds of error Read returns; errors.Is tells them apart.
var (
	// ErrUnavailable: tesseract, or a language model asked for, is not
	// installed.
	ErrUnavailable = errors.New("OCR is not available")
	// ErrFailed: tesseract ran and failed, took too long or wrote too much.
	ErrFailed = errors.New("OCR failed")
	// ErrTooManyPages: the document has more pages than Options.MaxPages.
	ErrTooManyPages = errors.New("too many pages to OCR")
)

// DefaultLanguages are the models every page is read with: Arabic and
// English together. Sources mix them — an Arabic report quotes Latin names,
// an English one Arabic — and Tesseract picks per word between the models it
// is given; a page read with one model loses the other script's words. It
// costs 1.5 (English) to 2.5 (Arabic) times the CPU of one model
// (docs/benchmarks.md); a first pass choosing per page is not built.
const DefaultLanguages = "ara+eng"

// DefaultTimeout bounds one run of tesseract (one image, or one multi-page
// TIFF) when Options.Timeout is 0.
const DefaultTimeout = 2 * time.Minute

// DefaultMaxPages is how many pages one document may send to OCR when
// Options.MaxPages is 0: at a second or two a page, a few minutes of work.
const DefaultMaxPages = 200

// maxOutput bounds tesseract's TSV: some 60 bytes a word.
const maxOutput = 64 << 20

// Options tune Read. The zero value is ready to use.
type Options struct {
	Languages string        // "" means DefaultLanguages
	Timeout   time.Duration // per run of tesseract; 0 means DefaultTimeout
	MaxPages  int           // 0 means DefaultMaxPages
}

// Langs is the languages read with.
func (o Options) Langs() string {
	if o.Languages == "" {
		return DefaultLanguages
	}
	return o.Languages
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return DefaultTimeout
	}
	return o.Timeout
}

// Pages is the page cap.
func (o Options) Pages() int {
	if o.MaxPages <= 0 {
		return DefaultMaxPages
	}
	return o.MaxPages
}

// Engine names the OCR engine and its version, as "tesseract 5.3.0"; ""
// when tesseract is not installed.
func Engine(ctx context.Context) string {
	tool, err := exec.LookPath("tesseract")
	if err != nil {
		return ""
	}
	engines.Lock()
	defer engines.Unlock()
	if v, ok := engines.m[tool]; ok {
		return v
	}
	v := version(ctx, tool)
	engines.m[tool] = v
	return v
}

// engines caches Engine's answer per program path.
var engines = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

func version(ctx context.Context, tool string) string {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, tool, "--version").CombinedOutput()
	if err != nil {
		return "tesseract"
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first)
}

// ReadFile runs tesseract on the image at path (PNG, JPEG, TIFF — every page
// of a multi-page TIFF) and parses what it found. Tesseract runs with one
// thread (OMP_THREAD_LIMIT=1): ingest reads several files at once, and
// Tesseract's own threads only fight them for the cores.
func ReadFile(ctx context.Context, path string, opt Options) (Result, error) {
	tool, err := exec.LookPath("tesseract")
	if err != nil {
		return Result{}, fmt.Errorf("%w: tesseract is not installed (Debian packages tesseract-ocr, tesseract-ocr-ara, tesseract-ocr-eng)", ErrUnavailable)
	}
	ctx, cancel := context.WithTimeout(ctx, opt.timeout())
	defer cancel()
	cmd := exec.CommandContext(ctx, tool, path, "stdout", "-l", opt.Langs(), "--psm", "3", "tsv")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &capped{buf: &stdout, max: maxOutput}, &capped{buf: &stderr, max: 64 << 10}
	err = cmd.Run()
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return Result{}, fmt.Errorf("%w: tesseract took longer than %s", ErrFailed, opt.timeout())
	case ctx.Err() != nil:
		return Result{}, fmt.Errorf("%w: %v", ErrFailed, ctx.Err())
	case errors.Is(err, errCapped):
		return Result{}, fmt.Errorf("%w: tesseract wrote more than %d MiB", ErrFailed, maxOutput>>20)
	case err != nil:
		msg := complaint(stderr.String())
		if strings.Contains(msg, "Failed loading language") || strings.Contains(msg, "Could not initialize tesseract") {
			return Result{}, fmt.Errorf("%w: tesseract has no model for %s (install tesseract-ocr-ara and tesseract-ocr-eng): %s", ErrUnavailable, opt.Langs(), msg)
		}
		return Result{}, fmt.Errorf("%w: tesseract: %s", ErrFailed, msg)
	}
	res, err := ParseTSV(stdout.Bytes())
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrFailed, err)
	}
	if len(res.Pages) > opt.Pages() {
		return Result{}, fmt.Errorf("%w: %d pages, the limit is %d", ErrTooManyPages, len(res.Pages), opt.Pages())
	}
	return res, nil
}

// complaint is the part of tesseract's standard error worth showing: its
// lines other than the notes it always prints, joined, at most 300 bytes.
func complaint(stderr string) string {
	var keep []string
	for _, l := range strings.Split(stderr, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "Estimating resolution") || strings.HasPrefix(l, "Tesseract Open Source") ||
			strings.HasPrefix(l, "Warning: Invalid resolution") {
			continue
		}
		keep = append(keep, l)
	}
	s := strings.Join(keep, "; ")
	if s == "" {
		return "it failed without saying why"
	}
	if len(s) > 300 {
		s = strings.ToValidUTF8(s[:300], "") + "…"
	}
	return s
}

var errCapped = errors.New("output over the limit")

// capped keeps at most max bytes and fails the write after that, which
// stops the process's output (and so, soon, the process).
type capped struct {
	buf *bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if c.buf.Len()+len(p) > c.max {
		return 0, errCapped
	}
	return c.buf.Write(p)
}
