// Package app is Athar's application layer: the use cases that the command
// line, the web UI, the JSON API, reconciliation, background jobs and feeds
// all call, each holding its rule once — ingest (one chain: read, parse, find
// near-copies, extract, record, resolve and index for search), re-extraction,
// review, merges and judgements, accounts, API tokens, the audit rule (what
// goes to the access log), exports and imports.
//
// An App also owns the state a process keeps for as long as it runs: one
// name resolver (built on first use and shared by ingest, matching, search
// and judgements), the freshness of the search index, and the background job
// queue, behind the Queue interface that internal/jobs implements.
//
// Callers parse, call and render: they check no role and write no SQL. A
// refusal comes back as an *Error whose message is safe to show the person
// who asked.
package app

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/athar-project/athar/internal/casefile"
	"github.com/athar-project/athar/internal/dossier"
	"github.com/athar-project/athar/internal/store"
)

// Config tunes an App. The zero value is what the command line uses.
type Config struct {
	// Logger receives notes on long-lived state (a resolver rebuilt, the
	// search index caught up); nil: none.
	Logger *slog.Logger
	// Fetch fetches the URLs ingest is given; nil: internal/ingest's
	// default client.
	Fetch *http.Client
	// Now is the clock; nil: time.Now.
	Now func() time.Time
	// EnquiryWebhook, an http(s) URL, is posted a count whenever the watch
	// queues persons who may match open enquiries; "": none.
	EnquiryWebhook string
	// WebhookTimeout bounds one attempt to post the webhook; 0: 10 s.
	WebhookTimeout time.Duration
	// CodeNow is the clock second-factor codes are checked against; nil:
	// Now. Test rigs move it on a step (30 s) whenever one account signs in
	// more often than codes change, since a code is never accepted twice.
	CodeNow func() time.Time
}

// App is the application layer over one store.
type App struct {
	st  *store.Store
	log *slog.Logger
	cfg Config
	now func() time.Time
	// codeNow is the clock of second-factor codes (Config.CodeNow).
	codeNow func() time.Time

	names  nameIndex
	search searchState
	cases  *casefile.Service

	gazetteer gazetteerCache // which entities a gazetteer fixes, for the order of review

	queueMu sync.Mutex
	queue   Queue

	hashing chan struct{} // bounds concurrent argon2id hashes (64 MiB each)

	expiredLogs throttle // expired API tokens logged of late (tokens.go)
	// between, when set (by tests), is called between two transactions
	// of a long text's writing: before piece n of its text ("piece") or
	// part n of its search document ("part").
	between func(step string, n int)
}

// New returns the application layer over st, which the caller keeps open
// for as long as the App is used.
func New(st *store.Store, cfg Config) *App {
	a := &App{st: st, cfg: cfg, log: cfg.Logger, now: cfg.Now, hashing: make(chan struct{}, 2), cases: casefile.New(st)}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	if a.now == nil {
		a.now = time.Now
	}
	a.codeNow = cfg.CodeNow
	if a.codeNow == nil {
		a.codeNow = a.now
	}
	return a
}

// OpenConfig says which store to open.
type OpenConfig struct {
	// DataDir holds the embedded database, the archive, the keys and the
	// checkpoints.
	DataDir string
	// DBURL, a postgres:// URL, keeps the database and the archive's blobs
	// in PostgreSQL instead.
	DBURL string
	// ReadOnly opens an existing store without creating anything.
	ReadOnly bool
}

// Open opens the store oc names and returns the application layer over it;
// Close closes both.
func Open(ctx context.Context, oc OpenConfig, cfg Config) (*App, error) {
	st, err := store.Open(ctx, store.Config{DataDir: oc.DataDir, DBURL: oc.DBURL, ReadOnly: oc.ReadOnly})
	if err != nil {
		return nil, err
	}
	return New(st, cfg), nil
}

// Cases reads case files (internal/casefile), the read model of a record
// that pages, the API, reconciliation, the dossier and athar case share.
func (a *App) Cases() *casefile.Service { return a.cases }

// Dossiers makes case dossiers from the App's case files, on the clock now
// (nil: the App's). A dossier records nothing: its caller hands it over
// only after RecordViews has recorded its Shown sources.
func (a *App) Dossiers(now func() time.Time) *dossier.Maker {
	if now == nil {
		now = a.now
	}
	m := dossier.New(a.st, a.cases, now)
	m.TrustedTime = a.trustedTime
	return m
}

// Close closes the store.
func (a *App) Close() error { return a.st.Close() }

// Engine names the database engine: "sqlite" or "postgres".
func (a *App) Engine() string { return a.st.Engine() }

// Checkpoint signs the ledger's head into a checkpoint file, so that a later
// cut of the chain is caught by verify, and asks the configured
// time-stamping authorities for trusted time over it (Timestamp): what
// every command that wrote does before it returns.
func (a *App) Checkpoint(ctx context.Context) error {
	// A failing time-stamping authority is logged, never fatal: the
	// checkpoint is kept and the next one asks again.
	_, err := a.Timestamp(ctx)
	return err
}
