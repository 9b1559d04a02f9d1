package storetest

import (
	"context"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// Store is what the conformance suite tests: the stores the care and auth
// packages ask for, and the store's own tools for migrations, the audit
// trail, organisations and bulk data.
type Store interface {
	care.Store
	auth.Store
	Tools
}

// Tools are the store's methods outside the care and auth interfaces.
type Tools interface {
	Dialect() string
	Close() error
	Migrate(ctx context.Context) ([]string, error)
	Pending(ctx context.Context) ([]string, error)
	ExecRaw(ctx context.Context, query string) error
	QueryStrings(ctx context.Context, query string) ([]string, error)
	MigrationSQL(name string) (string, error)
	CreateOrganisation(ctx context.Context, name string, at time.Time) (int64, error)
	CreateFamily(ctx context.Context, f *care.Family) error
	CreateFamilies(ctx context.Context, fs []*care.Family) error
	FamilyCount(ctx context.Context, organisationID int64) (int, error)
	AuditEvents(ctx context.Context, afterID int64, limit int) ([]care.AuditEvent, error)
	FamilyAuditEvents(ctx context.Context, familyID int64) ([]care.AuditEvent, error)
	VerifyAudit(ctx context.Context) (int, *store.ChainBreak, error)
	VerifyAuditTrail(ctx context.Context, opts store.VerifyOptions) (*store.AuditVerification, error)
	AddAuditCheckpoint(ctx context.Context, c *store.AuditCheckpoint) error
	LatestAuditCheckpoint(ctx context.Context, full bool) (*store.AuditCheckpoint, error)
	CheckAuditCheckpoints(ctx context.Context, cps []store.AuditCheckpoint) (*store.CheckpointMismatch, error)
	TakeLease(ctx context.Context, name, holder string, now, until time.Time) (bool, error)
	ReleaseLease(ctx context.Context, name, holder string) error
	KeepSignalFiles(families int)
	SignalFileReads() (kept, read int64)
}

var _ Store = (*store.Store)(nil)
