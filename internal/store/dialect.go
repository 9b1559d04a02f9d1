package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	"modernc.org/sqlite"               // SQLite driver "sqlite", pure Go
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/spil-zorg/spil/internal/care"
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

// parseDSN tells the dialect from dsn and returns, for SQLite, the file path.
func parseDSN(dsn string) (d dialect, path string, err error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		if _, err := url.Parse(dsn); err != nil {
			return 0, "", fmt.Errorf("store: the PostgreSQL address is not a valid URL")
		}
		return postgresDialect, "", nil
	}
	path = strings.TrimPrefix(dsn, "sqlite:")
	if path == "" || strings.HasPrefix(path, "file:") {
		// The value is not repeated: a mistyped URL may hold a password.
		return 0, "", fmt.Errorf("store: --db is neither a SQLite file path nor a postgres:// URL")
	}
	return sqliteDialect, path, nil
}

// sqliteSource is the modernc.org/sqlite data source for a file: WAL with
// synchronous=FULL so a committed transaction survives a power cut, foreign
// keys on, a busy timeout instead of immediate "database is locked", and
// times stored as text that sorts in time order (all times are UTC). The
// writer's transactions take the write lock at BEGIN; a reader's
// connection refuses every write (query_only), so a read transaction can
// never take the lock by accident.
//
// A reader keeps a small page cache (readerCacheKiB). Every request writes
// an audit record, and SQLite drops a connection's whole page cache when
// its next read transaction finds the database changed, which is nearly
// always; the driver's allocator then hands the freed pages back to the
// OS and takes them again (madvise, page faults), which cost an eighth
// of the server's CPU on a file of 300 contacts with the default cache of
// 2 MB. A small cache still holds what one request reads again (the
// upper levels of the B-trees), and a large read recycles its pages.
//
// With mustExist a missing file is an error (mode=rw) instead of a new,
// empty database.
func sqliteSource(path string, reader, mustExist bool) string {
	src := "file:" + url.PathEscape(path) +
		"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_time_format=sqlite"
	if mustExist {
		src += "&mode=rw"
	}
	if reader {
		return src + "&_pragma=query_only(1)&_pragma=cache_size(-" + strconv.Itoa(readerCacheKiB) + ")"
	}
	return src + "&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate"
}

// readerCacheKiB is the page cache of a SQLite reader connection, in KiB
// (SQLite's default is 2,000): 64 pages of 4 KiB.
const readerCacheKiB = 256

// sqliteBackupSource opens a SQLite file that nothing else writes, such as
// a backup being checked, only to read it: immutable, so SQLite takes no
// locks and leaves no -wal or -shm file next to it, and a missing file is
// not created.
func sqliteBackupSource(path string) string {
	return "file:" + url.PathEscape(path) + "?mode=ro&immutable=1&_time_format=sqlite"
}

// checkSQLiteFile looks, read-only, at an existing SQLite file before Open
// sets it up: setting up switches the file to WAL, which writes its
// header, and a file with another application's tables must not be
// touched at all. A missing or empty file, or one that cannot be read
// this way, is left to the real open to judge.
func checkSQLiteFile(ctx context.Context, path string) error {
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 || fi.IsDir() {
		return nil
	}
	db, err := sql.Open(sqliteDialect.driverName(), "file:"+url.PathEscape(path)+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, sqliteDialect.tablesQuery())
	if err != nil {
		var se *sqlite.Error
		if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_NOTADB {
			return fmt.Errorf("store: %s is not a SQLite database", path)
		}
		return nil
	}
	defer rows.Close()
	n, spil := 0, false
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil
		}
		n++
		spil = spil || name == "schema_migrations"
	}
	if rows.Err() == nil && n > 0 && !spil {
		return fmt.Errorf("%w: %s has %d tables and no schema_migrations", ErrForeignDatabase, path, n)
	}
	return nil
}

// sqliteReaders is the number of read connections on SQLite: reads are
// short and CPU-bound, so a few more than the cores keep them busy.
var sqliteReaders = max(4, 2*runtime.GOMAXPROCS(0))

// openPool opens and pings a pool: on SQLite the one writer connection or
// the readers, on PostgreSQL the one pool for both.
func (d dialect) openPool(ctx context.Context, dsn, path string, reader, mustExist bool) (*sql.DB, error) {
	source := dsn
	if d == sqliteDialect {
		source = sqliteSource(path, reader, mustExist)
	}
	db, err := sql.Open(d.driverName(), source)
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	switch {
	case d == postgresDialect:
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(10)
		db.SetConnMaxIdleTime(5 * time.Minute)
	case reader:
		db.SetMaxOpenConns(sqliteReaders)
		db.SetMaxIdleConns(sqliteReaders)
	default:
		// One writer: SQLite has one write lock, and Go's pool queue is
		// a better place to wait for it than the busy handler's sleeps.
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", d, err)
	}
	return db, nil
}

// readTxOptions is how a read transaction begins: on PostgreSQL read-only
// on one snapshot (repeatable read); on SQLite a deferred BEGIN on a
// reader connection, which reads one snapshot of the WAL anyway.
func (d dialect) readTxOptions() *sql.TxOptions {
	if d == postgresDialect {
		return &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}
	}
	return &sql.TxOptions{ReadOnly: true}
}

// cachesStatements reports whether the store keeps prepared statements
// itself: on SQLite, where parsing and planning a query costs more than
// running it; pgx keeps its own cache of prepared statements on PostgreSQL.
func (d dialect) cachesStatements() bool { return d == sqliteDialect }

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

// tablesQuery lists the names of the database's own tables: SQLite's
// internal ones (sqlite_sequence, sqlite_stat1) do not count, and on
// PostgreSQL only the current schema, which may be one of several in a
// database.
func (d dialect) tablesQuery() string {
	if d == postgresDialect {
		return `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' /* Store.tables */`
	}
	return `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' /* Store.tables */`
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

// inCaseload is the condition that col (a family id) is one of the
// families the account in parameter param is a case manager of. PostgreSQL
// reads the caseload once and looks the families up by index whatever its
// statistics say (a semi join planned on a fresh table's empty statistics
// scans the other table and probes the caseload per row); SQLite plans an
// IN list that way by itself.
func (d dialect) inCaseload(col, param string) string {
	if d == postgresDialect {
		return col + ` = ANY(ARRAY(SELECT family_id FROM case_managers WHERE account_id = ` + param + `))`
	}
	return col + ` IN (SELECT family_id FROM case_managers WHERE account_id = ` + param + `)`
}

// inFamilies is the condition that col (a family id) is one of the ids
// in parameter param, given as familiesArg makes it: an array on
// PostgreSQL, a JSON array on SQLite.
func (d dialect) inFamilies(col, param string) string {
	if d == postgresDialect {
		return col + ` = ANY(` + param + `::bigint[])`
	}
	return col + ` IN (SELECT value FROM json_each(` + param + `))`
}

// familiesArg is the parameter of inFamilies for ids.
func (d dialect) familiesArg(ids []int64) any {
	if d == postgresDialect {
		return ids
	}
	b := make([]byte, 0, 8*len(ids)+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

// Bulk loads (bulk.go) write the ids themselves. On PostgreSQL an identity
// column then needs OVERRIDING SYSTEM VALUE, and its sequence must be moved
// past the ids written; SQLite takes the next id from the largest one.
func (d dialect) explicitIDs() string {
	if d == postgresDialect {
		return "OVERRIDING SYSTEM VALUE "
	}
	return ""
}

// bulkParam is parameter n of a multi-row INSERT. The SQLite driver looks
// up the name of every "$n" parameter it binds by walking the list of
// names, which makes a statement of thousands of them slow; plain "?"
// parameters have no name.
func (d dialect) bulkParam(n int) string {
	if d == postgresDialect {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}

// prepareBulk sets up the connection of a bulk load: on SQLite a page cache
// large enough for the indexes of millions of rows (the default is 2 MB).
func (d dialect) prepareBulk(ctx context.Context, conn *sql.Conn) error {
	if d != sqliteDialect {
		return nil
	}
	_, err := conn.ExecContext(ctx, `PRAGMA cache_size = -262144`)
	return err
}

// finishBulk ends a bulk load: PostgreSQL's sequences move past the ids
// written, and VACUUM gives the new rows what autovacuum gives a database
// in use: the planner's statistics and the visibility map that lets an
// index answer a query alone; SQLite moves the write-ahead log into the
// database file, so the file alone is whole.
func (d dialect) finishBulk(ctx context.Context, conn *sql.Conn, identityTables []string) error {
	if d == sqliteDialect {
		_, err := conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
		return err
	}
	for _, t := range identityTables {
		if _, err := conn.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM `+t); err != nil {
			return fmt.Errorf("store: bulk: sequence of %s: %w", t, err)
		}
	}
	_, err := conn.ExecContext(ctx, `VACUUM (ANALYZE)`)
	return err
}

// pgDiskFull is PostgreSQL's SQLSTATE for a full disk (class 53,
// insufficient resources).
const pgDiskFull = "53100"

// isStorageFull reports whether err says that the database's storage is
// full: SQLite's SQLITE_FULL (a full disk, or the file at max_page_count),
// PostgreSQL's disk_full, or the operating system's ENOSPC.
func isStorageFull(err error) bool {
	if err == nil {
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == pgDiskFull {
		return true
	}
	return errors.Is(err, syscall.ENOSPC)
}

// isBusy reports whether err is SQLite's "database is locked": another
// connection holds a lock that did not come free within the busy timeout.
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && (se.Code()&0xff == sqlite3.SQLITE_BUSY || se.Code()&0xff == sqlite3.SQLITE_LOCKED)
}

// storageError wraps an error of a full storage in care.ErrStorageFull,
// keeping the driver's error in the chain for the log; any other error is
// returned as it is.
func storageError(err error) error {
	if isStorageFull(err) && !errors.Is(err, care.ErrStorageFull) {
		return fmt.Errorf("%w: %w", care.ErrStorageFull, err)
	}
	return err
}

// jsonText is the text at a path of keys in a JSON document held in a
// TEXT column; NULL when the path is not there.
func (d dialect) jsonText(column string, keys ...string) string {
	if d == postgresDialect {
		return "(" + column + "::jsonb #>> '{" + strings.Join(keys, ",") + "}')"
	}
	return "json_extract(" + column + ", '$." + strings.Join(keys, ".") + "')"
}

// aggregateTime scans a time computed by an aggregate (MIN, MAX): from
// PostgreSQL it arrives as a time, from SQLite, which knows no declared
// type for an expression, as the text the driver wrote; NULL is zero.
type aggregateTime struct{ Time time.Time }

// sqliteTimeLayouts are the forms in which modernc.org/sqlite writes times
// (_time_format=sqlite) and older rows may hold them.
var sqliteTimeLayouts = []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05", "2006-01-02"}

// Scan implements sql.Scanner.
func (a *aggregateTime) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case nil:
		a.Time = time.Time{}
		return nil
	case time.Time:
		a.Time = x.UTC()
		return nil
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return fmt.Errorf("store: cannot scan %T as a time", v)
	}
	for _, l := range sqliteTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			a.Time = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("store: cannot read %q as a time", s)
}
