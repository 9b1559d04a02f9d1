package main

import (
	"context"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/store"
)

// familyCount counts the families of the first organisation.
func familyCount(t *testing.T, dsn string) int {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	org, err := s.FirstOrganisation(ctx)
	if err != nil {
		t.Fatalf("first organisation: %v", err)
	}
	n, err := s.FamilyCount(ctx, org)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDemoFamilies(t *testing.T) {
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) {
			dsn := d.fresh(t)
			if d.name == "postgres" {
				mustSpil(t, "migrate", "--db", dsn)
			}
			r := mustSpil(t, "demo", "--families", "500", "--seed", "3", "--db", dsn)
			if !strings.Contains(r.stdout, "Generated 500 families in ") {
				t.Errorf("demo says %q", r.stdout)
			}
			if got := familyCount(t, dsn); got != 500 {
				t.Errorf("after one run: %d families, want 500", got)
			}
			// A second run adds to the same organisation.
			mustSpil(t, "demo", "--families", "500", "--seed", "3", "--db", dsn)
			if got := familyCount(t, dsn); got != 1000 {
				t.Errorf("after two runs: %d families, want 1000", got)
			}
			s := openDB(t, dsn)
			if n, err := s.OrganisationCount(context.Background()); err != nil || n != 1 {
				t.Errorf("%d organisations (%v), want 1", n, err)
			}
			r = mustSpil(t, "demo", "--families", "0", "--db", dsn)
			if !strings.Contains(r.stdout, "Generated 0 families") || familyCount(t, dsn) != 1000 {
				t.Errorf("--families 0: %q, %d families", r.stdout, familyCount(t, dsn))
			}
		})
	}
}

func TestDemoUsage(t *testing.T) {
	dsn := databases()[0].fresh(t)
	tests := []struct {
		args       []string
		wantCode   int
		wantStderr string
	}{
		{[]string{"demo", "--db", dsn, "extra"}, 1, "unexpected arguments: extra"},
		{[]string{"demo", "--db", dsn, "--families", "-1"}, 2, "--families must not be negative"},
		{[]string{"serve", "--db", dsn, "extra"}, 1, "unexpected arguments: extra"},
	}
	for _, tt := range tests {
		r := spil(t, tt.args...)
		if r.code != tt.wantCode || !strings.Contains(r.stderr, tt.wantStderr) {
			t.Errorf("%q: want exit %d and %q, got\n%v", tt.args, tt.wantCode, tt.wantStderr, r)
		}
	}
}

// SQLite is migrated on the spot; PostgreSQL, which several instances may
// share, only by spil migrate: until then demo, serve and user refuse.
func TestPostgresNeedsMigrate(t *testing.T) {
	dsn := postgres(t).fresh(t)
	for _, args := range [][]string{
		{"demo", "--families", "5", "--db", dsn},
		{"serve", "--demo", "--addr", "127.0.0.1:0", "--db", dsn},
		{"user", "list", "--db", dsn},
	} {
		r := spil(t, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "spil migrate") || !strings.Contains(r.stderr, "0001_init.sql") {
			t.Errorf("%q on an unmigrated database: want exit 1 saying to run spil migrate, got\n%v", args[0], r)
		}
	}
	r := mustSpil(t, "migrate", "--db", dsn)
	if !strings.Contains(r.stdout, "applied 0001_init.sql") {
		t.Errorf("migrate says %q", r.stdout)
	}
	r = mustSpil(t, "migrate", "--db", dsn)
	if !strings.Contains(r.stdout, "The database is up to date.") {
		t.Errorf("second migrate says %q", r.stdout)
	}
	mustSpil(t, "demo", "--families", "5", "--db", dsn)
	if got := familyCount(t, dsn); got != 5 {
		t.Errorf("%d families, want 5", got)
	}
}

func TestMigrateSQLite(t *testing.T) {
	dsn := databases()[0].fresh(t)
	r := mustSpil(t, "migrate", "--db", dsn)
	if !strings.Contains(r.stdout, "applied 0001_init.sql") {
		t.Errorf("migrate says %q", r.stdout)
	}
	r = mustSpil(t, "migrate", "--db", dsn)
	if !strings.Contains(r.stdout, "The database is up to date.") {
		t.Errorf("second migrate says %q", r.stdout)
	}
	pending, err := openDB(t, dsn).Pending(context.Background())
	if err != nil || len(pending) != 0 {
		t.Errorf("pending after migrate: %q (%v)", pending, err)
	}
	r = spil(t, "migrate", "--db", "")
	if r.code != 1 || !strings.Contains(r.stderr, "neither a SQLite file path nor a postgres:// URL") {
		t.Errorf("migrate --db '': %v", r)
	}
}
