package main

import (
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/store"
)

// snapshot returns the name and content of every file in dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range entries {
		if e.IsDir() {
			files[e.Name()+"/"] = ""
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(b)
	}
	return files
}

// accountActive says whether the account with email is active in the
// SQLite database at path, opening and closing it around the look.
func accountActive(t *testing.T, path, email string) bool {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	acc, err := s.AccountByEmail(ctx, email)
	if err != nil {
		t.Fatalf("%s in %s: %v", email, path, err)
	}
	return acc.Active()
}

// backedUpDB makes a migrated SQLite database with one account in its own
// directory and a backup of it in another; it returns both paths.
func backedUpDB(t *testing.T, email string) (db, backup string) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "spil.db")
	backup = filepath.Join(t.TempDir(), "backup.db")
	mustSpil(t, "migrate", "--db", db)
	mustSpil(t, "user", "add", "--db", db, "--email", email, "--name", "Carla Visser", "--role", "casemanager")
	r := mustSpil(t, "backup", "--db", db, backup)
	if want := "Backup written to " + backup + " and checked."; !strings.Contains(r.stdout, want) {
		t.Errorf("backup says %q, want %q", r.stdout, want)
	}
	return db, backup
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	const email = "carla@kct.example"
	db, backup := backedUpDB(t, email)
	if err := store.CheckIntegrity(context.Background(), backup); err != nil {
		t.Fatalf("backup: %v", err)
	}

	mustSpil(t, "user", "disable", "--db", db, "--email", email)
	if accountActive(t, db, email) {
		t.Fatal("the account is still active after user disable")
	}

	r := mustSpil(t, "restore", "--db", db, backup)
	if !accountActive(t, db, email) {
		t.Error("after restore the account is not active again")
	}
	if want := "Restored " + db + " from " + backup + "."; !strings.Contains(r.stdout, want) {
		t.Errorf("restore says %q, want %q", r.stdout, want)
	}

	safety, err := filepath.Glob(db + ".before-restore-*")
	if err != nil || len(safety) != 1 {
		t.Fatalf("safety copies %q (%v), want one", safety, err)
	}
	if !strings.Contains(r.stdout, "kept as "+safety[0]) {
		t.Errorf("restore does not name the safety copy %s:\n%s", safety[0], r.stdout)
	}
	if err := store.CheckIntegrity(context.Background(), safety[0]); err != nil {
		t.Errorf("safety copy: %v", err)
	}
	// The safety copy is the database as it was: with the account disabled.
	if accountActive(t, safety[0], email) {
		t.Error("the safety copy has the account active; it should hold the state before the restore")
	}
	// The restored database is a working Spil database.
	r = mustSpil(t, "user", "list", "--db", db)
	if !strings.Contains(r.stdout, email) || !strings.Contains(r.stdout, "active") {
		t.Errorf("user list after restore:\n%s", r.stdout)
	}
}

func TestBackupRefusesExistingFile(t *testing.T) {
	db, backup := backedUpDB(t, "carla@kct.example")
	before := snapshot(t, filepath.Dir(backup))
	r := spil(t, "backup", "--db", db, backup)
	if r.code != 1 || !strings.Contains(r.stderr, "exists already") {
		t.Errorf("backup onto an existing file: want exit 1 saying it exists already, got\n%v", r)
	}
	if diff := cmp.Diff(before, snapshot(t, filepath.Dir(backup))); diff != "" {
		t.Errorf("the existing backup changed (-before +after):\n%s", diff)
	}
}

// A backup of a database that is not there must not create an empty one.
func TestBackupMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "typo.db")
	backup := filepath.Join(dir, "backup.db")
	r := spil(t, "backup", "--db", db, backup)
	if r.code != 1 || !strings.Contains(r.stderr, "no database to back up") {
		t.Errorf("want exit 1 saying there is no database, got\n%v", r)
	}
	if got := snapshot(t, dir); len(got) != 0 {
		t.Errorf("files left behind: %v", got)
	}
}

func TestBackupRestoreUsage(t *testing.T) {
	tests := []struct {
		args       []string
		wantStderr string
	}{
		{[]string{"backup", "--db", "x.db"}, "name the backup file: spil backup FILE"},
		{[]string{"backup", "--db", "x.db", "a.db", "b.db"}, "name the backup file"},
		{[]string{"restore", "--db", "x.db"}, "name the backup file: spil restore FILE"},
		{[]string{"restore", "--db", "postgres://spil@localhost/spil", "backup.db"}, "pg_restore"},
		{[]string{"restore", "--db", "postgresql://spil@localhost/spil", "backup.db"}, "pg_restore"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir()) // any file made by mistake lands here
			r := spil(t, tt.args...)
			if r.code != 1 || !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("want exit 1 and %q, got\n%v", tt.wantStderr, r)
			}
			if files := snapshot(t, "."); len(files) != 0 {
				t.Errorf("files created: %v", files)
			}
		})
	}
}

// --db accepts the "sqlite:" prefix that store.Open knows; backup and
// restore must work on the same file then.
func TestBackupRestoreSQLitePrefix(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	const email = "carla@kct.example"
	mustSpil(t, "migrate", "--db", "sqlite:spil.db")
	mustSpil(t, "user", "add", "--db", "sqlite:spil.db", "--email", email, "--name", "Carla Visser", "--role", "casemanager")
	mustSpil(t, "backup", "--db", "sqlite:spil.db", "backup.db")
	mustSpil(t, "user", "disable", "--db", "sqlite:spil.db", "--email", email)
	mustSpil(t, "restore", "--db", "sqlite:spil.db", "backup.db")
	if !accountActive(t, filepath.Join(dir, "spil.db"), email) {
		t.Error("restore did not replace spil.db")
	}
	var names []string
	for name := range snapshot(t, dir) {
		if strings.HasPrefix(name, "sqlite:") {
			names = append(names, name)
		}
	}
	if len(names) > 0 {
		t.Errorf("files named after the prefix: %v", names)
	}
}

func TestRestoreRefusesBadBackups(t *testing.T) {
	const email = "carla@kct.example"
	db, backup := backedUpDB(t, email)
	mustSpil(t, "user", "disable", "--db", db, "--email", email)

	good, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	if len(good) < 4*page {
		t.Fatalf("the backup is only %d bytes", len(good))
	}
	random := make([]byte, 64<<10)
	rand.Read(random)
	// A valid SQLite database that is not Spil's.
	other := filepath.Join(t.TempDir(), "other.db")
	s, err := store.Open(context.Background(), other)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ExecRaw(context.Background(), `CREATE TABLE notes (body TEXT)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	otherBytes, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		content []byte // nil: no file at all
	}{
		{"missing", nil},
		{"empty", []byte{}},
		{"random bytes", random},
		{"random bytes behind a SQLite header", append([]byte("SQLite format 3\x00"), random...)},
		{"truncated to half", good[:len(good)/2]},
		{"truncated at a page boundary", good[:len(good)/page/2*page]},
		{"last page missing", good[:len(good)-page]},
		{"truncated inside the header", good[:50]},
		{"not a Spil database", otherBytes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "bad.db")
			if tt.content != nil {
				if err := os.WriteFile(bad, tt.content, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, filepath.Dir(db))
			r := spil(t, "restore", "--db", db, bad)
			if r.code == 0 {
				t.Errorf("restore of a bad backup succeeded:\n%v", r)
			}
			if r.stderr == "" {
				t.Error("no message on stderr")
			}
			if diff := cmp.Diff(before, snapshot(t, filepath.Dir(db))); diff != "" {
				t.Errorf("the database directory changed (-before +after):\n%s", diff)
			}
			if accountActive(t, db, email) {
				t.Error("the account is active again: something was restored")
			}
		})
	}
}

// PostgreSQL is backed up with pg_dump; spil backup says so and writes nothing.
func TestBackupPostgres(t *testing.T) {
	dsn := postgres(t).fresh(t)
	mustSpil(t, "migrate", "--db", dsn)
	out := filepath.Join(t.TempDir(), "backup.db")
	r := spil(t, "backup", "--db", dsn, out)
	if r.code != 1 || !strings.Contains(r.stderr, "pg_dump") {
		t.Errorf("backup of PostgreSQL: want exit 1 pointing at pg_dump, got\n%v", r)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a backup file was written")
	}
}
