package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// ErrBackupPostgres says that PostgreSQL is backed up with its own tools.
var ErrBackupPostgres = errors.New("store: PostgreSQL is backed up with pg_dump; see docs/operations.md")

// Backup writes a consistent copy of the SQLite database to file while the
// database stays in use (VACUUM INTO), then checks the copy's integrity.
func (s *Store) Backup(ctx context.Context, file string) error {
	if s.dialect != sqliteDialect {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(file); err == nil {
		return fmt.Errorf("store: backup: %s exists already; choose a new file name", file)
	}
	if _, err := s.w.ExecContext(ctx, `VACUUM INTO $1`, file); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if err := CheckIntegrity(ctx, file); err != nil {
		os.Remove(file)
		return err
	}
	return nil
}

// CheckIntegrity opens a SQLite file read-only and runs PRAGMA integrity_check.
func CheckIntegrity(ctx context.Context, file string) error {
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	db, err := sql.Open("sqlite", "file:"+url.PathEscape(file)+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("store: %s is not a readable SQLite database: %w", file, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: %s is not a readable SQLite database: %w", file, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("store: %s fails the integrity check: %s", file, problems[0])
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil {
		return fmt.Errorf("store: %s is not a Spil database: %w", file, err)
	}
	return nil
}

// Restore replaces the SQLite database at dbPath with the backup file, after
// checking the backup's integrity and then calling check, when it is not
// nil, with the backup opened read-only; an error from check stops the
// restore before anything is replaced. Spil must not be running on dbPath.
// The current database is kept next to it as dbPath.before-restore-TIME.
// It returns the name of that safety copy ("" when there was no database).
func Restore(ctx context.Context, file, dbPath string, now time.Time, check func(backup *Store) error) (string, error) {
	if err := CheckIntegrity(ctx, file); err != nil {
		return "", err
	}
	if check != nil {
		b, err := OpenBackup(ctx, file)
		if err != nil {
			return "", err
		}
		err = check(b)
		b.Close()
		if err != nil {
			return "", err
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(dbPath), ".spil-restore-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	src, err := os.Open(file)
	if err != nil {
		tmp.Close()
		return "", err
	}
	_, err = io.Copy(tmp, src)
	src.Close()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("store: restore: %w", err)
	}
	safety := ""
	if _, err := os.Stat(dbPath); err == nil {
		// Fold the WAL into the file first so the safety copy is complete.
		if s, err := Open(ctx, dbPath); err == nil {
			_, _ = s.w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
			s.Close()
		}
		safety, err = unusedName(dbPath + ".before-restore-" + now.UTC().Format("20060102T150405Z"))
		if err != nil {
			return "", err
		}
		if err := os.Rename(dbPath, safety); err != nil {
			return "", fmt.Errorf("store: restore: %w", err)
		}
	}
	os.Remove(dbPath + "-wal")
	os.Remove(dbPath + "-shm")
	if err := os.Rename(tmp.Name(), dbPath); err != nil {
		return safety, fmt.Errorf("store: restore: %w", err)
	}
	return safety, nil
}

// unusedName returns base, or base with a counter, naming no existing file,
// so a second restore never overwrites the first one's safety copy.
func unusedName(base string) (string, error) {
	name := base
	for i := 2; i < 1000; i++ {
		if _, err := os.Lstat(name); os.IsNotExist(err) {
			return name, nil
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
	return "", fmt.Errorf("store: restore: too many safety copies named %s-*", base)
}

// Path returns the SQLite file, or "" on PostgreSQL.
func (s *Store) Path() string { return s.path }
