package store

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// stopped is what step panics with where a test stops Backup or Restore.
type stopped struct{ at string }

// runUntil runs fn and stops it at the step named at, as a kill would: no
// later step runs (deferred calls do, which a kill would not run; the
// tests hold for both). It reports whether fn reached that step.
func runUntil(t *testing.T, at string, fn func()) (reached bool) {
	t.Helper()
	step = func(name string) {
		if name == at {
			panic(stopped{name})
		}
	}
	defer func() {
		step = func(string) {}
		if r := recover(); r != nil {
			if _, ok := r.(stopped); !ok {
				panic(r)
			}
			reached = true
		}
	}()
	fn()
	return false
}

// newDB makes a migrated SQLite database at path whose one organisation is
// named name.
func newDB(t *testing.T, path, name string) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateOrganisation(ctx, name, time.Now()); err != nil {
		t.Fatal(err)
	}
	return s
}

// orgName reads the name of the one organisation of the database at path,
// write-ahead log and all.
func orgName(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+url.PathEscape(path)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var name string
	if err := db.QueryRow(`SELECT name FROM organisations`).Scan(&name); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return name
}

func copyTo(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

var restoreSteps = []string{"restore: copied", "restore: checked", "restore: folded", "restore: kept",
	"restore: removed -wal", "restore: removed -shm", "restore: renamed"}

// TestRestoreStoppedAnywhere: a restore that stops at any step, as when it
// is killed, leaves the old database or the new one in place, never none
// and never a mix; while its leftover is there, the database is the old
// one; and the next restore finishes the job. The old database is one that
// was not closed: its last changes are only in its write-ahead log.
func TestRestoreStoppedAnywhere(t *testing.T) {
	ctx := context.Background()
	// A backup whose organisation is "new".
	backup := filepath.Join(t.TempDir(), "backup.db")
	b := newDB(t, filepath.Join(t.TempDir(), "src.db"), "new")
	if err := b.Backup(ctx, backup, nil); err != nil {
		t.Fatal(err)
	}
	b.Close()
	// A database whose organisation is "old", copied with its write-ahead
	// log while it was open, as a killed server leaves it.
	crashed := t.TempDir()
	live := newDB(t, filepath.Join(t.TempDir(), "live.db"), "old")
	for _, suffix := range []string{"", "-wal"} {
		copyTo(t, live.Path()+suffix, filepath.Join(crashed, "spil.db"+suffix))
	}
	live.Close()
	if fi, err := os.Stat(filepath.Join(crashed, "spil.db-wal")); err != nil || fi.Size() == 0 {
		t.Fatalf("the crashed database has no write-ahead log to lose: %v", err)
	}

	for _, at := range restoreSteps {
		t.Run(at, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "spil.db")
			for _, suffix := range []string{"", "-wal"} {
				copyTo(t, filepath.Join(crashed, "spil.db"+suffix), db+suffix)
			}
			if !runUntil(t, at, func() { Restore(ctx, backup, db, time.Now(), nil) }) {
				t.Fatalf("Restore did not reach %q", at)
			}
			got := orgName(t, db)
			if got != "old" && got != "new" {
				t.Fatalf("after a stop at %q the database holds %q", at, got)
			}
			_, err := os.Stat(RestoreLeftover(db))
			leftover := err == nil
			if leftover && got != "old" {
				t.Errorf("after a stop at %q: the leftover is there but the database is the new one", at)
			}
			if at == "restore: renamed" && (got != "new" || leftover) {
				t.Errorf("after the rename: the database is %q, leftover %v", got, leftover)
			}
			// The next restore finishes, and keeps what was there.
			safety, err := Restore(ctx, backup, db, time.Now().Add(time.Hour), nil)
			if err != nil {
				t.Fatalf("restore after a stop at %q: %v", at, err)
			}
			if got := orgName(t, db); got != "new" {
				t.Errorf("after the second restore the database holds %q", got)
			}
			if _, err := os.Stat(RestoreLeftover(db)); err == nil {
				t.Error("the leftover is still there")
			}
			if got == "old" {
				if name := orgName(t, safety); name != "old" {
					t.Errorf("the safety copy %s holds %q, want the old database", safety, name)
				}
			}
			if err := CheckIntegrity(ctx, db); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestBackupStoppedAnywhere: a backup that stops at any step leaves either
// nothing under its name or the whole checked copy; when nothing, a second
// backup with the same name works.
func TestBackupStoppedAnywhere(t *testing.T) {
	ctx := context.Background()
	s := newDB(t, filepath.Join(t.TempDir(), "spil.db"), "org")
	defer s.Close()
	for _, at := range []string{"backup: copied", "backup: synced", "backup: checked", "backup: linked", "backup: named"} {
		t.Run(at, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "backup.db")
			if !runUntil(t, at, func() { s.Backup(ctx, file, nil) }) {
				t.Fatalf("Backup did not reach %q", at)
			}
			if _, err := os.Stat(file); err == nil {
				if err := CheckIntegrity(ctx, file); err != nil {
					t.Fatalf("after a stop at %q the backup's name holds a broken copy: %v", at, err)
				}
				return
			}
			if err := s.Backup(ctx, file, nil); err != nil {
				t.Fatalf("a second backup after a stop at %q: %v", at, err)
			}
			if name := orgName(t, file); name != "org" {
				t.Errorf("the second backup holds %q", name)
			}
		})
	}
}

// TestBackupCancelled: a backup that fails half-way (here: cancelled
// while SQLite writes the copy) leaves no file under its name, nor a
// temporary one, and the same name works the next time.
func TestBackupCancelled(t *testing.T) {
	ctx := context.Background()
	s := newDB(t, filepath.Join(t.TempDir(), "spil.db"), "org")
	defer s.Close()
	// Some megabytes, so that writing the copy takes a while.
	if err := s.ExecRaw(ctx, `CREATE TABLE ballast AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
		SELECT i, randomblob(8000) AS b FROM n`); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "backup.db")
	failed := 0
	for d := 100 * time.Microsecond; ; d *= 2 {
		cctx, cancel := context.WithTimeout(ctx, d)
		err := s.Backup(cctx, file, nil)
		cancel()
		entries, rerr := os.ReadDir(dir)
		if rerr != nil {
			t.Fatal(rerr)
		}
		if err == nil {
			if len(entries) != 1 || entries[0].Name() != "backup.db" {
				t.Errorf("after a backup: %v", entries)
			}
			break
		}
		failed++
		if !errors.Is(err, context.DeadlineExceeded) && !strings.Contains(err.Error(), "interrupt") {
			t.Logf("cancelled after %s: %v", d, err)
		}
		if len(entries) > 0 {
			names := make([]string, len(entries))
			for i, e := range entries {
				names[i] = e.Name()
			}
			t.Fatalf("a backup cancelled after %s left %v", d, names)
		}
		if d > time.Minute {
			t.Fatal("no backup finished")
		}
	}
	if failed == 0 {
		t.Fatal("no backup was cancelled half-way: the test proves nothing")
	}
	t.Logf("%d backups cancelled before one finished", failed)
	if name := orgName(t, file); name != "org" {
		t.Errorf("the backup holds %q", name)
	}
}
