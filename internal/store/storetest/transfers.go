package storetest

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

// testTransfers: a transfer keeps its places, date and status, links its
// checklist items to the family's tasks in checklist order, and no id of
// another family's transfer or task reaches it.
func testTransfers(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	by := care.Person{AccountID: f.caseManager}
	task := func(family int64, title string) care.Task {
		k := care.Task{FamilyID: family, Title: title, OwnerKind: "casemanager", Status: "open", DueDate: day(2026, 3, 9), CreatedAt: t0, CreatedBy: by}
		mustDo(t, "CreateTask", s.CreateTask(ctx, &k))
		return k
	}
	school, homeCare := task(f.family, "School"), task(f.family, "Thuiszorg")
	tr := &care.Transfer{FamilyID: f.family, FromKind: "academic_hospital", FromPlace: "WKZ", ToKind: "home",
		PlannedOn: day(2026, 3, 10), Status: care.TransferPlanned, Note: "Met zuurstof", CreatedAt: t0, CreatedBy: by,
		Items: []care.TransferItem{{Item: "school", Task: school}, {Item: "home_care", Task: homeCare}}}
	mustDo(t, "CreateTransfer", s.CreateTransfer(ctx, tr))
	if tr.ID == 0 {
		t.Fatal("no id")
	}
	got, err := s.Transfer(ctx, f.family, tr.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.FromPlace != "WKZ" || got.ToKind != "home" || !got.PlannedOn.Equal(day(2026, 3, 10)) || got.Status != care.TransferPlanned ||
		got.Note != "Met zuurstof" || got.CreatedBy.Name == "" {
		t.Errorf("Transfer = %+v", got)
	}
	if len(got.Items) != 2 || got.Items[0].Item != "home_care" || got.Items[0].Task.ID != homeCare.ID ||
		got.Items[1].Task.Title != "School" || got.Items[1].Task.Status != "open" {
		t.Errorf("items = %+v, want home care then school, with their tasks", got.Items)
	}
	// Through another family's id: not found, and not listed.
	if _, err := s.Transfer(ctx, other.family, tr.ID); !isNotFound(err) {
		t.Errorf("Transfer through another family = %v, want NotFound", err)
	}
	if list, err := s.Transfers(ctx, other.family); err != nil || len(list) != 0 {
		t.Errorf("Transfers of the other family = %+v, %v", list, err)
	}
	// A checklist item linked to another family's task is refused.
	foreign := task(other.family, "Vreemd")
	bad := &care.Transfer{FamilyID: f.family, FromKind: "home", ToKind: "hospice", PlannedOn: day(2026, 4, 1), Status: care.TransferPlanned,
		CreatedAt: t0, CreatedBy: by, Items: []care.TransferItem{{Item: "aids", Task: foreign}}}
	err = s.Atomic(ctx, func(st care.Store) error { return st.CreateTransfer(ctx, bad) })
	if !isNotFound(err) {
		t.Errorf("item with another family's task = %v, want NotFound", err)
	}
	list, err := s.Transfers(ctx, f.family)
	if err != nil || len(list) != 1 {
		t.Fatalf("Transfers = %+v, %v; want only the first (the refused one rolled back)", list, err)
	}
	// Status: from planned once; not through another family, not twice.
	if err := s.SetTransferStatus(ctx, other.family, tr.ID, care.TransferDone); !isNotFound(err) {
		t.Errorf("status through another family = %v", err)
	}
	mustDo(t, "SetTransferStatus", s.SetTransferStatus(ctx, f.family, tr.ID, care.TransferDone))
	if err := s.SetTransferStatus(ctx, f.family, tr.ID, care.TransferCancelled); !isNotFound(err) {
		t.Errorf("a done transfer cancelled = %v, want NotFound", err)
	}
	if got, _ := s.Transfer(ctx, f.family, tr.ID); got == nil || got.Status != care.TransferDone {
		t.Errorf("status = %+v, want done", got)
	}
}
