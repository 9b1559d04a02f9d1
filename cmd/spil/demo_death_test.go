package main

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// checkDemoDeath checks Mila Verhoef's file through the care service as
// her case manager reads it: she died at home, where the care plan said
// she wished to, the date of death on the caseload with no overdue tasks,
// and an aftercare plan for her parents and her sister with one
// follow-up contact done and two planned, the first of those the next
// contact. No other demo child has died.
func checkDemoDeath(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	svc := care.NewService(s, nil)
	kct := demoActor(t, s, kctEmail)
	items, err := svc.Caseload(ctx, kct, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var mila *care.CaseloadItem
	for i, it := range items {
		switch {
		case it.ChildName == "Mila Verhoef":
			mila = &items[i]
		case it.Deceased:
			t.Errorf("%s has died in the demo", it.ChildName)
		}
	}
	if mila == nil || !mila.Deceased || mila.DeceasedOn.IsZero() || mila.Overdue != 0 || mila.OpenTasks == 0 {
		t.Fatalf("Mila on the caseload: %+v", mila)
	}
	df, err := svc.Death(ctx, kct, mila.FamilyID)
	if err != nil {
		t.Fatal(err)
	}
	r := df.Current()
	if r == nil || r.Place != care.DeathHome || r.PreferredPlace != care.DeathHome || r.PreferredMet != "yes" || !r.DiedOn.Equal(mila.DeceasedOn) {
		t.Fatalf("Mila's death record: %+v", r)
	}
	a := df.Aftercare
	if len(a.People) != 2 || a.People[0].MemberID != 0 || a.People[0].Supporter == "" || a.People[1].MemberName != "Fleur Verhoef" {
		t.Errorf("aftercare people: %+v", a.People)
	}
	done := 0
	for _, c := range a.Contacts {
		if c.Done() {
			done++
		}
	}
	if len(a.Contacts) != 3 || done != 1 || a.NextOpen() == nil || !mila.NextContact.Equal(a.NextOpen().DueOn) {
		t.Errorf("aftercare contacts: %+v, next contact %v", a.Contacts, mila.NextContact)
	}
	figs, err := svc.DeathFigures(ctx, kct, nil)
	if err != nil || len(figs) != 1 || !figs[0].PreferredKnown {
		t.Errorf("the demo's CaPalCa figures: %+v, %v", figs, err)
	}
}
