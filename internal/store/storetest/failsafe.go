package storetest

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// RunFailSafe runs the tests of what the store refuses and how it fails:
// a database that is not Spil's, or that a newer Spil migrated, a full
// storage, and the readiness probe. They open db their own way.
func RunFailSafe(t *testing.T, db DB) {
	tests := []struct {
		name       string
		fn         func(t *testing.T, db DB)
		sqliteOnly bool // PostgreSQL's disk cannot be filled or measured from a test
	}{
		{"PendingWritesNothing", testPendingWritesNothing, false},
		{"ForeignDatabaseRefused", testForeignDatabaseRefused, false},
		{"SchemaNewerRefused", testSchemaNewerRefused, false},
		{"StorageFullIsTyped", testStorageFullIsTyped, true},
		{"ReadyProbesWrites", testReadyProbesWrites, false},
		{"ReadyWantsFreeSpace", testReadyWantsFreeSpace, true},
	}
	for _, tt := range tests {
		if tt.sqliteOnly && db.Name != "sqlite" {
			continue // not a skip: the test is SQLite's alone (disk_full of PostgreSQL: TestIsStorageFull)
		}
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, db)
		})
	}
}

func open(t *testing.T, dsn string, opts ...store.Option) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// tableCount counts the tables of a store through its own refusal: a
// store with any table but no schema_migrations is foreign.
func hasTables(t *testing.T, s *store.Store) bool {
	t.Helper()
	_, err := s.Pending(context.Background())
	if err != nil && !errors.Is(err, store.ErrForeignDatabase) {
		t.Fatal(err)
	}
	return err != nil
}

// Pending only reads: asking a new database what is pending leaves it
// without any table, so that a command that only looks (audit-verify)
// never changes a database it is pointed at.
func testPendingWritesNothing(t *testing.T, db DB) {
	ctx := context.Background()
	s := open(t, db.DSN(t))
	pending, err := s.Pending(ctx)
	if err != nil || len(pending) == 0 {
		t.Fatalf("Pending on a new database: %v, %v", pending, err)
	}
	// One table of one's own makes a new database foreign; had Pending
	// made schema_migrations, it would not be.
	if err := s.ExecRaw(ctx, `CREATE TABLE notes (body TEXT)`); err != nil {
		t.Fatal(err)
	}
	if !hasTables(t, s) {
		t.Error("Pending made schema_migrations")
	}
}

// A database with tables of another application is refused, by Pending
// and Migrate alike, and Migrate adds nothing to it.
func testForeignDatabaseRefused(t *testing.T, db DB) {
	ctx := context.Background()
	for _, tt := range []struct {
		name  string
		setup []string
	}{
		{"other tables", []string{`CREATE TABLE notes (body TEXT)`}},
		{"another tool's schema_migrations", []string{`CREATE TABLE schema_migrations (version BIGINT NOT NULL PRIMARY KEY, dirty BOOLEAN NOT NULL)`,
			`INSERT INTO schema_migrations (version, dirty) VALUES (20240101, FALSE)`}},
		{"bookkeeping without Spil's tables", []string{`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)`,
			`INSERT INTO schema_migrations (version, applied_at) VALUES (1, CURRENT_TIMESTAMP)`, `CREATE TABLE notes (body TEXT)`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t, db.DSN(t))
			for _, q := range tt.setup {
				if err := s.ExecRaw(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.Pending(ctx); !errors.Is(err, store.ErrForeignDatabase) {
				t.Errorf("Pending: %v, want ErrForeignDatabase", err)
			}
			if ran, err := s.Migrate(ctx); !errors.Is(err, store.ErrForeignDatabase) || len(ran) > 0 {
				t.Errorf("Migrate: ran %v, %v; want nothing and ErrForeignDatabase", ran, err)
			}
			// Nothing of Spil's was made.
			if err := s.ExecRaw(ctx, `SELECT 1 FROM accounts`); err == nil {
				t.Error("Migrate made Spil's tables in a foreign database")
			}
		})
	}
}

// A database that a newer Spil migrated is refused by Pending and Migrate.
func testSchemaNewerRefused(t *testing.T, db DB) {
	ctx := context.Background()
	s := OpenMigrated(t, db.DSN(t))
	if err := s.ExecRaw(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (9999, CURRENT_TIMESTAMP)`); err != nil {
		t.Fatal(err)
	}
	for name, call := range map[string]func() error{
		"Pending": func() error { _, err := s.Pending(ctx); return err },
		"Migrate": func() error { _, err := s.Migrate(ctx); return err },
	} {
		err := call()
		if !errors.Is(err, store.ErrSchemaNewer) || !strings.Contains(err.Error(), "9999") {
			t.Errorf("%s: %v; want ErrSchemaNewer naming migration 9999", name, err)
		}
	}
}

// A write that fails for a full storage is care.ErrStorageFull, of kind
// Unavailable, whichever way the store writes: in a transaction of the
// service, by the group commit of read records, and outside a transaction.
// SQLite is filled up with max_page_count on the one writer connection;
// PostgreSQL's disk cannot be filled from here (the mapping of its
// disk_full is tested in package store).
func testStorageFullIsTyped(t *testing.T, db DB) {
	ctx := context.Background()
	s := OpenMigrated(t, db.DSN(t))
	// The file may not grow any more.
	if err := s.ExecRaw(ctx, `PRAGMA max_page_count = 1`); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 3000)
	ways := map[string]func() error{
		"in a transaction": func() error {
			return s.Atomic(ctx, func(st care.Store) error {
				return st.AppendAudit(ctx, &care.AuditEvent{At: t0, ObjectType: "family", Action: care.ActionRead, Outcome: care.OutcomeSuccess, AccessPoint: long})
			})
		},
		"by the group commit": func() error {
			return s.AppendAudit(ctx, &care.AuditEvent{At: t0, ObjectType: "family", Action: care.ActionRead, Outcome: care.OutcomeSuccess, AccessPoint: long})
		},
		"outside a transaction": func() error {
			_, err := s.CreateOrganisation(ctx, long, t0)
			return err
		},
		"outside a transaction, no row back": func() error {
			return s.RecordLoginFailure(ctx, "address", long, t0)
		},
	}
	for name, write := range ways {
		var err error
		for i := 0; i < 100 && err == nil; i++ {
			err = write()
		}
		if !errors.Is(err, care.ErrStorageFull) || care.ErrorCode(err) != care.Unavailable {
			t.Errorf("%s: %v; want care.ErrStorageFull of kind Unavailable", name, err)
		}
	}
}

// Ready answers whether the database takes writes, probing with a write
// at most once per interval. SQLite is made read-only with query_only on
// its writer connection, PostgreSQL with default_transaction_read_only on
// every connection of a second store on the same database: in both, the
// database answers reads but refuses the probe's write.
func testReadyProbesWrites(t *testing.T, db DB) {
	ctx := context.Background()
	dsn := db.DSN(t)
	s := OpenMigrated(t, dsn, store.WithProbeInterval(time.Hour))
	if err := s.Ready(ctx); err != nil {
		t.Fatalf("Ready on a new database: %v", err)
	}
	readOnly := func(t *testing.T, opts ...store.Option) *store.Store {
		t.Helper()
		if db.Name == "sqlite" {
			r := open(t, dsn, opts...)
			if err := r.ExecRaw(ctx, `PRAGMA query_only = 1`); err != nil {
				t.Fatal(err)
			}
			return r
		}
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("default_transaction_read_only", "on")
		u.RawQuery = q.Encode()
		return open(t, u.String(), opts...)
	}
	r := readOnly(t, store.WithProbeInterval(0))
	if _, err := r.AccountByEmail(ctx, "nobody@example.org"); care.ErrorCode(err) != care.NotFound {
		t.Fatalf("the read-only store does not read: %v", err)
	}
	err := r.Ready(ctx)
	if err == nil {
		t.Fatal("Ready on a read-only database: nil, want an error")
	}
	if !strings.Contains(err.Error(), "does not take writes") {
		t.Errorf("Ready on a read-only database: %v", err)
	}
	// Within the interval the last answer stands: when writes of the
	// probe start to fail, the first store does not see it until its next
	// probe; a store that probes every time sees it at once.
	refuse := `ALTER TABLE readiness_probe ADD CONSTRAINT refuse_probes CHECK (id < 0) NOT VALID`
	if db.Name == "sqlite" {
		refuse = `CREATE TRIGGER refuse_probes BEFORE UPDATE ON readiness_probe BEGIN SELECT RAISE(ABORT, 'refused'); END`
	}
	if err := s.ExecRaw(ctx, refuse); err != nil {
		t.Fatal(err)
	}
	if err := s.Ready(ctx); err != nil {
		t.Errorf("Ready within the interval: %v, want the last answer (nil)", err)
	}
	if err := open(t, dsn, store.WithProbeInterval(0)).Ready(ctx); err == nil {
		t.Error("Ready of a store that probes every time: nil, want the refused write")
	}
}

// On SQLite, Ready wants room on the file system beside the database: a
// small write may still commit in the space of the write-ahead log on a
// disk that is full.
func testReadyWantsFreeSpace(t *testing.T, db DB) {
	ctx := context.Background()
	s := OpenMigrated(t, db.DSN(t), store.WithProbeInterval(0), store.WithMinFreeSpace(1<<62))
	if err := s.Ready(ctx); !errors.Is(err, care.ErrStorageFull) {
		t.Errorf("Ready with too little free space: %v, want care.ErrStorageFull", err)
	}
	ok := OpenMigrated(t, db.DSN(t), store.WithProbeInterval(0), store.WithMinFreeSpace(1))
	if err := ok.Ready(ctx); err != nil {
		t.Errorf("Ready with room: %v", err)
	}
}
