package care_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// BenchmarkCaseloadCoverage lists a caseload of 60 families as their case
// manager, first without a coverage plan, then with three items (one
// renewed) and two aids each: what the coverage counts on the caseload
// cost per listing, its audit record included.
func BenchmarkCaseloadCoverage(b *testing.B) {
	for _, db := range storetest.Databases() {
		b.Run(db.Name, func(b *testing.B) {
			ctx := context.Background()
			s := db.Open(b)
			org, _ := s.CreateOrganisation(ctx, "KCT", now)
			svc := care.NewService(s, func() time.Time { return now })
			cm := newAccount(b, s, org, care.RoleCaseManager, "cm@example.org")
			const families = 60
			ids := make([]int64, families)
			for i := range ids {
				id, err := svc.CreateFamily(ctx, cm, intake(fmt.Sprint("Kind ", i), date(2010+i%15, time.Month(1+i%12), 1+i%28)))
				if err != nil {
					b.Fatal(err)
				}
				ids[i] = id
			}
			list := func(b *testing.B) {
				b.ResetTimer()
				for b.Loop() {
					items, err := svc.Caseload(ctx, cm, "", "")
					if err != nil || len(items) != families {
						b.Fatalf("%d families (%v), want %d", len(items), err, families)
					}
				}
			}
			b.Run("without", list)
			for i, fam := range ids {
				addBenchCoverage(b, svc, cm, fam, i)
			}
			b.Run("with", list)
		})
	}
}

// addBenchCoverage gives a family three items, the first renewed once, and
// two aids, one of them still waiting.
func addBenchCoverage(b *testing.B, svc *care.Service, cm care.Actor, fam int64, i int) {
	b.Helper()
	ctx := context.Background()
	today := care.DateOf(now)
	start := today.AddDate(-1, 0, -i)
	night := &care.CoverageItem{FamilyID: fam, Kind: "night_care", Applicant: "casemanager"}
	first := &care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageGranted, HoursPerWeek: 56,
		AmountCents: 90_000_00, IndicatedBy: "ciz", Start: start, End: start.AddDate(1, 0, -1)}
	if err := svc.AddCoverageItem(ctx, cm, night, first); err != nil {
		b.Fatal(err)
	}
	renewal := &care.CoveragePeriod{ItemID: night.ID, FamilyID: fam, Law: care.LawWlz, Form: "pgb", Status: care.CoverageGranted,
		HoursPerWeek: 42, AmountCents: 70_000_00, IndicatedBy: "ciz", Start: start.AddDate(1, 0, 0), End: start.AddDate(2, 0, -1)}
	if err := svc.RenewCoverage(ctx, cm, renewal); err != nil {
		b.Fatal(err)
	}
	for _, p := range []*care.CoveragePeriod{
		{Law: care.LawZvw, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 8, IndicatedBy: "nurse", Start: start},
		{Law: care.LawJeugdwet, Form: "zin", Status: care.CoverageObjection, HoursPerWeek: 6, IndicatedBy: "municipality", Start: start,
			ObjectionFiledOn: today.AddDate(0, 0, -10), ObjectionDue: today.AddDate(0, 0, 20+i%40)},
	} {
		if err := svc.AddCoverageItem(ctx, cm, &care.CoverageItem{FamilyID: fam, Kind: "personal_care", Applicant: "parents"}, p); err != nil {
			b.Fatal(err)
		}
	}
	for _, a := range []*care.Aid{
		{FamilyID: fam, Kind: "wheelchair", Via: care.LawWmo, Status: care.AidDelivered, Requested: start, Delivered: start.AddDate(0, 2, 0)},
		{FamilyID: fam, Kind: "stair_lift", Via: care.LawWmo, Status: care.AidAssessed, Requested: today.AddDate(0, 0, -30-i), Assessed: today.AddDate(0, 0, -20)},
	} {
		if err := svc.SaveAid(ctx, cm, a); err != nil {
			b.Fatal(err)
		}
	}
}
