package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

func TestAuditVerify(t *testing.T) {
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) {
			testAuditVerify(t, d.fresh(t))
		})
	}
}

func testAuditVerify(t *testing.T, dsn string) {
	ctx := context.Background()
	mustSpil(t, "migrate", "--db", dsn)

	r := mustSpil(t, "audit-verify", "--db", dsn)
	if want := "The audit trail is intact: 0 records"; !strings.Contains(r.stdout, want) {
		t.Errorf("empty trail: stdout %q, want %q", r.stdout, want)
	}

	s := openDB(t, dsn)
	const n = 7
	var ids []int64
	for i := range n {
		e := &care.AuditEvent{At: time.Date(2026, 6, 15, 10, i, 0, 0, time.UTC), ActorID: 3, ActorRole: care.RoleCaseManager,
			FamilyID: 12, ObjectType: "family", ObjectID: 12, Action: care.ActionRead, Outcome: care.OutcomeDenied, AccessPoint: "192.0.2.1"}
		if err := s.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	r = mustSpil(t, "audit-verify", "--db", dsn)
	if want := fmt.Sprintf("the %d records after it were checked now, each chained to the one before", n); !strings.Contains(r.stdout, want) {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
	r = mustSpil(t, "audit-verify", "--full", "--db", dsn)
	if want := fmt.Sprintf("The audit trail is intact: %d records", n); !strings.Contains(r.stdout, want) {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}

	// Someone with direct access to the database switches off the
	// append-only triggers and removes one record, then hides a refusal.
	// Both are before the last checkpoint, so only --full finds them.
	tamper(t, s)
	steps := []struct {
		stmt      string
		wantBreak int64
		wantWhy   string
		checked   int
	}{
		{fmt.Sprintf(`DELETE FROM audit_events WHERE id = %d`, ids[4]), ids[5], "previous hash does not match", 5},
		{fmt.Sprintf(`UPDATE audit_events SET outcome = 'success' WHERE id = %d`, ids[1]), ids[1], "content does not match", 2},
	}
	for _, st := range steps {
		if err := s.ExecRaw(ctx, st.stmt); err != nil {
			t.Fatalf("%s: %v", st.stmt, err)
		}
		if r := mustSpil(t, "audit-verify", "--db", dsn); !strings.Contains(r.stdout, "7 records in all") {
			t.Errorf("after %s: the check from the last checkpoint on says\n%v", st.stmt, r)
		}
		r = spil(t, "audit-verify", "--full", "--db", dsn)
		if r.code != 1 {
			t.Errorf("after %s: exit %d, want 1\n%v", st.stmt, r.code, r)
		}
		for _, want := range []string{
			fmt.Sprintf("spil audit-verify: the audit trail is broken at record %d:", st.wantBreak),
			st.wantWhy,
			fmt.Sprintf("(%d records checked)", st.checked),
		} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("after %s: stderr does not say %q\n%v", st.stmt, want, r)
			}
		}
		if strings.Contains(r.stdout, "intact") {
			t.Errorf("a broken trail is called intact:\n%v", r)
		}
	}
}

// tamper switches off the triggers that keep audit_events append-only.
func tamper(t *testing.T, s *store.Store) {
	t.Helper()
	stmts := []string{`DROP TRIGGER audit_events_no_update`, `DROP TRIGGER audit_events_no_delete`}
	if s.Dialect() == "postgres" {
		stmts = []string{`ALTER TABLE audit_events DISABLE TRIGGER USER`}
	}
	for _, q := range stmts {
		if err := s.ExecRaw(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestAuditVerifyRefuses(t *testing.T) {
	migrated := func(t *testing.T) string {
		dsn := databases()[0].fresh(t)
		mustSpil(t, "migrate", "--db", dsn)
		return dsn
	}
	tests := []struct {
		name       string
		args       func(t *testing.T) []string
		wantCode   int
		wantStderr string
	}{
		{"an argument", func(t *testing.T) []string { return []string{"--db", migrated(t), "now"} }, 1, "audit-verify takes no arguments"},
		{"an unmigrated database", func(t *testing.T) []string {
			dsn := databases()[0].fresh(t)
			s, err := store.Open(context.Background(), dsn) // creates the file
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			return []string{"--db", dsn}
		}, 1, "run 'spil migrate --db ...' first"},
		{"a database address that is no URL", func(t *testing.T) []string { return []string{"--db", "postgres://%zz"} }, 1, "not a valid URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := spil(t, append([]string{"audit-verify"}, tt.args(t)...)...)
			if r.code != tt.wantCode || !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("exit %d, want %d with %q\n%v", r.code, tt.wantCode, tt.wantStderr, r)
			}
			if strings.Contains(r.stdout, "intact") {
				t.Errorf("stdout says intact:\n%v", r)
			}
		})
	}
}
