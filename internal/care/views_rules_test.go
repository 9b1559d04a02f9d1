package care_test

import (
	"context"
	"errors"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestFamilyViewRules covers what a family member may see and do beyond the
// basics: no provider notes, consent buttons only with custody, a
// withdrawal without a scope, and tasks linked only to this family's network.
func TestFamilyViewRules(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			w := newViewWorld(t, db, date(2018, 3, 1))
			ctx := context.Background()
			w.consent(t, w.mother, w.gpNet, true, care.ScopeFile)
			if err := w.svc.AddProviderNote(ctx, w.gp, w.fam, "Graag overleg over de medicatie"); err != nil {
				t.Fatal(err)
			}
			if err := w.svc.AddFamilyNote(ctx, w.mother, w.fam, care.NoteWish, "Zo lang mogelijk thuis"); err != nil {
				t.Fatal(err)
			}
			ov, err := w.svc.FamilyView(ctx, w.mother, w.fam)
			if err != nil {
				t.Fatal(err)
			}
			if len(ov.Notes) != 1 || ov.Notes[0].Kind != care.NoteWish {
				t.Errorf("family sees notes %+v, want only their wish", ov.Notes)
			}
			if !ov.MayConsent {
				t.Error("the mother with custody may not consent")
			}
			fv, err := w.svc.FamilyView(ctx, w.father, w.fam)
			if err != nil {
				t.Fatal(err)
			}
			if fv.MayConsent {
				t.Error("the father without custody is offered consent")
			}
			// Withdrawing needs no scope.
			if err := w.svc.SetConsent(ctx, w.mother, w.fam, w.gpNet, false, ""); err != nil {
				t.Fatalf("withdrawal without scope: %v", err)
			}
			w.canView(t, w.gp, false)
			// A task cannot be linked to another family's provider.
			task := &care.Task{FamilyID: w.fam, Title: "Bellen", OwnerKind: "network", NetworkMemberID: w.otherNet}
			err = w.svc.CreateTask(ctx, w.cm, task)
			var fe care.FieldErrors
			if !errors.As(err, &fe) || !fe.Has("network_member") {
				t.Errorf("task linked to another family's provider: %v", err)
			}
		})
	}
}
