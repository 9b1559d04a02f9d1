package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

func testDeathRecords(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	by := care.Person{AccountID: f.caseManager}
	first := &care.DeathRecord{FamilyID: f.family, DiedOn: day(2026, 2, 10), DiedTime: "03:10", Place: care.DeathHome,
		PreferredPlace: care.DeathHome, PreferredMet: "yes", QualityNote: "rustig", RecordedAt: t0, RecordedBy: by}
	if err := s.AddDeathRecord(ctx, first); err != nil || first.ID == 0 {
		t.Fatalf("AddDeathRecord = %v, id %d", err, first.ID)
	}
	// A second first record is refused by the database itself.
	again := *first
	again.ID = 0
	if err := s.AddDeathRecord(ctx, &again); care.ErrorCode(err) != care.Conflict {
		t.Errorf("second first record = %v, want Conflict", err)
	}
	fix := &care.DeathRecord{FamilyID: f.family, Corrects: first.ID, DiedOn: day(2026, 2, 10), DiedTime: "04:10", Place: care.DeathHome,
		PreferredPlace: care.DeathHome, PreferredMet: "yes", Reason: "tijd verkeerd", RecordedAt: t0, RecordedBy: by}
	if err := s.AddDeathRecord(ctx, fix); err != nil {
		t.Fatal(err)
	}
	twice := *fix
	twice.ID = 0
	if err := s.AddDeathRecord(ctx, &twice); care.ErrorCode(err) != care.Conflict {
		t.Errorf("second correction of one record = %v, want Conflict", err)
	}
	// A correction through another family is NotFound.
	stray := &care.DeathRecord{FamilyID: other.family, Corrects: fix.ID, DiedOn: day(2026, 2, 10), Place: care.DeathHome,
		RecordedAt: t0, RecordedBy: care.Person{AccountID: other.caseManager}}
	if err := s.AddDeathRecord(ctx, stray); !isNotFound(err) {
		t.Errorf("correction through another family = %v, want NotFound", err)
	}
	recs, err := s.DeathRecords(ctx, f.family)
	if err != nil || len(recs) != 2 {
		t.Fatalf("DeathRecords = %+v, %v", recs, err)
	}
	if got := recs[0]; got.ID != fix.ID || got.Corrects != first.ID || got.DiedTime != "04:10" || got.Reason != "tijd verkeerd" ||
		!got.DiedOn.Equal(day(2026, 2, 10)) || got.RecordedBy.Name == "" || !got.RecordedAt.Equal(t0) {
		t.Errorf("record in force = %+v", got)
	}
	if got := recs[1]; got.Corrects != 0 || got.DiedTime != "03:10" || got.QualityNote != "rustig" || got.PreferredMet != "yes" {
		t.Errorf("first record = %+v", got)
	}
	if recs, err := s.DeathRecords(ctx, other.family); err != nil || len(recs) != 0 {
		t.Errorf("other family's records = %+v, %v", recs, err)
	}

	late := &care.Task{FamilyID: f.family, Title: "Tillift", OwnerKind: "casemanager", DueDate: day(2026, 1, 5), Status: "open",
		CreatedAt: t0, CreatedBy: by}
	if err := s.CreateTask(ctx, late); err != nil {
		t.Fatal(err)
	}
	overdue := care.WorklistQuery{OverdueOn: t0}
	if w, err := s.Worklist(ctx, f.caseManager, overdue); err != nil || len(w) != 1 || w[0].Deceased {
		t.Fatalf("overdue worklist before the death = %+v, %v", w, err)
	}

	// The family's row and the caseload carry the date.
	if err := s.SetDeceased(ctx, f.family, day(2026, 2, 10)); err != nil {
		t.Fatal(err)
	}
	// A task of a child who died is no longer overdue; it is still open.
	if w, err := s.Worklist(ctx, f.caseManager, overdue); err != nil || len(w) != 0 {
		t.Errorf("overdue worklist after the death = %+v, %v", w, err)
	}
	if w, err := s.Worklist(ctx, f.caseManager, care.WorklistQuery{}); err != nil || len(w) != 1 || !w[0].Deceased {
		t.Errorf("worklist after the death = %+v, %v", w, err)
	}
	if err := s.SetNextContact(ctx, f.family, day(2026, 3, 24)); err != nil {
		t.Fatal(err)
	}
	fam, err := s.FamilyByID(ctx, f.family)
	if err != nil || !fam.Deceased || !fam.DeceasedOn.Equal(day(2026, 2, 10)) || !fam.NextContact.Equal(day(2026, 3, 24)) {
		t.Errorf("family = %+v, %v", fam, err)
	}
	items, err := s.Caseload(ctx, f.caseManager, t0)
	if err != nil || len(items) != 1 || !items[0].Deceased || !items[0].DeceasedOn.Equal(day(2026, 2, 10)) {
		t.Errorf("caseload = %+v, %v", items, err)
	}
	if err := s.SetNextContact(ctx, f.family, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if fam, _ := s.FamilyByID(ctx, f.family); !fam.NextContact.IsZero() {
		t.Errorf("next contact not cancelled: %v", fam.NextContact)
	}
	if o, _ := s.FamilyByID(ctx, other.family); o.Deceased || !o.DeceasedOn.IsZero() {
		t.Errorf("other family = %+v", o)
	}
}

func testAftercare(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	sib := &care.Member{FamilyID: f.family, Kind: "sibling", Name: "Daan"}
	if err := s.AddMember(ctx, sib); err != nil {
		t.Fatal(err)
	}
	if a, err := s.Aftercare(ctx, f.family); err != nil || len(a.People) != 0 || len(a.Contacts) != 0 {
		t.Fatalf("empty plan = %+v, %v", a, err)
	}
	plan := &care.Aftercare{
		People: []care.AftercarePerson{{MemberID: sib.ID, Supporter: "Rouwcentrum"}, {NetworkID: f.network, Wishes: "rust"}},
		Contacts: []care.AftercareContact{{DueOn: day(2026, 3, 24)}, {DueOn: day(2026, 5, 10), Note: "thuis"},
			{DueOn: day(2026, 3, 1), DoneOn: day(2026, 3, 2), DoneBy: care.Person{AccountID: f.caseManager}}},
	}
	if err := s.SaveAftercare(ctx, f.family, plan); err != nil {
		t.Fatal(err)
	}
	a, err := s.Aftercare(ctx, f.family)
	if err != nil || len(a.People) != 2 || len(a.Contacts) != 3 {
		t.Fatalf("plan = %+v, %v", a, err)
	}
	if a.People[0].MemberID != 0 || a.People[0].NetworkID != f.network || a.People[0].Wishes != "rust" ||
		a.People[1].MemberID != sib.ID || a.People[1].Supporter != "Rouwcentrum" {
		t.Errorf("people (the parents first) = %+v", a.People)
	}
	if c := a.Contacts[0]; !c.DueOn.Equal(day(2026, 3, 1)) || !c.DoneOn.Equal(day(2026, 3, 2)) || c.DoneBy.Name == "" {
		t.Errorf("first contact = %+v", c)
	}
	if next := a.NextOpen(); next == nil || !next.DueOn.Equal(day(2026, 3, 24)) {
		t.Errorf("next open = %+v", next)
	}
	// Saving again keeps ids, and drops the contacts left out.
	keep := a.Contacts[1]
	keep.Note = "gebeld"
	if err := s.SaveAftercare(ctx, f.family, &care.Aftercare{People: a.People[:1], Contacts: []care.AftercareContact{keep}}); err != nil {
		t.Fatal(err)
	}
	a, _ = s.Aftercare(ctx, f.family)
	if len(a.People) != 1 || len(a.Contacts) != 1 || a.Contacts[0].ID != keep.ID || a.Contacts[0].Note != "gebeld" {
		t.Errorf("saved again = %+v", a)
	}
	// Another family's contact id is NotFound, and changes nothing.
	stray := keep
	if err := s.SaveAftercare(ctx, other.family, &care.Aftercare{Contacts: []care.AftercareContact{stray}}); !isNotFound(err) {
		t.Errorf("contact through another family = %v, want NotFound", err)
	}
	if o, _ := s.Aftercare(ctx, other.family); len(o.Contacts) != 0 {
		t.Errorf("other family's plan = %+v", o)
	}

	// The organisation's defaults.
	if got, err := s.AftercareOffsets(ctx, f.org); err != nil || got != care.DefaultAftercareOffsets {
		t.Errorf("default offsets = %q, %v", got, err)
	}
	if err := s.SetAftercareOffsets(ctx, f.org, "2w 6m"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.AftercareOffsets(ctx, f.org); got != "2w 6m" {
		t.Errorf("offsets = %q", got)
	}
	if got, _ := s.AftercareOffsets(ctx, other.org); got != care.DefaultAftercareOffsets {
		t.Errorf("other organisation's offsets = %q", got)
	}
}
