package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// step is called between the steps of Backup and Restore with the name of
// the step just done; tests stop there, as a kill would.
var step = func(name string) {}

// ErrBackupPostgres says that PostgreSQL is backed up with its own tools.
var ErrBackupPostgres = errors.New("store: PostgreSQL is backed up with pg_dump; see docs/operations.md")

// Backup writes a consistent copy of the SQLite database to file while the
// database stays in use. The copy is made under a temporary name in the
// directory of file (VACUUM INTO), synced to disk, checked (integrity, and
// then check, when not nil, on the copy opened read-only), and only then
// given the name file, with the directory synced too: a backup that fails
// or is killed leaves nothing under that name, and trying again with the
// same name works. An existing file is never overwritten.
//
// An error from check does not stop the copy from being kept under its
// name (it still holds every family file); Backup returns that error after
// the copy is in place. Any other error leaves no copy.
func (s *Store) Backup(ctx context.Context, file string, check func(copy *Store) error) error {
	if s.dialect != sqliteDialect {
		return ErrBackupPostgres
	}
	if _, err := os.Lstat(file); err == nil {
		return fmt.Errorf("store: backup: %s exists already; choose a new file name", file)
	}
	// The temporary file is made here, empty and readable by its owner
	// only; VACUUM INTO accepts an empty file.
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".partial-*")
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	name := tmp.Name()
	tmp.Close()
	kept := false
	defer func() {
		if !kept {
			os.Remove(name)
		}
	}()
	if _, err := s.w.ExecContext(ctx, `VACUUM INTO $1`, name); err != nil {
		return fmt.Errorf("store: backup: %w", storageError(err))
	}
	step("backup: copied")
	if err := syncFile(name); err != nil {
		return fmt.Errorf("store: backup: %w", storageError(err))
	}
	step("backup: synced")
	if err := CheckIntegrity(ctx, name); err != nil {
		return err
	}
	step("backup: checked")
	var checkErr error
	if check != nil {
		b, err := OpenBackup(ctx, name)
		if err != nil {
			return err
		}
		checkErr = check(b)
		b.Close()
	}
	if err := publish(name, file); err != nil {
		return err
	}
	kept = true
	step("backup: named")
	return checkErr
}

// publish gives the finished file tmp the name file, in the same
// directory, unless file exists, and syncs the directory. A hard link
// cannot replace an existing file; where the file system has no hard
// links, a rename after one more look.
func publish(tmp, file string) error {
	if err := os.Link(tmp, file); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("store: backup: %s exists already; choose a new file name", file)
		}
		if _, serr := os.Lstat(file); serr == nil {
			return fmt.Errorf("store: backup: %s exists already; choose a new file name", file)
		}
		if err := os.Rename(tmp, file); err != nil {
			return fmt.Errorf("store: backup: %w", err)
		}
	} else {
		step("backup: linked")
		if err := os.Remove(tmp); err != nil {
			return fmt.Errorf("store: backup: %w", err)
		}
	}
	return syncDir(filepath.Dir(file))
}

// CheckIntegrity opens a SQLite file read-only and runs PRAGMA
// integrity_check, and checks that it is a Spil database.
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
	problems, err := checkResult(rows)
	if err != nil {
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

// RestoreLeftover is the name under which Restore writes the new database
// next to dbPath before it takes dbPath's place. When that file exists, a
// restore did not finish, and dbPath (if there) is the database from
// before it.
func RestoreLeftover(dbPath string) string { return dbPath + ".restoring" }

// Restore replaces the SQLite database at dbPath with the backup file, after
// checking the backup's integrity and then calling check, when it is not
// nil, with the backup opened read-only; an error from check stops the
// restore before anything is replaced. Spil must not be running on dbPath.
//
// The backup is copied to RestoreLeftover(dbPath), synced and checked
// again there. The current database, with its write-ahead log folded in
// first, is kept as dbPath.before-restore-TIME (a hard link, or a copy
// where the file system has none). Then one rename puts the new file in
// place, and the directory is synced. A restore that fails or is killed
// at any point leaves either the old database or the new one at dbPath,
// never none and never a part of one; what it leaves besides is the
// leftover file, which the next restore removes.
//
// It returns the name of the safety copy ("" when there was no database).
func Restore(ctx context.Context, file, dbPath string, now time.Time, check func(backup *Store) error) (string, error) {
	if err := CheckIntegrity(ctx, file); err != nil {
		return "", err
	}
	if fi, err := os.Stat(file + "-wal"); err == nil && fi.Size() > 0 {
		return "", fmt.Errorf("store: restore: %s has a write-ahead log next to it (%s) that a copy of the file alone would lose; "+
			"restore from a file made by spil backup", file, file+"-wal")
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
	dir := filepath.Dir(dbPath)
	tmp := RestoreLeftover(dbPath)
	// A leftover of a restore that was killed: its database never took
	// dbPath's place.
	if err := os.Remove(tmp); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("store: restore: %w", err)
	}
	if err := copyFile(file, tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("store: restore: %w", storageError(err))
	}
	step("restore: copied")
	if err := CheckIntegrity(ctx, tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("store: restore: the copy does not read back whole: %w", err)
	}
	step("restore: checked")
	safety := ""
	if _, err := os.Stat(dbPath); err == nil {
		if err := foldWAL(ctx, dbPath); err != nil {
			os.Remove(tmp)
			return "", err
		}
		step("restore: folded")
		if safety, err = unusedName(dbPath + ".before-restore-" + now.UTC().Format("20060102T150405Z")); err != nil {
			os.Remove(tmp)
			return "", err
		}
		if err := keepCopy(dbPath, safety); err != nil {
			os.Remove(tmp)
			return "", fmt.Errorf("store: restore: keeping the current database as %s: %w", safety, storageError(err))
		}
		step("restore: kept")
	}
	// A write-ahead log left next to dbPath would be played into the new
	// file when it is opened. After foldWAL it holds nothing that the
	// safety copy lacks.
	for _, f := range []string{dbPath + "-wal", dbPath + "-shm"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return safety, fmt.Errorf("store: restore: %w", err)
		}
		step("restore: removed " + f[len(dbPath):])
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return safety, fmt.Errorf("store: restore: %w", err)
	}
	step("restore: renamed")
	if err := syncDir(dir); err != nil {
		return safety, fmt.Errorf("store: restore: %w", err)
	}
	return safety, nil
}

// foldWAL opens the database at path and moves its write-ahead log into
// the file, so that the file alone is the whole database. A database that
// another process has open cannot be folded: Spil is still running on it,
// and restore refuses. A database too damaged to open is left as it is:
// keepCopy keeps its log with it.
func foldWAL(ctx context.Context, path string) error {
	s, err := Open(ctx, path, MustExist())
	if isBusy(err) {
		return fmt.Errorf("store: restore: %s is in use (it stays locked): stop Spil first", path)
	}
	if err != nil {
		return nil
	}
	defer s.Close()
	var busy, logFrames, done int
	if err := s.w.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &done); err != nil {
		return nil
	}
	if busy != 0 {
		return fmt.Errorf("store: restore: %s is in use (its write-ahead log cannot be folded in): stop Spil first", path)
	}
	return nil
}

// keepCopy makes safety a copy of the database at path: a hard link to
// the file, or a copy where hard links do not work, synced either way,
// and a copy of its write-ahead log when that still holds anything.
func keepCopy(path, safety string) error {
	if err := os.Link(path, safety); err != nil {
		if err := copyFile(path, safety); err != nil {
			os.Remove(safety)
			return err
		}
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		if err := copyFile(path+"-wal", safety+"-wal"); err != nil {
			return err
		}
	}
	return syncDir(filepath.Dir(path))
}

// copyFile copies src to a new file dst (mode 0600) and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncFile flushes the file at name to disk.
func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir flushes the directory dir, so that a new name in it, or a
// rename, survives a power cut.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
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
