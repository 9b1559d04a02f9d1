package main

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

var auditVerifyCommand = command{
	name:    "audit-verify",
	usage:   "audit-verify [flags]",
	summary: "check that the audit trail is complete and unchanged",
	flags: func(f *flags, c *Config) {
		f.dbFlag(c)
		f.logFlags(c)
		f.boolean(&c.Full, "full", false, "check every record, not only those after the last checkpoint")
		f.checkpointFileFlag(c, "a file of checkpoints kept outside the database: the trail is held against its newest one, "+
			"and the new checkpoint is added to it (created when missing)")
	},
	run: runAuditVerify,
}

// runAuditVerify walks the audit trail, from the newest checkpoint on or
// with --full from the start, holds it against the checkpoints in the
// database and the checkpoint file, and records a new checkpoint in both
// when the trail is intact.
func runAuditVerify(ctx context.Context, a *app, args []string) error {
	if len(args) > 0 {
		return errors.New("audit-verify takes no arguments")
	}
	// A missing file is refused, never made: it would hold an empty trail.
	s, err := openDatabase(ctx, a, dbUse{current: true, refusal: "no database to verify",
		newHint: "audit-verify never makes one: check --db."})
	if err != nil {
		return err
	}
	defer s.Close()
	cps, from, err := auditCheckpoints(ctx, s, a.cfg.CheckpointFile)
	if err != nil {
		return err
	}
	// The walk allocates a little for each of millions of records and keeps
	// almost none of it: collecting garbage less often saved about 15% of
	// the time of a full walk.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	start := time.Now()
	v, err := s.VerifyAuditTrail(ctx, store.VerifyOptions{Full: a.cfg.Full, Checkpoints: cps})
	if err != nil {
		return err
	}
	took := roundDuration(time.Since(start))
	if v.Break != nil {
		checked := fmt.Sprintf("%d records checked", v.Checked)
		if v.Resumed != nil {
			checked += " after " + v.Resumed.String()
		}
		return fmt.Errorf("the audit trail is broken at record %d: %s (%s)", v.Break.ID, v.Break.Reason, checked)
	}
	if v.Mismatch != nil {
		return fmt.Errorf("the audit trail no longer holds what was verified before: %s", v.Mismatch)
	}

	if v.Resumed == nil {
		fmt.Fprintf(a.out, "The audit trail is intact: %d records, each chained to the one before (checked in %s).\n", v.Records, took)
	} else {
		fmt.Fprintf(a.out, "The audit trail is intact from the last checkpoint on: the %d records after it were checked now, "+
			"each chained to the one before (in %s); %d records in all.\n", v.Checked, took, v.Records)
	}
	if held := heldCheckpoints(cps, from); len(held) > 0 {
		fmt.Fprintf(a.out, "The trail still holds the last record of %s.\n", sentence(held))
	}
	if v.Resumed != nil {
		last := "never"
		if cp, err := s.LatestAuditCheckpoint(ctx, true); err == nil {
			last = "on " + cp.At.Format("2006-01-02 15:04:05 UTC")
		} else if care.ErrorCode(err) != care.NotFound {
			return err
		}
		fmt.Fprintf(a.out, "Records up to the last checkpoint were checked when it was made; every record was last checked %s. "+
			"Run with --full to check them all again.\n", last)
	}
	cp := v.Checkpoint(time.Now())
	if err := s.AddAuditCheckpoint(ctx, &cp); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Checkpoint recorded: %d records, last record %d, hash %s.\n", cp.Records, cp.HeadID, cp.HeadHash)
	if a.cfg.CheckpointFile != "" {
		if err := appendCheckpointFile(a.cfg.CheckpointFile, cp); err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Checkpoint added to %s.\n", a.cfg.CheckpointFile)
	}
	return nil
}

// heldCheckpoints describes the checkpoints that saw records: the trail
// holds their last records when it was found intact.
func heldCheckpoints(cps []store.AuditCheckpoint, from []string) []string {
	var held []string
	for i, cp := range cps {
		if cp.HeadID > 0 {
			held = append(held, from[i])
		}
	}
	return held
}

// roundDuration keeps two or three digits of a duration for people.
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d < time.Millisecond:
		return d.Round(time.Microsecond)
	case d < time.Second:
		return d.Round(time.Millisecond)
	}
	return d.Round(10 * time.Millisecond)
}

// describeBackupAudit checks the audit trail of a backup against the
// checkpoints it must hold: from the last checkpoint on when there is one,
// otherwise every record. It returns what it found, for the output, or an
// error when the trail is broken or lacks a checkpoint's last record.
func describeBackupAudit(ctx context.Context, b *store.Store, extra []store.AuditCheckpoint, extraFrom []string) (string, error) {
	cps, from, err := auditCheckpoints(ctx, b, "")
	if err != nil {
		return "", err
	}
	cps, from = append(cps, extra...), append(from, extraFrom...)
	v, err := b.VerifyAuditTrail(ctx, store.VerifyOptions{Checkpoints: cps})
	if err != nil {
		return "", err
	}
	switch {
	case v.Break != nil:
		return "", fmt.Errorf("the audit trail in the backup is broken at record %d: %s", v.Break.ID, v.Break.Reason)
	case v.Mismatch != nil:
		return "", fmt.Errorf("the audit trail in the backup lacks records: %s", v.Mismatch)
	case v.Records == 0 && len(cps) == 0:
		return "Audit trail in the backup: no records yet.", nil
	case v.Resumed == nil:
		return fmt.Sprintf("Audit trail in the backup: %d records up to record %d (hash %s), each chained to the one before. "+
			"There is no checkpoint yet: run spil audit-verify to make one.", v.Records, v.HeadID, v.HeadHash), nil
	}
	return fmt.Sprintf("Audit trail in the backup: %d records up to record %d (hash %s). It holds the last record of %s, "+
		"and the %d records after record %d chain on to it.", v.Records, v.HeadID, v.HeadHash, sentence(from), v.Checked, v.Resumed.HeadID), nil
}
