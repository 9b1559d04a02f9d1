package care_test

import (
	"context"
	"errors"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestAttachCoverageDocumentWithoutFile: a document form sent without a
// file is refused at the field, and nothing is attached.
func TestAttachCoverageDocumentWithoutFile(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			fx := setup(t, db)
			ctx := context.Background()
			c := &care.CoverageItem{FamilyID: fx.fam, Kind: "night_care", Applicant: "casemanager"}
			p := &care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageApplied, AppliedOn: date(2026, 6, 1)}
			if err := fx.svc.AddCoverageItem(ctx, fx.cm, c, p); err != nil {
				t.Fatal(err)
			}
			_, err := fx.svc.AttachCoverageDocument(ctx, fx.cm, fx.fam, c.ID, 0, "decision", nil)
			var in *care.InvalidInput
			if !errors.As(err, &in) || in.Fields["document"] != "document.required" || in.Coverage == nil {
				t.Fatalf("AttachCoverageDocument without a file = %v", err)
			}
			items, err := fx.s.CoverageItems(ctx, fx.fam)
			if err != nil || len(items) != 1 || len(items[0].Documents) != 0 {
				t.Fatalf("items %+v, %v", items, err)
			}
		})
	}
}

// TestFileSumsUpCoverage: the family page's file says how much the
// coverage plan holds and what needs attention.
func TestFileSumsUpCoverage(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			fx := setup(t, db)
			ctx := context.Background()
			c := &care.CoverageItem{FamilyID: fx.fam, Kind: "night_care", Applicant: "casemanager"}
			p := &care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted, Start: date(2026, 1, 1), End: date(2026, 7, 1)}
			if err := fx.svc.AddCoverageItem(ctx, fx.cm, c, p); err != nil {
				t.Fatal(err)
			}
			f, err := fx.svc.File(ctx, fx.cm, fx.fam)
			if err != nil {
				t.Fatal(err)
			}
			want := care.CoverageOverview{Items: 1, Summary: care.CoverageSummary{Ending: 1}}
			if f.Coverage != want {
				t.Errorf("File.Coverage = %+v, want %+v", f.Coverage, want)
			}
		})
	}
}
