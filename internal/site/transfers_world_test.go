package site_test

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

// transferWorld gives family A a transfer home planned next week, with a
// checklist task for its case manager.
func (w *authzWorld) transferWorld(t *testing.T) {
	t.Helper()
	tr := &care.Transfer{FamilyID: w.famA, FromKind: "academic_hospital", FromPlace: "WKZ", ToKind: "home",
		PlannedOn: care.DateOf(w.a.Clock.Now()).AddDate(0, 0, 7)}
	steps := []care.TransferStep{{Item: "home_care", Title: "Thuiszorg regelen", Owner: care.TaskOwner{Kind: care.OwnerCaseManager, ID: w.ids["own"]}}}
	if err := w.a.Care.PlanTransfer(context.Background(), w.actor("own"), tr, steps); err != nil {
		t.Fatal(err)
	}
	w.transferA = tr.ID
}
