package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spil-zorg/spil/internal/store"
)

var backupCommand = command{
	name:    "backup",
	usage:   "backup [flags] FILE",
	summary: "write a checked copy of the SQLite database while Spil runs",
	flags: func(f *flags, c *Config) {
		f.dbFlag(c)
		f.logFlags(c)
	},
	run: func(ctx context.Context, a *app, args []string) error {
		if len(args) != 1 {
			return errors.New("name the backup file: spil backup FILE")
		}
		if !isPostgres(a.cfg.DB) {
			// store.Open would create a missing file and back up nothing.
			if _, err := os.Stat(sqlitePath(a.cfg.DB)); err != nil {
				return fmt.Errorf("no database to back up: %w", err)
			}
		}
		s, err := store.Open(ctx, a.cfg.DB)
		if err != nil {
			return err
		}
		defer s.Close()
		if err := s.Backup(ctx, args[0]); err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Backup written to %s and checked.\n", args[0])
		return nil
	},
}

var restoreCommand = command{
	name:    "restore",
	usage:   "restore [flags] FILE",
	summary: "replace the SQLite database with a checked backup (stop Spil first)",
	flags: func(f *flags, c *Config) {
		f.dbFlag(c)
		f.logFlags(c)
	},
	run: func(ctx context.Context, a *app, args []string) error {
		if len(args) != 1 {
			return errors.New("name the backup file: spil restore FILE")
		}
		if isPostgres(a.cfg.DB) {
			return errors.New("PostgreSQL is restored with pg_restore; see docs/operations.md")
		}
		db := sqlitePath(a.cfg.DB)
		safety, err := store.Restore(ctx, args[0], db, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Restored %s from %s.\n", db, args[0])
		if safety != "" {
			fmt.Fprintf(a.out, "The database it replaced is kept as %s.\n", safety)
		}
		return nil
	},
}
