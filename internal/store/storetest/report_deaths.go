package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/report"
)

// testReportDeaths: the report reads the death record in force of each
// family in scope (a correction replaces the first record), and counts
// aftercare only for a follow-up contact done within the period; another
// organisation's deaths stay out.
func testReportDeaths(t *testing.T, s Store) {
	ctx := context.Background()
	a, b := newAccessFixture(t, s), newAccessFixture(t, s)
	by := care.Person{AccountID: a.caseManager}
	first := &care.DeathRecord{FamilyID: a.family, DiedOn: day(2026, 2, 10), Place: care.DeathHome, RecordedAt: t0, RecordedBy: by}
	if err := s.AddDeathRecord(ctx, first); err != nil {
		t.Fatal(err)
	}
	fix := &care.DeathRecord{FamilyID: a.family, Corrects: first.ID, DiedOn: day(2026, 2, 11), Place: "hospital",
		PreferredPlace: care.DeathHome, PreferredMet: "no", Reason: "plaats verkeerd", RecordedAt: t0, RecordedBy: by}
	if err := s.AddDeathRecord(ctx, fix); err != nil {
		t.Fatal(err)
	}
	other := &care.DeathRecord{FamilyID: b.family, DiedOn: day(2026, 2, 12), Place: "hospice", PreferredPlace: "hospice",
		PreferredMet: "yes", RecordedAt: t0, RecordedBy: care.Person{AccountID: b.caseManager}}
	if err := s.AddDeathRecord(ctx, other); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAftercare(ctx, a.family, &care.Aftercare{Contacts: []care.AftercareContact{
		{DueOn: day(2026, 3, 24)}, {DueOn: day(2026, 3, 20), DoneOn: day(2026, 3, 21), DoneBy: by}}}); err != nil {
		t.Fatal(err)
	}
	scope := care.ReportScope{Kind: care.ReportOrganisation, OrganisationID: a.org}
	for _, tc := range []struct {
		name     string
		from, to time.Month
		want     report.Death
	}{
		{"aftercare done in the period", 1, 3, report.Death{FamilyID: a.family, DiedOn: day(2026, 2, 11), Place: "hospital",
			PreferredKnown: true, Aftercare: true}},
		{"aftercare done after the period", 1, 2, report.Death{FamilyID: a.family, DiedOn: day(2026, 2, 11), Place: "hospital",
			PreferredKnown: true}},
	} {
		got, err := s.ReportDeaths(ctx, scope, day(2026, tc.from, 1), day(2026, tc.to, 28))
		if err != nil || len(got) != 1 || got[0] != tc.want {
			t.Errorf("%s: ReportDeaths = %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
	got, err := s.ReportDeaths(ctx, care.ReportScope{Kind: care.ReportCaseload, AccountID: b.caseManager}, day(2026, 1, 1), day(2026, 12, 31))
	if err != nil || len(got) != 1 || got[0].FamilyID != b.family || !got[0].PreferredMet || got[0].Aftercare {
		t.Errorf("caseload b: ReportDeaths = %+v, %v", got, err)
	}
}
