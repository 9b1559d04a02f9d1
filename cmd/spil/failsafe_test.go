package main

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// spilQuick runs the command with a short deadline: a serve that should
// have refused but serves ends here instead of after minutes.
func spilQuick(t *testing.T, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var stdout, stderr syncBuffer
	code := run(ctx, args, fakeEnv(nil, nil), &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// migratedDB makes a migrated SQLite database with one account in its own
// directory and returns its path.
func migratedDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "spil.db")
	mustSpil(t, "migrate", "--db", db)
	mustSpil(t, "user", "add", "--db", db, "--email", "carla@kct.example", "--name", "Carla Visser", "--role", "casemanager")
	return db
}

// rawSQLite runs statements on a SQLite file behind Spil's back.
func rawSQLite(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+url.PathEscape(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// corrupt overwrites the b-tree page of the table name with garbage,
// leaving the file's header and schema readable.
func corrupt(t *testing.T, path, name string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+url.PathEscape(path))
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	if err := db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = $1`, name).Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`PRAGMA page_size`).Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte(strings.Repeat("\xff\x00garbage", int(pageSize)/9)), (root-1)*pageSize); err != nil {
		t.Fatal(err)
	}
}

// TestServeRefuses: serve does not open what it must not: no file (unless
// told to make one), an empty file, the leftover of an unfinished restore,
// a database that is not Spil's, one a newer Spil migrated, or a damaged
// one. It says why, exits 1, and leaves the directory as it found it.
func TestServeRefuses(t *testing.T) {
	tests := []struct {
		name string
		// setup makes the directory's contents and returns the --db path.
		setup      func(t *testing.T) string
		args       []string
		wantStderr []string
	}{
		{"no file", func(t *testing.T) string { return filepath.Join(t.TempDir(), "spil.db") }, nil,
			[]string{"there is no database at", "spil serve --init"}},
		{"an empty file", func(t *testing.T) string {
			db := filepath.Join(t.TempDir(), "spil.db")
			if err := os.WriteFile(db, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			return db
		}, nil, []string{"is an empty file, not a database", "spil restore", "--init"}},
		{"a directory", func(t *testing.T) string {
			db := filepath.Join(t.TempDir(), "spil.db")
			if err := os.Mkdir(db, 0o700); err != nil {
				t.Fatal(err)
			}
			return db
		}, []string{"--init"}, []string{"is a directory"}},
		{"a restore's leftover instead of the database", func(t *testing.T) string {
			db := filepath.Join(t.TempDir(), "spil.db")
			if err := os.WriteFile(store.RestoreLeftover(db), []byte("half a database"), 0o600); err != nil {
				t.Fatal(err)
			}
			return db
		}, []string{"--init"}, []string{"a restore of", "did not finish", "spil.db.restoring", "is missing", "Run the restore again"}},
		{"a restore's leftover beside the database", func(t *testing.T) string {
			db := migratedDB(t)
			if err := os.WriteFile(store.RestoreLeftover(db), []byte("half a database"), 0o600); err != nil {
				t.Fatal(err)
			}
			return db
		}, nil, []string{"did not finish", "is the database from before that restore"}},
		{"another application's database", func(t *testing.T) string {
			db := filepath.Join(t.TempDir(), "other.db")
			rawSQLite(t, db, `CREATE TABLE notes (body TEXT)`, `INSERT INTO notes VALUES ('x')`)
			return db
		}, []string{"--init"}, []string{"not a Spil database"}},
		{"a newer Spil's database", func(t *testing.T) string {
			db := migratedDB(t)
			rawSQLite(t, db, `INSERT INTO schema_migrations (version, applied_at) VALUES (9999, CURRENT_TIMESTAMP)`)
			return db
		}, nil, []string{"migrated by a newer version of Spil", "9999"}},
		{"a damaged database", func(t *testing.T) string {
			db := migratedDB(t)
			corrupt(t, db, "accounts")
			return db
		}, nil, []string{"quick check", "restore the newest backup", "--skip-quick-check"}},
		{"not a SQLite file", func(t *testing.T) string {
			db := filepath.Join(t.TempDir(), "spil.db")
			if err := os.WriteFile(db, []byte(strings.Repeat("not a database ", 1000)), 0o600); err != nil {
				t.Fatal(err)
			}
			return db
		}, nil, []string{"is not a SQLite database"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := tt.setup(t)
			dir := filepath.Dir(db)
			before := snapshot(t, dir)
			args := append([]string{"serve", "--db", db, "--addr", freeAddr(t)}, tt.args...)
			r := spilQuick(t, args...)
			if r.code != 1 {
				t.Errorf("exit %d, want 1\n%v", r.code, r)
			}
			for _, want := range tt.wantStderr {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr does not say %q\n%v", want, r)
				}
			}
			after := snapshot(t, dir)
			// SQLite may leave an empty write-ahead log of its look.
			for _, name := range []string{filepath.Base(db) + "-wal", filepath.Base(db) + "-shm"} {
				if _, was := before[name]; !was && after[name] == "" {
					delete(after, name)
				}
			}
			if diff := cmp.Diff(before, after); diff != "" {
				t.Errorf("the directory changed (-before +after):\n%s", diff)
			}
		})
	}
}

// TestCommandsRefuseRestoreLeftover: beside the leftover of an unfinished
// restore, every command but restore refuses to touch the database, and
// restore finishes the job.
func TestCommandsRefuseRestoreLeftover(t *testing.T) {
	db := migratedDB(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	mustSpil(t, "backup", "--db", db, backup)
	if err := os.WriteFile(store.RestoreLeftover(db), []byte("half a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, filepath.Dir(db))
	for _, args := range [][]string{
		{"serve", "--addr", freeAddr(t)}, {"migrate"}, {"user", "list"}, {"demo", "--families", "1"},
		{"audit-verify"}, {"backup", filepath.Join(t.TempDir(), "copy.db")},
	} {
		r := spilQuick(t, append([]string{args[0], "--db", db}, args[1:]...)...)
		if r.code != 1 || !strings.Contains(r.stderr, "did not finish") {
			t.Errorf("%s beside a restore's leftover: want exit 1 saying the restore did not finish, got\n%v", args[0], r)
		}
	}
	if diff := cmp.Diff(before, snapshot(t, filepath.Dir(db))); diff != "" {
		t.Errorf("the directory changed (-before +after):\n%s", diff)
	}
	mustSpil(t, "restore", "--db", db, backup)
	if _, err := os.Stat(store.RestoreLeftover(db)); err == nil {
		t.Error("restore left the leftover")
	}
	mustSpil(t, "user", "list", "--db", db)
}

// TestServeSkipQuickCheck: --skip-quick-check serves a file that the quick
// check would refuse, as the operator asked.
func TestServeSkipQuickCheck(t *testing.T) {
	db := migratedDB(t)
	corrupt(t, db, "recovery_codes")
	srv := startServe(t, fakeEnv(nil, nil), "--db", db, "--skip-quick-check")
	if code := srv.stop(t); code != 0 {
		t.Errorf("exit %d\n%s", code, srv.stderr)
	}
	if strings.Contains(srv.stderr.String(), "quick check passed") {
		t.Error("the quick check ran")
	}
}

// TestServeInit: --init makes a new database of a missing or empty file;
// the first start logs that the quick check ran.
func TestServeInit(t *testing.T) {
	for _, empty := range []bool{false, true} {
		db := filepath.Join(t.TempDir(), "spil.db")
		if empty {
			if err := os.WriteFile(db, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		srv := startServe(t, fakeEnv(nil, nil), "--db", db, "--init")
		if code := srv.stop(t); code != 0 {
			t.Errorf("empty file %v: exit %d\n%s", empty, code, srv.stderr)
		}
		if !strings.Contains(srv.stderr.String(), "quick check passed") {
			t.Errorf("no quick check in the log:\n%s", srv.stderr)
		}
		if err := store.CheckIntegrity(context.Background(), db); err != nil {
			t.Errorf("empty file %v: %v", empty, err)
		}
	}
}

// TestServeRefusesNewerSchema: on PostgreSQL too, a database that a newer
// Spil migrated is refused, and so is one that is not Spil's.
func TestServeRefusesNewerSchema(t *testing.T) {
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) {
			dsn := d.fresh(t)
			mustSpil(t, "migrate", "--db", dsn)
			s := openDB(t, dsn)
			if err := s.ExecRaw(context.Background(), `INSERT INTO schema_migrations (version, applied_at) VALUES (9999, CURRENT_TIMESTAMP)`); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"serve", "--addr", freeAddr(t)}, {"migrate"}, {"user", "list"}, {"audit-verify"}} {
				r := spilQuick(t, append(args, "--db", dsn)...)
				if r.code != 1 || !strings.Contains(r.stderr, "migrated by a newer version of Spil") {
					t.Errorf("%s: want exit 1 naming the newer version, got\n%v", args[0], r)
				}
			}
			other := d.fresh(t)
			o := openDB(t, other)
			if err := o.ExecRaw(context.Background(), `CREATE TABLE notes (body TEXT)`); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"serve", "--addr", freeAddr(t), "--init"}, {"migrate"}} {
				r := spilQuick(t, append(args, "--db", other)...)
				if r.code != 1 || !strings.Contains(r.stderr, "not a Spil database") {
					t.Errorf("%s on another application's database: want exit 1, got\n%v", args[0], r)
				}
			}
		})
	}
}

// TestCommandsCreateNoDatabase: only migrate, demo and serve with --init
// (or --demo) make a database; every other command refuses a missing or
// empty file and leaves it as it was.
func TestCommandsCreateNoDatabase(t *testing.T) {
	backup := filepath.Join(t.TempDir(), "backup.db")
	mustSpil(t, "backup", "--db", migratedDB(t), backup)
	commands := [][]string{
		{"serve"},
		{"audit-verify"},
		{"backup", filepath.Join(t.TempDir(), "copy.db")},
		{"user", "list"},
		{"user", "add", "--email", "anna@kct.example", "--name", "Anna", "--role", "admin"},
		{"user", "disable", "--email", "anna@kct.example"},
	}
	for _, empty := range []bool{false, true} {
		for _, args := range commands {
			name := strings.Join(args[:min(2, len(args))], " ")
			if empty {
				name += " on an empty file"
			}
			t.Run(name, func(t *testing.T) {
				dir := t.TempDir()
				db := filepath.Join(dir, "spil.db")
				if empty {
					if err := os.WriteFile(db, nil, 0o600); err != nil {
						t.Fatal(err)
					}
				}
				before := snapshot(t, dir)
				r := spilQuick(t, append([]string{args[0], "--db", db}, args[1:]...)...)
				if r.code != 1 || !strings.Contains(r.stderr, db) {
					t.Errorf("want exit 1 naming %s, got\n%v", db, r)
				}
				if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
					t.Errorf("the directory changed (-before +after):\n%s", diff)
				}
			})
		}
	}
}

// TestDemoPasswordDatabaseError: when the database does not take the demo
// passwords, serve --demo says so, and does not blame the password rules.
func TestDemoPasswordDatabaseError(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.SQLitePath(t)
	mustSpil(t, "migrate", "--db", dsn)
	// Fill it as demo mode does, then make it refuse writes.
	a := &app{cfg: &Config{DB: dsn, Demo: true}, out: io.Discard, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	authSvc := auth.NewService(s, auth.Config{Params: auth.TestParams})
	if err := setUpDemo(ctx, a, s, authSvc); err != nil {
		t.Fatal(err)
	}
	if err := s.ExecRaw(ctx, `PRAGMA query_only = 1`); err != nil {
		t.Fatal(err)
	}
	a.cfg.DemoPassword = "Zonnebloem-Speeltuin-1"
	err = setUpDemo(ctx, a, s, authSvc)
	if err == nil {
		t.Fatal("setUpDemo on a database that takes no writes: nil error")
	}
	msg := err.Error()
	if strings.Contains(msg, "password rules") || strings.Contains(msg, "SPIL_DEMO_PASSWORD") {
		t.Errorf("a database error reported as a password rule: %s", msg)
	}
	if !strings.Contains(msg, "saving its password failed") || !strings.Contains(msg, "readonly") {
		t.Errorf("the error does not say that the database refused: %s", msg)
	}
}
