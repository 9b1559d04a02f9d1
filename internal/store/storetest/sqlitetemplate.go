package storetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/spil-zorg/spil/internal/store"
)

// A fresh migrated SQLite database for a test is a copy of a file that was
// migrated once per test process and is kept in memory: running every
// migration for every test costs a tenth of a second, and ten times that
// under the race detector, which instruments the SQLite engine too.

var sqliteTemplate struct {
	once sync.Once
	data []byte
	err  error
}

// migratedSQLitePath writes a copy of the migrated template to a fresh
// path in the test's temp dir and returns that path.
func migratedSQLitePath(t testing.TB) string {
	t.Helper()
	sqliteTemplate.once.Do(func() { sqliteTemplate.data, sqliteTemplate.err = migrateSQLiteTemplate() })
	if sqliteTemplate.err != nil {
		t.Fatalf("SQLite template database: %v", sqliteTemplate.err)
	}
	path := SQLitePath(t)
	if err := os.WriteFile(path, sqliteTemplate.data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// migrateSQLiteTemplate migrates a new database file, closes it (which
// folds its write-ahead log into the file) and returns its bytes.
func migrateSQLiteTemplate() ([]byte, error) {
	dir, err := os.MkdirTemp("", "spil-sqlite-template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "spil.db")
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return nil, fmt.Errorf("the write-ahead log holds %d bytes after closing", fi.Size())
	}
	return os.ReadFile(path)
}
