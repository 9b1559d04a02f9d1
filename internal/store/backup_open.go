package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"
)

// OpenBackup opens the SQLite file at path, which nothing else may write,
// such as a backup, to read it only. It does not migrate, and it never
// creates the file: a missing file is an error. Changes made by someone
// else while it is open may go unseen; open a live database with Open.
func OpenBackup(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	db, err := sql.Open(sqliteDialect.driverName(), sqliteBackupSource(path))
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	db.SetMaxOpenConns(sqliteReaders)
	db.SetMaxIdleConns(sqliteReaders)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// One pool to read with; no audit queue and no statement cache: the
	// store is read once, to be checked.
	return &Store{w: db, r: db, q: db, rq: db, dialect: sqliteDialect, path: path, now: time.Now}, nil
}
