package care_test

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestTransitionOnTheFamilyPage: the case managers' family page carries
// the turning-18 checklist from the 17th birthday, with the youth care
// that ends at 18 — not youth care that was refused — in the one audited
// read of the page; the coverage page lists the same items.
func TestTransitionOnTheFamilyPage(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			today := care.DateOf(now)
			teen := mustCreate(t, fx, fx.cm, intake("Thijs Bakker", today.AddDate(-17, -8, 0)))
			add := func(desc, status string) {
				t.Helper()
				c := &care.CoverageItem{FamilyID: teen, Kind: "personal_care", Description: desc, Applicant: "casemanager"}
				p := &care.CoveragePeriod{Law: care.LawJeugdwet, Form: "zin", Status: status, Start: today.AddDate(-1, 0, 0),
					AppliedOn: today.AddDate(-1, -1, 0), DecidedOn: today.AddDate(-1, 0, 0)}
				if err := fx.svc.AddCoverageItem(ctx, fx.cm, c, p); err != nil {
					t.Fatalf("%s: %v", desc, err)
				}
			}
			add("Begeleiding thuis", care.CoverageGranted)
			add("Logeren", care.CoverageRefused)

			before := lastAuditID(t, fx.s)
			f, err := fx.svc.File(ctx, fx.cm, teen)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(auditAfter(t, fx.s, before)); n != 1 {
				t.Errorf("the family page left %d audit records, want 1", n)
			}
			if f.Transition == nil || !f.Transition.Eighteenth.Equal(care.Eighteenth(f.Family.BirthDate)) || f.Transition.Accepted != nil {
				t.Fatalf("transition %+v", f.Transition)
			}
			if got := f.Transition.JeugdwetItems; len(got) != 1 || got[0].Description != "Begeleiding thuis" {
				t.Errorf("family page: items ending at 18 %+v", got)
			}
			cf, err := fx.svc.Coverage(ctx, fx.cm, care.ViewCaseFile, teen)
			if err != nil {
				t.Fatal(err)
			}
			if got := cf.Transition.JeugdwetItems; len(got) != 1 || got[0].Description != "Begeleiding thuis" {
				t.Errorf("coverage page: items ending at 18 %+v", got)
			}

			// A seven-year-old's page has no checklist.
			if f, err := fx.svc.File(ctx, fx.cm, fx.fam); err != nil || f.Transition != nil {
				t.Errorf("seven-year-old: %+v, %v", f.Transition, err)
			}
		})
	}
}
