// Package store keeps Spil's data in SQLite (the default, one file) or
// PostgreSQL, through database/sql with hand-written SQL. Every difference
// between the two databases lives in dialect.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"path"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// Store is Spil's database. It is safe for concurrent use.
//
// Writes and reads have pools of their own. On SQLite the writer pool has
// one connection, so writers wait their turn in Go instead of sleeping in
// SQLite's busy handler, and readers use read-only connections beside it
// (WAL lets them read while a write goes on). On PostgreSQL both are the
// same pool. Audit records of reads are appended by a group commit
// (audit_queue.go): many requests, one transaction, one fsync.
type Store struct {
	w       *sql.DB // writes
	r       *sql.DB // reads; w itself on PostgreSQL
	q       queryer // the transaction of an Atomic or Read call, or w
	rq      queryer // the transaction of an Atomic or Read call, or r
	tx      txKind  // the kind of transaction q is bound to
	dialect dialect
	path    string // the SQLite file; empty on PostgreSQL
	now     func() time.Time
	audit   *auditQueue
	// wc and rc cache prepared statements of w and r; nil where the
	// dialect does not (pgx caches statements itself).
	wc, rc *stmtCache
	ready  *readiness // Ready's last probe; shared by bound copies
	// mustExist opens a SQLite file only when it is there.
	mustExist bool
	// kept holds signal files between reads; nil keeps none. Shared by
	// bound copies.
	kept *keptSignals
}

// txKind is what a bound Store may do.
type txKind int

const (
	noTx    txKind = iota // not in a transaction
	writeTx               // in an Atomic call
	readTx                // in a Read call: a snapshot, no writes
)

// queryer is what *sql.DB and *sql.Tx share.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Option changes how Open sets up a Store.
type Option func(*Store)

// WithClock gives the store its clock, for the few defaults it fills in
// itself (a status date, the time a migration ran). Tests move it.
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.now = now }
}

// MustExist makes Open refuse a SQLite file that does not exist instead of
// creating it: for every use but making a new database.
func MustExist() Option {
	return func(s *Store) { s.mustExist = true }
}

// Open opens the database named by dsn: a postgres:// or postgresql:// URL
// opens PostgreSQL, anything else is the path of a SQLite file (created when
// missing, unless MustExist). Open does not migrate; call Migrate, or
// Pending to learn what is not applied yet.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	d, path, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	s := &Store{dialect: d, path: path, now: time.Now,
		ready: &readiness{interval: DefaultProbeInterval, minFree: DefaultMinFreeSpace},
		kept:  newKeptSignals(DefaultKeptSignalFiles)}
	for _, o := range opts {
		o(s)
	}
	if d == sqliteDialect {
		if err := checkSQLiteFile(ctx, path); err != nil {
			return nil, err
		}
	}
	if s.w, err = d.openPool(ctx, dsn, path, false, s.mustExist); err != nil {
		return nil, err
	}
	s.r = s.w
	if d == sqliteDialect {
		if s.r, err = d.openPool(ctx, dsn, path, true, true); err != nil {
			s.w.Close()
			return nil, err
		}
	}
	s.q, s.rq = s.w, s.r
	if d.cachesStatements() {
		s.wc, s.rc = newStmtCache(s.w), newStmtCache(s.r)
		s.q, s.rq = cachedQueryer{cache: s.wc}, cachedQueryer{cache: s.rc}
	}
	// Inside a transaction, bind and sqlTx say which errors mean a full
	// storage; outside one, this wrapper does.
	s.q, s.rq = fullQueryer{s.q}, fullQueryer{s.rq}
	s.audit = startAuditQueue(s)
	return s, nil
}

// Close stops the audit queue, after it has written what it holds, and
// closes the database.
func (s *Store) Close() error {
	if s.audit != nil {
		s.audit.stop()
	}
	for _, c := range []*stmtCache{s.wc, s.rc} {
		if c != nil {
			c.close()
		}
	}
	err := s.w.Close()
	if s.r != s.w {
		err = errors.Join(err, s.r.Close())
	}
	return err
}

// Dialect names the database: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect.String() }

// Ping checks that the database answers; Ready also checks that it takes
// writes.
func (s *Store) Ping(ctx context.Context) error { return s.w.PingContext(ctx) }

// Atomic runs fn with a Store bound to one write transaction, committed
// when fn returns nil; inside a write transaction it just runs fn.
func (s *Store) Atomic(ctx context.Context, fn func(care.Store) error) error {
	switch s.tx {
	case writeTx:
		return fn(s)
	case readTx:
		return errors.New("store: a write inside a read transaction")
	}
	return s.bind(ctx, s.w, s.wc, nil, writeTx, fn)
}

// Read runs fn with a Store bound to one read-only transaction: every
// query in fn sees the same snapshot, and none takes the write lock.
// Inside a transaction of either kind it just runs fn.
func (s *Store) Read(ctx context.Context, fn func(care.Store) error) error {
	if s.tx != noTx {
		return fn(s)
	}
	return s.bind(ctx, s.r, s.rc, s.dialect.readTxOptions(), readTx, fn)
}

func (s *Store) bind(ctx context.Context, db *sql.DB, cache *stmtCache, opts *sql.TxOptions, kind txKind, fn func(care.Store) error) error {
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return storageError(err)
	}
	defer rollbackOnPanic(tx)
	bound := *s
	q := inTx(tx, cache)
	bound.q, bound.rq, bound.tx = q, q, kind
	if err := fn(&bound); err != nil {
		_ = tx.Rollback()
		return storageError(err)
	}
	return storageError(tx.Commit())
}

// rollbackOnPanic rolls tx back when the function that began it panics,
// and panics on: the server recovers from a panic, and a transaction left
// open would hold the write lock for good.
func rollbackOnPanic(tx *sql.Tx) {
	if p := recover(); p != nil {
		_ = tx.Rollback()
		panic(p)
	}
}

// sqlTx runs fn in a write transaction of its own, committing when it
// returns nil; for the store's own multi-statement work outside Atomic.
func (s *Store) sqlTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return storageError(err)
	}
	defer rollbackOnPanic(tx)
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return storageError(err)
	}
	return storageError(tx.Commit())
}

// inWriteTx runs fn in the write transaction the Store is bound to (in an
// Atomic call), or else in one of its own: the store's multi-statement
// writes that may be part of a caller's transaction.
func (s *Store) inWriteTx(ctx context.Context, fn func(q queryer) error) error {
	switch s.tx {
	case writeTx:
		return fn(s.q)
	case readTx:
		return errors.New("store: a write inside a read transaction")
	}
	return s.sqlTx(ctx, func(tx *sql.Tx) error { return fn(inTx(tx, s.wc)) })
}

// inTx is the queryer of a transaction: through the statement cache of its
// pool when there is one.
func inTx(tx *sql.Tx, cache *stmtCache) queryer {
	if cache == nil {
		return tx
	}
	return cachedQueryer{cache: cache, tx: tx}
}

// fullQueryer is a queryer outside a transaction: an error that says the
// storage is full comes back as care.ErrStorageFull. (QueryRowContext
// cannot change the error its Row gives; the few writes that return a row
// outside a transaction call storageError themselves.)
type fullQueryer struct{ queryer }

func (q fullQueryer) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := q.queryer.ExecContext(ctx, query, args...)
	return res, storageError(err)
}

func (q fullQueryer) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := q.queryer.QueryContext(ctx, query, args...)
	return rows, storageError(err)
}

// notFound turns sql.ErrNoRows into a care.NotFound error naming what.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return care.Errorf(care.NotFound, "%s not found", what)
	}
	return err
}

// isUniqueViolation reports whether err is a unique-constraint failure.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}

// MigrationSQL is the text of one of the database's migrations, by its
// file name; tests and tools only.
func (s *Store) MigrationSQL(name string) (string, error) {
	b, err := migrationsFS.ReadFile(path.Join(s.dialect.migrationsDir(), name))
	return string(b), err
}

// ExecRaw runs a statement without arguments; tests and tools only.
func (s *Store) ExecRaw(ctx context.Context, query string) error {
	_, err := s.w.ExecContext(ctx, query)
	return err
}

// QueryStrings runs a query of one text column without arguments and
// returns its rows; tests and tools only (the catalog, say).
func (s *Store) QueryStrings(ctx context.Context, query string) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
