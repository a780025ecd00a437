package app

import (
	"context"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// Reader is what callers may read of the store directly: reads that apply
// the read policy for the viewer they are given (the store filters in SQL),
// and the few that read no evidence (an entity's type and merges, accounts
// for signing in, settings, the ledger's head). It has no writes, no
// transaction and no SQL: every change is a use case of the App.
type Reader interface {
	Source(ctx context.Context, v access.Viewer, id string) (model.Source, error)
	SourceInfo(ctx context.Context, v access.Viewer, id string) (model.Source, error)
	Sources(ctx context.Context, v access.Viewer, f SourceFilter) ([]model.Source, error)
	SourcesByID(ctx context.Context, v access.Viewer, ids []string) (map[string]model.Source, error)
	SourcesMentioning(ctx context.Context, v access.Viewer, entityID string) ([]model.Source, error)
	RecentSourcesMentioning(ctx context.Context, v access.Viewer, ids []string, limit int) ([]model.Source, int, error)
	NearCopies(ctx context.Context, v access.Viewer, id string) ([]model.Source, error)
	CountSources(ctx context.Context, v access.Viewer) (SourceCounts, error)
	Blob(ctx context.Context, v access.Viewer, id string) ([]byte, error)
	SourceFiles(ctx context.Context, v access.Viewer, sourceID string) ([]model.SourceFile, error)
	SourceFileBytes(ctx context.Context, v access.Viewer, sourceID, sha256 string) (model.SourceFile, []byte, error)
	Mentions(ctx context.Context, v access.Viewer, sourceID string) ([]model.Mention, error)
	SourceOCR(ctx context.Context, v access.Viewer, id string) (*model.OCR, error)
	SourcesOCR(ctx context.Context, v access.Viewer, ids []string) (map[string]*model.OCR, error)

	Statement(ctx context.Context, v access.Viewer, id string) (model.Statement, error)
	Statements(ctx context.Context, v access.Viewer, entityID string) ([]model.Statement, error)
	StatementsByEntity(ctx context.Context, v access.Viewer, ids []string) (map[string][]model.Statement, error)
	StatementsFrom(ctx context.Context, v access.Viewer, sourceID string) ([]model.Statement, error)
	StatementPageFor(ctx context.Context, v access.Viewer, f StatementFilter) ([]model.Statement, error)
	CountStatements(ctx context.Context, v access.Viewer, status model.Status) (int, error)
	ReviewQueue(ctx context.Context, v access.Viewer, limit int, after string) ([]model.Statement, error)
	AssignedQueue(ctx context.Context, v access.Viewer, reviewerID string, limit int, after string) ([]model.Statement, error)
	CountAssigned(ctx context.Context, v access.Viewer, reviewerID string) (int, error)
	Referencing(ctx context.Context, v access.Viewer, entityID string) ([]model.Statement, error)
	LatestReferencing(ctx context.Context, v access.Viewer, ids, props []string, limit int) ([]model.Statement, error)
	CountReferencing(ctx context.Context, v access.Viewer, ids, props []string, limit int) (int, error)
	CaptionStatements(ctx context.Context, v access.Viewer, entityID string) ([]model.Statement, error)
	CaptionNames(ctx context.Context, v access.Viewer, ids []string) (map[string]map[model.Property][]string, error)
	ClaimTotals(ctx context.Context, v access.Viewer, ids []string) ([]ClaimTotal, error)
	ClaimStatements(ctx context.Context, v access.Viewer, ids []string, c ClaimTotal, limit int) ([]model.Statement, error)
	IndependentSources(ctx context.Context, v access.Viewer, ids, props []string, key string) (int, error)

	Entity(ctx context.Context, id string) (model.Entity, error)
	EntitiesByID(ctx context.Context, ids []string) (map[string]model.Entity, error)
	Entities(ctx context.Context, v access.Viewer, typ model.EntityType) ([]EntityNames, error)
	EntitiesPage(ctx context.Context, v access.Viewer, typ model.EntityType, after string, limit int) ([]EntityNames, error)
	CountEntities(ctx context.Context, v access.Viewer, typ model.EntityType, limit int) (int, error)
	PlacedEntities(ctx context.Context, v access.Viewer) ([]Placed, error)
	Canonical(ctx context.Context, id string) (string, error)
	MergedFrom(ctx context.Context, id string) ([]string, error)
	MergedInto(ctx context.Context, id string) ([]string, error)
	MergeProposalsOf(ctx context.Context, status string, ids []string) ([]MergeProposal, error)
	Verdicts(ctx context.Context, a, b string) ([]model.Judgement, error)

	Search(ctx context.Context, v access.Viewer, q StoreSearch) (SearchHits, error)

	Assignments(ctx context.Context, sourceIDs []string) (map[string]Assignment, error)
	AssignmentLog(ctx context.Context, sourceID string) ([]AssignmentChange, error)
	UserByName(ctx context.Context, name string) (model.User, error)
	UserByID(ctx context.Context, id string) (model.User, error)
	Setting(ctx context.Context, name string) (Setting, bool, error)
	PublicView(ctx context.Context) (bool, error)
	Head(ctx context.Context) (int64, string, error)
}

// Reader is the store's read side (see the interface).
func (a *App) Reader() Reader { return a.st }

// The store's types that the read side speaks in.
type (
	SourceFilter     = store.SourceFilter
	StatementFilter  = store.StatementFilter
	SourceCounts     = store.SourceCounts
	ClaimTotal       = store.ClaimTotal
	EntityNames      = store.EntityNames
	Placed           = store.Placed
	MergeProposal    = store.MergeProposal
	StoreSearch      = store.SearchQuery
	SearchHits       = store.SearchHits
	Assignment       = store.Assignment
	AssignmentChange = store.AssignmentChange
	Setting          = store.Setting
	VerifyReport     = store.Report
)

// SettingPublicView is the setting that says whether the public view is
// published.
const SettingPublicView = store.SettingPublicView

// ErrNotFound is the store's one answer for what does not exist and what
// the viewer may not see.
var ErrNotFound = store.ErrNotFound

// ErrWithdrawn is what reading a taken-down source's content gives: it was
// erased for good (its data key destroyed).
var ErrWithdrawn = store.ErrWithdrawn

// NameProperties are the properties that name an entity, strongest first.
var NameProperties = store.NameProperties

// ClaimKey is the key of a value in the claim totals.
func ClaimKey(value, valueEntity string) string { return store.ClaimKey(value, valueEntity) }
