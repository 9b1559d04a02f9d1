package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite", pure Go
)

// dialect is the one place where SQLite and PostgreSQL differ. The SQL in the
// rest of the package is written once: both accept $1 parameters, RETURNING,
// ON CONFLICT and the same column types as far as Go sees them.
type dialect int

const (
	sqliteDialect dialect = iota
	postgresDialect
)

func (d dialect) String() string {
	if d == postgresDialect {
		return "postgres"
	}
	return "sqlite"
}

func (d dialect) driverName() string {
	if d == postgresDialect {
		return "pgx"
	}
	return "sqlite"
}

// migrationsDir is the folder in the embedded migrations for this dialect.
func (d dialect) migrationsDir() string { return "migrations/" + d.String() }

// parseDSN tells the dialect from dsn and returns the driver's data source
// name and, for SQLite, the file path.
func parseDSN(dsn string) (d dialect, source, path string, err error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		if _, err := url.Parse(dsn); err != nil {
			return 0, "", "", fmt.Errorf("store: the PostgreSQL address is not a valid URL")
		}
		return postgresDialect, dsn, "", nil
	}
	path = strings.TrimPrefix(dsn, "sqlite:")
	if path == "" || strings.HasPrefix(path, "file:") {
		// The value is not repeated: a mistyped URL may hold a password.
		return 0, "", "", fmt.Errorf("store: --db is neither a SQLite file path nor a postgres:// URL")
	}
	return sqliteDialect, sqliteSource(path), path, nil
}

// sqliteSource is the modernc.org/sqlite data source for a file: WAL with
// synchronous=FULL so a committed transaction survives a power cut, foreign
// keys on, a busy timeout instead of immediate "database is locked", write
// transactions that take the lock at BEGIN, and times stored as text that
// sorts in time order (all times are UTC).
func sqliteSource(path string) string {
	return "file:" + url.PathEscape(path) +
		"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
		"&_pragma=busy_timeout(10000)&_txlock=immediate&_time_format=sqlite"
}

// sqliteBackupSource opens a SQLite file that nothing else writes, such as
// a backup being checked, only to read it: immutable, so SQLite takes no
// locks and leaves no -wal or -shm file next to it, and a missing file is
// not created.
func sqliteBackupSource(path string) string {
	return "file:" + url.PathEscape(path) + "?mode=ro&immutable=1&_time_format=sqlite"
}

func (d dialect) configurePool(db *sql.DB) {
	if d == sqliteDialect {
		// One writer at a time anyway; a few readers in WAL.
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
		return
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
}

// lockMigrations keeps two instances from migrating one PostgreSQL database at
// the same time. SQLite's BEGIN IMMEDIATE already serialises writers.
func (d dialect) lockMigrations(ctx context.Context, tx *sql.Tx) error {
	if d != postgresDialect {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7351002)`)
	return err
}

// createMigrationsTable is the bookkeeping table for the migrator.
func (d dialect) createMigrationsTable() string {
	ts := "TIMESTAMP"
	if d == postgresDialect {
		ts = "TIMESTAMPTZ"
	}
	return `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at ` + ts + ` NOT NULL)`
}

// lockAudit serialises appends to the audit chain. SQLite write transactions
// (BEGIN IMMEDIATE) are exclusive already.
func (d dialect) lockAudit(ctx context.Context, q queryer) error {
	if d != postgresDialect {
		return nil
	}
	_, err := q.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7351003)`)
	return err
}
