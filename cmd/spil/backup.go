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
		f.checkpointFileFlag(c, "a file of audit checkpoints kept outside the database: the copy must hold its newest one too")
	},
	run: func(ctx context.Context, a *app, args []string) error {
		if len(args) != 1 {
			return errors.New("name the backup file: spil backup FILE")
		}
		// The checkpoint file is read before the copy is made: a checkpoint
		// added while copying may see records the copy does not hold.
		extra, extraFrom, err := auditCheckpoints(ctx, nil, a.cfg.CheckpointFile)
		if err != nil {
			return err
		}
		// A missing or empty file is refused, never made: there would be
		// nothing to back up.
		s, err := openDatabase(ctx, a, dbUse{refusal: "no database to back up", newHint: "Check --db."})
		if err != nil {
			return err
		}
		defer s.Close()
		// The audit trail of the copy is checked before the copy gets its
		// name; a copy whose trail lacks records is kept all the same (it
		// holds the family files), and the command says why it failed.
		var report string
		var auditErr error
		err = s.Backup(ctx, args[0], func(b *store.Store) error {
			report, auditErr = describeBackupAudit(ctx, b, extra, extraFrom)
			return auditErr
		})
		if err != nil && (auditErr == nil || !errors.Is(err, auditErr)) {
			return err
		}
		fmt.Fprintf(a.out, "Backup written to %s and checked.\n", args[0])
		if auditErr != nil {
			return fmt.Errorf("%w\nThe backup is kept. Check the database with spil audit-verify --full", auditErr)
		}
		fmt.Fprintln(a.out, report)
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
		f.checkpointFileFlag(c, "a file of audit checkpoints kept outside the database: the backup must hold its newest one too")
		f.boolean(&c.AcceptAuditLoss, "accept-audit-loss", false,
			"restore even when the backup's audit trail ends before the last checkpoint (audit records are lost)")
	},
	run: runRestore,
}

// runRestore replaces the database with a backup, after checking that the
// backup's audit trail holds the last record of the newest checkpoint of
// the database it replaces and of the checkpoint file: otherwise restoring
// would lose audit records, which needs --accept-audit-loss.
func runRestore(ctx context.Context, a *app, args []string) error {
	if len(args) != 1 {
		return errors.New("name the backup file: spil restore FILE")
	}
	if isPostgres(a.cfg.DB) {
		return errors.New("PostgreSQL is restored with pg_restore; see docs/operations.md")
	}
	db := sqlitePath(a.cfg.DB)
	cps, from, err := auditCheckpoints(ctx, nil, a.cfg.CheckpointFile)
	if err != nil {
		return err
	}
	var warnings []string
	if _, err := os.Stat(db); err == nil {
		cur, curFrom, err := currentCheckpoints(ctx, a.cfg.DB)
		if err != nil {
			// A database too damaged to read is what a restore is for:
			// say that it could not be compared, and go on.
			warnings = append(warnings, fmt.Sprintf("Could not read the audit checkpoints of %s (%v).", db, err))
		}
		cps, from = append(cur, cps...), append(curFrom, from...)
	}
	var held string
	check := func(b *store.Store) error {
		if len(heldCheckpoints(cps, from)) == 0 {
			held = "There is no audit checkpoint to compare the backup with."
			return nil
		}
		m, err := b.CheckAuditCheckpoints(ctx, cps)
		if err != nil {
			return err
		}
		if m == nil {
			held = fmt.Sprintf("The backup's audit trail holds the last record of %s.", sentence(heldCheckpoints(cps, from)))
			return nil
		}
		if !a.cfg.AcceptAuditLoss {
			return fmt.Errorf("refused: the backup's audit trail does not hold what was verified before: %s.\n"+
				"Restoring it would lose those audit records. Nothing was changed. "+
				"To restore it anyway, run again with --accept-audit-loss", m)
		}
		held = fmt.Sprintf("WARNING: the restored database lacks audit records (accepted with --accept-audit-loss): %s.", m)
		return nil
	}
	safety, err := store.Restore(ctx, args[0], db, time.Now(), check)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Restored %s from %s.\n", db, args[0])
	if safety != "" {
		fmt.Fprintf(a.out, "The database it replaced is kept as %s.\n", safety)
	}
	for _, w := range append(warnings, held) {
		fmt.Fprintln(a.out, w)
	}
	return nil
}

// currentCheckpoints reads the newest audit checkpoint of the database a
// restore replaces. Spil is stopped, so the database is opened as usual,
// which reads its write-ahead log too, and closed again before the restore
// moves it.
func currentCheckpoints(ctx context.Context, dsn string) ([]store.AuditCheckpoint, []string, error) {
	s, err := store.Open(ctx, dsn, store.MustExist())
	if err != nil {
		return nil, nil, err
	}
	defer s.Close()
	return auditCheckpoints(ctx, s, "")
}
