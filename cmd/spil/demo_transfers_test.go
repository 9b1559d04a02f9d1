package main

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// checkDemoTransfers checks the move home planned for Sem de Wit, through
// the care service: the case manager sees its checklist with a task for
// herself, the GP, the home-care nurse and his mother; the home-care
// nurse, whose consent covers the plan and the network, reads the handoff
// summary without the tasks; his father reads it whole.
func checkDemoTransfers(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	svc := care.NewService(s, nil)
	kct := demoActor(t, s, kctEmail)
	items, err := svc.Caseload(ctx, kct, "Sem", "")
	if err != nil || len(items) != 1 {
		t.Fatalf("Sem in the caseload: %+v, %v", items, err)
	}
	fam := items[0].FamilyID
	tf, err := svc.Transfers(ctx, kct, care.ViewCaseFile, fam)
	if err != nil || len(tf.Transfers) != 1 {
		t.Fatalf("Sem's transfers: %+v, %v", tf, err)
	}
	tr := tf.Transfers[0]
	if tr.FromKind != "academic_hospital" || tr.ToKind != "home" || !tr.Open() || len(tr.Items) != len(care.TransferChecklist) {
		t.Fatalf("Sem's transfer: %+v", tr)
	}
	kinds := map[string]bool{}
	for _, it := range tr.Items {
		kinds[it.Task.OwnerKindShown()] = true
		if it.Task.ID == 0 || !it.Task.DueDate.Equal(care.TransferDue(tr.PlannedOn)) {
			t.Errorf("checklist item %s: %+v", it.Item, it.Task)
		}
	}
	for _, k := range []string{care.OwnerCaseManager, care.OwnerNetwork, care.OwnerParent} {
		if !kinds[k] {
			t.Errorf("no checklist item for a %s", k)
		}
	}
	if tr.OpenItems() != len(care.TransferChecklist)-1 {
		t.Errorf("%d checklist items open, want all but the aids", tr.OpenItems())
	}
	nurse := demoActor(t, s, "zorgverlener3@demo.spil.test")
	h, err := svc.Handoff(ctx, nurse, care.ViewProvider, fam, tr.ID)
	if err != nil {
		t.Fatalf("the home-care nurse's handoff summary: %v", err)
	}
	if h.ShowsTasks() || len(h.Transfer.Items) != 0 || len(h.Network) == 0 {
		t.Errorf("the nurse (plan and network) sees tasks %v, checklist %d, network %d", h.ShowsTasks(), len(h.Transfer.Items), len(h.Network))
	}
	father := demoActor(t, s, "ouder2@demo.spil.test")
	if h, err := svc.Handoff(ctx, father, care.ViewFamily, fam, tr.ID); err != nil || len(h.Transfer.Items) != len(care.TransferChecklist) {
		t.Errorf("Sem's father's handoff summary: %v", err)
	}
}
