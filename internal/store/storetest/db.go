// Package storetest is the one conformance suite for the store, run on
// SQLite always and on PostgreSQL whenever SPIL_TEST_POSTGRES holds a DSN.
// Other packages use Databases to run their own tests on both.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/spil-zorg/spil/internal/store"
)

// DB is one database to test against.
type DB struct {
	Name string
	// Open returns a fresh, migrated, empty store that is closed and dropped
	// when the test ends (on PostgreSQL a copy of a migrated template
	// database).
	Open func(t testing.TB) *store.Store
	// DSN returns the --db value of a fresh database that nothing has
	// opened yet (dropped when the test ends), for tests that open it
	// their own way (OpenMigrated).
	DSN func(t testing.TB) string
}

// Databases returns SQLite and PostgreSQL. PostgreSQL runs when
// SPIL_TEST_POSTGRES holds a connection URL; without it each PostgreSQL
// test is skipped, visibly, and in CI it fails unless the run says it is
// SQLite-only (SPIL_TEST_SQLITE_ONLY=1; scripts/test says so only when it
// has no PostgreSQL, which outside CI is a warning and in CI a failure).
func Databases() []DB {
	return []DB{
		{Name: "sqlite", Open: openSQLite, DSN: func(t testing.TB) string { return SQLitePath(t) }},
		{Name: "postgres", Open: openPostgresOrSkip, DSN: postgresDSNOrSkip},
	}
}

func openPostgresOrSkip(t testing.TB) *store.Store {
	t.Helper()
	return openMigrated(t, migratedPostgresDSN(t, postgresBaseOrSkip(t)))
}

func postgresDSNOrSkip(t testing.TB) string {
	t.Helper()
	return PostgresDSN(t, postgresBaseOrSkip(t))
}

// postgresBaseOrSkip returns SPIL_TEST_POSTGRES, or skips the test (fails
// it in CI's SQLite-and-PostgreSQL run) when it is not set.
func postgresBaseOrSkip(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("SPIL_TEST_POSTGRES")
	if dsn == "" {
		if inCI() && os.Getenv("SPIL_TEST_SQLITE_ONLY") == "" {
			t.Fatal("CI is set but SPIL_TEST_POSTGRES is not: the PostgreSQL tests must run")
		}
		t.Skip("PostgreSQL: set SPIL_TEST_POSTGRES to a connection URL to run this test on PostgreSQL too")
	}
	return dsn
}

func inCI() bool {
	ci := os.Getenv("CI")
	return ci != "" && ci != "false" && ci != "0"
}

// SQLitePath returns a fresh SQLite file path in the test's temp dir.
func SQLitePath(t testing.TB) string { return filepath.Join(t.TempDir(), "spil.db") }

func openSQLite(t testing.TB) *store.Store {
	t.Helper()
	return openMigrated(t, migratedSQLitePath(t))
}

func openMigrated(t testing.TB, dsn string) *store.Store {
	t.Helper()
	return OpenMigrated(t, dsn)
}

// OpenMigrated opens the database dsn with opts and migrates it; the store
// is closed when the test ends.
func OpenMigrated(t testing.TB, dsn string, opts ...store.Option) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, dsn, opts...)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

// PostgresDSN creates a fresh schema in the SPIL_TEST_POSTGRES database and
// returns a DSN whose search_path points at it; the schema is dropped when
// the test ends.
func PostgresDSN(t testing.TB, base string) string {
	t.Helper()
	ctx := context.Background()
	admin, err := store.Open(ctx, base)
	if err != nil {
		t.Fatalf("connect to PostgreSQL: %v", err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if err := admin.ExecRaw(ctx, `CREATE SCHEMA `+schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_ = admin.ExecRaw(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("SPIL_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
