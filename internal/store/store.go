// Package store keeps Spil's data in SQLite (the default, one file) or
// PostgreSQL, through database/sql with hand-written SQL. Every difference
// between the two databases lives in dialect.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// Store is Spil's database. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	q       queryer // db, or the transaction of an Atomic call
	inTx    bool
	dialect dialect
	path    string // the SQLite file; empty on PostgreSQL
}

// queryer is what *sql.DB and *sql.Tx share.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open opens the database named by dsn: a postgres:// or postgresql:// URL
// opens PostgreSQL, anything else is the path of a SQLite file (created when
// missing). Open does not migrate; call Migrate or CheckMigrated.
func Open(ctx context.Context, dsn string) (*Store, error) {
	d, source, path, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open(d.driverName(), source)
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	d.configurePool(db)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", d, err)
	}
	return &Store{db: db, q: db, dialect: d, path: path}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Dialect names the database: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect.String() }

// Ping checks that the database answers; /readyz uses it.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// tx runs fn in a transaction, committing when it returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
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

// ExecRaw runs a statement without arguments; tests and tools only.
func (s *Store) ExecRaw(ctx context.Context, query string) error {
	_, err := s.db.ExecContext(ctx, query)
	return err
}
