package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// fakeEnv is an environment with the given variables and files; every other
// file is missing.
func fakeEnv(vars, files map[string]string) env {
	return env{
		getenv: func(k string) string { return vars[k] },
		readFile: func(name string) ([]byte, error) {
			if s, ok := files[name]; ok {
				return []byte(s), nil
			}
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		},
	}
}

// syncBuffer is a bytes.Buffer that a running server may write while the
// test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// result is what one run of the spil command gave.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// spil runs the command with args in an environment without variables.
func spil(t *testing.T, args ...string) result {
	t.Helper()
	return spilEnv(t, fakeEnv(nil, nil), args...)
}

func spilEnv(t *testing.T, e env, args ...string) result {
	t.Helper()
	// A command that should have failed but serves instead stops here. The
	// bound is generous: the national demo data under the race detector on
	// a busy two-core machine takes minutes; it guards against a hang and
	// measures nothing.
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, args, e, &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// mustSpil runs the command and fails the test unless it exits 0.
func mustSpil(t *testing.T, args ...string) result {
	t.Helper()
	r := spil(t, args...)
	if r.code != 0 {
		t.Fatalf("spil %s: %v", strings.Join(args, " "), r)
	}
	return r
}

// openDB opens the database for a look behind the command's back; it is
// closed when the test ends.
func openDB(t *testing.T, dsn string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// database is a kind of database the commands run on.
type database struct {
	name string
	// fresh returns the --db value of a new, empty and unmigrated database.
	fresh func(t *testing.T) string
}

// databases are SQLite and, when SPIL_TEST_POSTGRES is set, PostgreSQL
// (the test script sets it when it has a PostgreSQL cluster).
func databases() []database {
	dbs := []database{{name: "sqlite", fresh: func(t *testing.T) string { return storetest.SQLitePath(t) }}}
	if base := os.Getenv("SPIL_TEST_POSTGRES"); base != "" {
		dbs = append(dbs, database{name: "postgres", fresh: func(t *testing.T) string { return storetest.PostgresDSN(t, base) }})
	}
	return dbs
}

// postgres returns the PostgreSQL database kind. Without SPIL_TEST_POSTGRES
// the test is skipped only in a run that declares itself SQLite-only
// (SPIL_TEST_SQLITE_ONLY=1, as the test script says when it has no
// PostgreSQL cluster); in CI any other run fails.
func postgres(t *testing.T) database {
	t.Helper()
	for _, d := range databases() {
		if d.name == "postgres" {
			return d
		}
	}
	if os.Getenv("CI") != "" && os.Getenv("SPIL_TEST_SQLITE_ONLY") != "1" {
		t.Fatal("SPIL_TEST_POSTGRES is not set and CI is: this test needs PostgreSQL")
	}
	t.Skip("SPIL_TEST_POSTGRES is not set: this test runs when scripts/test has a PostgreSQL cluster")
	return database{}
}

func TestHelpOnEveryCommand(t *testing.T) {
	for _, c := range commands() {
		for _, arg := range []string{"--help", "-h"} {
			t.Run(c.name+arg, func(t *testing.T) {
				r := spil(t, c.name, arg)
				if r.code != 0 {
					t.Fatalf("exit code %d, want 0\n%v", r.code, r)
				}
				for _, want := range []string{"Usage: spil " + c.name, "SPIL_IDLE_TIMEOUT", "SPIL_DB_FILE", "-db"} {
					if !strings.Contains(r.stderr, want) {
						t.Errorf("help does not mention %q:\n%s", want, r.stderr)
					}
				}
			})
		}
	}
}

func TestTopLevel(t *testing.T) {
	tests := []struct {
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{nil, 2, "Usage: spil <command>", ""},
		{[]string{"help"}, 0, "Usage: spil <command>", ""},
		{[]string{"--help"}, 0, "Usage: spil <command>", ""},
		{[]string{"-h"}, 0, "Usage: spil <command>", ""},
		{[]string{"frobnicate"}, 2, "", `spil: unknown command "frobnicate"`},
		{[]string{"--db", "x.db"}, 2, "", `unknown command "--db"`},
		{[]string{"serve", "--no-such-flag"}, 2, "", "flag provided but not defined: -no-such-flag"},
		{[]string{"demo", "--families", "many"}, 2, "", `invalid value "many" for flag -families`},
		{[]string{"serve", "--log-format", "xml"}, 2, "", "spil serve: --log-format must be text or json"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := spil(t, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit code %d, want %d\n%v", r.code, tt.wantCode, r)
			}
			if !strings.Contains(r.stdout, tt.wantStdout) {
				t.Errorf("stdout does not contain %q\n%v", tt.wantStdout, r)
			}
			if !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("stderr does not contain %q\n%v", tt.wantStderr, r)
			}
		})
	}
	// The overview names every command.
	r := spil(t, "help")
	for _, c := range commands() {
		if !strings.Contains(r.stdout, "  "+c.name+" ") {
			t.Errorf("spil help does not list %s:\n%s", c.name, r.stdout)
		}
	}
}
