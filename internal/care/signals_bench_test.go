package care_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// BenchmarkDashboard reads the case manager's dashboard over a caseload of
// 60 families, each with a GP, four tasks (one overdue), three coverage
// items and two aids, every fifth child admitted: the signal rules' input
// read in grouped queries, the rules, the worklist and the audit record.
// It reports the median read as p50-ms; the target is 10 ms. It runs with
// the families' signal files kept between reads (kept) and without (read).
func BenchmarkDashboard(b *testing.B) {
	for _, db := range storetest.Databases() {
		b.Run(db.Name, func(b *testing.B) {
			ctx := context.Background()
			s := db.Open(b)
			org, _ := s.CreateOrganisation(ctx, "KCT", now)
			svc := care.NewService(s, func() time.Time { return now })
			cm := newAccount(b, s, org, care.RoleCaseManager, "cm@example.org")
			const families = 60
			today := care.DateOf(now)
			for i := range families {
				fam, err := svc.CreateFamily(ctx, cm, intake(fmt.Sprint("Kind ", i), date(2010+i%15, time.Month(1+i%12), 1+i%28)))
				if err != nil {
					b.Fatal(err)
				}
				if err := svc.SaveNetworkMember(ctx, cm, &care.NetworkMember{FamilyID: fam, Name: "Huisarts", Role: "gp", Line: 1}); err != nil {
					b.Fatal(err)
				}
				for j, due := range []int{-3, 0, 4, 30} {
					t := &care.Task{FamilyID: fam, Title: fmt.Sprint("Taak ", j), DueDate: today.AddDate(0, 0, due),
						Pick: care.TaskOwner{Kind: care.OwnerCaseManager, ID: cm.AccountID}}
					if err := svc.CreateTask(ctx, cm, t); err != nil {
						b.Fatal(err)
					}
				}
				addBenchCoverage(b, svc, cm, fam, i)
				if i%5 == 0 {
					if err := svc.SaveStay(ctx, cm, &care.Stay{FamilyID: fam, Kind: care.StayAcademicHospital, Place: "WKZ",
						Start: today.AddDate(0, 0, -2)}); err != nil {
						b.Fatal(err)
					}
				}
			}
			if db.Name == "postgres" {
				// Statistics, as autovacuum keeps them on a live database.
				if err := s.ExecRaw(ctx, "ANALYZE"); err != nil {
					b.Fatal(err)
				}
			}
			// kept: the families' signal files are kept between reads, as
			// while their files do not change; read: the store keeps none.
			for _, keep := range []struct {
				name     string
				families int
			}{{"kept", store.DefaultKeptSignalFiles}, {"read", 0}} {
				b.Run(keep.name, func(b *testing.B) {
					s.KeepSignalFiles(keep.families)
					var took []time.Duration
					for b.Loop() {
						start := time.Now()
						d, err := svc.Dashboard(ctx, cm)
						took = append(took, time.Since(start))
						if err != nil || len(d.Families) != families || len(d.Admitted) != families/5 {
							b.Fatalf("dashboard of %d families, %d admitted (%v)", len(d.Families), len(d.Admitted), err)
						}
					}
					slices.Sort(took)
					b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
				})
			}
		})
	}
}
