package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// withDB opens the database, runs fn and closes it again, so that a later
// restore does not replace the file under an open connection.
func withDB(t *testing.T, dsn string, fn func(s *store.Store)) {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fn(s)
}

// appendAudit appends n records the way the service does.
func appendAudit(t *testing.T, dsn string, n int) []care.AuditEvent {
	t.Helper()
	var es []care.AuditEvent
	withDB(t, dsn, func(s *store.Store) {
		for i := range n {
			e := care.AuditEvent{At: time.Date(2026, 6, 15, 10, 0, i, 0, time.UTC), ActorID: 3, ActorRole: care.RoleCaseManager,
				FamilyID: 12, ObjectType: "family", ObjectID: 12, Action: care.ActionRead, Outcome: care.OutcomeSuccess, AccessPoint: "192.0.2.1"}
			if err := s.AppendAudit(context.Background(), &e); err != nil {
				t.Fatal(err)
			}
			es = append(es, e)
		}
	})
	return es
}

// latestCheckpoint returns the newest checkpoint in the database, or nil.
func latestCheckpoint(t *testing.T, dsn string) *store.AuditCheckpoint {
	t.Helper()
	var cp *store.AuditCheckpoint
	withDB(t, dsn, func(s *store.Store) {
		var err error
		cp, err = s.LatestAuditCheckpoint(context.Background(), false)
		if care.ErrorCode(err) == care.NotFound {
			cp, err = nil, nil
		}
		if err != nil {
			t.Fatal(err)
		}
	})
	return cp
}

// cutTail removes the records after keep, as someone with access to the
// database could; with checkpointsToo also the checkpoints that saw them.
func cutTail(t *testing.T, dsn string, keep care.AuditEvent, checkpointsToo bool) {
	t.Helper()
	withDB(t, dsn, func(s *store.Store) {
		tamper(t, s)
		stmts := []string{fmt.Sprintf(`DELETE FROM audit_events WHERE id > %d`, keep.ID)}
		if checkpointsToo {
			if s.Dialect() == "postgres" {
				stmts = append(stmts, `ALTER TABLE audit_checkpoints DISABLE TRIGGER USER`)
			} else {
				stmts = append(stmts, `DROP TRIGGER audit_checkpoints_no_delete`)
			}
			stmts = append(stmts, fmt.Sprintf(`DELETE FROM audit_checkpoints WHERE head_id > %d`, keep.ID))
		}
		for _, q := range stmts {
			if err := s.ExecRaw(context.Background(), q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	})
}

// wantOutput fails the test unless out holds every one of wants.
func wantOutput(t *testing.T, what, out string, r result, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("%s does not say %q:\n%v", what, want, r)
		}
	}
}

func TestAuditVerifyCheckpoints(t *testing.T) {
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) {
			dsn := d.fresh(t)
			mustSpil(t, "migrate", "--db", dsn)
			es := appendAudit(t, dsn, 5)
			r := mustSpil(t, "audit-verify", "--db", dsn)
			wantOutput(t, "the first verification", r.stdout, r, "The audit trail is intact: 5 records, each chained",
				fmt.Sprintf("Checkpoint recorded: 5 records, last record %d, hash %s.", es[4].ID, es[4].Hash))
			cp := latestCheckpoint(t, dsn)
			if cp == nil || cp.Records != 5 || cp.HeadID != es[4].ID || cp.HeadHash != es[4].Hash || !cp.Full ||
				time.Since(cp.At) > time.Minute {
				t.Fatalf("checkpoint after the first verification: %+v", cp)
			}

			es = append(es, appendAudit(t, dsn, 3)...)
			r = mustSpil(t, "audit-verify", "--db", dsn)
			wantOutput(t, "the second verification", r.stdout, r,
				"The audit trail is intact from the last checkpoint on: the 3 records after it were checked now", "8 records in all",
				"The trail still holds the last record of "+cp.String()+" in the database.",
				"every record was last checked on "+cp.At.Format("2006-01-02 15:04:05 UTC"), "Run with --full",
				fmt.Sprintf("Checkpoint recorded: 8 records, last record %d", es[7].ID))
			if cp := latestCheckpoint(t, dsn); cp.Records != 8 || cp.Full {
				t.Errorf("checkpoint after the second verification: %+v", cp)
			}
			r = mustSpil(t, "audit-verify", "--full", "--db", dsn)
			wantOutput(t, "--full", r.stdout, r, "The audit trail is intact: 8 records, each chained to the one before")
			if strings.Contains(r.stdout, "--full") {
				t.Errorf("a full check suggests --full:\n%v", r)
			}
			cp = latestCheckpoint(t, dsn)

			// The two newest records are cut off: what remains is a valid
			// chain, but the checkpoint saw more.
			cutTail(t, dsn, es[5], false)
			for _, args := range [][]string{{"audit-verify", "--db", dsn}, {"audit-verify", "--full", "--db", dsn}} {
				r := spil(t, args...)
				if r.code != 1 || strings.Contains(r.stdout, "intact") {
					t.Errorf("%s on a cut trail: want exit 1\n%v", strings.Join(args, " "), r)
				}
				wantOutput(t, strings.Join(args, " "), r.stderr, r,
					"the audit trail no longer holds what was verified before",
					fmt.Sprintf("records after %d are missing: the trail ends at record %d", es[5].ID, es[5].ID),
					fmt.Sprintf("but %s saw record %d", cp, es[7].ID))
			}
			if got := latestCheckpoint(t, dsn); *got != *cp {
				t.Errorf("a failed verification recorded a checkpoint: %+v, was %+v", got, cp)
			}
		})
	}
}

// The checkpoint file remembers what the trail held when someone cuts off
// both the newest records and the checkpoints that saw them.
func TestAuditVerifyCheckpointFile(t *testing.T) {
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) {
			dsn := d.fresh(t)
			file := filepath.Join(t.TempDir(), "audit.checkpoints")
			mustSpil(t, "migrate", "--db", dsn)
			es := appendAudit(t, dsn, 4)
			r := mustSpil(t, "audit-verify", "--db", dsn, "--checkpoint-file", file)
			wantOutput(t, "the first verification", r.stdout, r, "Checkpoint added to "+file+".")
			es = append(es, appendAudit(t, dsn, 2)...)
			r = mustSpil(t, "audit-verify", "--db", dsn, "--checkpoint-file", file)
			fileCP, found, err := readCheckpointFile(file)
			if err != nil || !found {
				t.Fatalf("readCheckpointFile: %v, %v", found, err)
			}
			dbCP := latestCheckpoint(t, dsn)
			dbCP.ID = 0
			if diff := cmp.Diff(*dbCP, fileCP); diff != "" || fileCP.HeadID != es[5].ID {
				t.Errorf("the file and the database hold different checkpoints (-database +file):\n%s", diff)
			}
			b, err := os.ReadFile(file)
			if err != nil || strings.Count(string(b), "\n") != 2 {
				t.Errorf("checkpoint file %q (%v), want two lines", b, err)
			}
			wantOutput(t, "the second verification", r.stdout, r,
				"The trail still holds the last record of the checkpoint of", "in the database and the checkpoint of", "in "+file+".")

			cutTail(t, dsn, es[3], true)
			r = mustSpil(t, "audit-verify", "--db", dsn)
			wantOutput(t, "without the file", r.stdout, r, "4 records in all")
			r = spil(t, "audit-verify", "--db", dsn, "--checkpoint-file", file)
			if r.code != 1 {
				t.Errorf("with the file: want exit 1\n%v", r)
			}
			wantOutput(t, "with the file", r.stderr, r, fmt.Sprintf("records after %d are missing", es[3].ID),
				fmt.Sprintf("saw record %d", es[5].ID))
			if after, _ := os.ReadFile(file); string(after) != string(b) {
				t.Errorf("a failed verification changed the checkpoint file:\n%s", after)
			}
		})
	}
}

func TestCheckpointFileRefused(t *testing.T) {
	dsn := databases()[0].fresh(t)
	mustSpil(t, "migrate", "--db", dsn)
	good := `{"at":"2026-06-15T02:30:00Z","records":0,"head_id":0,"head_hash":"` + care.GenesisHash + `","full":true}` + "\n"
	tests := []struct {
		name, content, want string
	}{
		{"not JSON", "checkpoint\n", "line 1"},
		{"a broken last line", good + `{"at":"2026-06-15T02:30:00Z","rec`, "line 2"},
		{"a short hash", `{"at":"2026-06-15T02:30:00Z","records":1,"head_id":1,"head_hash":"abc"}`, "not a checkpoint"},
		{"records without a last record", `{"at":"2026-06-15T02:30:00Z","records":3,"head_id":0,"head_hash":"` + care.GenesisHash + `"}`, "not a checkpoint"},
		{"an unknown field", `{"at":"2026-06-15T02:30:00Z","records":0,"head_id":0,"head_hash":"` + care.GenesisHash + `","extra":1}`, "unknown field"},
		{"empty", "", "holds no checkpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "audit.checkpoints")
			if err := os.WriteFile(file, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			r := spil(t, "audit-verify", "--db", dsn, "--checkpoint-file", file)
			if r.code != 1 || !strings.Contains(r.stderr, "checkpoint file") || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("want exit 1 naming the checkpoint file and %q\n%v", tt.want, r)
			}
			if b, _ := os.ReadFile(file); string(b) != tt.content {
				t.Errorf("the file changed to %q", b)
			}
		})
	}
	if r := mustSpil(t, "audit-verify", "--db", dsn); !strings.Contains(r.stdout, "0 records") {
		t.Errorf("after the refusals:\n%v", r)
	}
}

// audit-verify must not create the SQLite file it is asked to verify.
func TestAuditVerifyMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	r := spil(t, "audit-verify", "--db", filepath.Join(dir, "typo.db"))
	if r.code != 1 || !strings.Contains(r.stderr, "no database to verify") || !strings.Contains(r.stderr, "typo.db") {
		t.Errorf("want exit 1 saying there is no database, got\n%v", r)
	}
	if got := snapshot(t, dir); len(got) != 0 {
		t.Errorf("files left behind: %v", got)
	}
}

func TestBackupChecksAuditTrail(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "spil.db")
	mustSpil(t, "migrate", "--db", db)
	es := appendAudit(t, db, 3)

	first := filepath.Join(dir, "first.db")
	r := mustSpil(t, "backup", "--db", db, first)
	wantOutput(t, "a backup without a checkpoint", r.stdout, r,
		fmt.Sprintf("Audit trail in the backup: 3 records up to record %d (hash %s), each chained to the one before.", es[2].ID, es[2].Hash),
		"There is no checkpoint yet")

	mustSpil(t, "audit-verify", "--db", db)
	cp := latestCheckpoint(t, db)
	es = append(es, appendAudit(t, db, 2)...)
	second := filepath.Join(dir, "second.db")
	r = mustSpil(t, "backup", "--db", db, second)
	wantOutput(t, "a backup after a checkpoint", r.stdout, r,
		fmt.Sprintf("Audit trail in the backup: 5 records up to record %d (hash %s).", es[4].ID, es[4].Hash),
		"It holds the last record of "+cp.String()+fmt.Sprintf(" in the database, and the 2 records after record %d chain on to it.", es[2].ID))
	var names []string
	for name := range snapshot(t, dir) {
		names = append(names, name)
	}
	if len(names) != 3 {
		t.Errorf("files next to the backups: %v; want spil.db, first.db and second.db only", names)
	}

	// The newest records and their checkpoint are cut off: the checkpoint
	// file still knows.
	file := filepath.Join(t.TempDir(), "audit.checkpoints")
	mustSpil(t, "audit-verify", "--db", db, "--checkpoint-file", file)
	cutTail(t, db, es[2], true)
	third := filepath.Join(dir, "third.db")
	r = spil(t, "backup", "--db", db, "--checkpoint-file", file, third)
	if r.code != 1 {
		t.Errorf("backup of a cut trail: want exit 1\n%v", r)
	}
	wantOutput(t, "backup of a cut trail", r.stdout+r.stderr, r, "Backup written to "+third,
		"the audit trail in the backup lacks records", fmt.Sprintf("records after %d are missing", es[2].ID),
		"The backup is kept", "spil audit-verify --full")
	if err := store.CheckIntegrity(context.Background(), third); err != nil {
		t.Errorf("the backup of a cut trail was not kept: %v", err)
	}
	// Without the file, the database's own checkpoints were cut too.
	r = mustSpil(t, "backup", "--db", db, filepath.Join(dir, "fourth.db"))
	wantOutput(t, "backup without the file", r.stdout, r, "3 records up to record")
}

func TestRestoreRefusesAuditLoss(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "spil.db")
	backup := filepath.Join(t.TempDir(), "backup.db")
	mustSpil(t, "migrate", "--db", db)
	es := appendAudit(t, db, 3)
	mustSpil(t, "backup", "--db", db, backup)
	es = append(es, appendAudit(t, db, 4)...)
	file := filepath.Join(t.TempDir(), "audit.checkpoints")
	mustSpil(t, "audit-verify", "--db", db, "--checkpoint-file", file)
	cp := latestCheckpoint(t, db)

	before := snapshot(t, dir)
	r := spil(t, "restore", "--db", db, backup)
	if r.code != 1 {
		t.Errorf("restore of an older trail: want exit 1\n%v", r)
	}
	wantOutput(t, "the refusal", r.stderr, r, "refused: the backup's audit trail does not hold what was verified before",
		fmt.Sprintf("records after %d are missing: the trail ends at record %d", es[2].ID, es[2].ID),
		fmt.Sprintf("but %s saw record %d", cp, es[6].ID), "Nothing was changed", "--accept-audit-loss")
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("a refused restore changed the database directory (-before +after):\n%s", diff)
	}

	// The database's checkpoints are gone, as after someone cut them: the
	// checkpoint file still refuses.
	cutTail(t, db, es[6], true)
	withDB(t, db, func(s *store.Store) {
		if err := s.ExecRaw(context.Background(), `DELETE FROM audit_checkpoints`); err != nil {
			t.Fatal(err)
		}
	})
	if r := spil(t, "restore", "--db", db, backup); r.code != 0 || !strings.Contains(r.stdout, "no audit checkpoint to compare") {
		t.Fatalf("restore without checkpoints: want it done, saying there was nothing to compare\n%v", r)
	}
	r = spil(t, "restore", "--db", db, "--checkpoint-file", file, backup)
	if r.code != 1 || !strings.Contains(r.stderr, fmt.Sprintf("records after %d are missing", es[2].ID)) {
		t.Errorf("restore with the checkpoint file: want a refusal\n%v", r)
	}

	r = mustSpil(t, "restore", "--db", db, "--checkpoint-file", file, "--accept-audit-loss", backup)
	wantOutput(t, "an accepted loss", r.stdout, r, "Restored "+db,
		"WARNING: the restored database lacks audit records (accepted with --accept-audit-loss)",
		fmt.Sprintf("records after %d are missing", es[2].ID))
	withDB(t, db, func(s *store.Store) {
		if n, brk, err := s.VerifyAudit(context.Background()); n != 3 || brk != nil || err != nil {
			t.Errorf("the restored trail: %d, %+v, %v; want the backup's 3 records", n, brk, err)
		}
	})
}

func TestRestoreHoldsCheckpoint(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "spil.db")
	backup := filepath.Join(t.TempDir(), "backup.db")
	mustSpil(t, "migrate", "--db", db)
	appendAudit(t, db, 3)
	mustSpil(t, "audit-verify", "--db", db)
	cp := latestCheckpoint(t, db)
	appendAudit(t, db, 2)
	mustSpil(t, "backup", "--db", db, backup)
	appendAudit(t, db, 2) // after the backup, but no checkpoint saw them
	r := mustSpil(t, "restore", "--db", db, backup)
	wantOutput(t, "restore", r.stdout, r, "The backup's audit trail holds the last record of "+cp.String()+" in the database.")
	if strings.Contains(r.stdout, "WARNING") {
		t.Errorf("a warning:\n%v", r)
	}
}
