package main

import (
	"context"
	"fmt"

	"github.com/spil-zorg/spil/internal/store"
)

var migrateCommand = command{
	name:    "migrate",
	usage:   "migrate [flags]",
	summary: "bring the database schema up to date",
	flags: func(f *flags, c *Config) {
		f.dbFlag(c)
		f.logFlags(c)
	},
	run: func(ctx context.Context, a *app, args []string) error {
		// migrate makes a new database, but not beside the leftover of an
		// unfinished restore.
		if !isPostgres(a.cfg.DB) {
			if err := checkSQLiteFile(sqlitePath(a.cfg.DB), dbUse{create: true}); err != nil {
				return err
			}
		}
		s, err := store.Open(ctx, a.cfg.DB)
		if err != nil {
			return err
		}
		defer s.Close()
		ran, err := s.Migrate(ctx)
		if err != nil {
			return err
		}
		if len(ran) == 0 {
			fmt.Fprintln(a.out, "The database is up to date.")
		}
		for _, m := range ran {
			fmt.Fprintln(a.out, "applied", m)
		}
		return nil
	},
}
