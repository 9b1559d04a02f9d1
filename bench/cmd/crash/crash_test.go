package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/store"
)

// TestCheckAcksFindsLostWrites: the look-up after a kill reports an
// acknowledged contact, task or completion that the database does not
// hold as acknowledged, and nothing when it does.
func TestCheckAcksFindsLostWrites(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "spil.db")
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO organisations (id, name, created_at) VALUES (1, 'KCT', CURRENT_TIMESTAMP)`,
		`INSERT INTO accounts (id, organisation_id, email, name, role, password_hash, created_at) VALUES (1, 1, 'a@example.org', 'A', 'casemanager', 'x', CURRENT_TIMESTAMP)`,
		`INSERT INTO families (id, organisation_id, child_name, birth_date, sex, intensity, created_at) VALUES (1, 1, 'Kind', '2020-01-01', 'female', 'regular', CURRENT_TIMESTAMP)`,
		`INSERT INTO contacts (id, family_id, contact_date, kind, with_whom, topics, created_at, created_by) VALUES (10, 1, '2026-01-01', 'phone', 'parent', 'crash c10', CURRENT_TIMESTAMP, 1)`,
		`INSERT INTO tasks (id, family_id, title, owner_kind, status, done_note, created_at, created_by) VALUES (20, 1, 'crash t20', 'casemanager', 'done', 'crash d20', CURRENT_TIMESTAMP, 1)`,
		`INSERT INTO tasks (id, family_id, title, owner_kind, status, created_at, created_by) VALUES (21, 1, 'crash t21', 'casemanager', 'open', CURRENT_TIMESTAMP, 1)`,
	} {
		if err := s.ExecRaw(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()

	r := &runner{dir: filepath.Dir(db), acks: &acks{}}
	r.acks.add("contact", 10, "crash c10", 1)
	r.acks.add("task", 20, "crash t20", 1)
	r.acks.add("done", 20, "crash d20", 0)
	r.acks.add("task", 21, "crash t21", 1)
	n, lost, err := r.checkAcks(ctx)
	if err != nil || n != 4 || len(lost) != 0 {
		t.Fatalf("everything there: %d looked up, lost %v, %v", n, lost, err)
	}

	r.acks.add("contact", 11, "crash c11", 1)     // never written
	r.acks.add("done", 21, "crash d21", 0)        // not done in the database
	r.acks.contacts[10] = "crash c10, but longer" // written otherwise
	_, lost, err = r.checkAcks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"contact 11", "completion of task 21", "contact 10"}
	if len(lost) != len(want) {
		t.Fatalf("lost %q, want %d", lost, len(want))
	}
	for _, w := range want {
		found := false
		for _, l := range lost {
			found = found || strings.Contains(l, w+" ")
		}
		if !found {
			t.Errorf("%q not reported as lost: %q", w, lost)
		}
	}
}
