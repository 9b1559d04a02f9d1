package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/store"
)

// dbUse is what a command may do with the database --db names.
type dbUse struct {
	// create lets a missing or empty SQLite file become a new database;
	// without it such a file is refused, so that a wrong path, an
	// unmounted disk or a lost file never quietly turns into an empty
	// Spil. newHint says, in that refusal, how to make a new one.
	create  bool
	newHint string
	// refusal starts the message that refuses a missing or empty file.
	refusal string
	// migrate brings SQLite up to date on the spot; PostgreSQL (shared by
	// instances) and commands without it must be up to date already.
	migrate bool
	// current refuses a schema with pending migrations; without it (a
	// backup) only a foreign or newer schema is refused.
	current bool
	// quickCheck runs SQLite's quick check and refuses a damaged file.
	quickCheck bool
}

// openDatabase opens --db for a command, after refusing what it must not touch:
// the leftover of a restore that did not finish, a missing or empty SQLite
// file unless the command may make one, a database that is not Spil's or
// that a newer Spil migrated, a damaged one when asked to check, and one
// whose schema is behind when the command needs it current.
func openDatabase(ctx context.Context, a *app, use dbUse) (*store.Store, error) {
	var opts []store.Option
	if !isPostgres(a.cfg.DB) {
		path := sqlitePath(a.cfg.DB)
		if err := checkSQLiteFile(path, use); err != nil {
			return nil, err
		}
		if !use.create {
			opts = append(opts, store.MustExist())
		}
	}
	s, err := store.Open(ctx, a.cfg.DB, opts...)
	if err != nil {
		return nil, err
	}
	if err := prepareDB(ctx, a, s, use); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// prepareDB does to an open store what use asks: the quick check,
// migrating, and refusing pending migrations; Migrate and Pending refuse a
// foreign or newer schema themselves.
func prepareDB(ctx context.Context, a *app, s *store.Store, use dbUse) error {
	if use.quickCheck && s.Dialect() == "sqlite" {
		start := time.Now()
		if err := s.QuickCheck(ctx); err != nil {
			return fmt.Errorf("%w\nThe database is damaged: restore the newest backup (spil restore), "+
				"or start with --skip-quick-check to serve it as it is", err)
		}
		a.log.Info("quick check passed", "took", roundDuration(time.Since(start)))
	}
	if use.migrate && s.Dialect() == "sqlite" {
		ran, err := s.Migrate(ctx)
		if err != nil {
			return err
		}
		for _, m := range ran {
			a.log.Info("migrated", "migration", m)
		}
		return nil
	}
	pending, err := s.Pending(ctx)
	if err != nil {
		return err
	}
	if use.current && len(pending) > 0 {
		return fmt.Errorf("the database schema is behind (%d migrations pending: %s); run 'spil migrate --db ...' first",
			len(pending), strings.Join(pending, ", "))
	}
	return nil
}

// checkSQLiteFile refuses a SQLite --db that a command must not open: the
// leftover of an unfinished restore next to it, a directory, and unless
// use.create, a missing or empty file.
func checkSQLiteFile(path string, use dbUse) error {
	if left := store.RestoreLeftover(path); exists(left) {
		what := "the database from before that restore"
		if !exists(path) {
			what = "missing"
		}
		return fmt.Errorf("a restore of %s did not finish: it left %s behind, and %s is %s.\n"+
			"Run the restore again (spil restore --db %s FILE), or remove %s to go on with %s as it is",
			path, left, path, what, path, left, path)
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if use.create {
			return nil
		}
		return fmt.Errorf("%sthere is no database at %s. %s", use.refusalPrefix(), path, use.hint(path))
	case err != nil:
		return err
	case fi.IsDir():
		return fmt.Errorf("%s is a directory, not a database file", path)
	case fi.Size() == 0 && !use.create:
		return fmt.Errorf("%s%s is an empty file, not a database: if it should hold Spil's data, restore it from a backup "+
			"(spil restore). %s", use.refusalPrefix(), path, use.hint(path))
	}
	return nil
}

func (u dbUse) refusalPrefix() string {
	if u.refusal == "" {
		return ""
	}
	return u.refusal + ": "
}

func (u dbUse) hint(path string) string {
	if u.newHint != "" {
		return u.newHint
	}
	return "To make a new database there, run spil migrate --db " + path
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
