package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

// revisionFree are the tables with a family_id that leave the file's
// revision as it is: the audit trail and how far a reader read a
// conversation are written on reads, and no part of what a file shows;
// the revisions are kept in a table of their own.
var revisionFree = []string{"audit_events", "thread_reads", "file_revisions"}

// testFileRevisionTriggers: every table that holds a family's data has the
// triggers that move the file's revision on insert, update and delete; a
// table added later without them fails here.
func testFileRevisionTriggers(t *testing.T, s Store) {
	ctx := context.Background()
	tablesQ := `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
		WHERE m.type = 'table' AND c.name = 'family_id' ORDER BY m.name`
	triggersQ := `SELECT name FROM sqlite_master WHERE type = 'trigger'`
	if s.Dialect() == "postgres" {
		tablesQ = `SELECT table_name::text FROM information_schema.columns
			WHERE column_name = 'family_id' AND table_schema = current_schema() ORDER BY table_name`
		triggersQ = `SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal`
	}
	tables, err := s.QueryStrings(ctx, tablesQ)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) < 30 {
		t.Fatalf("%d tables with a family_id: %v; the catalog query is wrong", len(tables), tables)
	}
	triggers, err := s.QueryStrings(ctx, triggersQ)
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range append(tables, "families") {
		if slices.Contains(revisionFree, table) {
			continue
		}
		for _, ev := range []string{"insert", "update", "delete"} {
			if name := table + "_revision_" + ev; !slices.Contains(triggers, name) {
				t.Errorf("table %s has no trigger %s: its changes would not move the file's revision", table, name)
			}
		}
	}
}

// testFileRevisions: a change to a family's file moves its revision and
// no other family's; a rolled back change, a read's audit record and the
// sign-in bookkeeping move nothing; a change to what every file names
// (an account's details, the organisation) moves the shared revision.
func testFileRevisions(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "rev@example.org")
	f := newFile(t, s, org, acc.ID, "kct", "Anna", date(2018, 1, 1))
	other := newFile(t, s, org, acc.ID, "kct", "Bram", date(2019, 1, 1))
	rev := func() care.FileRevision {
		t.Helper()
		r, err := s.FileRevision(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	otherRev := func() int64 {
		t.Helper()
		r, err := s.FileRevision(ctx, other.ID)
		if err != nil {
			t.Fatal(err)
		}
		return r.File
	}
	start, startOther := rev(), otherRev()
	if start.File == 0 || start.Shared == 0 {
		t.Fatalf("a new family's revision = %+v; want both set", start)
	}
	moved := func(what string, wantFile, wantShared bool) {
		t.Helper()
		now := rev()
		if got := now.File != start.File; got != wantFile {
			t.Errorf("%s: file revision %d -> %d; moved %v, want %v", what, start.File, now.File, got, wantFile)
		}
		if got := now.Shared != start.Shared; got != wantShared {
			t.Errorf("%s: shared revision %d -> %d; moved %v, want %v", what, start.Shared, now.Shared, got, wantShared)
		}
		if o := otherRev(); o != startOther {
			t.Errorf("%s: the other family's revision moved %d -> %d", what, startOther, o)
		}
		start = now
	}

	c := &care.Contact{FamilyID: f.ID, Date: date(2026, 2, 12), Kind: "phone", With: "parent", DurationMin: 10,
		CreatedAt: t0, CreatedBy: care.Person{AccountID: acc.ID}}
	mustDo(t, "AddContact", s.AddContact(ctx, c))
	moved("a contact added", true, false)
	mustDo(t, "ExecRaw", s.ExecRaw(ctx, fmt.Sprintf(`UPDATE contacts SET topics = 'Anders' WHERE id = %d`, c.ID)))
	moved("a contact changed", true, false)
	mustDo(t, "ExecRaw", s.ExecRaw(ctx, fmt.Sprintf(`INSERT INTO secondary_diagnoses (family_id, description) VALUES (%d, 'x')`, f.ID)))
	moved("a diagnosis added", true, false)
	mustDo(t, "ExecRaw", s.ExecRaw(ctx, fmt.Sprintf(`DELETE FROM secondary_diagnoses WHERE family_id = %d`, f.ID)))
	moved("a diagnosis deleted", true, false)
	mustDo(t, "ExecRaw", s.ExecRaw(ctx, fmt.Sprintf(`UPDATE families SET summary = 'Nieuw' WHERE id = %d`, f.ID)))
	moved("the family's own row changed", true, false)

	rollback := errors.New("roll back")
	err := s.Atomic(ctx, func(st care.Store) error {
		if err := st.AddMember(ctx, &care.Member{FamilyID: f.ID, Kind: "parent", Name: "Eva"}); err != nil {
			return err
		}
		return rollback
	})
	if !errors.Is(err, rollback) {
		t.Fatalf("Atomic = %v", err)
	}
	moved("a change rolled back", false, false)
	mustDo(t, "AppendAudit", s.AppendAudit(ctx, &care.AuditEvent{At: t0, ActorID: acc.ID, ActorRole: care.RoleCaseManager,
		FamilyID: f.ID, ObjectType: "fhir", Action: care.ActionExport, Outcome: care.OutcomeSuccess}))
	moved("a read's audit record", false, false)

	if ok, err := s.UseTOTPStep(ctx, acc.ID, 42); err != nil || !ok {
		t.Fatalf("UseTOTPStep = %v, %v", ok, err)
	}
	mustDo(t, "SetAccountLocale", s.SetAccountLocale(ctx, acc.ID, "en"))
	moved("the sign-in bookkeeping", false, false)
	mustDo(t, "SetAccountReachability", s.SetAccountReachability(ctx, acc.ID, care.Reachability{WorkPhone: "0301234567"}))
	moved("an account's phone", false, true)
	mustDo(t, "SetOrganisationURA", s.SetOrganisationURA(ctx, org, "90000123"))
	moved("the organisation's URA", false, true)
	newAccount(t, s, org, "rev2@example.org")
	moved("a new account", false, true)

	if r, err := s.FileRevision(ctx, f.ID+other.ID+1000); err != nil || r.File != 0 {
		t.Errorf("a family that does not exist: %+v, %v; want revision 0", r, err)
	}
}
