package storetest

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

// testReportRows: an organisation's region round-trips; the report's rows
// are scoped to the caseload, the organisation or the region asked for;
// the preferred place of death is read from the plan's JSON on both
// databases; and an unknown scope, or a region without a name, reads
// nothing.
func testReportRows(t *testing.T, s Store) {
	ctx := context.Background()
	a, b := newAccessFixture(t, s), newAccessFixture(t, s)
	for org, region := range map[int64]string{a.org: "Zuidwest", b.org: "Noord"} {
		if err := s.SetOrganisationRegion(ctx, org, region); err != nil {
			t.Fatal(err)
		}
	}
	if _, region, err := s.OrganisationRegion(ctx, a.org); err != nil || region != "Zuidwest" {
		t.Errorf("OrganisationRegion = %q, %v", region, err)
	}
	if _, _, err := s.OrganisationRegion(ctx, 99999); !isNotFound(err) {
		t.Errorf("OrganisationRegion(missing) = %v, want NotFound", err)
	}
	plan := &care.CarePlan{FamilyID: a.family, SavedAt: t0, SavedBy: care.Person{AccountID: a.caseManager}, Changes: []string{"created"},
		ACP: care.ACP{PlaceOfDeath: care.Preference{Place: "hospice", Detail: "Het hospice in de buurt"}}, ReviewDue: day(2026, 6, 1)}
	if err := s.SaveCarePlan(ctx, plan, 0); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		scope care.ReportScope
		want  int64
	}{
		{"caseload", care.ReportScope{Kind: care.ReportCaseload, AccountID: a.caseManager}, a.family},
		{"organisation", care.ReportScope{Kind: care.ReportOrganisation, OrganisationID: b.org}, b.family},
		{"region", care.ReportScope{Kind: care.ReportRegion, Region: "Zuidwest"}, a.family},
	} {
		kids, err := s.ReportChildren(ctx, tc.scope, day(2026, 12, 31))
		if err != nil || len(kids) != 1 || kids[0].FamilyID != tc.want {
			t.Errorf("%s: ReportChildren = %+v, %v", tc.name, kids, err)
			continue
		}
		want := ""
		if tc.want == a.family {
			want = "hospice"
		}
		if kids[0].PreferredPlace != want {
			t.Errorf("%s: preferred place %q, want %q", tc.name, kids[0].PreferredPlace, want)
		}
	}
	// The plan saved after the day asked for does not count.
	if kids, err := s.ReportChildren(ctx, care.ReportScope{Kind: care.ReportCaseload, AccountID: a.caseManager}, t0.AddDate(0, 0, -1)); err != nil ||
		len(kids) != 1 || kids[0].PreferredPlace != "" {
		t.Errorf("before the plan: %+v, %v", kids, err)
	}
	for _, bad := range []care.ReportScope{{Kind: "everything"}, {Kind: care.ReportRegion}} {
		if _, err := s.ReportChildren(ctx, bad, t0); err == nil {
			t.Errorf("scope %+v read rows", bad)
		}
	}
}
