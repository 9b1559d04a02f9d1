package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// testTaskOwnersRoundTrip: the ids of a task's owner are kept and read
// back, and a parent's task reads as the family's with the member's id.
func testTaskOwnersRoundTrip(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	cm := newAccount(t, s, org, "cm@example.org")
	f := newFile(t, s, org, cm.ID, "kct", "Anna", date(2018, 1, 1))
	mother := &care.Member{FamilyID: f.ID, Kind: "parent", Name: "Eva", Relation: "moeder"}
	mustDo(t, "AddMember", s.AddMember(ctx, mother))
	by := care.Person{AccountID: cm.ID}
	toCM := &care.Task{FamilyID: f.ID, Title: "Bellen", OwnerKind: "casemanager", OwnerName: cm.Name, OwnerAccountID: cm.ID, CreatedAt: t0, CreatedBy: by}
	toMother := &care.Task{FamilyID: f.ID, Title: "Formulier", OwnerKind: "family", OwnerName: "Eva", OwnerMemberID: mother.ID, CreatedAt: t0, CreatedBy: by}
	for _, k := range []*care.Task{toCM, toMother} {
		mustDo(t, "CreateTask", s.CreateTask(ctx, k))
	}
	got, err := s.Tasks(ctx, f.ID, care.TaskQuery{})
	if err != nil || len(got) != 2 {
		t.Fatalf("Tasks = %v, %v", got, err)
	}
	owners := map[int64]care.TaskOwner{}
	for _, k := range got {
		owners[k.ID] = k.Owner()
	}
	want := map[int64]care.TaskOwner{
		toCM.ID:     {Kind: care.OwnerCaseManager, ID: cm.ID},
		toMother.ID: {Kind: care.OwnerParent, ID: mother.ID},
	}
	if diff := cmp.Diff(want, owners); diff != "" {
		t.Errorf("owners (-want +got):\n%s", diff)
	}
}

// testTaskHistory: reassigning changes the task in place, the history
// keeps every change oldest first, and neither reaches another family's
// task.
func testTaskHistory(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	cm := newAccount(t, s, org, "cm@example.org")
	f := newFile(t, s, org, cm.ID, "kct", "Anna", date(2018, 1, 1))
	other := newFile(t, s, org, cm.ID, "kct", "Bram", date(2019, 1, 1))
	gp := &care.NetworkMember{FamilyID: f.ID, Name: "Dr. Jansen", Role: "gp", Line: 1}
	mustDo(t, "SaveNetworkMember", s.SaveNetworkMember(ctx, gp))
	by := care.Person{AccountID: cm.ID}
	k := &care.Task{FamilyID: f.ID, Title: "Medicatie", OwnerKind: "casemanager", OwnerName: cm.Name, OwnerAccountID: cm.ID,
		DueDate: date(2026, 3, 10), CreatedAt: t0, CreatedBy: by}
	theirs := &care.Task{FamilyID: other.ID, Title: "Bellen", OwnerKind: "family", CreatedAt: t0, CreatedBy: by}
	for _, x := range []*care.Task{k, theirs} {
		mustDo(t, "CreateTask", s.CreateTask(ctx, x))
	}
	next := *k
	next.OwnerKind, next.OwnerName, next.OwnerAccountID, next.NetworkMemberID = "network", gp.Name, 0, gp.ID
	next.DueDate = date(2026, 3, 20)
	mustDo(t, "ReassignTask", s.ReassignTask(ctx, f.ID, &next))
	events := []*care.TaskEvent{
		{FamilyID: f.ID, TaskID: k.ID, At: t0.Add(time.Hour), By: by, Field: "owner", FromKind: "casemanager", From: cm.Name, ToKind: "network", To: gp.Name},
		{FamilyID: f.ID, TaskID: k.ID, At: t0.Add(time.Hour), By: by, Field: "due_date", From: "2026-03-10", To: "2026-03-20"},
	}
	for _, e := range events {
		mustDo(t, "AddTaskEvent", s.AddTaskEvent(ctx, e))
	}
	got, err := s.Tasks(ctx, f.ID, care.TaskQuery{ID: k.ID})
	if err != nil || len(got) != 1 {
		t.Fatalf("Tasks = %v, %v", got, err)
	}
	if g := got[0]; g.NetworkMemberID != gp.ID || g.OwnerAccountID != 0 || g.OwnerName != gp.Name || !g.DueDate.Equal(date(2026, 3, 20)) {
		t.Errorf("after ReassignTask: %+v", g)
	}
	hist, err := s.TaskEvents(ctx, f.ID, k.ID)
	if err != nil || len(hist) != 2 {
		t.Fatalf("TaskEvents = %v, %v; want 2", hist, err)
	}
	want := *events[0]
	want.By.Name = cm.Name
	if diff := cmp.Diff(want, hist[0]); diff != "" {
		t.Errorf("first event (-want +got):\n%s", diff)
	}
	if hist[1].Field != "due_date" || hist[1].From != "2026-03-10" || hist[1].To != "2026-03-20" {
		t.Errorf("second event: %+v", hist[1])
	}

	// Another family's task: not through this family's id.
	moved := *theirs
	moved.OwnerKind = "casemanager"
	if err := s.ReassignTask(ctx, f.ID, &moved); care.ErrorCode(err) != care.NotFound {
		t.Errorf("ReassignTask of another family's task: %v, want NotFound", err)
	}
	e := &care.TaskEvent{FamilyID: f.ID, TaskID: theirs.ID, At: t0, By: by, Field: "owner"}
	if err := s.AddTaskEvent(ctx, e); care.ErrorCode(err) != care.NotFound {
		t.Errorf("AddTaskEvent on another family's task: %v, want NotFound", err)
	}
	if hist, err := s.TaskEvents(ctx, other.ID, 0); err != nil || len(hist) != 0 {
		t.Errorf("the other family's history: %v, %v; want none", hist, err)
	}
	if hist, err := s.TaskEvents(ctx, other.ID, k.ID); err != nil || len(hist) != 0 {
		t.Errorf("this family's task through the other family: %v, %v; want none", hist, err)
	}
	if g, _ := s.Tasks(ctx, other.ID, care.TaskQuery{ID: theirs.ID}); len(g) != 1 || g[0].OwnerKind != "family" {
		t.Errorf("the other family's task changed: %+v", g)
	}
	// A closed task is not reassigned.
	mustDo(t, "CompleteTask", s.CompleteTask(ctx, f.ID, k.ID, "Gedaan", t0, cm.ID))
	if err := s.ReassignTask(ctx, f.ID, &next); care.ErrorCode(err) != care.NotFound {
		t.Errorf("ReassignTask of a closed task: %v, want NotFound", err)
	}
}

// testWorklist: the open tasks of the account's own families only, by due
// date with none last, filtered by kind of owner and by overdue.
func testWorklist(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	cm := newAccount(t, s, org, "cm@example.org")
	colleague := newAccount(t, s, org, "other@example.org")
	anna := newFile(t, s, org, cm.ID, "kct", "Anna", date(2018, 1, 1))
	bram := newFile(t, s, org, colleague.ID, "kct", "Bram", date(2019, 1, 1))
	mustDo(t, "AssignCaseManager", s.AssignCaseManager(ctx, bram.ID, "thuis", cm.ID))
	notMine := newFile(t, s, org, colleague.ID, "kct", "Cas", date(2017, 1, 1))
	mother := &care.Member{FamilyID: anna.ID, Kind: "parent", Name: "Eva", Relation: "moeder"}
	mustDo(t, "AddMember", s.AddMember(ctx, mother))
	gp := &care.NetworkMember{FamilyID: bram.ID, Name: "Dr. Jansen", Role: "gp", Line: 1}
	mustDo(t, "SaveNetworkMember", s.SaveNetworkMember(ctx, gp))
	by := care.Person{AccountID: cm.ID}
	add := func(f *care.Family, title, kind string, due time.Time, set func(*care.Task)) *care.Task {
		k := &care.Task{FamilyID: f.ID, Title: title, OwnerKind: kind, DueDate: due, CreatedAt: t0, CreatedBy: by}
		if set != nil {
			set(k)
		}
		mustDo(t, "CreateTask", s.CreateTask(ctx, k))
		return k
	}
	late := add(bram, "Recept", "network", date(2026, 2, 1), func(k *care.Task) { k.NetworkMemberID = gp.ID })
	soon := add(anna, "Bellen", "casemanager", date(2026, 3, 5), func(k *care.Task) { k.OwnerAccountID = cm.ID })
	mothers := add(anna, "Formulier", "family", date(2026, 2, 20), func(k *care.Task) { k.OwnerMemberID = mother.ID })
	whole := add(bram, "Logeren", "family", time.Time{}, nil)
	done := add(anna, "Klaar", "casemanager", date(2026, 1, 1), nil)
	mustDo(t, "CompleteTask", s.CompleteTask(ctx, anna.ID, done.ID, "ok", t0, cm.ID))
	add(notMine, "Niet van mij", "casemanager", date(2026, 1, 1), nil)

	today := date(2026, 3, 1)
	for _, tt := range []struct {
		name string
		q    care.WorklistQuery
		want []int64
	}{
		{"all open, by due date, none last", care.WorklistQuery{}, []int64{late.ID, mothers.ID, soon.ID, whole.ID}},
		{"overdue", care.WorklistQuery{OverdueOn: today}, []int64{late.ID, mothers.ID}},
		{"case manager", care.WorklistQuery{OwnerKind: care.OwnerCaseManager}, []int64{soon.ID}},
		{"network", care.WorklistQuery{OwnerKind: care.OwnerNetwork}, []int64{late.ID}},
		{"parent", care.WorklistQuery{OwnerKind: care.OwnerParent}, []int64{mothers.ID}},
		{"family", care.WorklistQuery{OwnerKind: care.OwnerFamily}, []int64{whole.ID}},
		{"network and overdue", care.WorklistQuery{OwnerKind: care.OwnerNetwork, OverdueOn: today}, []int64{late.ID}},
		{"limit", care.WorklistQuery{Limit: 1}, []int64{late.ID}},
	} {
		items, err := s.Worklist(ctx, cm.ID, tt.q)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []int64
		for _, it := range items {
			got = append(got, it.ID)
		}
		if !cmp.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	items, err := s.Worklist(ctx, cm.ID, care.WorklistQuery{OwnerKind: care.OwnerNetwork})
	if err != nil || len(items) != 1 {
		t.Fatalf("network: %v, %v", items, err)
	}
	if it := items[0]; it.FamilyID != bram.ID || it.ChildName != "Bram" || it.NetworkMemberID != gp.ID || !it.DueDate.Equal(date(2026, 2, 1)) {
		t.Errorf("item: %+v", it)
	}
	// The colleague sees Bram's and Cas's, never Anna's.
	items, err = s.Worklist(ctx, colleague.ID, care.WorklistQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.FamilyID == anna.ID {
			t.Errorf("the colleague's worklist holds a task of a family not theirs: %+v", it)
		}
	}
	if len(items) != 3 {
		t.Errorf("colleague: %d items, want 3", len(items))
	}
	if _, err := s.Worklist(ctx, cm.ID, care.WorklistQuery{OwnerKind: "x' OR 1=1 --"}); err == nil {
		t.Error("an owner kind outside the allowlist was accepted")
	}
}
