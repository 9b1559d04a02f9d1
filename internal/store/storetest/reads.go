package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// testShapedFamilyReads checks the family page's read: the most recent
// contacts and closed tasks, how many there are, and the pages of the
// whole contact list.
func testShapedFamilyReads(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "cm@example.org")
	f := newFile(t, s, org, acc.ID, "kct", "Anna", date(2018, 1, 1))
	other := newFile(t, s, org, acc.ID, "kct", "Bram", date(2019, 1, 1))
	// 25 contacts on 13 days: two a day, so the order within a day counts.
	var ids []int64 // newest first, as the list shows them
	for i := range 25 {
		c := &care.Contact{FamilyID: f.ID, Date: date(2026, 1, 1+i/2), Kind: "phone", With: "parent", DurationMin: 10,
			Topics: fmt.Sprint("Gesprek ", i), CreatedAt: t0, CreatedBy: care.Person{AccountID: acc.ID}}
		mustDo(t, "AddContact", s.AddContact(ctx, c))
		ids = append([]int64{c.ID}, ids...)
	}
	mustDo(t, "AddContact other family", s.AddContact(ctx, &care.Contact{FamilyID: other.ID, Date: date(2026, 2, 1), Kind: "phone",
		With: "parent", CreatedAt: t0, CreatedBy: care.Person{AccountID: acc.ID}}))
	var doneIDs []int64 // most recently closed first
	for i := range 23 {
		k := &care.Task{FamilyID: f.ID, Title: fmt.Sprint("Taak ", i), OwnerKind: "casemanager", CreatedAt: t0, CreatedBy: care.Person{AccountID: acc.ID}}
		mustDo(t, "CreateTask", s.CreateTask(ctx, k))
		mustDo(t, "CompleteTask", s.CompleteTask(ctx, f.ID, k.ID, "Gedaan", t0.Add(time.Duration(i)*time.Hour), acc.ID))
		doneIDs = append([]int64{k.ID}, doneIDs...)
	}
	for i := range 2 {
		k := &care.Task{FamilyID: f.ID, Title: fmt.Sprint("Open ", i), OwnerKind: "family", CreatedAt: t0, CreatedBy: care.Person{AccountID: acc.ID}}
		mustDo(t, "CreateTask", s.CreateTask(ctx, k))
	}

	page, err := s.FamilyFile(ctx, f.ID, 20)
	if err != nil {
		t.Fatal(err)
	}
	if got := contactIDs(page.Contacts); !cmp.Equal(got, ids[:20]) {
		t.Errorf("recent contacts %v, want %v", got, ids[:20])
	}
	if page.ContactCount != 25 || page.DoneTaskCount != 23 {
		t.Errorf("counts: %d contacts, %d closed tasks; want 25 and 23", page.ContactCount, page.DoneTaskCount)
	}
	var open, done []int64
	for _, k := range page.Tasks {
		if k.Status == "open" {
			open = append(open, k.ID)
		} else {
			done = append(done, k.ID)
		}
	}
	if len(open) != 2 || !cmp.Equal(sortedDesc(done), sortedDesc(doneIDs[:20])) {
		t.Errorf("tasks: open %v, closed %v; want 2 open and the 20 closed last %v", open, done, doneIDs[:20])
	}

	// The whole list, page by page, older than the last one seen.
	var all []int64
	var before int64
	for range 10 {
		cs, err := s.Contacts(ctx, f.ID, before, 7)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) == 0 {
			break
		}
		all = append(all, contactIDs(cs)...)
		before = cs[len(cs)-1].ID
	}
	if !cmp.Equal(all, ids) {
		t.Errorf("paged contacts %v, want %v", all, ids)
	}
	// An id of another family's contact is no place to start from.
	otherContacts, _ := s.Contacts(ctx, other.ID, 0, 10)
	if cs, err := s.Contacts(ctx, f.ID, otherContacts[0].ID, 10); err != nil || len(cs) != 0 {
		t.Errorf("Contacts before another family's contact: %d, %v; want none", len(cs), err)
	}
}

func contactIDs(cs []care.Contact) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func sortedDesc(ids []int64) []int64 {
	out := slices.Sorted(slices.Values(ids))
	slices.Reverse(out)
	return out
}

// testTaskQueries checks each filter of a task query, and that a task of
// another family is never found through this one.
func testTaskQueries(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "cm@example.org")
	f := newFile(t, s, org, acc.ID, "kct", "Anna", date(2018, 1, 1))
	other := newFile(t, s, org, acc.ID, "kct", "Bram", date(2019, 1, 1))
	gp := &care.NetworkMember{FamilyID: f.ID, Name: "Dr. Jansen", Role: "gp", Line: 1}
	mustDo(t, "SaveNetworkMember", s.SaveNetworkMember(ctx, gp))
	by := care.Person{AccountID: acc.ID}
	mine := &care.Task{FamilyID: f.ID, Title: "Medicatie", OwnerKind: "network", NetworkMemberID: gp.ID, CreatedAt: t0, CreatedBy: by}
	ours := &care.Task{FamilyID: f.ID, Title: "Logeeradres zoeken", OwnerKind: "family", CreatedAt: t0, CreatedBy: by}
	plan := &care.Task{FamilyID: f.ID, Title: "Tillift", OwnerKind: "casemanager", PlanDimension: care.DimPhysical, CreatedAt: t0, CreatedBy: by}
	theirs := &care.Task{FamilyID: other.ID, Title: "Bellen", OwnerKind: "casemanager", CreatedAt: t0, CreatedBy: by}
	for _, k := range []*care.Task{mine, ours, plan, theirs} {
		mustDo(t, "CreateTask", s.CreateTask(ctx, k))
	}
	mustDo(t, "CompleteTask", s.CompleteTask(ctx, f.ID, ours.ID, "Gevonden", t0, acc.ID))
	for _, tt := range []struct {
		name string
		q    care.TaskQuery
		want []int64
	}{
		{"all", care.TaskQuery{}, []int64{mine.ID, plan.ID, ours.ID}},
		{"one", care.TaskQuery{ID: plan.ID}, []int64{plan.ID}},
		{"another family's", care.TaskQuery{ID: theirs.ID}, nil},
		{"open", care.TaskQuery{Status: "open"}, []int64{mine.ID, plan.ID}},
		{"done", care.TaskQuery{Status: "done"}, []int64{ours.ID}},
		{"a provider's", care.TaskQuery{NetworkMemberID: gp.ID}, []int64{mine.ID}},
		{"the family's open ones", care.TaskQuery{OwnerKind: "family", Status: "open"}, nil},
		{"the plan's", care.TaskQuery{PlanOnly: true}, []int64{plan.ID}},
		{"open and one recent closed", care.TaskQuery{RecentDone: 1}, []int64{mine.ID, plan.ID, ours.ID}},
	} {
		ts, err := s.Tasks(ctx, f.ID, tt.q)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []int64
		for _, k := range ts {
			got = append(got, k.ID)
		}
		if !cmp.Equal(sortedDesc(got), sortedDesc(tt.want)) {
			t.Errorf("Tasks(%s) = %v, want %v", tt.name, got, tt.want)
		}
		n, err := s.CountTasks(ctx, f.ID, tt.q)
		if tt.q.RecentDone == 0 && (err != nil || n != len(tt.want)) {
			t.Errorf("CountTasks(%s) = %d, %v; want %d", tt.name, n, err, len(tt.want))
		}
	}
}

// testUpdateFamilyPatch checks that an update writes the fields it sets
// and only those, so two changes of different fields both stay.
func testUpdateFamilyPatch(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "cm@example.org")
	f := newFile(t, s, org, acc.ID, "kct", "Anna de Vries", date(2018, 1, 1))
	diag := []care.Diagnosis{{Description: "Epilepsie", ICD10: "G40.9"}}
	mustDo(t, "UpdateFamily diagnoses", s.UpdateFamily(ctx, f.ID, care.FamilyUpdate{Secondary: &diag}, t0))
	summary, name := "Zorg in de nacht", "Anna van Dijk"
	mustDo(t, "UpdateFamily summary", s.UpdateFamily(ctx, f.ID, care.FamilyUpdate{Summary: &summary}, t0.Add(time.Hour)))
	mustDo(t, "UpdateFamily name", s.UpdateFamily(ctx, f.ID, care.FamilyUpdate{ChildName: &name}, t0.Add(2*time.Hour)))
	got, err := s.FamilyByID(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Summary != summary || got.ChildName != name || len(got.Secondary) != 1 || got.Secondary[0].Description != "Epilepsie" ||
		!got.BirthDate.Equal(f.BirthDate) || got.Sex != f.Sex || !got.UpdatedAt.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("after three patches: %+v", got)
	}
	if err := s.UpdateFamily(ctx, 987654, care.FamilyUpdate{Summary: &summary}, t0); care.ErrorCode(err) != care.NotFound {
		t.Errorf("UpdateFamily of a missing family: %v, want NotFound", err)
	}
}

// testRelationshipRead checks what one query says of an account and a family.
func testRelationshipRead(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	cm := newAccount(t, s, org, "cm@example.org")
	parent := newAccount(t, s, org, "ouder@example.org")
	f := newFile(t, s, org, cm.ID, "kct", "Anna", date(2018, 4, 5))
	m := &care.Member{FamilyID: f.ID, Kind: "parent", Name: "Eva", Custody: true}
	mustDo(t, "AddMember", s.AddMember(ctx, m))
	mustDo(t, "CreateLink", s.CreateLink(ctx, &care.Link{FamilyID: f.ID, AccountID: parent.ID, Kind: care.LinkParent, MemberID: m.ID}))
	for _, tt := range []struct {
		name    string
		account int64
		family  int64
		want    care.Relationship
	}{
		{"case manager", cm.ID, f.ID, care.Relationship{CaseManager: true, BirthDate: date(2018, 4, 5)}},
		{"parent", parent.ID, f.ID, care.Relationship{BirthDate: date(2018, 4, 5),
			Link: &care.Link{FamilyID: f.ID, AccountID: parent.ID, Kind: care.LinkParent, MemberID: m.ID}}},
		{"stranger", 987654, f.ID, care.Relationship{BirthDate: date(2018, 4, 5)}},
		{"missing family", cm.ID, 987654, care.Relationship{}},
	} {
		got, err := s.Relationship(ctx, tt.account, tt.family)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Relationship(%s) (-want +got):\n%s", tt.name, diff)
		}
	}
}

// testReadTransactions checks that a read transaction can read while a
// write transaction is open, and can write nothing itself.
func testReadTransactions(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "cm@example.org")
	f := newFile(t, s, org, acc.ID, "kct", "Anna", date(2018, 1, 1))

	// A writer holds its transaction open; a reader is not kept waiting.
	inside, release := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		err := s.Atomic(ctx, func(st care.Store) error {
			if err := st.AddNote(ctx, &care.Note{FamilyID: f.ID, Author: care.Person{AccountID: acc.ID}, Kind: care.NoteFamily,
				Body: "nog niet vastgelegd", CreatedAt: t0}); err != nil {
				return err
			}
			close(inside)
			<-release
			return nil
		})
		if err != nil {
			t.Errorf("the writer: %v", err)
		}
	})
	<-inside
	readCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	err := s.Read(readCtx, func(st care.Store) error {
		notes, err := st.Notes(readCtx, f.ID)
		if len(notes) != 0 {
			t.Errorf("a reader sees an uncommitted note: %+v", notes)
		}
		return err
	})
	cancel()
	close(release)
	wg.Wait()
	if err != nil {
		t.Errorf("a read while a write transaction was open: %v", err)
	}

	// Nothing is written from inside a read transaction.
	for _, tt := range []struct {
		name string
		fn   func(st care.Store) error
	}{
		{"a note", func(st care.Store) error {
			return st.AddNote(ctx, &care.Note{FamilyID: f.ID, Author: care.Person{AccountID: acc.ID}, Kind: care.NoteFamily, Body: "x", CreatedAt: t0})
		}},
		{"an audit record", func(st care.Store) error {
			return st.AppendAudit(ctx, &care.AuditEvent{At: t0, ObjectType: "test", Action: care.ActionRead, Outcome: care.OutcomeSuccess})
		}},
		{"a write transaction", func(st care.Store) error {
			return st.Atomic(ctx, func(care.Store) error { return nil })
		}},
	} {
		if err := s.Read(ctx, tt.fn); err == nil {
			t.Errorf("%s was written inside a read transaction", tt.name)
		}
	}
	notes, err := s.Notes(ctx, f.ID)
	if err != nil || len(notes) != 1 {
		t.Errorf("notes after the refused writes: %d, %v; want the writer's one", len(notes), err)
	}
}

// testAuditGroupCommit appends from many goroutines at once outside any
// transaction: every record is stored once, chained, and an append whose
// request has ended is refused.
func testAuditGroupCommit(t *testing.T, s Store) {
	ctx := context.Background()
	const n = 300
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			e := &care.AuditEvent{At: t0, ActorID: int64(i + 1), ObjectType: "family", Action: care.ActionRead,
				Outcome: care.OutcomeSuccess, AccessPoint: fmt.Sprint("read-", i)}
			if err := s.AppendAudit(ctx, e); err != nil {
				errs <- err
			} else if e.ID == 0 || e.Hash == "" {
				errs <- fmt.Errorf("record %d came back without id or hash", i)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	count, brk, err := s.VerifyAudit(ctx)
	if err != nil || brk != nil || count != n {
		t.Errorf("VerifyAudit = %d, %+v, %v; want %d intact", count, brk, err, n)
	}
	done, cancel := context.WithCancel(ctx)
	cancel()
	err = s.AppendAudit(done, &care.AuditEvent{At: t0, ObjectType: "family", Action: care.ActionRead, Outcome: care.OutcomeSuccess})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("AppendAudit with an ended request: %v, want context.Canceled", err)
	}
}

// testCaseloadMembers checks the members read for the caseload search:
// those of the account's own families, by family, and no one else's.
func testCaseloadMembers(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "cm@example.org")
	colleague := newAccount(t, s, org, "collega@example.org")
	mine := newFile(t, s, org, acc.ID, "kct", "Anna", date(2018, 1, 1))
	theirs := newFile(t, s, org, colleague.ID, "kct", "Bram", date(2019, 1, 1))
	mother := &care.Member{FamilyID: mine.ID, Kind: "parent", Name: "Eva de Wit", Relation: "moeder", Custody: true, Phone: "06-1"}
	brother := &care.Member{FamilyID: mine.ID, Kind: "sibling", Name: "Tom de Wit", Relation: "broer"}
	stranger := &care.Member{FamilyID: theirs.ID, Kind: "parent", Name: "Iris Jansen"}
	for _, m := range []*care.Member{mother, brother, stranger} {
		mustDo(t, "AddMember", s.AddMember(ctx, m))
	}
	got, err := s.CaseloadMembers(ctx, acc.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64][]care.Member{mine.ID: {
		{ID: mother.ID, FamilyID: mine.ID, Kind: "parent", Name: "Eva de Wit", Relation: "moeder"},
		{ID: brother.ID, FamilyID: mine.ID, Kind: "sibling", Name: "Tom de Wit", Relation: "broer"},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CaseloadMembers (-want +got):\n%s", diff)
	}
}
