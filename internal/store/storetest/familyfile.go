package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// date returns y-m-d as the store keeps dates: midnight UTC.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// newFile opens a family file in org with kind ("kct" or "thuis") case
// manager acc, as the intake does.
func newFile(t *testing.T, s Store, org, acc int64, kind, name string, birth time.Time) *care.Family {
	t.Helper()
	f := &care.Family{OrganisationID: org, ChildName: name, BirthDate: birth, Sex: "unknown", Intensity: care.Regular}
	e := &care.Episode{ReferralDate: date(2026, 1, 5), SurpriseQuestion: "unknown", Status: "offered", StatusDate: date(2026, 1, 5)}
	if err := s.CreateFamilyFile(context.Background(), f, e, kind, acc, t0); err != nil {
		t.Fatalf("CreateFamilyFile(%s): %v", name, err)
	}
	if f.ID == 0 {
		t.Fatal("CreateFamilyFile did not set the family ID")
	}
	return f
}

func familyFile(t *testing.T, s Store, id int64) *care.File {
	t.Helper()
	f, err := s.FamilyFile(context.Background(), id, 0)
	if err != nil {
		t.Fatalf("FamilyFile(%d): %v", id, err)
	}
	return f
}

func mustDo(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func testFamilyFileRoundTrip(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	kct := newAccount(t, s, org, "kct@example.org")
	thuis := newAccount(t, s, org, "thuis@example.org")

	f := &care.Family{OrganisationID: org, ChildName: "Sanne de Vries", BirthDate: date(2015, 2, 28), Sex: "female",
		BSN: "111222333", Diagnosis: "Duchenne spierdystrofie", ICD10: "G71.0",
		Secondary:       []care.Diagnosis{{Description: "Epilepsie", ICD10: "G40.9"}, {Description: "Scoliose"}},
		LivingSituation: "Woont met ouders en broer; aangepaste woning.", CultureNotes: "Thuistaal Nederlands en Turks.",
		Intensity: care.Regular, NextContact: date(2026, 3, 10), Summary: "Stabiel, vermoeid na school."}
	ep := &care.Episode{ReferralDate: date(2026, 2, 1), ReferredBy: "Kinderarts Wilhelmina", Reason: "Toenemende zorg",
		FactorWish: true, FactorComplexity: true, SurpriseQuestion: "no", Status: "accepted", StatusDate: date(2026, 2, 10),
		StatusNote: "Ouders willen graag begeleiding", DivisionOfTasks: "KCT medisch, thuis dagelijks leven"}
	mustDo(t, "CreateFamilyFile", s.CreateFamilyFile(ctx, f, ep, "kct", kct.ID, t0))
	if f.ID == 0 || f.Secondary[0].ID == 0 || f.Secondary[1].ID == 0 || ep.FamilyID != f.ID {
		t.Fatalf("CreateFamilyFile did not set the IDs: family %d, diagnoses %+v, episode family %d", f.ID, f.Secondary, ep.FamilyID)
	}
	mustDo(t, "AssignCaseManager", s.AssignCaseManager(ctx, f.ID, "thuis", thuis.ID))

	// Members in an order the file does not keep: parents, carers, siblings.
	sibling := care.Member{FamilyID: f.ID, Kind: "sibling", Name: "Tim de Vries", Relation: "broer", BirthDate: date(2012, 8, 1)}
	mother := care.Member{FamilyID: f.ID, Kind: "parent", Name: "Eva de Vries", Relation: "moeder", Custody: true,
		Phone: "0612345678", Email: "eva@example.org", Language: "Nederlands", Notes: "Bereikbaar na 15 uur"}
	carer := care.Member{FamilyID: f.ID, Kind: "carer", Name: "Oma Yilmaz", Relation: "oma"}
	for _, m := range []*care.Member{&sibling, &mother, &carer} {
		mustDo(t, "AddMember", s.AddMember(ctx, m))
	}

	// The GP first, then by line and name.
	homecare := care.NetworkMember{FamilyID: f.ID, Name: "Thuiszorg West", Role: "homecare", Organisation: "Zorg BV", Line: 1,
		Phone: "0201234567", Reachability: "Werkdagen 8-17", Responsibilities: "Verzorging"}
	gp := care.NetworkMember{FamilyID: f.ID, Name: "Dr. Bakker", Role: "gp", Line: 1, Email: "bakker@huisarts.example",
		AlwaysReachable: true, Bereavement: true}
	paed := care.NetworkMember{FamilyID: f.ID, Name: "Dr. Amrani", Role: "paediatrician", Organisation: "Emma", Line: 3, Domain: "Neurologie"}
	for _, n := range []*care.NetworkMember{&paed, &homecare, &gp} {
		mustDo(t, "SaveNetworkMember", s.SaveNetworkMember(ctx, n))
	}

	step := care.IntensityChange{FamilyID: f.ID, Intensity: care.Intensive, NextContact: date(2026, 3, 5),
		Reason: "Achteruitgang", ChangedAt: t0.Add(time.Hour), ChangedBy: care.Person{AccountID: thuis.ID}}
	mustDo(t, "AddIntensityChange", s.AddIntensityChange(ctx, &step))

	older := care.Contact{FamilyID: f.ID, Date: date(2026, 2, 12), Kind: "home_visit", With: "both", Location: "Thuis",
		DurationMin: 90, TravelMin: 30, RegistrationMin: 15, Topics: "Kennismaking", FollowUp: "Netwerk in kaart", CreatedAt: t0, CreatedBy: care.Person{AccountID: kct.ID}}
	newer := care.Contact{FamilyID: f.ID, Date: date(2026, 2, 20), Kind: "phone", With: "parent", DurationMin: 15,
		CreatedAt: t0.Add(2 * time.Hour), CreatedBy: care.Person{AccountID: thuis.ID}}
	for _, c := range []*care.Contact{&older, &newer} {
		mustDo(t, "AddContact", s.AddContact(ctx, c))
	}

	// Open tasks first by due date, undated last; then the done ones.
	undated := care.Task{FamilyID: f.ID, Title: "Broer betrekken", OwnerKind: "family", CreatedAt: t0, CreatedBy: care.Person{AccountID: kct.ID}}
	later := care.Task{FamilyID: f.ID, Title: "Tillift aanvragen", OwnerKind: "network", OwnerName: "Thuiszorg West",
		DueDate: date(2026, 3, 20), CreatedAt: t0, CreatedBy: care.Person{AccountID: kct.ID}}
	done := care.Task{FamilyID: f.ID, Title: "Huisarts informeren", OwnerKind: "casemanager", DueDate: date(2026, 3, 1),
		CreatedAt: t0, CreatedBy: care.Person{AccountID: thuis.ID}}
	sooner := care.Task{FamilyID: f.ID, Title: "Overleg school", OwnerKind: "casemanager", DueDate: date(2026, 3, 5),
		CreatedAt: t0, CreatedBy: care.Person{AccountID: thuis.ID}}
	for _, k := range []*care.Task{&undated, &later, &done, &sooner} {
		mustDo(t, "CreateTask", s.CreateTask(ctx, k))
	}
	doneAt := t0.Add(3 * time.Hour)
	mustDo(t, "CompleteTask", s.CompleteTask(ctx, f.ID, done.ID, "Gebeld en gemaild", doneAt, kct.ID))

	got := familyFile(t, s, f.ID)

	wantFamily := *f
	wantFamily.Intensity, wantFamily.NextContact = care.Intensive, step.NextContact
	wantFamily.CreatedAt, wantFamily.UpdatedAt = t0, t0
	kctP := care.Person{AccountID: kct.ID, Name: kct.Name}
	thuisP := care.Person{AccountID: thuis.ID, Name: thuis.Name}
	step.ChangedBy, older.CreatedBy, newer.CreatedBy = thuisP, kctP, thuisP
	for _, k := range []*care.Task{&undated, &later, &done, &sooner} {
		k.Status = "open"
		if k.CreatedBy.AccountID == kct.ID {
			k.CreatedBy = kctP
		} else {
			k.CreatedBy = thuisP
		}
	}
	done.Status, done.DoneNote, done.DoneAt, done.DoneBy = "done", "Gebeld en gemaild", doneAt, kctP
	var intake care.IntensityChange
	if len(got.Intensity) == 2 {
		intake = care.IntensityChange{ID: got.Intensity[1].ID, FamilyID: f.ID, Intensity: care.Regular, NextContact: date(2026, 3, 10),
			Reason: "intake", ChangedAt: t0, ChangedBy: kctP}
		if intake.ID == 0 || intake.ID == step.ID {
			t.Errorf("intake intensity record has ID %d, the step up %d", intake.ID, step.ID)
		}
	}
	want := &care.File{
		Family:       wantFamily,
		Members:      []care.Member{mother, carer, sibling},
		Episode:      ep,
		CaseManagers: care.CaseManagers{KCT: kctP, Thuis: thuisP},
		Network:      []care.NetworkMember{gp, homecare, paed},
		Intensity:    []care.IntensityChange{step, intake},
		Contacts:     []care.Contact{newer, older},
		Tasks:        []care.Task{sooner, later, undated, done},
		ContactCount: 2, DoneTaskCount: 1,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FamilyFile mismatch (-want +got):\n%s", diff)
	}
	if !got.HasGP() {
		t.Error("HasGP = false with a GP in the network")
	}

	// UpdateFamily replaces the details and the secondary diagnoses.
	upd := got.Family
	upd.ChildName, upd.Summary, upd.Secondary = "Sanne de Vries-Yilmaz", "Bijgewerkt", []care.Diagnosis{{Description: "Slaapapneu", ICD10: "G47.3"}}
	at := t0.Add(24 * time.Hour)
	mustDo(t, "UpdateFamily", s.UpdateFamily(ctx, upd.ID, care.EditOf(&upd), at))
	again := familyFile(t, s, f.ID)
	want.Family.ChildName, want.Family.Summary, want.Family.Secondary, want.Family.UpdatedAt = upd.ChildName, upd.Summary, upd.Secondary, at
	if diff := cmp.Diff(want, again); diff != "" {
		t.Errorf("after UpdateFamily (-want +got):\n%s", diff)
	}

	// A file with nothing added has an episode and one case manager only.
	bare := newFile(t, s, org, thuis.ID, "thuis", "Daan", date(2020, 1, 1))
	gotBare := familyFile(t, s, bare.ID)
	if len(gotBare.Members)+len(gotBare.Network)+len(gotBare.Contacts)+len(gotBare.Tasks) != 0 || gotBare.HasGP() {
		t.Errorf("a fresh file holds another family's data: %+v", gotBare)
	}
	if gotBare.CaseManagers.KCT != (care.Person{}) || gotBare.CaseManagers.Thuis != thuisP {
		t.Errorf("fresh file case managers %+v, want only thuis %+v", gotBare.CaseManagers, thuisP)
	}
	if _, err := s.FamilyFile(ctx, 987654, 0); care.ErrorCode(err) != care.NotFound {
		t.Errorf("FamilyFile(missing): %v, want NotFound", err)
	}
}

// testWrongFamilyID calls every change that names an object with the id of
// a family it does not belong to: each must be NotFound and change nothing.
func testWrongFamilyID(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "cm@example.org")
	a := newFile(t, s, org, acc.ID, "kct", "Anna", date(2018, 1, 1))
	b := newFile(t, s, org, acc.ID, "kct", "Bram", date(2019, 1, 1))
	nB := &care.NetworkMember{FamilyID: b.ID, Name: "Dr. Bakker", Role: "gp", Line: 1}
	mustDo(t, "SaveNetworkMember", s.SaveNetworkMember(ctx, nB))
	taskB := &care.Task{FamilyID: b.ID, Title: "Bellen", OwnerKind: "casemanager", CreatedAt: t0, CreatedBy: care.Person{AccountID: acc.ID}}
	mustDo(t, "CreateTask", s.CreateTask(ctx, taskB))
	mustDo(t, "SaveCarePlan", s.SaveCarePlan(ctx, fullPlan(b.ID, acc.ID, taskB.ID), 0))
	proposalB := &care.Proposal{FamilyID: b.ID, Section: "wishes", Body: "Logeren", ProposedBy: care.Person{AccountID: acc.ID}, ProposedAt: t0}
	mustDo(t, "AddProposal", s.AddProposal(ctx, proposalB))
	const missing = 987654

	tests := []struct {
		name string
		fn   func() error
	}{
		{"SaveNetworkMember update", func() error {
			return s.SaveNetworkMember(ctx, &care.NetworkMember{ID: nB.ID, FamilyID: a.ID, Name: "Changed", Role: "nurse", Line: 2})
		}},
		{"SaveNetworkMember update of a missing member", func() error {
			return s.SaveNetworkMember(ctx, &care.NetworkMember{ID: missing, FamilyID: b.ID, Name: "Changed", Role: "nurse"})
		}},
		{"DeleteNetworkMember", func() error { return s.DeleteNetworkMember(ctx, a.ID, nB.ID) }},
		{"DeleteNetworkMember of a missing member", func() error { return s.DeleteNetworkMember(ctx, b.ID, missing) }},
		{"CompleteTask", func() error { return s.CompleteTask(ctx, a.ID, taskB.ID, "Done", t0, acc.ID) }},
		{"CompleteTask of a missing task", func() error { return s.CompleteTask(ctx, b.ID, missing, "Done", t0, acc.ID) }},
		{"AnswerProposal", func() error {
			return s.AnswerProposal(ctx, &care.Proposal{ID: proposalB.ID, FamilyID: a.ID, Status: care.ProposalDeclined,
				AnsweredBy: care.Person{AccountID: acc.ID}, AnsweredAt: t0})
		}},
		{"AnswerProposal of a missing proposal", func() error {
			return s.AnswerProposal(ctx, &care.Proposal{ID: missing, FamilyID: b.ID, Status: care.ProposalDeclined,
				AnsweredBy: care.Person{AccountID: acc.ID}, AnsweredAt: t0})
		}},
		{"UpdateFamily of a missing family", func() error {
			return s.UpdateFamily(ctx, missing, care.EditOf(&care.Family{ID: missing, ChildName: "X", BirthDate: t0, Sex: "male", Intensity: care.Regular,
				Secondary: []care.Diagnosis{{Description: "X"}}}), t0)
		}},
		{"AddIntensityChange of a missing family", func() error {
			return s.AddIntensityChange(ctx, &care.IntensityChange{FamilyID: missing, Intensity: care.Intensive, Reason: "x",
				ChangedAt: t0, ChangedBy: care.Person{AccountID: acc.ID}})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			beforeA, beforeB := familyFile(t, s, a.ID), familyFile(t, s, b.ID)
			if err := tt.fn(); care.ErrorCode(err) != care.NotFound {
				t.Errorf("error %v, want NotFound", err)
			}
			if diff := cmp.Diff(beforeA, familyFile(t, s, a.ID)); diff != "" {
				t.Errorf("family A changed (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(beforeB, familyFile(t, s, b.ID)); diff != "" {
				t.Errorf("family B changed (-before +after):\n%s", diff)
			}
		})
	}
	if n, _ := s.FamilyCount(ctx, org); n != 2 {
		t.Errorf("FamilyCount = %d, want 2", n)
	}
}

func testCompleteTaskOnce(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	a := newAccount(t, s, org, "a@example.org")
	b := newAccount(t, s, org, "b@example.org")
	f := newFile(t, s, org, a.ID, "kct", "Anna", date(2018, 1, 1))
	k := &care.Task{FamilyID: f.ID, Title: "Bellen", OwnerKind: "casemanager", CreatedAt: t0, CreatedBy: care.Person{AccountID: a.ID}}
	mustDo(t, "CreateTask", s.CreateTask(ctx, k))
	mustDo(t, "CompleteTask", s.CompleteTask(ctx, f.ID, k.ID, "Gebeld", t0.Add(time.Hour), a.ID))
	if err := s.CompleteTask(ctx, f.ID, k.ID, "Nog eens", t0.Add(2*time.Hour), b.ID); care.ErrorCode(err) != care.NotFound {
		t.Errorf("second CompleteTask: %v, want NotFound", err)
	}
	got := familyFile(t, s, f.ID).Tasks
	if len(got) != 1 {
		t.Fatalf("%d tasks, want 1", len(got))
	}
	if k := got[0]; k.Status != "done" || k.DoneNote != "Gebeld" || !k.DoneAt.Equal(t0.Add(time.Hour)) || k.DoneBy.AccountID != a.ID {
		t.Errorf("the second completion changed the task: %+v", k)
	}
}

func testCaseload(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	one := newAccount(t, s, org, "one@example.org")
	two := newAccount(t, s, org, "two@example.org")
	idle := newAccount(t, s, org, "idle@example.org")

	zoe := newFile(t, s, org, one.ID, "kct", "Zoë", date(2017, 5, 1))
	mustDo(t, "AssignCaseManager", s.AssignCaseManager(ctx, zoe.ID, "thuis", two.ID))
	anna := newFile(t, s, org, one.ID, "thuis", "Anna", date(2018, 2, 3))
	cas := newFile(t, s, org, two.ID, "kct", "Cas", date(2016, 7, 8))
	mustDo(t, "AddIntensityChange", s.AddIntensityChange(ctx, &care.IntensityChange{FamilyID: cas.ID, Intensity: care.Intensive,
		NextContact: date(2026, 3, 12), Reason: "Opschalen", ChangedAt: t0, ChangedBy: care.Person{AccountID: two.ID}}))

	// Anna: due before, on and after 10 March, undated, and done while overdue.
	for i, due := range []time.Time{date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 11), {}, date(2026, 2, 1)} {
		k := &care.Task{FamilyID: anna.ID, Title: "Taak", OwnerKind: "casemanager", DueDate: due, CreatedAt: t0, CreatedBy: care.Person{AccountID: one.ID}}
		mustDo(t, "CreateTask", s.CreateTask(ctx, k))
		if i == 4 {
			mustDo(t, "CompleteTask", s.CompleteTask(ctx, anna.ID, k.ID, "Gedaan", t0, one.ID))
		}
	}
	// Another family's overdue task counts for that family only.
	mustDo(t, "CreateTask", s.CreateTask(ctx, &care.Task{FamilyID: cas.ID, Title: "Taak", OwnerKind: "network",
		DueDate: date(2026, 1, 1), CreatedAt: t0, CreatedBy: care.Person{AccountID: two.ID}}))

	item := func(f *care.Family, open, overdue int) care.CaseloadItem {
		return care.CaseloadItem{FamilyID: f.ID, ChildName: f.ChildName, BirthDate: f.BirthDate, Intensity: care.Regular,
			OpenTasks: open, Overdue: overdue, Status: "offered"}
	}
	casItem := item(cas, 1, 1)
	casItem.Intensity, casItem.NextContact = care.Intensive, date(2026, 3, 12)
	tests := []struct {
		name    string
		account int64
		today   time.Time
		want    []care.CaseloadItem
	}{
		{"one, 10 March", one.ID, time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC), []care.CaseloadItem{item(anna, 4, 1), item(zoe, 0, 0)}},
		{"one, 10 March 23:30 UTC is the 11th in Amsterdam", one.ID, time.Date(2026, 3, 10, 23, 30, 0, 0, time.UTC),
			[]care.CaseloadItem{item(anna, 4, 2), item(zoe, 0, 0)}},
		{"one, 1 March", one.ID, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), []care.CaseloadItem{item(anna, 4, 0), item(zoe, 0, 0)}},
		{"two", two.ID, time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC), []care.CaseloadItem{casItem, item(zoe, 0, 0)}},
		{"no families", idle.ID, t0, nil},
		{"no such account", 987654, t0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Caseload(ctx, tt.account, tt.today)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Caseload mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func testRelationshipAndAssign(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	a := newAccount(t, s, org, "a@example.org")
	b := newAccount(t, s, org, "b@example.org")
	c := newAccount(t, s, org, "c@example.org")
	f := newFile(t, s, org, a.ID, "kct", "Anna", date(2018, 1, 1))
	other := newFile(t, s, org, c.ID, "kct", "Bram", date(2018, 1, 1))

	check := func(step string, want map[int64]bool, kct, thuis int64) {
		t.Helper()
		for acc, w := range want {
			rel, err := s.Relationship(ctx, acc, f.ID)
			if err != nil || rel.CaseManager != w {
				t.Errorf("%s: Relationship(%d) = %+v, %v; want CaseManager %v", step, acc, rel, err, w)
			}
		}
		cm := familyFile(t, s, f.ID).CaseManagers
		if cm.KCT.AccountID != kct || cm.Thuis.AccountID != thuis {
			t.Errorf("%s: case managers kct %d thuis %d, want %d and %d", step, cm.KCT.AccountID, cm.Thuis.AccountID, kct, thuis)
		}
	}
	check("intake", map[int64]bool{a.ID: true, b.ID: false, c.ID: false, 987654: false}, a.ID, 0)
	mustDo(t, "assign thuis", s.AssignCaseManager(ctx, f.ID, "thuis", b.ID))
	check("thuis b", map[int64]bool{a.ID: true, b.ID: true, c.ID: false}, a.ID, b.ID)
	mustDo(t, "replace kct", s.AssignCaseManager(ctx, f.ID, "kct", c.ID))
	check("kct c", map[int64]bool{a.ID: false, b.ID: true, c.ID: true}, c.ID, b.ID)
	mustDo(t, "replace thuis", s.AssignCaseManager(ctx, f.ID, "thuis", c.ID))
	check("both c", map[int64]bool{a.ID: false, b.ID: false, c.ID: true}, c.ID, c.ID)
	if rel, _ := s.Relationship(ctx, a.ID, 987654); rel.CaseManager {
		t.Error("a relationship with a missing family")
	}
	// The other family is untouched.
	if cm := familyFile(t, s, other.ID).CaseManagers; cm.KCT.AccountID != c.ID || cm.Thuis.AccountID != 0 {
		t.Errorf("other family's case managers changed: %+v", cm)
	}
	if err := s.AssignCaseManager(ctx, f.ID, "boss", a.ID); err == nil {
		t.Error("an unknown case manager kind was stored")
	}
}

func testFamiliesWithBirthDate(t *testing.T, s Store) {
	ctx := context.Background()
	org, otherOrg := newOrg(t, s), newOrg(t, s)
	a := newAccount(t, s, org, "a@example.org")
	o := newAccount(t, s, otherOrg, "o@example.org")
	birth := date(2019, 4, 2)
	sanne := newFile(t, s, org, a.ID, "kct", "Sanne de Vries", birth)
	daan := newFile(t, s, org, a.ID, "kct", "Daan Jansen", birth)
	newFile(t, s, org, a.ID, "kct", "Sanne de Vries", birth.AddDate(0, 0, 1))
	newFile(t, s, otherOrg, o.ID, "kct", "Sanne de Vries", birth)

	got, err := s.FamiliesWithBirthDate(ctx, org, birth)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, it := range got {
		ids = append(ids, it.FamilyID)
		if !it.BirthDate.Equal(birth) {
			t.Errorf("family %d born %v, want %v", it.FamilyID, it.BirthDate, birth)
		}
	}
	if diff := cmp.Diff([]int64{daan.ID, sanne.ID}, ids); diff != "" {
		t.Errorf("FamiliesWithBirthDate (-want +got):\n%s", diff)
	}
	if got, _ := s.FamiliesWithBirthDate(ctx, org, date(2000, 1, 1)); len(got) != 0 {
		t.Errorf("FamiliesWithBirthDate(no one) = %+v", got)
	}
}

var errRollback = errors.New("roll back")

func testAtomicRollsBack(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "a@example.org")
	f := newFile(t, s, org, acc.ID, "kct", "Anna", date(2018, 1, 1))
	before := familyFile(t, s, f.ID)

	var newFamily care.Family
	err := s.Atomic(ctx, func(st care.Store) error {
		if err := st.AddMember(ctx, &care.Member{FamilyID: f.ID, Kind: "parent", Name: "Eva"}); err != nil {
			return err
		}
		if err := st.SaveNetworkMember(ctx, &care.NetworkMember{FamilyID: f.ID, Name: "Dr. Bakker", Role: "gp"}); err != nil {
			return err
		}
		if err := st.AddIntensityChange(ctx, &care.IntensityChange{FamilyID: f.ID, Intensity: care.Intensive, Reason: "x",
			ChangedAt: t0, ChangedBy: care.Person{AccountID: acc.ID}}); err != nil {
			return err
		}
		newFamily = care.Family{OrganisationID: org, ChildName: "Bram", BirthDate: date(2019, 1, 1), Sex: "male", Intensity: care.Regular}
		if err := st.CreateFamilyFile(ctx, &newFamily, &care.Episode{ReferralDate: t0, SurpriseQuestion: "unknown", Status: "offered", StatusDate: t0},
			"kct", acc.ID, t0); err != nil {
			return err
		}
		if err := st.AppendAudit(ctx, &care.AuditEvent{At: t0, ObjectType: "family", Action: care.ActionCreate, Outcome: care.OutcomeSuccess}); err != nil {
			return err
		}
		// Inside the transaction its own writes are visible.
		inside, err := st.FamilyFile(ctx, f.ID, 0)
		if err != nil {
			return err
		}
		if len(inside.Members) != 1 || len(inside.Network) != 1 || inside.Family.Intensity != care.Intensive {
			t.Errorf("inside the transaction: %d members, %d network, intensity %s", len(inside.Members), len(inside.Network), inside.Family.Intensity)
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatalf("Atomic returned %v, want the function's error", err)
	}
	if diff := cmp.Diff(before, familyFile(t, s, f.ID)); diff != "" {
		t.Errorf("rolled-back changes are visible (-before +after):\n%s", diff)
	}
	if n, _ := s.FamilyCount(ctx, org); n != 1 {
		t.Errorf("FamilyCount = %d after the rollback, want 1", n)
	}
	if newFamily.ID != 0 {
		if _, err := s.FamilyFile(ctx, newFamily.ID, 0); care.ErrorCode(err) != care.NotFound {
			t.Errorf("the rolled-back family %d is there: %v", newFamily.ID, err)
		}
	}
	if n, brk, err := s.VerifyAudit(ctx); n != 0 || brk != nil || err != nil {
		t.Errorf("VerifyAudit after the rollback = %d, %v, %v; want no records", n, brk, err)
	}

	// The same work without the error is kept, audit record and all.
	err = s.Atomic(ctx, func(st care.Store) error {
		if err := st.AddMember(ctx, &care.Member{FamilyID: f.ID, Kind: "parent", Name: "Eva"}); err != nil {
			return err
		}
		return st.AppendAudit(ctx, &care.AuditEvent{At: t0, FamilyID: f.ID, ObjectType: "member", Action: care.ActionCreate, Outcome: care.OutcomeSuccess})
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := familyFile(t, s, f.ID); len(got.Members) != 1 {
		t.Errorf("committed member missing: %+v", got.Members)
	}
	if es, _ := s.FamilyAuditEvents(ctx, f.ID); len(es) != 1 || es[0].PrevHash != care.GenesisHash {
		t.Errorf("committed audit records %+v, want one starting the chain", es)
	}
}
